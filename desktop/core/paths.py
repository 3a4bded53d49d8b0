"""Where user data lives, and where the app's own data (lessons, cards, model catalog, icon) is.

platformdirs picks the per-OS folders; the environment variable STUDYDESK_HOME moves all of them under one
folder (tests and portable installs use it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

APP_DIR_NAME = "studydesk"
DB_FILE_NAME = "studydesk.sqlite"
REPO_ROOT = Path(__file__).resolve().parents[2]


def _data_root() -> Path:
    """Where content/ and models/catalog.toml are: inside the installed package (desktop/_data, copied there by the
    build, see setup.py), or the repository's own folders in a checkout (editable install, PYTHONPATH)."""
    packaged = Path(str(resources.files("desktop") / "_data"))
    return packaged if (packaged / "content").is_dir() else REPO_ROOT


DATA_ROOT = _data_root()
CONTENT_DIR = DATA_ROOT / "content"
CATALOG_PATH = DATA_ROOT / "models" / "catalog.toml"
ICON_PATH = Path(str(resources.files("desktop") / "assets" / "studydesk.svg"))


class DataDirError(Exception):
    """A user data folder cannot be created or written."""


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    cache_dir: Path
    db_path: Path
    models_dir: Path

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    def as_json(self) -> dict[str, str]:
        return {
            "data_dir": str(self.data_dir),
            "config_dir": str(self.config_dir),
            "cache_dir": str(self.cache_dir),
            "db_path": str(self.db_path),
            "models_dir": str(self.models_dir),
        }

    def ensure(self) -> None:
        """Create every folder and prove it is writable; raise DataDirError naming the first bad path."""
        for folder in (self.data_dir, self.config_dir, self.cache_dir, self.models_dir, self.backups_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                probe = folder / ".write-test"
                probe.write_bytes(b"")
                probe.unlink()
            except OSError as exc:
                reason = exc.strerror or exc.__class__.__name__
                raise DataDirError(f"the data folder {folder} is not writable ({reason})") from exc


def app_paths() -> AppPaths:
    home = os.environ.get("STUDYDESK_HOME")
    if home:
        root = Path(home).expanduser().resolve()
        data, config, cache = root / "data", root / "config", root / "cache"
    else:
        data = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
        config = Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))
        cache = Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False))
    return AppPaths(
        data_dir=data,
        config_dir=config,
        cache_dir=cache,
        db_path=data / DB_FILE_NAME,
        models_dir=data / "models",
    )
