"""Where cooldown keeps its files.

If `COOLDOWN_HOME` is set, config.toml, themes/ and the episode log sit directly in
it. Otherwise the config lives in the platform's user config dir and the log in
its user data dir. Nothing happens at import; every function reads the
environment when called.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "cooldown"
HOME_VARIABLE = "COOLDOWN_HOME"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def _home() -> Path | None:
    value = os.environ.get(HOME_VARIABLE)
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """The folder holding config.toml and the user's themes/."""
    home = _home()
    if home is not None:
        return home
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """The folder holding the episode log."""
    home = _home()
    if home is not None:
        return home
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    return config_dir() / "config.toml"


def themes_dir() -> Path:
    return config_dir() / "themes"


def log_file() -> Path:
    """The SQLite episode log."""
    return data_dir() / "episodes.sqlite3"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) readable by the user only.

    A folder that already exists is left as the user set it up.
    """
    missing = [folder for folder in (path, *path.parents) if not folder.is_dir()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR)
    return path
