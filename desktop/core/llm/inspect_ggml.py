"""ggml through ctypes: what the inspector needs that llama-cpp-python does not wrap.

- `struct ggml_tensor` (ggml/include/ggml.h, shipped in the wheel as include/ggml.h): no ggml function returns a
  tensor's shape, so `ne[]`/`nb[]`/`name`/`data` are read from the struct. The layout is checked once against
  `ggml_get_name`, `ggml_nelements` and `ggml_get_data` on a tensor we create ourselves; a mismatch (another ggml
  version) makes the inspector unavailable instead of reading garbage.
- `OutputHead`: the model's final norm and output matrix applied with ggml's own operations to any hidden state,
  on the weights memory-mapped from the GGUF file (found with the gguf C API). ggml's Q8_0 mul_mat is what
  llama.cpp runs, so the last layer's lens equals the model's logits; numpy on dequantized weights would differ
  by up to 0.3 logit (../shared/FACTS.md, "Inside the model").
"""

from __future__ import annotations

import ctypes
import mmap
import threading
from pathlib import Path

import llama_cpp._ggml as _ggml_module
import numpy as np

GGML_MAX_DIMS = 4
GGML_MAX_SRC = 10
GGML_MAX_OP_PARAMS = 64
GGML_MAX_NAME = 64
GGML_TYPE_F32 = 0


class GGMLTensor(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("buffer", ctypes.c_void_p),
        ("ne", ctypes.c_int64 * GGML_MAX_DIMS),
        ("nb", ctypes.c_size_t * GGML_MAX_DIMS),
        ("op", ctypes.c_int),
        ("op_params", ctypes.c_int32 * (GGML_MAX_OP_PARAMS // 4)),
        ("flags", ctypes.c_int32),
        ("src", ctypes.c_void_p * GGML_MAX_SRC),
        ("view_src", ctypes.c_void_p),
        ("view_offs", ctypes.c_size_t),
        ("data", ctypes.c_void_p),
        ("name", ctypes.c_char * GGML_MAX_NAME),
        ("extra", ctypes.c_void_p),
        ("padding", ctypes.c_char * 8),
    ]


NAME_OFFSET = GGMLTensor.name.offset


class GGMLInitParams(ctypes.Structure):
    _fields_ = [("mem_size", ctypes.c_size_t), ("mem_buffer", ctypes.c_void_p), ("no_alloc", ctypes.c_bool)]


class GGUFInitParams(ctypes.Structure):
    _fields_ = [("no_alloc", ctypes.c_bool), ("ctx", ctypes.POINTER(ctypes.c_void_p))]


class InspectUnavailable(RuntimeError):
    """This build or this model cannot be inspected; the message says why."""


def _bind(lib: ctypes.CDLL, name: str, argtypes: list, restype: object) -> object:
    fn = getattr(lib, name)
    fn.argtypes = argtypes
    fn.restype = restype
    return fn


class _GGML:
    """The few ggml / gguf / ggml-cpu functions used here, bound once."""

    def __init__(self) -> None:
        base = _ggml_module.libggml
        cpu = ctypes.CDLL(str(Path(_ggml_module.libggml_base_path) / "libggml-cpu.so"), mode=ctypes.RTLD_GLOBAL)
        p, i64, sz, f32 = ctypes.c_void_p, ctypes.c_int64, ctypes.c_size_t, ctypes.c_float
        self.get_name = _bind(base, "ggml_get_name", [p], ctypes.c_char_p)
        self.nelements = _bind(base, "ggml_nelements", [p], i64)
        self.is_contiguous = _bind(base, "ggml_is_contiguous", [p], ctypes.c_bool)
        self.op_desc = _bind(base, "ggml_op_desc", [p], ctypes.c_char_p)
        self.tensor_get = _bind(base, "ggml_backend_tensor_get", [p, p, sz, sz], None)
        self.init = _bind(base, "ggml_init", [GGMLInitParams], p)
        self.free = _bind(base, "ggml_free", [p], None)
        self.new_tensor_2d = _bind(base, "ggml_new_tensor_2d", [p, ctypes.c_int, i64, i64], p)
        self.set_name = _bind(base, "ggml_set_name", [p, ctypes.c_char_p], p)
        self.get_data = _bind(base, "ggml_get_data", [p], p)
        self.get_tensor = _bind(base, "ggml_get_tensor", [p, ctypes.c_char_p], p)
        self.rms_norm = _bind(base, "ggml_rms_norm", [p, p, f32], p)
        self.norm = _bind(base, "ggml_norm", [p, p, f32], p)
        self.mul = _bind(base, "ggml_mul", [p, p, p], p)
        self.add = _bind(base, "ggml_add", [p, p, p], p)
        self.mul_mat = _bind(base, "ggml_mul_mat", [p, p, p], p)
        self.new_graph = _bind(base, "ggml_new_graph", [p], p)
        self.build_forward_expand = _bind(base, "ggml_build_forward_expand", [p, p], None)
        self.tensor_overhead = _bind(base, "ggml_tensor_overhead", [], sz)
        self.graph_overhead = _bind(base, "ggml_graph_overhead", [], sz)
        self.graph_compute_with_ctx = _bind(cpu, "ggml_graph_compute_with_ctx", [p, p, ctypes.c_int], ctypes.c_int)
        self.gguf_init_from_file = _bind(base, "gguf_init_from_file", [ctypes.c_char_p, GGUFInitParams], p)
        self.gguf_free = _bind(base, "gguf_free", [p], None)
        self.gguf_get_data_offset = _bind(base, "gguf_get_data_offset", [p], sz)
        self.gguf_find_tensor = _bind(base, "gguf_find_tensor", [p, ctypes.c_char_p], i64)
        self.gguf_get_tensor_offset = _bind(base, "gguf_get_tensor_offset", [p, i64], sz)
        self.gguf_find_key = _bind(base, "gguf_find_key", [p, ctypes.c_char_p], i64)
        self.gguf_get_val_f32 = _bind(base, "gguf_get_val_f32", [p, i64], f32)
        self._check_layout()

    def _check_layout(self) -> None:
        """Create a tensor and compare what the struct says with what ggml's functions say."""
        ctx = self.init(GGMLInitParams(1 << 20, None, False))
        if not ctx:
            raise InspectUnavailable("ggml_init failed")
        try:
            t = self.new_tensor_2d(ctx, GGML_TYPE_F32, 7, 5)
            self.set_name(t, b"layout-probe")
            s = tensor_struct(t)
            ok = (
                s.name == b"layout-probe"
                and self.get_name(t) == b"layout-probe"
                and list(s.ne) == [7, 5, 1, 1]
                and self.nelements(t) == 35
                and s.nb[0] == 4 and s.nb[1] == 28
                and s.data == self.get_data(t)
            )
        finally:
            self.free(ctx)
        if not ok:
            raise InspectUnavailable(
                "this llama.cpp build's struct ggml_tensor differs from the layout the inspector was written for"
            )


_lib: _GGML | None = None
_lib_error: str | None = None
_lib_lock = threading.Lock()


def ggml() -> _GGML:
    """The bound ggml library; raises InspectUnavailable (with the reason) when it cannot be used."""
    global _lib, _lib_error
    with _lib_lock:
        if _lib is None and _lib_error is None:
            try:
                _lib = _GGML()
            except InspectUnavailable as exc:
                _lib_error = str(exc)
            except (OSError, AttributeError) as exc:  # a build without these libraries or symbols
                _lib_error = f"llama-cpp-python's ggml library cannot be used here ({exc})"
        if _lib is None:
            raise InspectUnavailable(_lib_error or "ggml is unavailable")
        return _lib


def tensor_struct(ptr: int) -> GGMLTensor:
    return GGMLTensor.from_address(ptr)


def tensor_name(ptr: int) -> bytes:
    return ctypes.string_at(ptr + NAME_OFFSET)


class OutputHead:
    """Final norm + output matrix of a GGUF model, applied with ggml to hidden states (the logit lens).

    The file is memory-mapped read-only (the page cache shares it with llama.cpp's own mapping)."""

    def __init__(self, path: Path, architecture: str, n_threads: int) -> None:
        lib = ggml()
        self.path = Path(path)
        self.n_threads = max(1, int(n_threads))
        meta_ctx = ctypes.c_void_p()
        gctx = lib.gguf_init_from_file(str(self.path).encode(), GGUFInitParams(True, ctypes.pointer(meta_ctx)))
        if not gctx:
            raise InspectUnavailable(f"{self.path.name}: the gguf reader could not open it")
        self._meta = meta_ctx
        try:
            data_offset = lib.gguf_get_data_offset(gctx)
            norm_name = b"output_norm.weight"
            out_name = b"output.weight" if lib.gguf_find_tensor(gctx, b"output.weight") >= 0 else b"token_embd.weight"
            names = [norm_name, out_name]
            has_bias = lib.gguf_find_tensor(gctx, b"output_norm.bias") >= 0
            if has_bias:
                names.append(b"output_norm.bias")
            for name in names:
                if lib.gguf_find_tensor(gctx, name) < 0:
                    raise InspectUnavailable(f"{self.path.name} has no tensor {name.decode()} for the logit lens")
            self.norm_kind = "layer" if has_bias else "rms"
            key = f"{architecture}.attention.layer_norm_{'epsilon' if has_bias else 'rms_epsilon'}".encode()
            kid = lib.gguf_find_key(gctx, key)
            self.eps = float(lib.gguf_get_val_f32(gctx, kid)) if kid >= 0 else 1e-6
            kid = lib.gguf_find_key(gctx, f"{architecture}.final_logit_softcapping".encode())
            self.softcap = float(lib.gguf_get_val_f32(gctx, kid)) if kid >= 0 else 0.0
            offsets = {n: data_offset + lib.gguf_get_tensor_offset(gctx, lib.gguf_find_tensor(gctx, n)) for n in names}
        finally:
            lib.gguf_free(gctx)
        self._file = open(self.path, "rb")  # noqa: SIM115 (lives as long as the mapping)
        self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        # A read-only mmap cannot give a ctypes pointer directly: take the address through numpy.
        view = np.frombuffer(self._map, dtype=np.uint8)
        base = view.ctypes.data
        self._view = view
        self._tensors: dict[bytes, int] = {}
        for name, offset in offsets.items():
            t = lib.get_tensor(self._meta, name)
            if not t:
                raise InspectUnavailable(f"{self.path.name}: tensor {name.decode()} is missing from its header")
            tensor_struct(t).data = base + offset
            self._tensors[name] = t
        self.norm_w = self._tensors[norm_name]
        self.norm_b = self._tensors.get(b"output_norm.bias")
        self.out_w = self._tensors[out_name]
        out = tensor_struct(self.out_w)
        self.n_embd = int(out.ne[0])
        self.n_vocab = int(out.ne[1])
        self.closed = False

    def logits(self, hidden: np.ndarray, chunk: int = 32) -> np.ndarray:
        """Logits (m, n_vocab) for hidden states (m, n_embd). Memory: chunk × n_vocab floats at a time."""
        out = np.empty((hidden.shape[0], self.n_vocab), dtype=np.float32)
        for start in range(0, hidden.shape[0], chunk):
            out[start : start + chunk] = self._logits_chunk(hidden[start : start + chunk])
        return out

    def iter_logits(self, hidden: np.ndarray, chunk: int = 32):
        """(start, logits of rows start…start+chunk) without holding every row's logits at once."""
        for start in range(0, hidden.shape[0], chunk):
            yield start, self._logits_chunk(hidden[start : start + chunk])

    def _logits_chunk(self, hidden: np.ndarray) -> np.ndarray:
        if self.closed:
            raise RuntimeError("the output head is closed")
        lib = ggml()
        x = np.ascontiguousarray(hidden, dtype=np.float32)
        m, n_embd = x.shape
        if n_embd != self.n_embd:
            raise ValueError(f"hidden states have {n_embd} values, the output matrix expects {self.n_embd}")
        out_bytes = m * self.n_vocab * 4
        # inputs, norm, scale, bias, product + the work buffer (src1 quantized) + object and graph overheads
        mem = out_bytes + 6 * x.nbytes + 4 * (m * n_embd + 1024) * 4 + 16 * lib.tensor_overhead()
        mem += lib.graph_overhead() + (1 << 20) + m * n_embd * 4 * self.n_threads
        ctx = lib.init(GGMLInitParams(mem, None, False))
        if not ctx:
            raise MemoryError("ggml_init failed for the logit lens")
        try:
            xt = lib.new_tensor_2d(ctx, GGML_TYPE_F32, n_embd, m)
            ctypes.memmove(lib.get_data(xt), x.ctypes.data, x.nbytes)
            if self.norm_kind == "rms":
                h = lib.rms_norm(ctx, xt, self.eps)
            else:
                h = lib.norm(ctx, xt, self.eps)
            h = lib.mul(ctx, h, self.norm_w)
            if self.norm_b is not None:
                h = lib.add(ctx, h, self.norm_b)
            y = lib.mul_mat(ctx, self.out_w, h)
            graph = lib.new_graph(ctx)
            lib.build_forward_expand(graph, y)
            status = lib.graph_compute_with_ctx(ctx, graph, self.n_threads)
            if status != 0:
                raise RuntimeError(f"ggml could not compute the logit lens (status {status})")
            result = np.ctypeslib.as_array(ctypes.cast(lib.get_data(y), ctypes.POINTER(ctypes.c_float)),
                                           shape=(m, self.n_vocab)).copy()
        finally:
            lib.free(ctx)
        if self.softcap > 0:
            result = np.tanh(result / self.softcap) * self.softcap
        return result

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        lib = ggml()
        if self._meta:
            lib.free(self._meta)
            self._meta = ctypes.c_void_p()
        del self._view
        self._map.close()
        self._file.close()
