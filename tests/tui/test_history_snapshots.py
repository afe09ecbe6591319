"""Snapshots of the history screen at 80x24 (and 60x20): empty, with a seeded log, with a cool-down running."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.app import CooldownApp
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE


def seed(log_path: Path, clock: FakeClock) -> None:
    """Twelve weeks of a person getting better at this."""
    activities = ("go for a walk", "put on my headphones", "exercise")
    episodes = []
    for day in range(84):
        if day % 3:
            continue
        at = clock.now - timedelta(days=84 - day, hours=day % 5)
        outcome = Outcome.FIGHT if (day % 9 == 0 and day < 60) or day % 21 == 0 else Outcome.SIDESTEP
        episode = Episode.begin(at, anger=day % 10).choose_activity(activities[day % 3])
        episode = episode.agree_return(at + timedelta(minutes=20 + day % 40))
        episode = episode.come_back(at + timedelta(minutes=25 + day % 40)).record_outcome(outcome)
        episodes.append(episode)
    with EpisodeLog(log_path) as log:
        log.add_new(episodes)


def test_history_empty(snap_compare, clock: FakeClock, log_path: Path) -> None:
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    assert snap_compare(app, terminal_size=SIZE)


def test_history_overview_seeded(snap_compare, clock: FakeClock, log_path: Path) -> None:
    seed(log_path, clock)
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    assert snap_compare(app, terminal_size=SIZE)


def test_history_episodes_seeded(snap_compare, clock: FakeClock, log_path: Path) -> None:
    seed(log_path, clock)
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    assert snap_compare(app, terminal_size=SIZE, press=["e"])


def with_a_running_cool_down(log_path: Path, clock: FakeClock) -> None:
    """The seeded weeks, and a cool-down started ten minutes ago, back at 18:20."""
    seed(log_path, clock)
    started = clock.now - timedelta(minutes=10)
    episode = Episode.begin(started, anger=7).choose_activity("go for a walk")
    with EpisodeLog(log_path) as log:
        log.save(episode.agree_return(clock.now + timedelta(minutes=20), started))


def test_history_episodes_with_a_running_cool_down(snap_compare, clock: FakeClock, log_path: Path) -> None:
    with_a_running_cool_down(log_path, clock)
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    assert snap_compare(app, terminal_size=SIZE, press=["e"])


def test_history_episodes_at_60x20(snap_compare, clock: FakeClock, log_path: Path) -> None:
    with_a_running_cool_down(log_path, clock)
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    assert snap_compare(app, terminal_size=(60, 20), press=["e"])


def test_history_running_cool_down_details(snap_compare, clock: FakeClock, log_path: Path) -> None:
    with_a_running_cool_down(log_path, clock)
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    assert snap_compare(app, terminal_size=SIZE, press=["e", "enter"])
