"""Snapshots of the look back at 80x24: a seeded week, an empty one, and the closing screen offering it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from cooldown.core.cues import Cue
from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.app import CooldownApp
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE


def seed(log_path: Path, clock: FakeClock) -> None:
    """A week with a bit of everything: sidesteps, a fight, a late return, first signs, a talk put off."""
    now = clock.now
    hot, voice, unheard = (
        Cue(group="body", name="hot face"),
        Cue(group="actions", name="raising my voice"),
        Cue(group="feelings", name="unheard"),
    )
    plans = [
        (6, Outcome.SIDESTEP, "go for a walk", 8, 3, "money", (hot, unheard), 2),
        (4, Outcome.FIGHT, "exercise", 7, 6, "chores", (hot, voice), 15),
        (2, Outcome.SIDESTEP, "go for a walk", 6, 2, "", (voice, hot), 0),
    ]
    episodes = []
    for days, outcome, activity, before, after, topic, cues, late in plans:
        at = now - timedelta(days=days, hours=1)
        episode = Episode.begin(at, anger=before).choose_activity(activity).agree_return(at + timedelta(minutes=30), at)
        episode = episode.come_back(at + timedelta(minutes=30 + late)).record_outcome(outcome)
        episodes.append(episode.reflect(after, "").notice(topic, cues))
    talk_at = now - timedelta(days=1)
    later = Episode.begin(talk_at, anger=5).choose_activity("put on my headphones")
    later = later.agree_return(talk_at + timedelta(minutes=20), talk_at).come_back(talk_at + timedelta(minutes=20))
    episodes.append(later.put_off_talk(talk_at + timedelta(hours=2)))
    episodes.append(Episode.logged(now - timedelta(days=3), Outcome.SIDESTEP))
    with EpisodeLog(log_path) as log:
        for episode in episodes:
            log.save(episode)


def test_review_seeded(snap_compare, clock: FakeClock, log_path: Path) -> None:
    seed(log_path, clock)
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    assert snap_compare(app, terminal_size=SIZE, press=["k"])


def test_review_empty_week(snap_compare, clock: FakeClock, log_path: Path) -> None:
    seed(log_path, clock)
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    assert snap_compare(app, terminal_size=SIZE, press=["k", "left_square_bracket"])
