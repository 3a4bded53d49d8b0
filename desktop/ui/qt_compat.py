"""Work around a reference-counting bug in PySide6 6.12 on CPython 3.11.

`SignalInstance.emit()` returns `True` without taking a new reference to it, so every signal emitted from
Python code drops one reference to the `True` singleton. CPython 3.12+ made True immortal, which hides the bug
there; on 3.11 the count reaches zero after a few hundred emits and the interpreter aborts with
"Fatal Python error: bool_dealloc" (a generation that streams tokens emits far more than that).

Until a PySide6 release fixes it, we give `True` the same protection 3.12 gives it: a reference count so large
that the leak can never drain it. `ob_refcnt` is the first field of every CPython object (Include/object.h).
"""

from __future__ import annotations

import ctypes
import platform
import sys

_BALLAST = 1 << 40  # ~1.1e12 emits before it could matter
_applied = False


def protect_true_from_emit_leak() -> bool:
    """Apply the fix once on CPython < 3.12; returns whether it was applied."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return _applied
    ctypes.c_ssize_t.from_address(id(True)).value += _BALLAST
    _applied = True
    return True
