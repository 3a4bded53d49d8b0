"""LLM Study Desk: learn how large language models work, offline, with a real local model."""

__version__ = "0.1.0"
APP_NAME = "LLM Study Desk"
