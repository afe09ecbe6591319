"""When to alert, and how often: the rules behind every notifier, in plain values.

No pydantic and nothing but the standard library, so the background alarm and
`cooldown status` can use the same rules as the app without its weight.

An alert goes out once when a time comes (the return time, or a put-off talk's
time). Until the person acknowledges it (they are back, or the episode moves on)
it repeats every `repeat_minutes`, at most `repeat_times` more times, then stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

BELL = True
DESKTOP = True
TERMINAL = True
COMMAND: tuple[str, ...] = ()
REPEAT_MINUTES = 5
REPEAT_TIMES = 3
REPEAT_MINUTES_RANGE = (1, 60)
REPEAT_TIMES_RANGE = (0, 10)
COMMAND_LIMIT = 20
"""The most arguments a notification command may have."""
COMMAND_TIMEOUT = 10.0
"""Seconds a notification command may run before it is stopped."""


@dataclass(frozen=True)
class Schedule:
    """How often an unacknowledged alert is repeated."""

    repeat_minutes: int = REPEAT_MINUTES
    repeat_times: int = REPEAT_TIMES

    @property
    def most(self) -> int:
        """How many times one due time is alerted at most (the first time and the repeats)."""
        return 1 + self.repeat_times

    def next_send(self, due: float, sent: int, last: float | None) -> float | None:
        """When the next alert for a time due at `due` (epoch seconds) goes out; None once all have gone.

        `sent` alerts have gone out so far, the last at `last`.
        """
        if sent == 0:
            return due
        if sent >= self.most or last is None:
            return None
        return last + self.repeat_minutes * 60


STATES = ("due", "talk_due", "test")
"""What an alert is about: the return time has come, the time agreed for a put-off talk, or
`cooldown notify --test`."""


@dataclass(frozen=True)
class Alert:
    """One due time come: what to say and what it is about."""

    episode_uid: str
    due_at: datetime
    """The time that has come: the return time, or the time agreed for a put-off talk."""
    words: str
    """What to say, e.g. "It's 19:30: time to go back and talk."."""
    activity: str | None = None
    state: str = "due"
    """One of `STATES`."""
    number: int = 1
    """1 for the first alert of this due time, 2 and on for the repeats."""


def return_words(back_at: str, late: bool) -> str:
    """The alert at the return time ('19:30'), and once it is `late` (more than a few minutes past)."""
    if not late:
        return f"It's {back_at}: time to go back and talk."
    return f"It's time to go back and talk (since {back_at})."


def talk_words(talk_at: str) -> str:
    """The alert when a put-off talk's time ('21:00') comes."""
    return f"It's {talk_at}: time for the talk you agreed."


def program_problem(program: str) -> str | None:
    """Why `program` (a command's first word) can't be used, or None: a name found on PATH, or a full path.

    A relative path would be looked for in whatever folder the alarm runs in, so it is refused;
    `~/bin/alert` is fine (the home folder is filled in).
    """
    import os

    if os.sep not in program and not (os.altsep and os.altsep in program):
        return None
    if os.path.isabs(os.path.expanduser(program)):
        return None
    return f"“{program}” is a relative path: give the program's full path (like /home/me/bin/alert) or a name on PATH"
