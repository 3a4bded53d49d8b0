"""The "Inside the model" page (attention, logit lens, surprisal)."""

from desktop.ui.inside.page import InsidePage

__all__ = ["InsidePage"]
