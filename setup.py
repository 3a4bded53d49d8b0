"""Build step: the wheel carries content/ and models/catalog.toml as desktop/_data/ (desktop/core/paths.py finds them
there with importlib.resources). The top-level folders stay the only source: they are copied at build time, never
committed twice. An editable install skips the copy and reads the repository's folders directly."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "desktop" / "_data"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(ROOT / "content", target / "content",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
        (target / "models").mkdir(parents=True)
        shutil.copy2(ROOT / "models" / "catalog.toml", target / "models" / "catalog.toml")


setup(cmdclass={"build_py": BuildWithData})
