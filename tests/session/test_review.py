"""History.review and the day the look back was last seen, against a real SQLite file and data folder."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from cooldown.core.episode import Episode, Outcome
from cooldown.core.stats import Tally
from cooldown.paths import review_seen_file
from cooldown.session.history import History
from cooldown.session.logbook import Logbook
from cooldown.store.episodes import EpisodeLog, StoreError
from tests.conftest import BERLIN, FakeClock


@pytest.fixture
def problems() -> list[StoreError]:
    return []


@pytest.fixture
def logbook(log_path: Path, problems: list[StoreError]) -> Iterator[Logbook]:
    with Logbook(log_path, listener=problems.append) as opened:
        yield opened


@pytest.fixture
def history(logbook: Logbook, clock: FakeClock) -> History:
    return History(logbook, clock)


def save(log_path: Path, *episodes: Episode) -> None:
    with EpisodeLog(log_path) as log:
        for episode in episodes:
            log.save(episode)


def test_the_window_read_from_the_log_across_the_autumn_change(
    history: History, clock: FakeClock, log_path: Path
) -> None:
    clock.now = datetime(2026, 10, 28, 12, 0, tzinfo=BERLIN)  # Thu 22 to Wed 28 October, 25 October in the middle
    save(
        log_path,
        Episode.logged(datetime(2026, 10, 21, 23, 59, tzinfo=BERLIN), Outcome.FIGHT),  # the day before
        Episode.logged(datetime(2026, 10, 22, 0, 0, tzinfo=BERLIN), Outcome.SIDESTEP),  # first instant
        Episode.logged(datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=1), Outcome.SIDESTEP),  # the hour repeated
        Episode.logged(datetime(2026, 10, 28, 22, 59, tzinfo=UTC), Outcome.FIGHT),  # 23:59 on the 28th in Berlin
        Episode.logged(datetime(2026, 10, 28, 23, 0, tzinfo=UTC), Outcome.FIGHT),  # midnight: the 29th
    )
    found = history.review()
    assert found is not None
    assert (found.first_day, found.last_day) == (date(2026, 10, 22), date(2026, 10, 28))
    assert (found.logged, found.tally) == (3, Tally(sidesteps=2, fights=1))
    before = history.review(weeks_back=1)
    assert before is not None and before.tally == Tally(fights=1)


def test_no_log_yet_is_a_quiet_week_and_creates_nothing(clock: FakeClock, log_path: Path) -> None:
    with Logbook(log_path, create=False) as logbook:
        found = History(logbook, clock).review()
    assert found is not None and found.empty
    assert not log_path.exists()


def test_an_unreadable_log_gives_none_and_reports(log_path: Path, clock: FakeClock) -> None:
    log_path.parent.mkdir(parents=True)
    log_path.write_bytes(b"not a database" * 100)
    problems: list[StoreError] = []
    with Logbook(log_path, create=False, listener=problems.append) as logbook:
        history = History(logbook, clock)
        assert history.review() is None
    assert problems and problems[0].path == log_path


def test_seen_is_kept_beside_the_log_as_a_private_iso_date(history: History, log_path: Path) -> None:
    path = review_seen_file(log_path)
    assert path == log_path.parent / "review-seen" == review_seen_file()  # the data folder
    assert history.review_seen() is None
    assert history.mark_review_seen()
    assert path.read_text(encoding="utf-8") == "2026-11-21\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert history.review_seen() == date(2026, 11, 21)
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".review")) == []  # no temp left


def test_a_damaged_or_unwritable_seen_file_never_raises(history: History, log_path: Path) -> None:
    path = review_seen_file(log_path)
    path.write_text("last tuesday", encoding="utf-8")
    assert history.review_seen() is None  # as if never seen
    path.unlink()
    path.mkdir()  # a folder in the way
    assert history.mark_review_seen() is False
    assert history.review_seen() is None


def test_due_a_week_after_it_was_seen_or_once_there_is_a_week_to_see(
    history: History, clock: FakeClock, log_path: Path
) -> None:
    save(log_path, Episode.logged(clock.now - timedelta(days=6, hours=17), Outcome.SIDESTEP))  # Sun 15 Nov 01:00
    assert not history.review_due()  # everything is inside the last seven days: nothing to look back on yet
    save(log_path, Episode.logged(datetime(2026, 11, 14, 23, 30, tzinfo=BERLIN), Outcome.FIGHT))
    assert history.review_due()
    history.mark_review_seen()
    assert not history.review_due()
    clock.advance(days=6)
    assert not history.review_due()
    clock.advance(days=1)
    assert history.review_due()
