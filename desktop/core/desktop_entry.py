"""A freedesktop launcher: a `.desktop` file and the app icon under the user's data folder ($XDG_DATA_HOME, by
default ~/.local/share), so LLM Study Desk appears in the desktop's application menu. Nothing outside the user's
own folders is touched; `uninstall` removes exactly the two files `install` writes."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop import APP_NAME
from desktop.core.paths import ICON_PATH

APP_ID = "studydesk"


@dataclass(frozen=True)
class LauncherFiles:
    desktop_file: Path
    icon: Path

    def as_json(self) -> dict[str, str]:
        return {"desktop_file": str(self.desktop_file), "icon": str(self.icon)}


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "").strip()
    # The spec says a relative value is invalid and must be ignored.
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local" / "share"


def launcher_files(home: Path | None = None) -> LauncherFiles:
    home = home or data_home()
    return LauncherFiles(home / "applications" / f"{APP_ID}.desktop",
                         home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg")


def _quote(arg: str) -> str:
    # Desktop Entry spec: arguments with reserved characters are double-quoted, with \ " ` $ escaped.
    if not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'


def launch_command() -> list[str]:
    """The command that starts this installation's app: its own `studydesk` script (pip, pipx, a venv), or this
    interpreter running the package."""
    script = Path(sys.executable).parent / APP_ID
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which(APP_ID)
    if found:
        return [str(Path(found).resolve())]
    return [sys.executable, "-m", "desktop"]


def desktop_file_text(command: list[str], icon: Path) -> str:
    exec_line = " ".join(_quote(a).replace("%", "%%") for a in command)
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.5",
        f"Name={APP_NAME}",
        "GenericName=LLM course and lab",
        "GenericName[pt_BR]=Curso e laboratório de LLMs",
        "Comment=Learn how large language models work, offline, with a real local model",
        "Comment[pt_BR]=Aprenda como funcionam os grandes modelos de linguagem, offline, com um modelo local",
        f"Exec={exec_line}",
        f"Icon={icon}",
        "Terminal=false",
        "Categories=Education;Science;ArtificialIntelligence;",
        "Keywords=LLM;AI;transformer;tokens;flashcards;Anki;",
        f"StartupWMClass={APP_ID}",
        "",
    ])


def install(home: Path | None = None) -> LauncherFiles:
    """Write the icon and the .desktop file (replacing older ones). Raises OSError naming the path it could not write."""
    files = launcher_files(home)
    for target, write in ((files.icon, lambda p: shutil.copyfile(ICON_PATH, p)),
                          (files.desktop_file, lambda p: p.write_text(desktop_file_text(launch_command(), files.icon),
                                                                      encoding="utf-8"))):
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(target.name + ".part")
        write(part)
        os.replace(part, target)
    files.desktop_file.chmod(0o755)  # some desktops only launch entries marked executable
    return files


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove the two files; returns the ones that were there."""
    removed = []
    files = launcher_files(home)
    for path in (files.desktop_file, files.icon):
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed
