"""Paced breathing: the pace (config.toml's [breathing]) and the phase at any instant.

The phase is worked out from the clock (time since the guide began, modulo one
breath), never by counting ticks, so it never drifts and any instant can be
tested. The default pace is 4 s in and 6 s out: six breaths a minute with the
out-breath longer, the slow pace used to settle a racing body.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from cooldown.core.instant import elapsed

BreathSeconds = Annotated[int, Field(ge=2, le=10)]
HoldSeconds = Annotated[int, Field(ge=0, le=10)]

Part = Literal["in", "hold", "out"]
WORDS: dict[Part, str] = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out"}


class Breathing(BaseModel):
    """The breathing guide on the cool-down screen."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    enabled: bool = True
    """Show the guide when a cool-down starts (p shows or hides it at any time)."""
    inhale_seconds: BreathSeconds = 4
    """Seconds to breathe in (2 to 10)."""
    hold_seconds: HoldSeconds = 0
    """Seconds to hold the breath after breathing in (0 to 10; 0 means no hold)."""
    exhale_seconds: BreathSeconds = 6
    """Seconds to breathe out (2 to 10); longer than breathing in calms the most."""
    reduced_motion: bool = False
    """Keep the words, drop the moving shape (it then changes once per phase)."""

    @property
    def cycle(self) -> int:
        """Seconds in one whole breath."""
        return self.inhale_seconds + self.hold_seconds + self.exhale_seconds

    @property
    def per_minute(self) -> float:
        return 60 / self.cycle

    def parts(self) -> list[tuple[Part, int]]:
        """The phases of one breath and their lengths, in order (no hold when it is 0)."""
        parts: list[tuple[Part, int]] = [("in", self.inhale_seconds)]
        if self.hold_seconds:
            parts.append(("hold", self.hold_seconds))
        parts.append(("out", self.exhale_seconds))
        return parts


@dataclass(frozen=True)
class BreathPhase:
    """Where a breath is at one instant."""

    part: Part
    fraction: float
    """How far through this phase, 0 (just begun) to 1."""
    remaining: float
    """Seconds until the next phase begins."""
    number: int
    """Which phase this is since the guide began (0, 1, 2, ...): it changes exactly when the phase does."""

    @property
    def words(self) -> str:
        return WORDS[self.part]

    @property
    def fullness(self) -> float:
        """How full the lungs are, 0 to 1: growing on the in-breath, full on the hold, emptying on the out-breath."""
        if self.part == "in":
            return self.fraction
        if self.part == "hold":
            return 1.0
        return 1.0 - self.fraction


def phase_at(pace: Breathing, start: datetime, now: datetime) -> BreathPhase:
    """The phase of the breath at `now`, for a guide that began (breathing in) at `start`."""
    seconds = max(0.0, elapsed(start, now).total_seconds())
    breaths, into = divmod(seconds, pace.cycle)
    parts = pace.parts()
    for index, (part, length) in enumerate(parts):
        if into < length:
            return BreathPhase(part, into / length, length - into, int(breaths) * len(parts) + index)
        into -= length
    part, length = parts[-1]  # floating point at the very end of a breath
    return BreathPhase(part, 1.0, 0.0, int(breaths) * len(parts) + len(parts) - 1)
