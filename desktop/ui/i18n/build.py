"""`make translations` (or `python -m desktop.ui.i18n.build`): extract every tr()/translate() string of desktop/ui
into the .ts sources with pyside6-lupdate, then compile them to .qm with pyside6-lrelease.

The .ts files are the sources translators edit (Qt Linguist: `pyside6-linguist desktop/ui/i18n/studydesk_pt_BR.ts`);
the compiled .qm files are committed beside them and shipped in the package. English is the source language:
studydesk_en.ts only holds the plural forms ("%n card(s)" -> "1 card" / "2 cards")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import PySide6

HERE = Path(__file__).resolve().parent
UI_DIR = HERE.parent
PACKAGE_ROOT = UI_DIR.parent.parent  # the folder that holds desktop/
LANGUAGES = ["pt_BR"]  # every language but the source one; add a code here to start a new translation
TS_FILES = {code: HERE / f"studydesk_{code}.ts" for code in ["en", *LANGUAGES]}


def tool(name: str) -> Path:
    """A Qt tool shipped inside the PySide6 wheel (lupdate, lrelease, linguist)."""
    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{name} is not in the PySide6 package at {folder}")


def sources() -> list[Path]:
    """desktop/ui, and desktop/app.py, whose start-up dialogs (a store error) are the interface's too."""
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts) + [UI_DIR.parent / "app.py"]


def lupdate(ts: Path, plural_only: bool = False) -> str:
    """Bring `ts` up to date with the code: new strings come in unfinished, strings gone from the code go out."""
    files = [str(p.relative_to(PACKAGE_ROOT)) for p in sources()]
    args = [str(tool("lupdate")), "-locations", "none", "-no-obsolete", "-silent"]
    if plural_only:
        args.append("-pluralonly")
    code = ts.stem.removeprefix("studydesk_")
    args += [*files, "-target-language", code, "-ts", str(ts)]
    done = subprocess.run(args, cwd=PACKAGE_ROOT, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def lrelease(ts: Path, qm: Path | None = None) -> Path:
    qm = qm or ts.with_suffix(".qm")
    subprocess.run([str(tool("lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


def main() -> int:
    for code, ts in TS_FILES.items():
        print(lupdate(ts, plural_only=code == "en"), end="")
        lrelease(ts)
        print(f"{ts.name} -> {ts.with_suffix('.qm').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
