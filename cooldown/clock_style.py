"""Which clock the person reads times on: `clock` in config.toml, else what the system's locale says.

`clock = "12h"` shows "7:30 pm", `clock = "24h"` shows "19:30". Without the key,
the locale decides: a locale whose time format has an hour from 1 to 12 or an
am/pm mark (en_US: "%r", that is "%I:%M:%S %p") means the 12-hour clock;
everything else, and no locale at all (LC_ALL, LC_TIME and LANG unset, or "C"
or "POSIX"), the 24-hour clock.

`cooldown status` runs every second, so this module uses the standard library
alone and never imports tomllib (which imports typing and re) for a config file
it can read by eye: the `clock` key sits at the top of the file, before the
first [table], written `clock = "12h"`. Only a file with a multi-line string up
there is handed to tomllib. Like the alarm's reader (notify/config.py), it has to
agree with the app on a good file and never fail on a bad one.
"""

from __future__ import annotations

import os
import stat
import sys

from cooldown.core.instant import CLOCK_STYLES, TWELVE_HOUR, TWENTY_FOUR_HOUR

SIZE_LIMIT = 256 * 1024
"""A config file is a few kilobytes; anything past this is not read (as in `cooldown.store.toml_file`)."""

TWELVE_HOUR_MARKS = ("%I", "%l", "%p", "%r")
"""strftime directives that only a 12-hour time format uses."""

_locale_styles: dict[tuple[str, ...], str] = {}
"""The locale's style, by the environment variables it was worked out from (asked once each)."""


def clock_style_for(chosen: str | None) -> str:
    """The style to show times in: `chosen` (the `clock` setting) if it is one, else the locale's."""
    return chosen if chosen in CLOCK_STYLES else locale_clock_style()


def locale_clock_style() -> str:
    """ "12h" if the locale's time format counts hours from 1 to 12 (or marks am/pm), else "24h"."""
    settings = tuple(os.environ.get(name, "") for name in ("LC_ALL", "LC_TIME", "LANG"))
    name = next((value for value in settings if value), "")
    if name.split(".")[0] in ("", "C", "POSIX"):
        return TWENTY_FOUR_HOUR
    if settings not in _locale_styles:
        time_format = locale_time_format()
        twelve = time_format is not None and any(mark in time_format for mark in TWELVE_HOUR_MARKS)
        _locale_styles[settings] = TWELVE_HOUR if twelve else TWENTY_FOUR_HOUR
    return _locale_styles[settings]


def locale_time_format() -> str | None:
    """The time format (nl_langinfo T_FMT) of the locale the environment names; None where it can't be had.

    LC_TIME is switched to the environment's locale just long enough to ask, then put back.
    """
    try:
        import _locale
    except ImportError:  # a Python built without locale support
        return None
    if not hasattr(_locale, "nl_langinfo"):  # Windows
        return None
    try:
        before = _locale.setlocale(_locale.LC_TIME)
        _locale.setlocale(_locale.LC_TIME, "")
    except _locale.Error:  # a locale the system does not have
        return None
    try:
        return str(_locale.nl_langinfo(_locale.T_FMT))
    finally:
        _locale.setlocale(_locale.LC_TIME, before)


# Reading `clock` from config.toml without tomllib


def read_clock_setting(path: str) -> str | None:
    """The `clock` setting in the config file at `path` ("12h" or "24h"); None if unset or unusable. Never raises."""
    text = _text_of(path)
    if text is None:
        return None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            return None  # the first table: no top-level key comes after it
        if '"""' in stripped or "'''" in stripped:
            return _by_tomllib(text)  # a multi-line string: leave the reading to a real TOML parser
        key, equals, value = stripped.partition("=")
        if not equals or key.strip().strip("\"'") != "clock":
            continue
        value = value.split("#", 1)[0].strip()
        for style in CLOCK_STYLES:
            if value in (f'"{style}"', f"'{style}'"):
                return style
    return None


def _by_tomllib(text: str) -> str | None:
    import tomllib

    try:
        value = tomllib.loads(text).get("clock")
    except Exception:  # noqa: BLE001 - not TOML (or nested too deeply): the app says what is wrong
        return None
    return value if value in CLOCK_STYLES else None


def _text_of(path: str) -> str | None:
    """The file at `path` as text, or None if it can't be read for any reason (missing, a pipe, too large, not UTF-8)."""
    try:
        # Opened without waiting, so a named pipe in its place can't hang the status line; then checked to be a file.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > SIZE_LIMIT:
                return None
            raw = handle.read(SIZE_LIMIT + 1)
        if len(raw) > SIZE_LIMIT:
            return None
        return raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def config_file_str() -> str:
    """config.toml's place as a string, as `cooldown.paths.config_file()` gives it, without pathlib where it can.

    COOLDOWN_HOME, else on Linux `$XDG_CONFIG_HOME/cooldown` (absolute) or `~/.config/cooldown`;
    anything else is left to `paths.config_file()` itself (a test holds the two answers equal).
    """
    from cooldown.paths import APP_NAME, HOME_VARIABLE

    home = os.environ.get(HOME_VARIABLE)
    if home:
        return os.path.join(os.path.expanduser(home), "config.toml")
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel") and not os.environ.get("ANDROID_ROOT"):
        xdg = os.environ.get("XDG_CONFIG_HOME", "")
        if xdg.startswith("/"):
            return os.path.join(xdg, APP_NAME, "config.toml")
        if xdg == "" and os.environ.get("HOME", "").startswith("/"):
            return os.path.join(os.path.expanduser("~/.config"), APP_NAME, "config.toml")
    from cooldown.paths import config_file

    return str(config_file())


def configured_clock_style() -> str:
    """The style in config.toml, else the locale's: what `cooldown status` and the alarm show times in."""
    return clock_style_for(read_clock_setting(config_file_str()))


__all__ = [
    "clock_style_for",
    "config_file_str",
    "configured_clock_style",
    "locale_clock_style",
    "locale_time_format",
    "read_clock_setting",
]
