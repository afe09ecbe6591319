"""Build a synthetic episode log for the benchmarks: N episodes spread over Y years.

Besides the times, activities and outcomes, most episodes carry what the history's
"What works" reads: anger ratings before and after (the after mostly lower), a topic
from a dozen (now and then in other capitals: "Money", "MONEY"), and 0 to 4 first
signs from the default lists, the way `Episode.notice` stores them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from cooldown.core.cues import ACTIONS, BODY, FEELINGS, THOUGHTS, Cue
from cooldown.core.episode import Episode, Outcome, Status
from cooldown.store.episodes import EpisodeLog

ACTIVITIES = ("go for a walk", "put on my headphones", "exercise", "watch a movie", "run errands", "make tea")
TOPICS = (
    "money",
    "chores",
    "the kids",
    "screen time",
    "being late",
    "his mother",
    "holidays",
    "work stress",
    "the car",
    "tone of voice",
    "phone at dinner",
    "plans changed",
)
"""Twelve topics, the first few far more often than the rest (a few things set most episodes off)."""
TOPIC_WEIGHTS = (20, 16, 13, 10, 8, 7, 6, 5, 5, 4, 3, 3)
CUES = tuple(
    Cue(group=group, name=name)
    for group, names in (("body", BODY), ("actions", ACTIONS), ("feelings", FEELINGS), ("thoughts", THOUGHTS))
    for name in names
)
CUE_WEIGHTS = tuple(len(CUES) - n for n in range(len(CUES)))
"""The first signs of each list more often than the last."""
CUE_COUNTS, CUE_COUNT_WEIGHTS = (0, 1, 2, 3, 4), (25, 25, 25, 15, 10)


def _capitals(topic: str, rng: random.Random) -> str:
    """Mostly as usual, sometimes capitalised or shouted: the history counts them as one."""
    roll = rng.random()
    if roll < 0.12:
        return topic.capitalize()
    if roll < 0.15:
        return topic.upper()
    if roll < 0.17:
        return topic.title()
    return topic


def _real(moment: datetime) -> datetime:
    """`moment` as a wall time that exists: one in the hour skipped when the clocks go forward is moved past it
    (so no return time or coming back lands before the episode's start). Any other moment is kept as it is."""
    return moment.astimezone(UTC).astimezone(moment.tzinfo)


def synthetic_episodes(count: int, years: int, end: datetime, seed: int = 7) -> Iterator[Episode]:
    """`count` plausible episodes, oldest first, ending at `end`."""
    rng = random.Random(seed)
    extra = random.Random(seed + 1)  # the newer fields: the older ones stay as they were seeded before
    span = timedelta(days=365 * years)
    step = span / count
    start = end - span
    for n in range(count):
        started = _real(start + step * n + timedelta(seconds=rng.randrange(0, 600)))
        minutes = rng.choice((15, 20, 30, 30, 45, 60, 90, 120))
        return_at = _real(started + timedelta(minutes=minutes))
        returned_at = _real(return_at + timedelta(minutes=rng.randrange(-10, 25)))
        outcome = Outcome.SIDESTEP if rng.random() < 0.7 else Outcome.FIGHT
        before = rng.randrange(10)
        activity = rng.choice(ACTIVITIES)
        reschedules = rng.choice((0, 0, 0, 1))
        rng.randrange(10)  # the old anger_after, still drawn so that the fields after it stay as before
        note = rng.choice(("", "", "talked it through", "went for a long walk"))
        after = max(0, min(9, before - extra.choice((-1, 0, 1, 2, 2, 3, 3, 4, 5))))  # mostly calmer afterwards
        episode = Episode(
            started_at=started,
            statement=4,
            anger_before=before if extra.random() < 0.9 else None,
            activity=activity,
            return_at=return_at,
            returned_at=returned_at,
            reschedules=reschedules,
            outcome=outcome,
            anger_after=after if extra.random() < 0.8 else None,
            note=note,
            status=Status.DONE,
        )
        topic = _capitals(extra.choices(TOPICS, TOPIC_WEIGHTS)[0], extra) if extra.random() < 0.85 else ""
        number = extra.choices(CUE_COUNTS, CUE_COUNT_WEIGHTS)[0]
        cues: set[Cue] = set()
        while len(cues) < number:
            cues.add(extra.choices(CUES, CUE_WEIGHTS)[0])
        if topic or cues:
            episode = episode.notice(topic, tuple(sorted(cues, key=CUES.index)))
        yield episode


def seed_log(path: Path, count: int = 100_000, years: int = 10) -> None:
    end = datetime.now(ZoneInfo("Europe/Berlin")) - timedelta(hours=1)
    with EpisodeLog(path) as log:
        log.add_new(synthetic_episodes(count, years, end))
