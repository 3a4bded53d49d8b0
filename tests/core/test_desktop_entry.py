"""`studydesk desktop-entry install [--uninstall]`: a freedesktop launcher and icon under $XDG_DATA_HOME."""

from __future__ import annotations

import configparser
import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core import desktop_entry
from desktop.core.paths import CONTENT_DIR, ICON_PATH, REPO_ROOT


def test_install_writes_launcher_and_icon_and_uninstall_removes_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert main(["desktop-entry", "install", "--json"]) == 0
    files = json.loads(capsys.readouterr().out)
    desktop_file, icon = Path(files["desktop_file"]), Path(files["icon"])
    assert desktop_file == tmp_path / "share" / "applications" / "studydesk.desktop"
    assert icon == tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "studydesk.svg"
    assert icon.read_bytes() == ICON_PATH.read_bytes() and b"<svg" in icon.read_bytes()
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(desktop_file, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "LLM Study Desk"
    assert section["Icon"] == str(icon) and section["Terminal"] == "false"
    command = section["Exec"].split()
    assert Path(command[0]).is_file(), command  # the launcher starts this installation

    assert main(["desktop-entry", "install", "--uninstall"]) == 0
    assert not desktop_file.exists() and not icon.exists()
    assert main(["desktop-entry", "install", "--uninstall"]) == 0
    assert "no launcher was installed" in capsys.readouterr().out


def test_a_relative_xdg_data_home_is_ignored_and_odd_paths_are_quoted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    assert desktop_entry.data_home() == Path.home() / ".local" / "share"
    text = desktop_entry.desktop_file_text(["/opt/my apps/studydesk", "--flag=100%"], Path("/x/i.svg"))
    assert 'Exec="/opt/my apps/studydesk" --flag=100%%' in text


def test_in_a_checkout_the_data_comes_from_the_repository_folders() -> None:
    # The wheel carries them in desktop/_data (scripts/wheel_smoke.py checks the installed side).
    assert CONTENT_DIR == REPO_ROOT / "content" and (CONTENT_DIR / "cards").is_dir()
    assert ICON_PATH.is_file()
