"""Where cooldown keeps its files.

If `COOLDOWN_HOME` is set, config.toml, themes/ and the episode log sit directly in
it. Otherwise the config lives in the platform's user config dir and the log in
its user data dir. Nothing happens at import; every function reads the
environment when called.

`cooldown status` runs every second, so the log's place can be had as a plain
string (`log_file_str`) without importing pathlib, and on Linux without
platformdirs: the XDG rule is worked out here for the common cases and
platformdirs answers the rest (a test holds the two answers equal).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself is too slow to import for `cooldown status`
if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "cooldown"
HOME_VARIABLE = "COOLDOWN_HOME"
LOG_NAME = "episodes.sqlite3"
REVIEW_SEEN_NAME = "review-seen"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def _home() -> str | None:
    value = os.environ.get(HOME_VARIABLE)
    return os.path.expanduser(value) if value else None


def config_dir() -> Path:
    """The folder holding config.toml and the user's themes/."""
    from pathlib import Path

    home = _home()
    if home is not None:
        return Path(home)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """The folder holding the episode log."""
    from pathlib import Path

    return Path(data_dir_str())


def data_dir_str() -> str:
    """`data_dir()` as a string, worked out without pathlib (and on Linux without platformdirs)."""
    home = _home()
    if home is not None:
        return home
    fast = _xdg_data_dir()
    if fast is not None:
        return fast
    from platformdirs import user_data_dir

    return user_data_dir(APP_NAME, appauthor=False)


def _xdg_data_dir() -> str | None:
    """platformdirs' answer on Linux for the usual settings, or None to ask platformdirs itself.

    `$XDG_DATA_HOME` if it is an absolute path; if it is unset or empty, `~/.local/share` with an
    absolute `$HOME`. Anything else (a relative value, no HOME, Android, another system) is left
    to platformdirs, whose handling of those has changed between versions.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or os.environ.get("ANDROID_ROOT"):
        return None
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if xdg.startswith("/"):
        return os.path.join(xdg, APP_NAME)
    if xdg == "" and os.environ.get("HOME", "").startswith("/"):
        return os.path.join(os.path.expanduser("~/.local/share"), APP_NAME)
    return None


def config_file() -> Path:
    return config_dir() / "config.toml"


def themes_dir() -> Path:
    return config_dir() / "themes"


def log_file() -> Path:
    """The SQLite episode log."""
    return data_dir() / LOG_NAME


def log_file_str() -> str:
    """`log_file()` as a string, for `cooldown status` (see `data_dir_str`)."""
    return os.path.join(data_dir_str(), LOG_NAME)


def review_seen_file(log: Path | None = None) -> Path:
    """The tiny file holding the day the weekly look back was last opened (an ISO date), beside the log.

    It is data, not a setting, so it lives in the data folder and never in config.toml.
    Given the log's own path (a log kept elsewhere), it sits beside that log instead.
    """
    return (log.parent if log is not None else data_dir()) / REVIEW_SEEN_NAME


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) readable by the user only.

    A folder that already exists is left as the user set it up.
    """
    missing = [folder for folder in (path, *path.parents) if not folder.is_dir()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR)
    return path
