"""A glance at config.toml, the theme and the log: enough to paint statement 1 before the rest loads.

Someone opening cooldown mid-argument should see statement 1 at once. The full
reading of the settings (pydantic models, every check, the notices) and of the
log takes longer than Textual takes to start, so the app first paints statement 1
from this glance, made with the standard library only, then loads everything and
carries on where the person is (see `CooldownApp`).

A glance is taken only when its answer is plain: the log holds nothing to pick
up (no cool-down running, no statements left half said), the theme file reads
as a theme and config.toml asks for nothing statement 1 would show differently
(its own keys). Words that do not look sound are shown as the protocol's own;
the full check then says what it found, as it always does. When in doubt there
is no glance, and the app loads everything before its first frame, as before.
"""

from __future__ import annotations

import sqlite3
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cooldown.core.fill import RECOGNIZE, fill
from cooldown.store.schema import MIGRATIONS

DEFAULT_THEME = "cooldown-dusk"
"""The theme used when the config names none (the same as store/themes.py's)."""
WORDING_LIMIT = 200
PARTNER_LIMIT = 80
SIGNAL_LIMIT = 200
FILE_LIMIT = 1024 * 1024
"""A config.toml or theme file larger than this is left to the full reading."""

_UNDER_WAY = "SELECT 1 FROM episodes WHERE status IN ('statements', 'cooling', 'returned', 'talk_later') LIMIT 1"
"""Whether the log holds anything a launch picks up or tidies (read from the status index)."""


@dataclass(frozen=True)
class Glance:
    """What statement 1 needs, read cheaply."""

    recognize: str = RECOGNIZE
    """Statement 1's wording (with {partner} still in it)."""
    partner: str = ""
    signal: str = ""
    """The signal agreed in the calm-time plan, shown under statement 1."""
    theme: str = DEFAULT_THEME
    theme_fields: dict[str, Any] | None = field(default=None, compare=False)
    """The theme file's fields, for `textual.theme.Theme`; None for one of Textual's own themes."""


def glance(config: Path, log: Path, themes: Path, bundled: Path, builtin_themes: frozenset[str]) -> Glance | None:
    """Statement 1's wording, signal and theme, or None when the full reading must come first."""
    data = _toml(config)
    if data is None or not _log_is_quiet(log):
        return None
    if data.get("keymap"):
        return None  # keys of their own: the footer must show them from the first frame
    statements = data.get("statements")
    plan = data.get("plan")
    theme = data.get("theme", DEFAULT_THEME)
    if not isinstance(theme, str):
        theme = DEFAULT_THEME
    fields = _theme_fields(theme, themes, bundled)
    if fields is None and theme not in builtin_themes:
        return None  # a theme the full reading has to look for (or to replace, with its notice)
    return Glance(
        recognize=_plain(statements.get("recognize") if isinstance(statements, dict) else None, WORDING_LIMIT)
        or RECOGNIZE,
        partner=_plain(data.get("partner_name"), PARTNER_LIMIT).strip(),
        signal=_plain(plan.get("signal") if isinstance(plan, dict) else None, SIGNAL_LIMIT).strip(),
        theme=theme,
        theme_fields=fields,
    )


def statement_one(seen: Glance) -> str:
    """Statement 1 as shown: {partner} filled, or left out with its comma."""
    return fill(seen.recognize, partner=seen.partner)


def _plain(value: object, limit: int) -> str:
    """`value` if it is a short single line of printable text with no placeholder but {partner}; else ""."""
    if not isinstance(value, str) or not value.strip() or len(value) > limit or not value.isprintable():
        return ""
    if value.replace("{partner}", "").count("{") or value.count("}") != value.count("{partner}"):
        return ""
    return value


def _toml(path: Path) -> dict[str, Any] | None:
    """The file's table; {} when there is no file; None when it does not read cleanly."""
    try:
        with path.open("rb") as file:
            raw = file.read(FILE_LIMIT + 1)
    except FileNotFoundError:
        return {}
    except OSError:
        return None
    if len(raw) > FILE_LIMIT:
        return None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


def _theme_fields(name: str, themes: Path, bundled: Path) -> dict[str, Any] | None:
    """The fields of theme `name` from its file (the person's own before the bundled one), if it reads as one."""
    if not name or "/" in name or name.startswith("."):
        return None
    for folder in (themes, bundled):
        data = _toml(folder / f"{name}.toml")
        if data is None:
            return None
        if data:
            fine = data.get("name") == name and isinstance(data.get("primary"), str)
            return data if fine and set(data) <= _THEME_KEYS else None
    return None


_THEME_KEYS = frozenset(
    "name primary secondary warning error success accent foreground background surface panel boost dark "
    "luminosity_spread text_alpha variables".split()
)


def _log_is_quiet(path: Path) -> bool:
    """True when the log is missing, or is up to date and holds nothing under way."""
    if not path.exists():
        return not path.is_symlink()
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.05)
    except (sqlite3.Error, OSError, ValueError):
        return False
    try:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        return version == len(MIGRATIONS) and db.execute(_UNDER_WAY).fetchone() is None
    except sqlite3.Error:
        return False
    finally:
        db.close()
