"""What helps right now: one short line at a time during the cool-down.

A line stays for a few minutes (never changing every second); `g` moves on to
the next. The lines for the chosen activity come first, for the five default
activities while their names are unchanged; then the general rules of a good
break, or the person's own lines from config.toml's [guidance] in their place.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from cooldown.core.instant import elapsed
from cooldown.core.text import plain_line

INTERVAL = timedelta(minutes=3)
"""How long one line stays before the next."""

LINE_LIMIT = 200
"""The longest line of guidance, in characters."""

GENERAL: tuple[str, ...] = (
    "Let your body settle first. The argument will still be there when you are calm.",
    "Caught yourself replaying the argument? Come back to what you are doing right now.",
    "Breathe out a little longer than you breathe in, and let your shoulders drop.",
    "No texts or calls to your partner during the break. The space is part of the deal.",
    "Leave the alcohol for another day: it makes the talk afterwards harder.",
    "Don't drive while you are this angry. Walk, or stay where you are.",
    "Building the case against them keeps your body wound up. Set it down for now.",
    "Notice three things around you: a sound, a colour, something you can touch.",
    "It's fine to still be upset when you go back. Going back on time is what counts.",
)
"""The general rules of a good break, in the order they are shown."""

BY_ACTIVITY: dict[str, tuple[str, ...]] = {
    "go for a walk": (
        "Walk at an easy pace and let your arms swing.",
        "Look up and around as you walk: the trees, the sky, the street.",
    ),
    "put on my headphones": (
        "Pick music that slows you down, not music that winds you up.",
        "Close your eyes for one whole song and just listen.",
    ),
    "exercise": (
        "Move hard enough to breathe deeply, then ease off and let your body cool down.",
        "Let the effort use up the tension. The thinking can wait.",
    ),
    "watch a movie": (
        "Pick something light and let the story carry you for a while.",
        "Sit back, feet on the floor, and let your jaw and hands loosen.",
    ),
    "run errands": (
        "Take your time; there is no prize for coming back early.",
        "Go on foot if you can. Driving can wait until you are calm.",
    ),
}
"""Lines for the default activities, by their default names."""

GuidanceLine = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LINE_LIMIT), AfterValidator(plain_line)
]
"""One line of your own guidance: control characters are refused (a terminal would act on them)."""


class Guidance(BaseModel):
    """config.toml's [guidance]: the person's own lines in place of the general ones."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lines: tuple[GuidanceLine, ...] = Field(default=(), max_length=50)
    """Your own lines, shown literally in place of the general ones; empty means the defaults."""

    def for_activity(self, activity: str | None) -> tuple[str, ...]:
        """The lines for a cool-down with `activity`: its own first, then the general (or your) ones."""
        own = BY_ACTIVITY.get((activity or "").strip().casefold(), ())
        return own + (self.lines or GENERAL)


def line_at(lines: tuple[str, ...], start: datetime, now: datetime, skipped: int = 0) -> str:
    """The line on show at `now` for a cool-down that began at `start`, `skipped` lines on (g)."""
    if not lines:
        return ""
    shown = max(0, int(elapsed(start, now) / INTERVAL))
    return lines[(shown + skipped) % len(lines)]


def next_change(start: datetime, now: datetime) -> timedelta:
    """How long until the line changes by itself."""
    into = max(timedelta(0), elapsed(start, now)) % INTERVAL
    return INTERVAL - into
