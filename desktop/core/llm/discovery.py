"""Finding GGUF models the student already has on disk, without loading or even inspecting them.

Places looked at (each only if it exists; nothing is written, nothing touches the network):
- the app's models folder (`studydesk paths` → models_dir) and the repository's `models/` folder;
- the Hugging Face cache: `$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `~/.cache/huggingface/hub` — files under
  `models--owner--repo/snapshots/<rev>/` are symlinks to blobs, so the same file is listed once;
- LM Studio: `~/.lmstudio/models` and the older `~/.cache/lm-studio/models` (publisher/model/file.gguf);
- Ollama: `$OLLAMA_MODELS`, else `~/.ollama/models` (and the Linux service's `/usr/share/ollama/.ollama/models`).
  Ollama stores weights as content-addressed blobs (`blobs/sha256-…`) without a .gguf name; its manifests
  (`manifests/<registry>/<namespace>/<model>/<tag>`, JSON) name the layer of media type
  `application/vnd.ollama.image.model`, and we keep the blobs that start with the GGUF magic.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.llm.catalog import DEFAULT_MODEL, default_model_file
from desktop.core.paths import REPO_ROOT

GGUF_MAGIC = b"GGUF"
OLLAMA_MODEL_MEDIA = "application/vnd.ollama.image.model"
_MAX_FILES_PER_PLACE = 500  # a runaway folder must not freeze the list

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
    try:
        with path.open("rb") as f:
            return f.read(4) == GGUF_MAGIC
    except OSError:
        return False


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
        if _is_listable(path) and path.is_file():
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
        for n, manifest in enumerate(sorted(p for p in manifests.rglob("*") if p.is_file())):
            if n >= _MAX_FILES_PER_PLACE:
                break
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            layers = data.get("layers") if isinstance(data, dict) else None
            for layer in layers if isinstance(layers, list) else []:
                if not isinstance(layer, dict) or layer.get("mediaType") != OLLAMA_MODEL_MEDIA:
                    continue
                digest = str(layer.get("digest", ""))
                blob = root / "blobs" / digest.replace(":", "-")
                if not digest or not _is_gguf(blob):
                    continue
                rel = manifest.relative_to(manifests).parts  # registry, namespace, model, tag
                model, tag = (rel[-2], rel[-1]) if len(rel) >= 2 else (manifest.name, "latest")
                namespace = rel[-3] if len(rel) >= 3 else ""
                name = model if namespace in ("library", "") else f"{namespace}/{model}"
                yield ModelFile(blob, f"{name}:{tag}", SOURCE_OLLAMA, _size(blob))


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
        if path.is_file():
            add(ModelFile(path, path.name, SOURCE_OPENED, _size(path)))
    if include_user_tools:
        for item in (*find_hf(), *find_lmstudio(), *find_ollama()):
            add(item)
    return found
