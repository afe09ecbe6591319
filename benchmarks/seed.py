"""Build a synthetic episode log for the benchmarks: N episodes spread over Y years."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.store.episodes import EpisodeLog

ACTIVITIES = ("go for a walk", "put on my headphones", "exercise", "watch a movie", "run errands", "make tea")


def synthetic_episodes(count: int, years: int, end: datetime, seed: int = 7) -> Iterator[Episode]:
    """`count` plausible episodes, oldest first, ending at `end`."""
    rng = random.Random(seed)
    span = timedelta(days=365 * years)
    step = span / count
    start = end - span
    for n in range(count):
        started = start + step * n + timedelta(seconds=rng.randrange(0, 600))
        minutes = rng.choice((15, 20, 30, 30, 45, 60, 90, 120))
        return_at = started + timedelta(minutes=minutes)
        returned_at = return_at + timedelta(minutes=rng.randrange(-10, 25))
        outcome = Outcome.SIDESTEP if rng.random() < 0.7 else Outcome.FIGHT
        yield Episode(
            started_at=started,
            statement=4,
            anger_before=rng.randrange(10),
            activity=rng.choice(ACTIVITIES),
            return_at=return_at,
            returned_at=returned_at,
            reschedules=rng.choice((0, 0, 0, 1)),
            outcome=outcome,
            anger_after=rng.randrange(10),
            note=rng.choice(("", "", "talked it through", "went for a long walk")),
            status=Status.DONE,
        )


def seed_log(path: Path, count: int = 100_000, years: int = 10) -> None:
    end = datetime.now(ZoneInfo("Europe/Berlin")) - timedelta(hours=1)
    with EpisodeLog(path) as log:
        log.add_new(synthetic_episodes(count, years, end))
