"""PySide6 widgets: one module or package per page, shared widgets in ui/widgets, the model thread in ui/workers."""
