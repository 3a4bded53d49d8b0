from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import main
from desktop.core.paths import DataDirError, app_paths


def test_studydesk_home_moves_every_path(studydesk_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["paths", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"data_dir", "config_dir", "cache_dir", "db_path", "models_dir"}
    for value in data.values():
        assert Path(value).is_relative_to(studydesk_home.resolve())
    assert data["db_path"].endswith(".sqlite")


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["no-such-command"], ["--no-such-flag"], ["paths", "--bogus"]])
def test_unknown_subcommand_or_flag_is_usage_and_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_unwritable_data_dir_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STUDYDESK_HOME", str(blocker / "home"))
    with pytest.raises(DataDirError, match=str(blocker)):
        app_paths().ensure()


def test_console_entry_runs_as_module(studydesk_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "paths", "--json"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["data_dir"].startswith(str(studydesk_home.resolve()))


def test_command_with_unwritable_data_dir_exits_2_naming_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STUDYDESK_HOME", str(blocker / "home"))
    assert main(["scenarios", "list", "--json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and str(blocker) in err and "not writable" in err
