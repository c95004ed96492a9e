"""Where Travaux keeps its database: one SQLite file in the user's data folder.

The same rule as Qt's `QStandardPaths.AppDataLocation`, computed without Qt so the
command line and the app open the same file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Travaux"
DB_FILENAME = "travaux.sqlite3"
DB_ENV = "TRAVAUX_DB"


def data_dir() -> Path:
    """The platform's per-user data folder for Travaux."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_NAME


def default_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--db` if given, else `$TRAVAUX_DB`, else the data folder's database."""
    if explicit:
        return Path(explicit)
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    return data_dir() / DB_FILENAME
