"""The [notifications] table of config.toml, read with the standard library alone, for the background alarm.

The app reads config.toml with its pydantic settings, which tell the person
what is wrong. This reader only has to agree with them on a good file and never
fail on a bad one: a missing, unreadable, too large, non-UTF-8 or broken file
gives the defaults, and each key that is missing or invalid falls back to its
own default while the others are kept.

Values are checked strictly, as TOML types them and as the app does: `bell = 1`
is not true and `repeat_minutes = 5.0` is not a whole number. A command that is
not a list of 1 to `COMMAND_LIMIT` strings of 1 to 1000 characters is dropped
whole: running part of a command is worse than running none.
"""

from __future__ import annotations

import os
import stat

from cooldown.core import alerting

TYPE_CHECKING = False  # True for type checkers only: typing and friends are not imported at run time

if TYPE_CHECKING:
    from typing import Any

SIZE_LIMIT = 256 * 1024
"""A config file is a few kilobytes; anything past this is not read (as in `cooldown.store.toml_file`)."""
ARGUMENT_LIMIT = 1000
"""The longest argument of a notification command, in characters."""


class NotifySettings:
    """How cooldown gets attention at the return time: the [notifications] table, as plain values."""

    __slots__ = ("bell", "desktop", "terminal", "command", "repeat_minutes", "repeat_times")

    def __init__(
        self,
        bell: bool = alerting.BELL,
        desktop: bool = alerting.DESKTOP,
        terminal: bool = alerting.TERMINAL,
        command: tuple[str, ...] = alerting.COMMAND,
        repeat_minutes: int = alerting.REPEAT_MINUTES,
        repeat_times: int = alerting.REPEAT_TIMES,
    ) -> None:
        self.bell = bell
        """Ring the terminal bell (while cooldown is open)."""
        self.desktop = desktop
        """A desktop notification, also after cooldown is closed."""
        self.terminal = terminal
        """A notification through the terminal (while cooldown is open)."""
        self.command = tuple(command)
        """The person's own command, an argument list; empty for none."""
        self.repeat_minutes = repeat_minutes
        """Until they are back, the alert repeats every this many minutes ..."""
        self.repeat_times = repeat_times
        """... at most this many times."""

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NotifySettings):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"NotifySettings({fields})"


def read_notifications(path: str | os.PathLike[str]) -> NotifySettings:
    """The [notifications] settings in the config file at `path`; the defaults for whatever can't be used. Never raises."""
    table = _table(path).get("notifications")
    if not isinstance(table, dict):
        return NotifySettings()
    values: dict[str, Any] = {}
    for key in ("bell", "desktop", "terminal"):
        if type(table.get(key)) is bool:
            values[key] = table[key]
    for key, (low, high) in (
        ("repeat_minutes", alerting.REPEAT_MINUTES_RANGE),
        ("repeat_times", alerting.REPEAT_TIMES_RANGE),
    ):
        value = table.get(key)
        if type(value) is int and low <= value <= high:
            values[key] = value
    command = table.get("command")
    if _is_command(command):
        values["command"] = tuple(command)
    return NotifySettings(**values)


def _is_command(value: object) -> bool:
    """A list of at most `COMMAND_LIMIT` strings of 1 to `ARGUMENT_LIMIT` characters (empty for none)."""
    return (
        isinstance(value, list)
        and len(value) <= alerting.COMMAND_LIMIT
        and all(isinstance(item, str) and 1 <= len(item) <= ARGUMENT_LIMIT for item in value)
        and (not value or alerting.program_problem(value[0]) is None)
    )


def _table(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The TOML document at `path`, or an empty one if it can't be read for any reason."""
    import tomllib

    try:
        # Opened without waiting, so a named pipe in its place can't hang the alarm; then checked to be a file.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > SIZE_LIMIT:
                return {}
            raw = handle.read(SIZE_LIMIT + 1)
        if len(raw) > SIZE_LIMIT:
            return {}
        return tomllib.loads(raw.decode("utf-8-sig"))
    except Exception:  # missing, unreadable, not UTF-8, not TOML, nested too deeply: all mean "use the defaults"
        return {}


__all__ = ["NotifySettings", "read_notifications"]
