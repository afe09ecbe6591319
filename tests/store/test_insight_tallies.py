"""The aggregate queries behind what works, on a real log: per activity, topic and first sign, and the ledger."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from cooldown.core.cues import Cue
from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
from cooldown.store.tallies import summary

BERLIN = ZoneInfo("Europe/Berlin")
HOT, VOICE = Cue(group="body", name="hot face"), Cue(group="actions", name="raising my voice")


def episode(day: int, activity: str, outcome: str, before, after, late: int, topic: str = "", cues=()) -> Episode:  # noqa: ANN001
    start = datetime(2026, 11, day, 18, 0, tzinfo=BERLIN)
    back = start + timedelta(minutes=30)
    return (
        Episode.begin(start, before)
        .choose_activity(activity)
        .agree_return(back, start)
        .come_back(back + timedelta(minutes=late))
        .record_outcome(Outcome(outcome))
        .reflect(after, "")
        .notice(topic, cues)
    )


def test_effects_topics_cues_and_ledger_from_the_log(log_path: Path) -> None:
    with EpisodeLog(log_path) as log:
        for made in (
            episode(10, "walk", "sidestep", 8, 3, 2, "money", (HOT,)),
            episode(11, "walk", "fight", 7, 6, 10, "Money", (HOT, VOICE)),
            episode(12, "walk", "sidestep", 9, None, 5, "chores"),
            episode(13, "tv", "fight", None, 4, 0),
        ):
            log.save(made)
        found, _ = summary(log, date(2026, 11, 21))
    walk, tv = found.effects
    assert (walk.label, walk.used, walk.tally.sidesteps, walk.tally.fights) == ("walk", 3, 2, 1)
    assert (walk.rated, walk.anger_drop) == (2, 3.0)  # (8-3 + 7-6) / 2; the missing rating left out
    assert (walk.on_time, walk.returned) == (2, 3)  # 5 minutes late still counts
    assert (tv.label, tv.enough, tv.anger_drop) == ("tv", False, None)
    assert [(t.label, t.used, t.tally.fights) for t in found.topics] == [("Money", 2, 1), ("chores", 1, 0)]
    assert [(c.label, c.used) for c in found.cues] == [("hot face", 2), ("raising my voice", 1)]
    assert found.ledger is not None
    assert (found.ledger.on_time, found.ledger.returned, found.ledger.cool_downs) == (3, 4, 4)


def test_an_empty_log_has_nothing_to_say(log_path: Path) -> None:
    with EpisodeLog(log_path) as log:
        found, _ = summary(log, date(2026, 11, 21))
    assert found.effects == found.topics == found.cues == []
    assert found.ledger is not None and found.ledger.empty
