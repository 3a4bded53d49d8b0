"""Headless subcommands of `studydesk`, one module each (see desktop/cli.py)."""
