"""The Lessons page (widgets only; the logic lives in desktop.core.lessons)."""

from desktop.ui.lessons.page import LessonsPage

__all__ = ["LessonsPage"]
