"""Finding GGUF models the student already has on disk, without loading or even inspecting them.

Places looked at (each only if it exists; nothing is written, nothing touches the network):
- the app's models folder (`studydesk paths` → models_dir) and the repository's `models/` folder;
- the Hugging Face cache: `$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `~/.cache/huggingface/hub` — files under
  `models--owner--repo/snapshots/<rev>/` are symlinks to blobs, so the same file is listed once;
- LM Studio: `~/.lmstudio/models` and the older `~/.cache/lm-studio/models` (publisher/model/file.gguf);
- Ollama: `$OLLAMA_MODELS`, else `~/.ollama/models` (and the Linux service's `/usr/share/ollama/.ollama/models`).
  Ollama stores weights as content-addressed blobs (`blobs/sha256-…`) without a .gguf name; its manifests
  (`manifests/<registry>/<namespace>/<model>/<tag>`, JSON) name the layer of media type
  `application/vnd.ollama.image.model`, and we keep the blobs that start with the GGUF magic. A digest must be a
  plain `sha256:<64 hex>` that stays inside `blobs/`.

Only regular files are ever opened, and without blocking: a FIFO (or a device) named like a model or a manifest
is skipped, never read, so the listing cannot hang.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.llm.catalog import DEFAULT_MODEL, default_model_file
from desktop.core.paths import REPO_ROOT

GGUF_MAGIC = b"GGUF"
OLLAMA_MODEL_MEDIA = "application/vnd.ollama.image.model"
_MAX_FILES_PER_PLACE = 500  # a runaway folder must not freeze the list
_MAX_MANIFEST_BYTES = 1 << 20  # an Ollama manifest is a few hundred bytes of JSON

SOURCE_DEFAULT = "Default"
SOURCE_MODELS_DIR = "Models folder"
SOURCE_HF = "Hugging Face cache"
SOURCE_LMSTUDIO = "LM Studio"
SOURCE_OLLAMA = "Ollama"
SOURCE_OPENED = "Opened"


@dataclass(frozen=True)
class ModelFile:
    path: Path
    label: str  # what the list shows
    source: str  # one of the SOURCE_* names
    size_bytes: int | None  # None when the file does not exist yet (the default model before assembly)

    @property
    def exists(self) -> bool:
        return self.size_bytes is not None


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _is_gguf(path: Path) -> bool:
    """Whether a REGULAR file starts with the GGUF magic. Opened non-blocking and checked with fstat before any
    read, so a FIFO, a device or a socket named like a model can never hang the listing."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return os.read(fd, 4) == GGUF_MAGIC
    except OSError:
        return False
    finally:
        os.close(fd)


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


_DIGEST = re.compile(r"^sha256[:-]([0-9a-f]{64})$")


def ollama_blob(root: Path, digest: str) -> Path | None:
    """The blob a manifest's digest names, only if it is a plain `sha256-<64 hex>` name that resolves to a file
    inside `root/blobs` (a digest like `../../etc/x` or a link leading elsewhere is ignored)."""
    match = _DIGEST.match(digest.strip())
    if match is None:
        return None
    blobs = root / "blobs"
    blob = blobs / f"sha256-{match.group(1)}"
    try:
        if not blob.resolve().is_relative_to(blobs.resolve()):
            return None
    except (OSError, RuntimeError):
        return None
    return blob


def _is_listable(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith("mmproj"):
        return False  # vision projectors of multimodal models are not models on their own
    # Split models ("…-00002-of-00003.gguf") load from their first part; list only that one.
    stem = name.removesuffix(".gguf")
    parts = stem.rsplit("-", 3)
    if len(parts) == 4 and parts[2] == "of" and parts[1].isdigit() and parts[1] != "00001":
        return False
    return True


def _ggufs_under(root: Path, recursive: bool = True) -> Iterator[Path]:
    if not root.is_dir():
        return
    pattern = "**/*.gguf" if recursive else "*.gguf"
    for n, path in enumerate(sorted(root.glob(pattern))):
        if n >= _MAX_FILES_PER_PLACE:
            return
        if _is_listable(path) and _is_regular(path):
            yield path


def hf_cache_dir() -> Path:
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    return Path.home() / ".cache" / "huggingface" / "hub"


def lmstudio_dirs() -> list[Path]:
    home = Path.home()
    return [home / ".lmstudio" / "models", home / ".cache" / "lm-studio" / "models"]


def ollama_dirs() -> list[Path]:
    if os.environ.get("OLLAMA_MODELS"):
        return [Path(os.environ["OLLAMA_MODELS"]).expanduser()]
    return [Path.home() / ".ollama" / "models", Path("/usr/share/ollama/.ollama/models")]


def _hf_label(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        return path.name
    repo = rel.parts[0]
    if repo.startswith("models--"):
        repo = repo.removeprefix("models--").replace("--", "/")
    return f"{repo}: {path.name}"


def find_hf(root: Path | None = None) -> Iterator[ModelFile]:
    root = root or hf_cache_dir()
    for path in _ggufs_under(root):
        yield ModelFile(path, _hf_label(path, root), SOURCE_HF, _size(path))


def find_lmstudio(roots: Iterable[Path] | None = None) -> Iterator[ModelFile]:
    for root in roots if roots is not None else lmstudio_dirs():
        for path in _ggufs_under(root):
            try:
                label = "/".join(path.relative_to(root).parts)
            except ValueError:
                label = path.name
            yield ModelFile(path, label, SOURCE_LMSTUDIO, _size(path))


def find_ollama(roots: Iterable[Path] | None = None) -> Iterator[ModelFile]:
    for root in roots if roots is not None else ollama_dirs():
        manifests = root / "manifests"
        if not manifests.is_dir():
            continue
        for n, manifest in enumerate(sorted(p for p in manifests.rglob("*") if _is_regular(p))):
            if n >= _MAX_FILES_PER_PLACE:
                break
            data = _read_manifest(manifest)
            if data is None:
                continue
            layers = data.get("layers") if isinstance(data, dict) else None
            for layer in layers if isinstance(layers, list) else []:
                if not isinstance(layer, dict) or layer.get("mediaType") != OLLAMA_MODEL_MEDIA:
                    continue
                blob = ollama_blob(root, str(layer.get("digest", "")))
                if blob is None or not _is_gguf(blob):
                    continue
                rel = manifest.relative_to(manifests).parts  # registry, namespace, model, tag
                model, tag = (rel[-2], rel[-1]) if len(rel) >= 2 else (manifest.name, "latest")
                namespace = rel[-3] if len(rel) >= 3 else ""
                name = model if namespace in ("library", "") else f"{namespace}/{model}"
                yield ModelFile(blob, f"{name}:{tag}", SOURCE_OLLAMA, _size(blob))


def _read_manifest(path: Path) -> object | None:
    """A manifest's JSON; None for anything that is not a small regular file of JSON (read without blocking)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_MANIFEST_BYTES:
            return None
        return json.loads(os.read(fd, _MAX_MANIFEST_BYTES).decode("utf-8"))
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


def discover_models(models_dir: Path, opened: Iterable[Path] = (), include_user_tools: bool = True) -> list[ModelFile]:
    """The default model first, then every other GGUF found, each file once (by its real path)."""
    found: list[ModelFile] = []
    seen: set[Path] = set()

    def add(item: ModelFile) -> None:
        try:
            key = item.path.resolve()
        except OSError:
            key = item.path
        if key not in seen:
            seen.add(key)
            found.append(item)

    default = default_model_file(models_dir)
    add(ModelFile(default, DEFAULT_MODEL.name, SOURCE_DEFAULT, _size(default)))
    for folder in (models_dir, REPO_ROOT / "models"):
        for path in _ggufs_under(folder, recursive=False):
            add(ModelFile(path, path.name, SOURCE_MODELS_DIR, _size(path)))
    for path in opened:
        path = Path(path)
        if _is_regular(path):
            add(ModelFile(path, path.name, SOURCE_OPENED, _size(path)))
    if include_user_tools:
        for item in (*find_hf(), *find_lmstudio(), *find_ollama()):
            add(item)
    return found
