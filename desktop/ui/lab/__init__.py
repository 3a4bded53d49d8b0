"""The sampling lab page (see page.py)."""

from desktop.ui.lab.page import LabPage

__all__ = ["LabPage"]
