"""Tests for cooldown.session.history against a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.session.history import PAGE, ChangedElsewhere, History, Listing
from cooldown.session.logbook import Logbook
from cooldown.session.preferences import Preferences
from cooldown.session.protocol import ProtocolRun
from cooldown.store.episodes import EpisodeLog, Filter, StoreError
from tests.conftest import FakeClock


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


def stored(path: Path) -> list[Episode]:
    """Every episode in the log, read back through a connection of its own."""
    with EpisodeLog(path) as log:
        return list(log.episodes())


def finished(start: datetime, outcome: Outcome = Outcome.SIDESTEP, note: str = "") -> Episode:
    return (
        Episode.begin(start, anger=6)
        .choose_activity("go for a walk")
        .agree_return(start + timedelta(minutes=30), start)
        .come_back(start + timedelta(minutes=35))
        .record_outcome(outcome)
        .reflect(2, note)
    )


def many(clock: FakeClock, count: int) -> list[Episode]:
    """`count` finished episodes, every third one a fight; pairs share a start time (ties broken by id)."""
    return [
        finished(clock() - timedelta(hours=2 * (n // 2) + 1), Outcome.FIGHT if n % 3 == 0 else Outcome.SIDESTEP)
        for n in range(count)
    ]


# --- pages --------------------------------------------------------------------


def test_a_page_is_a_hundred() -> None:
    assert PAGE == 100


def test_pages_through_230_episodes_newest_first(history: History, log_path: Path, clock: FakeClock) -> None:
    assert history.add_new(many(clock, 230)) == 230
    pages = history.pages()
    sizes = []
    seen: list[Episode] = []
    while not pages.exhausted:
        page = pages.next()
        sizes.append(len(page))
        seen += page
    assert sizes == [100, 100, 30]
    assert pages.next() == []
    assert pages.exhausted
    everything = stored(log_path)
    assert len({episode.id for episode in seen}) == 230
    assert {episode.uid for episode in seen} == {episode.uid for episode in everything}
    keys = [(episode.started_at, episode.id) for episode in seen]
    assert keys == sorted(keys, reverse=True)


def test_pages_oldest_first(history: History, log_path: Path, clock: FakeClock) -> None:
    history.add_new(many(clock, 230))
    pages = history.pages(oldest_first=True)
    seen = pages.next() + pages.next() + pages.next()
    assert pages.exhausted
    assert pages.next() == []
    assert [episode.uid for episode in seen] == [episode.uid for episode in stored(log_path)]
    assert seen[0].started_at == min(episode.started_at for episode in seen)


def test_exactly_two_pages_end_with_an_empty_one(history: History, clock: FakeClock) -> None:
    history.add_new(many(clock, 200))
    pages = history.pages()
    assert [len(pages.next()), len(pages.next())] == [100, 100]
    assert not pages.exhausted
    assert pages.next() == []
    assert pages.exhausted


def test_pages_of_a_filter(history: History, clock: FakeClock) -> None:
    history.add_new(many(clock, 230))
    pages = history.pages(Filter(outcome=Outcome.FIGHT))
    fights = pages.next()
    assert len(fights) == 77
    assert pages.exhausted
    assert {episode.outcome for episode in fights} == {Outcome.FIGHT}


def test_pages_of_an_empty_log(history: History) -> None:
    pages = history.pages()
    assert pages.next() == []
    assert pages.exhausted


# --- count and episodes -------------------------------------------------------


def test_count_with_a_filter(history: History, clock: FakeClock) -> None:
    history.add_new(many(clock, 230))
    history.store(Episode.begin(clock()))
    assert history.count() == 231
    assert history.count(Filter(outcome=Outcome.FIGHT)) == 77
    assert history.count(Filter(outcome=Outcome.SIDESTEP)) == 153
    assert history.count(Filter(unfinished=True)) == 1
    assert history.count(Filter(since=clock() - timedelta(hours=10))) == 11
    assert history.count(Filter(outcome=Outcome.FIGHT, since=clock() - timedelta(hours=10))) == 4


def test_episodes_streams_oldest_first(history: History, clock: FakeClock) -> None:
    history.add_new(many(clock, 7))
    streamed = list(history.episodes())
    assert len(streamed) == 7
    assert [episode.started_at for episode in streamed] == sorted(episode.started_at for episode in streamed)
    assert len(list(history.episodes(Filter(outcome=Outcome.FIGHT)))) == 3


# --- store, delete, log afterwards, add_new -----------------------------------


def test_store_of_an_edit_with_the_right_expected_saves(history: History, log_path: Path, clock: FakeClock) -> None:
    saved = history.store(finished(clock() - timedelta(days=1)))
    assert isinstance(saved, Episode)
    before = history.changes
    edited = saved.edit(Outcome.FIGHT, "it went badly after all")
    result = history.store(edited, expected=saved)
    assert result == edited
    assert history.changes != before
    [row] = stored(log_path)
    assert row == edited
    assert row.outcome is Outcome.FIGHT
    assert row.note == "it went badly after all"


def test_store_with_a_stale_expected_returns_changed_elsewhere_and_writes_nothing(
    history: History, log_path: Path, clock: FakeClock
) -> None:
    saved = history.store(finished(clock() - timedelta(days=1), note="first"))
    assert isinstance(saved, Episode)
    with EpisodeLog(log_path) as other_window:
        elsewhere = other_window.save(saved.edit(Outcome.SIDESTEP, "changed in the other window"))
    before = history.changes
    result = history.store(saved.edit(Outcome.FIGHT, "mine"), expected=saved)
    assert result == ChangedElsewhere(elsewhere)
    assert history.changes == before
    assert stored(log_path) == [elsewhere]
    assert history.problem is None


def test_a_write_from_another_connection_moves_the_changes(history: History, log_path: Path, clock: FakeClock) -> None:
    history.store(finished(clock() - timedelta(days=1)))
    before = history.changes
    assert history.changes == before  # reading alone moves nothing
    with EpisodeLog(log_path) as shell:  # `cooldown log` in a shell
        shell.save(finished(clock()))
    assert history.changes != before


def test_store_of_a_new_episode_gives_it_an_id(history: History, log_path: Path, clock: FakeClock) -> None:
    saved = history.store(finished(clock()))
    assert isinstance(saved, Episode)
    assert saved.id is not None
    assert stored(log_path) == [saved]


def test_store_tells_the_watchers(logbook: Logbook, history: History, clock: FakeClock) -> None:
    seen: list[Episode] = []
    logbook.watch(seen.append)
    saved = history.store(finished(clock()))
    assert seen == [saved]


def test_delete(history: History, log_path: Path, clock: FakeClock) -> None:
    kept = history.store(finished(clock() - timedelta(days=2)))
    gone = history.store(finished(clock() - timedelta(days=1)))
    assert isinstance(kept, Episode) and isinstance(gone, Episode)
    assert gone.id is not None
    before = history.changes
    assert history.delete(gone.id) is True
    assert history.changes != before
    assert stored(log_path) == [kept]
    assert history.delete(gone.id) is False
    assert stored(log_path) == [kept]


def test_log_afterwards(history: History, log_path: Path, clock: FakeClock) -> None:
    fight = Episode.logged(clock() - timedelta(hours=3), Outcome.FIGHT, note="about the dishes")
    saved = history.log_afterwards(fight)
    assert saved is not None
    assert saved.id is not None
    [row] = stored(log_path)
    assert row == saved
    assert row.protocol_used is False
    assert row.status is Status.DONE
    assert row.outcome is Outcome.FIGHT
    assert row.note == "about the dishes"
    assert history.count(Filter(outcome=Outcome.FIGHT)) == 1


def test_add_new_never_duplicates(history: History, log_path: Path, clock: FakeClock) -> None:
    episodes = many(clock, 5)
    assert history.add_new(episodes) == 5
    assert history.add_new(episodes) == 0
    assert history.add_new([*episodes, finished(clock())]) == 1
    rows = stored(log_path)
    assert len(rows) == 6
    assert len({row.uid for row in rows}) == 6
    assert history.add_new([]) == 0
    assert history.count() == 6


def test_add_new_moves_changes(history: History, clock: FakeClock) -> None:
    before = history.changes
    history.add_new(many(clock, 2))
    assert history.changes != before


# --- summary ------------------------------------------------------------------


def test_summary_of_a_log(history: History, clock: FakeClock) -> None:
    history.store(finished(clock() - timedelta(hours=2), Outcome.SIDESTEP))
    history.store(finished(clock() - timedelta(hours=1), Outcome.FIGHT))
    found = history.summary()
    assert found is not None
    summary, days = found
    assert summary.today == clock().date()
    assert (summary.all_time.sidesteps, summary.all_time.fights) == (1, 1)
    assert [(day.day, day.tally.sidesteps, day.tally.fights) for day in days] == [(clock().date(), 1, 1)]


# --- when the log can't be used -----------------------------------------------


def test_a_damaged_log_gives_empty_answers_and_one_problem(log_path: Path, clock: FakeClock) -> None:
    log_path.parent.mkdir(parents=True)
    log_path.write_bytes(b"this is not an SQLite database, just garbage bytes\x00\xff" * 64)
    problems: list[StoreError] = []
    with Logbook(log_path, create=False, listener=problems.append) as logbook:
        history = History(logbook, clock)
        assert history.summary() is None
        assert history.count() == 0
        assert history.count(Filter(outcome=Outcome.FIGHT)) == 0
        pages = history.pages()
        assert pages.next() == []
        assert pages.exhausted
        assert history.store(finished(clock())) is None
        assert history.log_afterwards(Episode.logged(clock(), Outcome.FIGHT)) is None
        assert history.add_new(many(clock, 2)) is None
        assert history.delete(1) is False
        with pytest.raises(StoreError):
            list(history.episodes())
        assert len(problems) == 1
        assert problems[0].path == log_path
        assert history.problem is problems[0]
        assert not logbook.saving


def test_a_missing_log_with_create_false_creates_nothing(log_path: Path, clock: FakeClock) -> None:
    problems: list[StoreError] = []
    with Logbook(log_path, create=False, listener=problems.append) as logbook:
        history = History(logbook, clock)
        found = history.summary()
        assert found is not None
        summary, days = found
        assert summary.empty
        assert summary.today == clock().date()
        assert days == []
        assert history.count() == 0
        assert history.pages().next() == []
        assert list(history.episodes()) == []
        assert problems == []
    assert not log_path.exists()
    assert not log_path.parent.exists()


def test_a_write_failing_mid_way_is_reported_once(
    logbook: Logbook, history: History, problems: list[StoreError], log_path: Path, clock: FakeClock
) -> None:
    saved = history.store(finished(clock() - timedelta(days=1)))
    assert isinstance(saved, Episode)
    assert logbook.log is not None
    logbook.log.close()
    assert history.store(finished(clock())) is None
    assert history.delete(saved.id or 0) is False
    assert history.add_new(many(clock, 2)) is None
    assert history.count() == 0
    assert len(problems) == 1
    assert problems[0].path == log_path
    assert stored(log_path) == [saved]


# --- deleting the cool-down in hand ---------------------------------------------


def cooling_run(logbook: Logbook, clock: FakeClock, tmp_path: Path) -> ProtocolRun:
    run = ProtocolRun(logbook, Preferences(tmp_path / "config.toml"), clock)
    run.say(1, anger=7)
    run.say(2)
    run.choose_activity("go for a walk", 30)
    run.agree_return(clock() + timedelta(minutes=30))
    return run


def test_deleting_the_cool_down_in_hand_drops_it_from_the_protocol(
    logbook: Logbook, history: History, clock: FakeClock, tmp_path: Path, log_path: Path
) -> None:
    run = cooling_run(logbook, clock, tmp_path)
    episode = run.episode
    assert episode is not None and episode.id is not None and run.status() is not None
    assert history.running() == episode
    assert history.delete(episode.id) is True
    assert run.episode is None and run.over and run.status() is None
    assert history.running() is None
    clock.advance(minutes=40)
    run.breathed(60)  # a late tick of the screen that was showing it writes nothing back
    assert run.refresh() is False
    assert stored(log_path) == []
    run.say(1)  # the next statement 1 is a new episode
    assert run.episode is not None and run.episode.uid != episode.uid


def test_deleting_another_episode_leaves_the_cool_down_in_hand(
    logbook: Logbook, history: History, clock: FakeClock, tmp_path: Path
) -> None:
    earlier = history.store(finished(clock() - timedelta(days=1)))
    assert isinstance(earlier, Episode) and earlier.id is not None
    run = cooling_run(logbook, clock, tmp_path)
    held = run.episode
    assert history.delete(earlier.id) is True
    assert run.episode == held


def test_a_delete_that_fails_leaves_the_cool_down_in_hand(
    logbook: Logbook, history: History, clock: FakeClock, tmp_path: Path, problems: list[StoreError]
) -> None:
    run = cooling_run(logbook, clock, tmp_path)
    held = run.episode
    assert held is not None and held.id is not None and logbook.log is not None
    logbook.log.close()  # the log fails from here on
    assert history.delete(held.id) is False
    assert run.episode == held  # still running: nothing was deleted
    assert len(problems) == 1


def test_a_delete_is_told_to_those_watching_deletes(logbook: Logbook, history: History, clock: FakeClock) -> None:
    told: list[int] = []
    logbook.watch_deletes(told.append)
    saved = history.store(finished(clock()))
    assert isinstance(saved, Episode) and saved.id is not None
    assert history.delete(saved.id) is True
    assert history.delete(saved.id) is False  # already gone: still told, it is gone either way
    assert told == [saved.id, saved.id]


# --- the list's choices, and the history's own words for a problem ----------------


def test_the_listing_names_each_key_beside_its_choice(clock: FakeClock) -> None:
    listing = Listing()
    assert listing.line(1234) == "1,234 episodes · f all outcomes · p all time · s newest first · Enter opens one"
    listing.next_outcome()
    listing.next_period()
    listing.flip_order()
    assert listing.line(1) == "1 episode · f sidesteps · p this week · s oldest first · Enter opens one"
    assert listing.line(0) == "No episodes · f sidesteps · p this week"
    where = listing.where(clock())
    assert where.outcome is Outcome.SIDESTEP and where.since is not None and where.since <= clock()
    for _ in range(3):
        listing.next_outcome()
    assert listing.where(clock()).outcome is None  # round again to all outcomes


def test_a_damaged_log_is_told_in_the_history_s_words(log_path: Path, clock: FakeClock) -> None:
    log_path.parent.mkdir(parents=True)
    log_path.write_bytes(b"garbage, not a log " * 20)
    with Logbook(log_path) as logbook:
        words = History(logbook, clock).problem_words
    assert words is not None
    moved = next(log_path.parent.glob(f"{log_path.name}.damaged-*"))
    assert str(moved) in words and "Your earlier episodes are in that file" in words
    assert "What is shown here is the new log" in words
    assert "Not saved" not in words and "statements" not in words


def test_an_unreadable_log_is_told_in_the_history_s_words(log_path: Path, clock: FakeClock) -> None:
    log_path.mkdir(parents=True)  # a folder where the log should be
    with Logbook(log_path, create=False) as logbook:
        history = History(logbook, clock)
        assert history.summary() is None
        words = history.problem_words
    assert words is not None and str(log_path) in words
    assert "Not saved" not in words and "statements" not in words
