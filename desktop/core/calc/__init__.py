"""Calculators of the Memory & quantization and Scaling laws pages (Qt-free).

- `quantity`: numbers the way people type them (7B, 1.5e9, 4k, 350M) with errors that name the field.
- `memory`: the memory a model needs to load, run and train (`MemoryEstimate`), the KV cache, model presets.
- `dtypes`: how a number is stored in FP32, FP16, BF16 and INT8 (bit layouts, rounding error, absmax).
- `scaling`: compute-optimal training (≈20 tokens per parameter, C ≈ 6·N·D), training time, known models.
- `gguf_types`: the share of a GGUF file's parameters in each quant type.
- `scenarios`: saved calculator inputs and results in the user database.
"""

from desktop.core.calc.quantity import CalcInputError, parse_quantity

__all__ = ["CalcInputError", "parse_quantity"]
