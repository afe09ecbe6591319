"""Check-ins during a cool-down: how angry now, and a pulse counted by hand.

Both are optional and never block anything. Each reading keeps its time, so an
episode has a course: the anger before, the ratings during, the anger after. A
pulse above the flooding line (100 a minute, or 10% over a resting pulse the
person has set, whichever is lower) gets one kind line that it is fine to take
longer. Nothing here is a medical judgement; the numbers are the person's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from cooldown.core.instant import fixed_offset, utc

Moment = Annotated[datetime, AfterValidator(fixed_offset)]

COUNT_SECONDS = 15
"""The pulse is counted for this long, then multiplied up to a minute."""
FLOODED_BPM = 100
"""Above this many beats a minute the body is still flooded (the line used in couples research)."""
BEATS = range(3, 81)
"""Beats counted in 15 seconds that can be a pulse (12 to 320 a minute)."""

FLOODED_WORDS = "Your body is still wound up, which is normal. Taking longer is fine: m for more time."
VERY_FAST_BPM = 150
"""From here on, the count is worth checking, and help is worth getting if it stays there."""
VERY_FAST_WORDS = (
    "That's very fast. Sit down and count again to be sure; if it stays this high or you feel unwell, get medical help."
)


class AngerReading(BaseModel):
    """How angry, 0 (calm) to 9 (furious), at a moment of the cool-down."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    at: Moment
    value: Annotated[int, Field(ge=0, le=9)]


class PulseReading(BaseModel):
    """A pulse counted by hand, in beats a minute, at a moment of the cool-down."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    at: Moment
    bpm: Annotated[int, Field(ge=12, le=320)]


class Pulse(BaseModel):
    """config.toml's [pulse]."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    resting_bpm: int | None = Field(default=None, ge=30, le=120)
    """Your resting pulse, if you know it (30 to 120); the flooding line is then 10% above it, at most 100."""

    @property
    def flooded_above(self) -> int:
        """Beats a minute above which the body counts as still flooded."""
        if self.resting_bpm is None:
            return FLOODED_BPM
        return min(FLOODED_BPM, round(self.resting_bpm * 1.1))


def per_minute(beats: int) -> int:
    """Beats counted in `COUNT_SECONDS`, as beats a minute."""
    return beats * 60 // COUNT_SECONDS


def pulse_words(bpm: int, flooded: bool) -> str:
    """The one line said about a pulse ('' when it is below the flooding line)."""
    if bpm >= VERY_FAST_BPM:
        return VERY_FAST_WORDS
    return FLOODED_WORDS if flooded else ""


def read_beats(text: str) -> int:
    """The beats typed after a count; raises ValueError with a kind message."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("Type how many beats you counted, like 22.")
    if not cleaned.isdigit() or len(cleaned) > 3:
        raise ValueError("Just the number of beats you counted, like 22.")
    beats = int(cleaned)
    if beats not in BEATS:
        raise ValueError(
            f"{beats} beats in {COUNT_SECONDS} seconds is not a pulse I can use. "
            "Check the number, or press Esc and count again another time: it's optional."
        )
    return beats


def course(before: int | None, during: Sequence[AngerReading], after: int | None) -> str:
    """The anger over an episode, e.g. "8 → 5 → 2" ('' when never rated)."""
    values = [before, *(reading.value for reading in sorted(during, key=lambda r: utc(r.at))), after]
    shown = [str(value) for value in values if value is not None]
    return " → ".join(shown)
