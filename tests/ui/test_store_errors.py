"""Store errors in the GUI: a database that cannot be opened stops the start with a dialog naming it (and changes
nothing); a write that fails later is a dialog, not a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

import desktop.app as app_module
from desktop.core.store.errors import StoreError


def test_a_store_error_at_start_is_a_dialog_and_exit_status_2(qapp, monkeypatch, tmp_path: Path) -> None:
    shown: list[str] = []
    error = StoreError(tmp_path / "studydesk.sqlite", "the disk is full", "open")

    def failing_context(_paths):
        raise error

    monkeypatch.setattr(app_module, "create_context", failing_context)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    assert app_module.run_gui() == 2
    assert len(shown) == 1 and str(tmp_path / "studydesk.sqlite") in shown[0] and "disk is full" in shown[0]


def test_a_failed_write_later_is_a_dialog_not_a_traceback(qapp, monkeypatch, tmp_path: Path, capsys) -> None:
    shown: list[str] = []
    passed_on: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: passed_on.append(exc))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    app_module.install_store_error_hook()
    error = StoreError(tmp_path / "studydesk.sqlite", "the disk is full", "save to")
    sys.excepthook(StoreError, error, None)
    assert len(shown) == 1 and "not saved" in shown[0] and "disk is full" in shown[0]
    other = ValueError("a bug")
    sys.excepthook(ValueError, other, None)
    assert passed_on == [other], "other exceptions still reach the previous hook"
    assert "Traceback" not in capsys.readouterr().err
