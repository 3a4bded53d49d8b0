"""The technical terms the interface keeps in English in every language, because the lessons keep them (see
content/lessons/pt-BR): the names a student meets in papers, model cards and llama.cpp's options.

The translation test (tests/ui/test_translations.py) accepts a pt-BR text equal to its English source only when
it is made of these terms, numbers and punctuation. Keep the list short: a term goes here only if the pt-BR
lessons use it untranslated."""

from __future__ import annotations

KEEP_IN_ENGLISH: frozenset[str] = frozenset({
    # sampling (the lab's controls and the lessons' section titles)
    "top-k", "top-p", "min-p", "greedy", "softmax", "logits", "logit", "prompt", "tokens", "token", "seed",
    # models and formats
    "GGUF", "gguf", "encoder", "decoder", "llama.cpp", "llama-cpp-python", "Gemma", "Transformer", "LLM", "LLMs", "KV", "cache",
    "FP32", "FP16", "BF16", "INT8", "INT4", "Q4_K_M", "Q8_0", "CPU", "GPU", "CUDA", "Metal", "Vulkan", "RAM",
    "VRAM", "Chinchilla", "FLOPs", "FLOP", "Adam", "AdamW", "LoRA", "QLoRA", "vocab", "id", "ids",
    # flashcards (the pt-BR lessons say "quiz" and "cloze" too)
    "FSRS", "FSRS-6", "Anki", "apkg", "CSV", "cloze", "quiz",
    # scaling (the pt-BR lessons keep the paper's term)
    "compute-optimal",
    # interpretability (lesson 04 keeps the technique's name: "a técnica chamada *logit lens*")
    "lens",
    # units and symbols
    "B", "M", "K", "GB", "GiB", "MB", "MiB", "KB", "KiB", "TB", "bits", "bit", "bytes", "byte", "ms", "s",
    "A", "C", "D", "N", "x", "×", "%", "/", "·", "—", "–", "…", "→", "←",
    # names of the app and of people / papers shown as references
    "LLM Study Desk", "Study Desk", "Kaplan", "Hoffmann", "OpenAI", "Ollama", "vLLM", "Hugging Face",
})

# Whole texts shown the same in every language on purpose: the language names in their own language, and the
# bilingual label of the language setting (so a student who cannot read the current language still finds it).
SAME_IN_EVERY_LANGUAGE: frozenset[str] = frozenset({
    "Português (Brasil)", "Português (BR)", "English", "Idioma / Language", "Idioma / Language:",
})
