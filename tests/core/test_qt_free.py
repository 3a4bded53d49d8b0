"""The core must import without PySide6 (DESIGN.md: Qt-free core)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_every_core_module_imports_without_pyside6() -> None:
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys

        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6."):
                    raise ImportError("PySide6 is blocked in this test")
                return None

        sys.meta_path.insert(0, BlockQt())
        import desktop.core
        names = [m.name for m in pkgutil.walk_packages(desktop.core.__path__, "desktop.core.")]
        for name in names:
            if ".migrations" in name:
                continue  # Alembic scripts run inside Alembic, not on import
            importlib.import_module(name)
        assert not any(m.startswith("PySide6") for m in sys.modules), "PySide6 got imported"
        print(len(names))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 5
