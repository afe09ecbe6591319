"""Statistics over the episode log, computed from plain values."""

from __future__ import annotations

from datetime import datetime

from cooldown.core.episode import Outcome
from cooldown.core.instant import utc


def month_start(now: datetime) -> datetime:
    """Midnight on the first day of `now`'s month, in `now`'s zone."""
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0, fold=0)
    return utc(start).astimezone(now.tzinfo)  # a midnight skipped by DST moves forward


def plural(count: int, word: str) -> str:
    """'1 fight', '3 fights', '0 sidesteps'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def outcome_summary(counts: dict[Outcome, int], period: str = "this month") -> str:
    """One line such as '3 sidesteps, 1 fight this month'."""
    return (
        f"{plural(counts.get(Outcome.SIDESTEP, 0), 'sidestep')}, "
        f"{plural(counts.get(Outcome.FIGHT, 0), 'fight')} {period}"
    )
