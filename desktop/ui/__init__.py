"""PySide6 widgets: one module or package per page (listed in ui/pages.py), the model thread in ui/workers."""
