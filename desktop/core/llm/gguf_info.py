"""What is inside a GGUF file, read from its header without loading the weights.

Why not `gguf.GGUFReader`: it turns every metadata array into numpy views, and for a 262,144-token vocabulary
(three such arrays) that takes ~11 s on the 2-core machine — far too slow for a list that inspects files as
the student clicks them. The header format is small and documented (llama.cpp docs/gguf.md), so we walk it
here and skip arrays we only need the length of, while the `gguf` package still supplies the format's
constants: value types, tensor types, block sizes (GGML_QUANT_SIZES) and the known architecture names.
Every problem becomes a GGUFError whose one-line message names the file and what is wrong, so a broken file is
refused here before llama.cpp ever opens it.
"""

from __future__ import annotations

import mmap
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gguf

GGUF_MAGIC = b"GGUF"
# Metadata values longer than this are skipped, not decoded (a chat template is a few KB; a vocabulary is not
# a single string). Counts above these limits mean a corrupt header, not a real model.
_MAX_STRING = 1 << 24
_MAX_COUNT = 1 << 32
_KNOWN_ARCHITECTURES = frozenset(gguf.MODEL_ARCH_NAMES.values())
# Architectures gguf-py knows that are not language models llama.cpp can run on their own.
_NOT_TEXT_MODELS = {"clip": "a vision projector (mmproj), not a language model"}

_SCALARS: dict[int, str] = {
    gguf.GGUFValueType.UINT8: "<B",
    gguf.GGUFValueType.INT8: "<b",
    gguf.GGUFValueType.UINT16: "<H",
    gguf.GGUFValueType.INT16: "<h",
    gguf.GGUFValueType.UINT32: "<I",
    gguf.GGUFValueType.INT32: "<i",
    gguf.GGUFValueType.FLOAT32: "<f",
    gguf.GGUFValueType.BOOL: "<?",
    gguf.GGUFValueType.UINT64: "<Q",
    gguf.GGUFValueType.INT64: "<q",
    gguf.GGUFValueType.FLOAT64: "<d",
}


class GGUFError(Exception):
    """A file that is not a usable GGUF model; the message is one line naming the file and the problem."""


@dataclass(frozen=True)
class TensorTypeShare:
    count: int  # how many tensors are stored in this type
    parameters: int  # how many weights they hold together


@dataclass(frozen=True)
class GGUFInfo:
    path: Path
    architecture: str
    name: str
    size_label: str
    parameters: int  # sum of the elements of every tensor
    file_bytes: int
    bits_per_weight: float  # file bits / parameters (metadata and F32 norms included, as llama.cpp reports it)
    context_length: int | None
    vocab_size: int | None
    layers: int | None
    heads: int | None
    kv_heads: int | None
    head_dim: int | None
    embedding_length: int | None
    tensor_types: dict[str, TensorTypeShare]
    has_chat_template: bool
    license: str
    # Beyond the contract: what the inspector's explanation needs.
    gguf_version: int = 3
    tensor_count: int = 0
    file_type: str = ""  # e.g. "Q4_K_M", from general.file_type
    sliding_window: int | None = None
    embedding_parameters: int = 0  # elements of token_embd.weight (the token embedding table)
    embedding_type: str = ""  # its tensor type
    output_shares_embedding: bool = True  # no separate output.weight: the embedding table is reused
    bos_token_id: int | None = None
    eos_token_id: int | None = None
    tokenizer_model: str = ""
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def display_name(self) -> str:
        return self.name or self.path.stem

    @property
    def embedding_share(self) -> float:
        return self.embedding_parameters / self.parameters if self.parameters else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "architecture": self.architecture,
            "name": self.name,
            "size_label": self.size_label,
            "file_type": self.file_type,
            "parameters": self.parameters,
            "file_bytes": self.file_bytes,
            "bits_per_weight": round(self.bits_per_weight, 4),
            "context_length": self.context_length,
            "vocab_size": self.vocab_size,
            "layers": self.layers,
            "heads": self.heads,
            "kv_heads": self.kv_heads,
            "head_dim": self.head_dim,
            "embedding_length": self.embedding_length,
            "embedding_parameters": self.embedding_parameters,
            "tensor_types": {
                name: {"count": share.count, "parameters": share.parameters}
                for name, share in self.tensor_types.items()
            },
            "has_chat_template": self.has_chat_template,
            "license": self.license,
        }


class _Truncated(Exception):
    pass


class _Corrupt(Exception):
    pass


class _Cursor:
    """Sequential little-endian reads over a memory map, raising _Truncated past the end."""

    def __init__(self, buf: mmap.mmap | bytes) -> None:
        self.buf = buf
        self.pos = 0
        self.size = len(buf)

    def take(self, fmt: str) -> Any:
        n = struct.calcsize(fmt)
        if self.pos + n > self.size:
            raise _Truncated
        (value,) = struct.unpack_from(fmt, self.buf, self.pos)
        self.pos += n
        return value

    def string_length(self) -> int:
        n = self.take("<Q")
        if n > _MAX_STRING and n > self.size:
            raise _Corrupt(f"a string claims {n:,} bytes")
        return n

    def string(self) -> str:
        n = self.string_length()
        if self.pos + n > self.size:
            raise _Truncated
        raw = self.buf[self.pos : self.pos + n]
        self.pos += n
        return bytes(raw).decode("utf-8", errors="replace")

    def skip_string(self) -> None:
        n = self.string_length()
        if self.pos + n > self.size:
            raise _Truncated
        self.pos += n

    def value(self, vtype: int, keep_arrays: bool) -> Any:
        if vtype in _SCALARS:
            return self.take(_SCALARS[vtype])
        if vtype == gguf.GGUFValueType.STRING:
            return self.string()
        if vtype == gguf.GGUFValueType.ARRAY:
            item_type = self.take("<I")
            count = self.take("<Q")
            if count > _MAX_COUNT:
                raise _Corrupt(f"an array claims {count:,} items")
            if item_type in _SCALARS:
                width = struct.calcsize(_SCALARS[item_type])
                if self.pos + width * count > self.size:
                    raise _Truncated
                if keep_arrays:
                    fmt = "<" + _SCALARS[item_type][1] * count
                    items = list(struct.unpack_from(fmt, self.buf, self.pos))
                else:
                    items = None
                self.pos += width * count
                return _Array(count, items)
            if item_type == gguf.GGUFValueType.STRING:
                if not keep_arrays:
                    for _ in range(count):  # only the length matters (e.g. the vocabulary size)
                        self.skip_string()
                    return _Array(count, None)
                return _Array(count, [self.string() for _ in range(count)])
            raise _Corrupt(f"unknown array item type {item_type}")
        raise _Corrupt(f"unknown metadata value type {vtype}")


@dataclass(frozen=True)
class _Array:
    count: int
    items: list[Any] | None


def _check_path(path: Path) -> int:
    """The file size, after refusing what is not a readable, non-empty regular file."""
    label = str(path)
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise GGUFError(f"{label}: no such file") from exc
    except PermissionError as exc:
        raise GGUFError(f"{label}: cannot be read (permission denied)") from exc
    except OSError as exc:
        raise GGUFError(f"{label}: cannot be read ({exc.strerror or exc})") from exc
    except ValueError as exc:  # e.g. a NUL character in the path
        raise GGUFError(f"{label!r}: not a usable file path ({exc})") from exc
    if path.is_dir():
        raise GGUFError(f"{label}: is a folder, not a GGUF file")
    if not path.is_file():
        raise GGUFError(f"{label}: is not a regular file")
    if st.st_size == 0:
        raise GGUFError(f"{label}: is empty (0 bytes), not a GGUF model")
    if not os.access(path, os.R_OK):
        raise GGUFError(f"{label}: cannot be read (permission denied)")
    return st.st_size


def _first_int(value: Any) -> int | None:
    """Some models store per-layer head counts as arrays; the first layer's count stands for the model."""
    if isinstance(value, _Array):
        return int(value.items[0]) if value.items else None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    return None


MAX_LAYERS = 512  # LLAMA_MAX_LAYERS in llama.cpp (src/llama-hparams.h)
MAX_EXPERTS = 512  # LLAMA_MAX_EXPERTS


def _scalar_numbers(value: Any) -> list[float]:
    if isinstance(value, _Array):
        return [float(v) for v in value.items or [] if isinstance(v, int | float) and not isinstance(v, bool)]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [float(value)]
    return []


def _is_recurrent(arch: str) -> bool:
    return "mamba" in arch or "rwkv" in arch


def _check_hyperparameters(label: str, arch: str, meta: dict[str, Any], tensors: list[tuple[str, int, int, int]]) -> None:
    """Refuse header values llama.cpp does not check before it asserts (aborting the whole process) or divides by
    them: a layer count of 0 or beyond its limit, a NaN, infinite or negative epsilon, zero heads, and so on."""

    def bad(key: str, why: str) -> GGUFError:
        return GGUFError(f"{label}: {key} is {why}, so llama.cpp cannot run this file")

    for key, value in meta.items():
        if key.startswith(f"{arch}.") or key.startswith("tokenizer.ggml."):
            for number in _scalar_numbers(value):
                if number != number or number in (float("inf"), float("-inf")):
                    raise bad(key, "not a finite number")

    def one(suffix: str) -> Any:
        return meta.get(f"{arch}.{suffix}")

    layers = one("block_count")
    if layers is not None:
        if not isinstance(layers, int) or isinstance(layers, bool):
            raise bad(f"{arch}.block_count", "not a whole number")
        if not 1 <= layers <= MAX_LAYERS:
            raise bad(f"{arch}.block_count", f"{layers:,} (it must be between 1 and {MAX_LAYERS})")
        present = {int(n.split(".")[1]) for n, *_ in tensors if n.startswith("blk.") and n.split(".")[1].isdigit()}
        if present and layers > max(present) + 1:
            raise bad(f"{arch}.block_count", f"{layers:,} but the file holds tensors for {max(present) + 1} layers")
    for suffix in ("attention.layer_norm_rms_epsilon", "attention.layer_norm_epsilon"):
        for eps in _scalar_numbers(one(suffix)):
            if not 0 <= eps < 1:
                raise bad(f"{arch}.{suffix}", f"{eps:g} (an epsilon must be at least 0 and small)")
    for suffix in ("embedding_length", "context_length", "attention.key_length", "attention.value_length",
                   "feed_forward_length"):
        for n in _scalar_numbers(one(suffix)):
            if n < 0 or (n < 1 and suffix != "feed_forward_length"):
                raise bad(f"{arch}.{suffix}", f"{n:g}")
    heads = one("attention.head_count")
    kv_heads = one("attention.head_count_kv")
    # Recurrent models (Mamba, RWKV) have no attention; their converters write a head count of 0 on purpose.
    if isinstance(heads, int) and not isinstance(heads, bool) and not (heads == 0 and _is_recurrent(arch)):
        if heads < 1:
            raise bad(f"{arch}.attention.head_count", f"{heads}")
        if isinstance(kv_heads, int) and not isinstance(kv_heads, bool):
            if kv_heads < 1 or kv_heads > heads or heads % kv_heads:
                raise bad(f"{arch}.attention.head_count_kv", f"{kv_heads} for {heads} attention heads")
        embd = one("embedding_length")
        if one("attention.key_length") is None and isinstance(embd, int) and embd % heads:
            raise bad(f"{arch}.embedding_length", f"{embd}, which does not split into {heads} heads")
    for n in _scalar_numbers(heads) + _scalar_numbers(kv_heads):
        if n < 0:
            raise bad(f"{arch}.attention.head_count", f"{n:g}")
    for suffix in ("rope.freq_base", "rope.scaling.factor"):
        for n in _scalar_numbers(one(suffix)):
            if n < 0 or (suffix == "rope.freq_base" and n == 0):
                raise bad(f"{arch}.{suffix}", f"{n:g}")
    experts, used = one("expert_count"), one("expert_used_count")
    if isinstance(experts, int) and not isinstance(experts, bool):
        if not 0 <= experts <= MAX_EXPERTS:
            raise bad(f"{arch}.expert_count", f"{experts} (at most {MAX_EXPERTS})")
        if isinstance(used, int) and not isinstance(used, bool) and not 0 <= used <= experts:
            raise bad(f"{arch}.expert_used_count", f"{used} for {experts} experts")
    tokens = meta.get("tokenizer.ggml.tokens")
    if isinstance(tokens, _Array) and tokens.count == 0:
        raise GGUFError(f"{label}: its vocabulary (tokenizer.ggml.tokens) is empty")


def inspect_gguf(path: Path) -> GGUFInfo:
    """Read a GGUF file's metadata and tensor table; raise GGUFError for anything that is not a usable model."""
    path = Path(path).expanduser()
    file_bytes = _check_path(path)
    label = str(path)
    try:
        with path.open("rb") as f:
            head = f.read(4)
            if head != GGUF_MAGIC:
                printable = head and all(32 <= c < 127 for c in head)
                shown = repr(head.decode("ascii")) if printable else (head.hex(" ") if head else "nothing")
                raise GGUFError(f"{label}: not a GGUF file (it starts with {shown}, not 'GGUF')")
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
                return _parse(path, buf, file_bytes)
    except GGUFError:
        raise
    except PermissionError as exc:
        raise GGUFError(f"{label}: cannot be read (permission denied)") from exc
    except OSError as exc:
        raise GGUFError(f"{label}: cannot be read ({exc.strerror or exc})") from exc


def _parse(path: Path, buf: mmap.mmap, file_bytes: int) -> GGUFInfo:
    label = str(path)
    cur = _Cursor(buf)
    cur.pos = 4
    try:
        version = cur.take("<I")
        if version in (2, 3):
            pass
        elif version == 1:
            raise GGUFError(f"{label}: GGUF version 1 is too old for this llama.cpp (re-convert the model)")
        elif version & 0xFFFF == 0 and version != 0:
            raise GGUFError(f"{label}: a big-endian GGUF file, which this computer's llama.cpp cannot run")
        else:
            raise GGUFError(f"{label}: unsupported GGUF version {version}")
        tensor_count = cur.take("<Q")
        kv_count = cur.take("<Q")
        # Each tensor entry and each key takes at least 8 bytes, so larger counts cannot be real.
        if tensor_count > file_bytes // 8 or kv_count > file_bytes // 8:
            raise _Corrupt(f"the header claims {tensor_count:,} tensors and {kv_count:,} keys")
        meta: dict[str, Any] = {}
        for _ in range(kv_count):
            key = cur.string()
            vtype = cur.take("<I")
            # Keep small arrays (e.g. per-layer head counts); only count the big tokenizer ones.
            keep = not key.startswith("tokenizer.ggml.")
            meta[key] = cur.value(vtype, keep_arrays=keep)
        tensors: list[tuple[str, int, int, int]] = []  # name, type, elements, offset
        for _ in range(tensor_count):
            name = cur.string()
            n_dims = cur.take("<I")
            if n_dims > 8:
                raise _Corrupt(f"tensor {name!r} claims {n_dims} dimensions")
            elements = 1
            dims = []
            for _ in range(n_dims):
                d = cur.take("<Q")
                dims.append(d)
                elements *= d
            ttype = cur.take("<I")
            offset = cur.take("<Q")
            tensors.append((name, ttype, elements, offset))
            if name == "token_embd.weight" and len(dims) == 2:
                meta.setdefault("_token_embd_rows", int(dims[1]))
    except _Truncated:
        raise GGUFError(f"{label}: truncated — the file ends inside its header ({file_bytes:,} bytes)") from None
    except _Corrupt as exc:
        raise GGUFError(f"{label}: corrupt GGUF header ({exc})") from None

    alignment = meta.get("general.alignment", gguf.GGUF_DEFAULT_ALIGNMENT)
    if not isinstance(alignment, int) or alignment <= 0:
        alignment = gguf.GGUF_DEFAULT_ALIGNMENT
    data_start = -(-cur.pos // alignment) * alignment

    if not tensors:
        raise GGUFError(f"{label}: contains no tensors (a vocabulary-only or empty GGUF, not a model)")

    shares: dict[str, list[int]] = {}
    parameters = 0
    data_end = data_start
    embd_params = 0
    embd_type = ""
    has_output = False
    for name, ttype, elements, offset in tensors:
        try:
            qtype = gguf.GGMLQuantizationType(ttype)
        except ValueError:
            raise GGUFError(f"{label}: tensor {name!r} has an unknown type id {ttype}") from None
        block, type_size = gguf.GGML_QUANT_SIZES[qtype]
        nbytes = elements // block * type_size
        data_end = max(data_end, data_start + offset + nbytes)
        parameters += elements
        bucket = shares.setdefault(qtype.name, [0, 0])
        bucket[0] += 1
        bucket[1] += elements
        if name == "token_embd.weight":
            embd_params, embd_type = elements, qtype.name
        if name == "output.weight":
            has_output = True
        if elements == 0:
            raise GGUFError(f"{label}: tensor {name!r} has a dimension of size 0")
        if elements % block:
            raise GGUFError(f"{label}: tensor {name!r} has {elements:,} weights, not a whole number of "
                            f"{qtype.name} blocks of {block}")
    if data_end > file_bytes:
        raise GGUFError(
            f"{label}: truncated — its tensors need {data_end:,} bytes but the file has {file_bytes:,}"
        )

    arch = meta.get("general.architecture")
    if not isinstance(arch, str) or not arch:
        raise GGUFError(f"{label}: has no general.architecture, so it is not a model llama.cpp can run")
    if arch in _NOT_TEXT_MODELS:
        raise GGUFError(f"{label}: is {_NOT_TEXT_MODELS[arch]}")
    if arch not in _KNOWN_ARCHITECTURES:
        raise GGUFError(f"{label}: architecture {arch!r} is not known to this llama.cpp build")

    def arch_key(suffix: str) -> Any:
        return meta.get(f"{arch}.{suffix}")

    _check_hyperparameters(label, arch, meta, tensors)

    tokens = meta.get("tokenizer.ggml.tokens")
    vocab = tokens.count if isinstance(tokens, _Array) else _first_int(arch_key("vocab_size"))
    if vocab is None:
        vocab = meta.get("_token_embd_rows")
    heads = _first_int(arch_key("attention.head_count"))
    kv_heads = _first_int(arch_key("attention.head_count_kv"))
    if kv_heads is None:
        kv_heads = heads  # llama.cpp's rule: no KV head count means plain multi-head attention
    embd = _first_int(arch_key("embedding_length"))
    head_dim = _first_int(arch_key("attention.key_length"))
    if head_dim is None and embd and heads:
        head_dim = embd // heads
    file_type = ""
    ft = meta.get("general.file_type")
    if isinstance(ft, int):
        try:
            file_type = gguf.LlamaFileType(ft).name.removeprefix("MOSTLY_")
        except ValueError:
            file_type = str(ft)
    plain_meta = {k: v for k, v in meta.items() if not isinstance(v, _Array) and not k.startswith("_")}
    return GGUFInfo(
        path=path,
        architecture=arch,
        name=str(meta.get("general.name", "") or ""),
        size_label=str(meta.get("general.size_label", "") or ""),
        parameters=parameters,
        file_bytes=file_bytes,
        bits_per_weight=file_bytes * 8 / parameters if parameters else 0.0,
        context_length=_first_int(arch_key("context_length")),
        vocab_size=vocab,
        layers=_first_int(arch_key("block_count")),
        heads=heads,
        kv_heads=kv_heads,
        head_dim=head_dim,
        embedding_length=embd,
        tensor_types={
            k: TensorTypeShare(count=v[0], parameters=v[1])
            for k, v in sorted(shares.items(), key=lambda kv: -kv[1][1])
        },
        has_chat_template=isinstance(meta.get("tokenizer.chat_template"), str),
        license=str(meta.get("general.license", "") or ""),
        gguf_version=version,
        tensor_count=len(tensors),
        file_type=file_type,
        sliding_window=_first_int(arch_key("attention.sliding_window")),
        embedding_parameters=embd_params,
        embedding_type=embd_type,
        output_shares_embedding=not has_output,
        bos_token_id=_first_int(meta.get("tokenizer.ggml.bos_token_id")),
        eos_token_id=_first_int(meta.get("tokenizer.ggml.eos_token_id")),
        tokenizer_model=str(meta.get("tokenizer.ggml.model", "") or ""),
        metadata=plain_meta,
    )
