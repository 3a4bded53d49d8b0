"""PySide6 widgets: one module or package per page, shared widgets in ui/widgets, the model thread in ui/workers."""

from desktop.ui.qt_compat import protect_true_from_emit_leak

protect_true_from_emit_leak()  # PySide6 6.12 on CPython 3.11 leaks a reference to True per signal emit
