"""Build the wheel and prove the installed app works away from the checkout (`make test` runs this after pytest).

Steps: copy the working tree (tracked and untracked-but-not-ignored files, so uncommitted work is what gets built)
to a temporary folder, build the wheel there, install it into a fresh virtual environment, and from another
temporary folder (never the checkout, no PYTHONPATH) check that `studydesk --version`, the lessons in both
languages, every card, the model catalog and the desktop launcher answer from the installed package.

Why the fresh venv reuses the main .venv's dependencies: installing the wheel's dependencies for real would build
llama-cpp-python from source again (minutes of C++ on CI). So the wheel goes in with --no-deps, and a .pth file
puts the main .venv's site-packages folder on the smoke venv's path *after* its own. Only the wheel's own files
come from the smoke venv; a path added by a .pth file is not a site folder, so the main .venv's editable install of
the project (its own .pth finder) is not activated there, and the checks below fail if `desktop` or its data
would be imported from the checkout.

Run: .venv/bin/python scripts/wheel_smoke.py   (prints one JSON summary; exit status 1 on any failure)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = r"""
import json, sys
from pathlib import Path
import desktop
from desktop.core import paths
from desktop.core.lessons.loader import load_lessons
from desktop.core.llm.catalog import load_catalog
from desktop.core.srs.decks import load_decks
prefix = Path(sys.prefix).resolve()
where = {"package": Path(desktop.__file__).resolve(), "content": paths.CONTENT_DIR.resolve(),
         "catalog": paths.CATALOG_PATH.resolve(), "icon": paths.ICON_PATH.resolve()}
outside = {k: str(v) for k, v in where.items() if not v.is_relative_to(prefix)}
lessons = {}
for lang in ("pt-BR", "en"):
    lib = load_lessons(lang)
    lessons[lang] = {"ids": lib.ids(), "problems": [str(p) for p in lib.problems]}
decks = load_decks()
print(json.dumps({"outside_venv": outside, "lessons": lessons, "cards": len(decks.cards),
                  "card_errors": [str(e) for e in decks.errors],
                  "catalog": [e.name for e in load_catalog()], "icon_exists": paths.ICON_PATH.is_file()}))
"""


def _copy_tree(dest: Path) -> None:
    try:
        listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                                capture_output=True).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an unpacked sdist): copy it all
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(".venv", "build", "dist", "*.egg-info", ".git"))
        return
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file():  # deleted-but-tracked files are listed too
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"wheel smoke test: {' '.join(cmd)} failed ({result.returncode}):\n"
                         f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def main() -> int:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    with tempfile.TemporaryDirectory(prefix="studydesk-wheel-") as tmp_name:
        tmp = Path(tmp_name)
        src, dist, venv_dir, cwd = tmp / "src", tmp / "dist", tmp / "venv", tmp / "elsewhere"
        src.mkdir()
        cwd.mkdir()
        _copy_tree(src)
        _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)])
        wheel = next(dist.glob("*.whl"))
        _run([sys.executable, "-m", "venv", "--without-pip", str(venv_dir)])
        vpy = venv_dir / "bin" / "python"
        site = Path(_run([str(vpy), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
        deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
        (site / "_studydesk_main_venv.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
        _run([sys.executable, "-m", "pip", "--python", str(vpy), "install", "--no-deps", "-q", str(wheel)])

        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
        env.update(STUDYDESK_HOME=str(tmp / "home"), XDG_DATA_HOME=str(tmp / "xdg"), QT_QPA_PLATFORM="offscreen")
        studydesk = str(venv_dir / "bin" / "studydesk")
        shown = _run([studydesk, "--version"], cwd=cwd, env=env).stdout.strip()
        found = json.loads(_run([str(vpy), "-c", CHECK], cwd=cwd, env=env).stdout)
        listed = json.loads(_run([studydesk, "cards", "list", "--json"], cwd=cwd, env=env).stdout)
        entry = json.loads(_run([studydesk, "desktop-entry", "install", "--json"], cwd=cwd, env=env).stdout)

    sys.path.insert(0, str(ROOT))
    from desktop.core.srs.decks import load_decks

    expected_cards = len(load_decks(ROOT / "content" / "cards").cards)
    expected_lessons = {lang: sorted(p.stem.split("-", 1)[1] for p in (ROOT / "content" / "lessons" / lang).glob("*.md"))
                        for lang in ("pt-BR", "en")}
    problems = []
    if shown != f"studydesk {version}":
        problems.append(f"--version printed {shown!r}")
    if found["outside_venv"]:
        problems.append(f"imported from outside the installed package: {found['outside_venv']}")
    for lang, want in expected_lessons.items():
        got = found["lessons"][lang]
        if not want or sorted(got["ids"]) != want or got["problems"]:
            problems.append(f"lessons ({lang}): {got['ids']} {got['problems'][:3]}, expected {want}")
    if found["cards"] != expected_cards or len(listed) != expected_cards or found["card_errors"]:
        problems.append(f"cards: {found['cards']} loaded, {len(listed)} listed, expected {expected_cards}; "
                        f"{found['card_errors'][:3]}")
    if not found["catalog"]:
        problems.append("the model catalog is empty")
    if not found["icon_exists"] or not entry.get("desktop_file", "").endswith("studydesk.desktop"):
        problems.append(f"icon or launcher missing: {entry}")
    print(json.dumps({"wheel": wheel.name, "version": shown, "lessons": {k: len(v) for k, v in expected_lessons.items()},
                      "cards": found["cards"], "catalog": found["catalog"], "problems": problems}, indent=2))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
