"""Tests for cooldown.session.protocol: every step is written as it happens, read back from a real SQLite file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.core.settings import Activity, CooldownLimits, Settings
from cooldown.session.history import History
from cooldown.session.logbook import Logbook
from cooldown.session.preferences import Preferences
from cooldown.session.protocol import ProtocolRun
from cooldown.session.status import CARRY_ON_WITHIN, RESUME_WINDOW, Stage
from cooldown.store.episodes import EpisodeLog, StoreError
from tests.conftest import FakeClock

RunFactory = Callable[..., ProtocolRun]


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    return Preferences(tmp_path / "config.toml")


@pytest.fixture
def open_run(log_path: Path, preferences: Preferences, clock: FakeClock) -> Iterator[RunFactory]:
    """Build a run (a window of the app) on its own logbook; every logbook is closed afterwards."""
    opened: list[Logbook] = []

    def build(path: Path = log_path, listener: Callable[[StoreError], None] | None = None) -> ProtocolRun:
        logbook = Logbook(path, listener=listener)
        opened.append(logbook)
        return ProtocolRun(logbook, preferences, clock)

    yield build
    for logbook in opened:
        logbook.close()


def stored(path: Path) -> list[Episode]:
    """Every episode in the log, oldest first, through a connection of its own."""
    with EpisodeLog(path) as log:
        return list(log.episodes())


def only(path: Path) -> Episode:
    [episode] = stored(path)
    return episode


def raw_rows(path: Path) -> list[tuple[Any, ...]]:
    """The table's rows exactly as stored, every column."""
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT * FROM episodes ORDER BY id").fetchall()
    finally:
        db.close()


def seed(path: Path, *episodes: Episode) -> list[Episode]:
    """Episodes written by an earlier launch."""
    with EpisodeLog(path) as log:
        return [log.save(episode) for episode in episodes]


def statements_at(start: datetime) -> Episode:
    return Episode.begin(start, anger=5).reach(2)


def cooling_at(start: datetime, minutes: int = 30) -> Episode:
    return (
        Episode.begin(start, anger=7)
        .choose_activity("go for a walk")
        .agree_return(start + timedelta(minutes=minutes), start + timedelta(minutes=1))
    )


def total_changes(run: ProtocolRun) -> int:
    """Rows changed through the run's own connection since it opened (SQLite's count)."""
    assert run.logbook.log is not None
    return run.logbook.log._db.total_changes


# --- a whole run --------------------------------------------------------------


def test_a_whole_run_writes_each_step_as_it_happens(open_run: RunFactory, log_path: Path, clock: FakeClock) -> None:
    run = open_run()
    start = clock()
    assert run.resume() is None
    run.begin_afresh_abandoning_stale()
    assert stored(log_path) == []
    changes = run.logbook.changes

    first = run.say(1, anger=7)
    row = only(log_path)
    assert row == first == run.episode
    assert row.id is not None
    assert (row.statement, row.anger_before, row.status) == (1, 7, Status.STATEMENTS)
    assert row.started_at == start

    clock.advance(seconds=20)
    run.say(2)
    row = only(log_path)
    assert (row.id, row.statement, row.anger_before) == (first.id, 2, 7)

    clock.advance(seconds=20)
    run.choose_activity("go for a walk")
    row = only(log_path)
    assert (row.statement, row.activity, row.status) == (3, "go for a walk", Status.STATEMENTS)

    clock.advance(seconds=20)
    agreed = clock()
    back_at = agreed + timedelta(minutes=30)
    run.agree_return(back_at)
    row = only(log_path)
    assert (row.statement, row.status, row.return_at, row.agreed_at) == (4, Status.COOLING, back_at, agreed)

    run.reconsider()
    row = only(log_path)
    assert (row.statement, row.status, row.return_at, row.agreed_at) == (3, Status.STATEMENTS, None, None)

    clock.advance(seconds=20)
    agreed = clock()
    run.agree_return(back_at)
    row = only(log_path)
    assert (row.status, row.return_at, row.agreed_at) == (Status.COOLING, back_at, agreed)
    status = run.status()
    assert status is not None
    assert status.stage is Stage.COOLING
    assert status.left == back_at - agreed

    later = back_at + timedelta(minutes=15)
    run.reschedule(later)
    row = only(log_path)
    assert (row.return_at, row.reschedules, row.status) == (later, 1, Status.COOLING)

    clock.advance(minutes=40)
    came_back = clock()
    run.come_back()
    row = only(log_path)
    assert (row.status, row.returned_at) == (Status.RETURNED, came_back)

    run.keep_cooling()
    row = only(log_path)
    assert (row.status, row.returned_at, row.return_at) == (Status.COOLING, None, later)

    clock.advance(minutes=10)
    run.record_outcome(Outcome.SIDESTEP)
    row = only(log_path)
    assert (row.status, row.outcome, row.returned_at) == (Status.DONE, Outcome.SIDESTEP, clock())
    assert run.over

    run.reflect(2, "We talked it through.")
    row = only(log_path)
    assert (row.anger_after, row.note, row.status) == (2, "We talked it through.", Status.DONE)
    assert row == run.episode
    assert run.logbook.changes == changes + 11
    assert run.month_summary() == "1 sidestep this month"

    # The next statement 1 starts a new episode; the finished one stays as it was.
    clock.advance(minutes=5)
    second = run.say(1, anger=3)
    finished, new = stored(log_path)
    assert finished == row
    assert new == second
    assert new.id != row.id
    assert (new.statement, new.anger_before, new.status) == (1, 3, Status.STATEMENTS)


def test_record_outcome_after_coming_back_keeps_the_return_time(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    run = open_run()
    run.say(1)
    run.agree_return(clock() + timedelta(minutes=30))
    clock.advance(minutes=31)
    came_back = clock()
    run.come_back()
    clock.advance(minutes=2)
    run.record_outcome(Outcome.FIGHT)
    row = only(log_path)
    assert (row.status, row.outcome, row.returned_at) == (Status.DONE, Outcome.FIGHT, came_back)


def test_going_back_to_statement_1_rates_the_anger_again_and_keeps_progress(
    open_run: RunFactory, log_path: Path
) -> None:
    run = open_run()
    first = run.say(1, anger=7)
    run.say(2)
    again = run.say(1, anger=4)
    row = only(log_path)
    assert row == again
    assert (row.id, row.statement, row.anger_before, row.started_at) == (first.id, 2, 4, first.started_at)


def test_abandon_during_the_statements_keeps_them_marked_abandoned(open_run: RunFactory, log_path: Path) -> None:
    run = open_run()
    run.say(1, anger=8)
    run.say(2)
    run.abandon()
    row = only(log_path)
    assert (row.status, row.statement, row.anger_before) == (Status.ABANDONED, 2, 8)
    assert run.over


def test_abandon_once_cooling_changes_nothing(open_run: RunFactory, log_path: Path, clock: FakeClock) -> None:
    run = open_run()
    run.say(1)
    run.agree_return(clock() + timedelta(minutes=30))
    before = raw_rows(log_path)
    run.abandon()
    assert raw_rows(log_path) == before
    assert only(log_path).status is Status.COOLING


def test_a_step_without_an_episode_is_refused(open_run: RunFactory) -> None:
    run = open_run()
    with pytest.raises(RuntimeError):
        run.choose_activity("go for a walk")


# --- resume -------------------------------------------------------------------


def test_resume_finds_a_running_cool_down_and_writes_nothing(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    stale = clock() - CARRY_ON_WITHIN - timedelta(minutes=30)
    old_statements, running = seed(
        log_path, statements_at(stale), cooling_at(clock() - timedelta(minutes=10), minutes=40)
    )
    before = raw_rows(log_path)
    run = open_run()
    changes_before = total_changes(run)

    found = run.resume()

    assert found == running
    assert run.episode == running
    assert not run.over
    assert total_changes(run) == changes_before
    assert run.logbook.changes == 0
    assert raw_rows(log_path) == before
    assert stored(log_path)[0] == old_statements
    assert stored(log_path)[0].status is Status.STATEMENTS


def test_resume_picks_up_a_cool_down_waiting_for_its_outcome(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    [returned] = seed(log_path, cooling_at(clock() - timedelta(hours=5)).come_back(clock() - timedelta(hours=4)))
    before = raw_rows(log_path)
    run = open_run()
    assert run.resume() == returned
    assert raw_rows(log_path) == before
    run.record_outcome(Outcome.SIDESTEP)
    row = only(log_path)
    assert (row.status, row.outcome, row.returned_at) == (Status.DONE, Outcome.SIDESTEP, returned.returned_at)


def test_resume_with_only_stale_statements_finds_nothing_and_writes_nothing(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    seed(
        log_path,
        statements_at(clock() - timedelta(hours=3)),
        statements_at(clock() - CARRY_ON_WITHIN - timedelta(seconds=1)),
    )
    before = raw_rows(log_path)
    run = open_run()
    changes_before = total_changes(run)
    assert run.resume() is None
    assert run.episode is None
    assert not run.carried_on
    assert total_changes(run) == changes_before
    assert raw_rows(log_path) == before
    assert [episode.status for episode in stored(log_path)] == [Status.STATEMENTS, Status.STATEMENTS]


def test_statements_left_within_ten_minutes_are_carried_on_and_nothing_is_written(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    older, left = seed(
        log_path, statements_at(clock() - timedelta(minutes=9)), statements_at(clock() - timedelta(minutes=5))
    )
    before = raw_rows(log_path)
    run = open_run()
    assert run.resume() == left
    assert run.carried_on
    assert not run.over
    assert raw_rows(log_path) == before
    run.choose_activity("go for a walk")
    run.agree_return(clock() + timedelta(minutes=30))
    by_uid = {episode.uid: episode for episode in stored(log_path)}
    assert len(by_uid) == 2  # carried on: no second episode
    assert by_uid[left.uid].status is Status.COOLING
    assert by_uid[left.uid].anger_before == left.anger_before
    assert by_uid[older.uid] == older


def test_ten_minutes_count_from_the_last_step_confirmed_not_from_the_start(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    first = open_run()
    first.say(1, anger=6)
    clock.advance(minutes=8)
    first.say(2)
    clock.advance(minutes=8)
    first.choose_activity("exercise")  # begun 16 minutes ago, last step just now
    clock.advance(minutes=9)
    later = open_run()
    later.abandon_stale_statements()
    found = later.resume()
    assert found is not None and found.activity == "exercise" and later.carried_on
    clock.advance(minutes=2)  # eleven minutes after the last step
    last = open_run()
    last.abandon_stale_statements()
    assert last.resume() is None
    assert only(log_path).status is Status.ABANDONED


def test_a_running_cool_down_newer_than_the_statements_is_resumed_first(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    _, cooling = seed(
        log_path, statements_at(clock() - timedelta(minutes=8)), cooling_at(clock() - timedelta(minutes=4))
    )
    run = open_run()
    assert run.resume() == cooling
    assert not run.carried_on


def test_statement_1_said_again_over_carried_on_statements_starts_afresh(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    [left] = seed(log_path, statements_at(clock() - timedelta(minutes=3)))
    run = open_run()
    run.resume()
    fresh = run.say(1, anger=3)
    assert fresh.uid != left.uid and fresh.anger_before == 3
    assert not run.carried_on
    by_uid = {episode.uid: episode for episode in stored(log_path)}
    assert by_uid[left.uid] == left.abandon()
    assert by_uid[fresh.uid].status is Status.STATEMENTS
    run.say(1, anger=4)  # said again in the same run: still the same episode
    assert len(stored(log_path)) == 2


def test_half_done_statements_count_nowhere_in_what_works(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    from cooldown.store.tallies import effect_rows

    seed(
        log_path,
        statements_at(clock() - timedelta(hours=2)).choose_activity("go for a walk"),
        cooling_at(clock() - timedelta(hours=3))
        .come_back(clock() - timedelta(hours=2))
        .record_outcome(Outcome.SIDESTEP),
    )
    open_run().abandon_stale_statements()
    with EpisodeLog(log_path) as log:
        [(activity, used, sidesteps, fights, *_)] = effect_rows(log)
    assert (activity, used, sidesteps, fights) == ("go for a walk", 1, 1, 0)


def test_then_a_resumed_cool_down_goes_on_in_the_log(open_run: RunFactory, log_path: Path, clock: FakeClock) -> None:
    [running] = seed(log_path, cooling_at(clock() - timedelta(minutes=10), minutes=40))
    run = open_run()
    run.resume()
    later = clock() + timedelta(hours=1)
    run.reschedule(later)
    row = only(log_path)
    assert (row.id, row.return_at, row.reschedules) == (running.id, later, 1)


def test_a_cool_down_started_more_than_the_resume_window_ago_is_not_resumed(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    seed(log_path, cooling_at(clock() - RESUME_WINDOW - timedelta(minutes=1)))
    before = raw_rows(log_path)
    run = open_run()
    assert run.resume() is None
    assert run.episode is None
    assert raw_rows(log_path) == before


def test_a_cool_down_started_just_inside_the_resume_window_is_resumed(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    [recent] = seed(log_path, cooling_at(clock() - RESUME_WINDOW + timedelta(minutes=1)))
    assert open_run().resume() == recent


def test_resume_takes_the_newest_open_cool_down(open_run: RunFactory, log_path: Path, clock: FakeClock) -> None:
    _, newer = seed(log_path, cooling_at(clock() - timedelta(hours=3)), cooling_at(clock() - timedelta(hours=1)))
    assert open_run().resume() == newer


# --- begin afresh ---------------------------------------------------------------


def test_begin_afresh_abandons_only_statements_older_than_ten_minutes(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    old = statements_at(clock() - CARRY_ON_WITHIN - timedelta(minutes=1))
    recent = statements_at(clock() - CARRY_ON_WITHIN + timedelta(minutes=1))
    old_cooling = cooling_at(clock() - timedelta(hours=3))
    old_done = cooling_at(clock() - timedelta(hours=4)).come_back(clock()).record_outcome(Outcome.FIGHT)
    seeded = seed(log_path, old, recent, old_cooling, old_done)
    run = open_run()

    run.begin_afresh_abandoning_stale()

    by_uid = {episode.uid: episode for episode in stored(log_path)}
    assert by_uid[old.uid].status is Status.ABANDONED
    assert by_uid[old.uid] == seeded[0].abandon()
    assert by_uid[recent.uid] == seeded[1]
    assert by_uid[old_cooling.uid] == seeded[2]
    assert by_uid[old_done.uid] == seeded[3]
    assert run.episode is None
    assert run.over


def test_begin_afresh_forgets_the_episode_in_hand(open_run: RunFactory, log_path: Path) -> None:
    run = open_run()
    first = run.say(1)
    run.begin_afresh_abandoning_stale()
    assert run.episode is None
    second = run.say(1)
    assert second.id != first.id
    assert len(stored(log_path)) == 2


def test_begin_afresh_that_abandons_something_moves_the_change_count(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    seed(log_path, statements_at(clock() - timedelta(hours=2)))
    run = open_run()
    history = History(run.logbook, clock)
    seen = history.changes
    run.begin_afresh_abandoning_stale()
    assert only(log_path).status is Status.ABANDONED
    assert history.changes != seen


# --- the activity's length ----------------------------------------------------


def test_usual_minutes_of_a_listed_activity(open_run: RunFactory) -> None:
    run = open_run()
    run.say(1)
    run.choose_activity("exercise")
    assert run.usual_minutes() == 45
    run.choose_activity("watch a movie")
    assert run.usual_minutes() == 120


def test_usual_minutes_of_an_activity_typed_in(log_path: Path, tmp_path: Path, clock: FakeClock) -> None:
    settings = Settings(
        cooldown=CooldownLimits(default_minutes=25),
        activities=(Activity(name="make tea", minutes=15),),
    )
    with Logbook(log_path) as logbook:
        run = ProtocolRun(logbook, Preferences(tmp_path / "config.toml", settings), clock)
        assert run.usual_minutes() == 25  # nothing chosen yet
        run.say(1)
        run.choose_activity("juggle")
        assert run.usual_minutes() == 25
        run.choose_activity("make tea")
        assert run.usual_minutes() == 15


def test_a_settings_change_is_used_at_once(open_run: RunFactory, preferences: Preferences) -> None:
    run = open_run()
    run.say(1)
    run.choose_activity("juggle")
    assert run.usual_minutes() == 30
    preferences.update(Settings(cooldown=CooldownLimits(default_minutes=50)))
    assert run.usual_minutes() == 50


# --- when the log can't be used -----------------------------------------------


def test_when_the_log_cannot_be_opened_every_step_works_in_memory(
    open_run: RunFactory, cooldown_home: Path, log_path: Path, clock: FakeClock
) -> None:
    cooldown_home.write_text("a file where the log's folder should be\n")
    problems: list[StoreError] = []
    run = open_run(listener=problems.append)

    assert run.saving is False
    assert run.problem is not None
    assert str(log_path) in run.problem
    assert "The statements and the timer still work." in run.problem
    assert len(problems) == 1
    assert problems[0].path == log_path

    assert run.resume() is None
    run.begin_afresh_abandoning_stale()
    assert run.say(1, anger=6).statement == 1
    assert run.say(2).statement == 2
    assert run.choose_activity("go for a walk").activity == "go for a walk"
    back_at = clock() + timedelta(minutes=30)
    assert run.agree_return(back_at).status is Status.COOLING
    assert run.reconsider().status is Status.STATEMENTS
    assert run.agree_return(back_at).return_at == back_at
    assert run.reschedule(back_at + timedelta(minutes=10)).reschedules == 1
    status = run.status()
    assert status is not None
    assert status.left == timedelta(minutes=40)
    assert run.leaving_words() == "The log can't be written, so this cool-down will not be there next time."
    clock.advance(minutes=40)
    assert run.come_back().status is Status.RETURNED
    assert run.keep_cooling().status is Status.COOLING
    assert run.record_outcome(Outcome.SIDESTEP).outcome is Outcome.SIDESTEP
    episode = run.reflect(1, "fine")
    assert (episode.status, episode.anger_after, episode.note, episode.id) == (Status.DONE, 1, "fine", None)
    assert run.episode == episode
    assert run.month_summary() is None

    assert len(problems) == 1
    assert cooldown_home.read_text() == "a file where the log's folder should be\n"


def test_a_problem_met_before_listening_is_handed_over_once(
    open_run: RunFactory, cooldown_home: Path, log_path: Path
) -> None:
    cooldown_home.write_text("in the way\n")
    run = open_run()
    problems: list[StoreError] = []
    run.logbook.listen(problems.append)
    run.say(1)
    assert [problem.path for problem in problems] == [log_path]


def test_when_a_write_fails_mid_way_the_run_goes_on_and_reports_once(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    problems: list[StoreError] = []
    run = open_run(listener=problems.append)
    run.say(1, anger=6)
    run.say(2)
    assert run.saving
    assert run.problem is None
    written = only(log_path)

    assert run.logbook.log is not None
    run.logbook.log.close()

    assert run.choose_activity("go for a walk").activity == "go for a walk"
    assert len(problems) == 1
    assert problems[0].path == log_path
    assert run.saving is False
    assert run.problem is not None
    assert str(log_path) in run.problem

    back_at = clock() + timedelta(minutes=30)
    assert run.agree_return(back_at).status is Status.COOLING
    assert run.episode is not None
    assert run.episode.activity == "go for a walk"
    clock.advance(minutes=31)
    assert run.come_back().status is Status.RETURNED
    assert run.record_outcome(Outcome.FIGHT).outcome is Outcome.FIGHT
    assert run.reflect(None, "").status is Status.DONE
    assert run.month_summary() is None

    assert len(problems) == 1
    assert only(log_path) == written
    assert (written.statement, written.status) == (2, Status.STATEMENTS)


# --- two windows on one log ---------------------------------------------------


def test_another_windows_outcome_is_not_undone(open_run: RunFactory, log_path: Path, clock: FakeClock) -> None:
    first = open_run()
    first.say(1, anger=7)
    first.choose_activity("go for a walk")
    back_at = clock() + timedelta(minutes=30)
    first.agree_return(back_at)
    followed: list[Episode] = []
    first.follow_with(followed.append)

    second = open_run()
    assert second.resume() == first.episode
    clock.advance(minutes=35)
    recorded = second.record_outcome(Outcome.SIDESTEP)
    assert only(log_path) == recorded

    result = first.reschedule(back_at + timedelta(minutes=20))

    row = only(log_path)
    assert row == recorded
    assert (row.status, row.outcome, row.return_at, row.reschedules) == (Status.DONE, Outcome.SIDESTEP, back_at, 0)
    assert result == row
    assert first.episode == row
    assert first.over
    assert followed == [row]


def test_after_following_another_window_the_next_step_is_written(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    first = open_run()
    first.say(1)
    back_at = clock() + timedelta(minutes=30)
    first.agree_return(back_at)
    second = open_run()
    second.resume()
    later = back_at + timedelta(minutes=15)
    second.reschedule(later)

    first.follow_with(lambda episode: None)
    assert first.come_back().return_at == later  # followed, not written
    assert only(log_path).status is Status.COOLING
    first.come_back()
    row = only(log_path)
    assert (row.status, row.return_at, row.reschedules) == (Status.RETURNED, later, 1)


def test_statements_taken_for_abandoned_by_a_later_window_carry_on(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    first = open_run()
    first.say(1, anger=4)
    followed: list[Episode] = []
    first.follow_with(followed.append)

    clock.advance(hours=2)
    later_window = open_run()
    assert later_window.resume() is None
    later_window.begin_afresh_abandoning_stale()
    assert only(log_path).status is Status.ABANDONED

    first.say(2)
    row = only(log_path)
    assert (row.statement, row.status, row.anger_before) == (2, Status.STATEMENTS, 4)
    assert first.episode == row
    assert followed == []


def test_a_return_time_agreed_after_a_later_window_took_the_statements_for_abandoned_is_kept(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    first = open_run()
    first.say(1, anger=4)
    first.choose_activity("go for a walk")
    followed: list[Episode] = []
    first.follow_with(followed.append)

    clock.advance(hours=2)
    later_window = open_run()
    assert later_window.resume() is None
    later_window.begin_afresh_abandoning_stale()
    assert only(log_path).status is Status.ABANDONED

    back_at = clock() + timedelta(minutes=30)
    result = first.agree_return(back_at)

    row = only(log_path)
    assert (row.status, row.return_at, row.activity) == (Status.COOLING, back_at, "go for a walk")
    assert result == first.episode == row
    assert followed == []


def test_statements_changed_elsewhere_in_another_way_are_followed(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    """Only a plain 'abandoned' mark is overridden; any other change made elsewhere is taken, not undone."""
    first = open_run()
    in_hand = first.say(1, anger=4)
    followed: list[Episode] = []
    first.follow_with(followed.append)
    clock.advance(hours=2)
    with EpisodeLog(log_path) as other_window:
        elsewhere = other_window.save(in_hand.abandon().reflect(None, "left it, wrote this in the other window"))

    result = first.say(2)

    assert only(log_path) == elsewhere
    assert result == first.episode == elsewhere
    assert followed == [elsewhere]


# --- an edit from the history -------------------------------------------------


def test_an_edit_through_history_is_what_the_run_then_holds(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    run = open_run()
    run.say(1)
    run.choose_activity("go for a walk")
    back_at = clock() + timedelta(minutes=30)
    in_hand = run.agree_return(back_at)
    history = History(run.logbook, clock)

    edited = history.store(in_hand.edit(None, "written in the history"), expected=in_hand)

    assert isinstance(edited, Episode)
    assert run.episode == edited
    assert run.episode.note == "written in the history"
    later = back_at + timedelta(minutes=10)
    run.reschedule(later)
    row = only(log_path)
    assert (row.note, row.return_at, row.reschedules, row.status) == (
        "written in the history",
        later,
        1,
        Status.COOLING,
    )


def test_an_outcome_given_through_history_finishes_the_run(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    run = open_run()
    run.say(1)
    in_hand = run.agree_return(clock() + timedelta(minutes=30))
    history = History(run.logbook, clock)
    edited = history.store(in_hand.edit(Outcome.FIGHT, ""), expected=in_hand)
    assert isinstance(edited, Episode)
    assert run.episode == edited
    assert run.over
    assert run.leaving_words() == ""
    assert only(log_path).outcome is Outcome.FIGHT


def test_an_edit_of_another_episode_leaves_the_one_in_hand(
    open_run: RunFactory, log_path: Path, clock: FakeClock
) -> None:
    [old] = seed(log_path, cooling_at(clock() - timedelta(days=3)).come_back(clock()).record_outcome(Outcome.FIGHT))
    run = open_run()
    in_hand = run.say(1)
    History(run.logbook, clock).store(old.edit(Outcome.SIDESTEP, "not so bad"), expected=old)
    assert run.episode == in_hand


# --- words and status -----------------------------------------------------------


def test_leaving_words_and_status_follow_the_clock(open_run: RunFactory, clock: FakeClock) -> None:
    run = open_run()
    assert run.leaving_words() == ""
    assert run.status() is None
    run.say(1)
    assert "within 10 minutes to carry on" in run.leaving_words()
    run.agree_return(datetime(2026, 11, 21, 18, 45, tzinfo=clock().tzinfo))
    assert run.leaving_words() == ("Your cool-down keeps running until 18:45. Type cooldown again to come back to it.")
    clock.advance(minutes=46)
    status = run.status()
    assert status is not None
    assert status.stage is Stage.DUE
    assert run.leaving_words() == "Next time you type cooldown, it will ask how the talk went."


def test_month_summary_counts_this_months_outcomes(open_run: RunFactory, log_path: Path, clock: FakeClock) -> None:
    seed(
        log_path,
        cooling_at(clock() - timedelta(days=2)).come_back(clock()).record_outcome(Outcome.FIGHT),
        cooling_at(clock() - timedelta(days=40)).come_back(clock()).record_outcome(Outcome.FIGHT),
        Episode.logged(clock() - timedelta(days=1), Outcome.SIDESTEP),
        Episode.logged(clock() - timedelta(days=3), Outcome.SIDESTEP),
    )
    assert open_run().month_summary() == "2 sidesteps, 1 fight this month"


def test_the_script_uses_the_partner_name(log_path: Path, tmp_path: Path, clock: FakeClock) -> None:
    settings = Settings(partner_name="Alex")
    with Logbook(log_path) as logbook:
        run = ProtocolRun(logbook, Preferences(tmp_path / "config.toml", settings), clock)
        script = run.script("go for a walk", "19:30")
        assert len(script) == 4
        assert script == [run.statement(n, activity="go for a walk", time="19:30") for n in range(1, 5)]
        assert "go for a walk" in run.activity_line("go for a walk")


# --- check-ins during the cool-down ----------------------------------------------------


def test_check_ins_are_written_at_once_with_their_times(open_run: RunFactory, log_path: Path, clock: FakeClock) -> None:
    run = open_run()
    run.say(1, anger=8)
    run.choose_activity("go for a walk", 30)
    run.agree_return(clock() + timedelta(minutes=30))
    clock.advance(minutes=10)
    run.rate_anger_now(5)
    assert [(r.value, r.at) for r in only(log_path).anger_during] == [(5, clock())]
    clock.advance(minutes=1)
    assert run.count_pulse(26) == (104, True)
    assert run.count_pulse(20) == (80, False)
    assert [p.bpm for p in only(log_path).pulses] == [104, 80]
    run.breathed(90)
    run.breathed(0)
    run.breathed(30)
    assert only(log_path).breathing_seconds == 120


def test_the_flooding_line_follows_the_resting_pulse(log_path: Path, tmp_path: Path, clock: FakeClock) -> None:
    from cooldown.core.checkins import Pulse

    preferences = Preferences(tmp_path / "config.toml", Settings(pulse=Pulse(resting_bpm=60)))
    with Logbook(log_path) as logbook:
        run = ProtocolRun(logbook, preferences, clock)
        run.say(1)
        assert run.count_pulse(17) == (68, True)  # 10% over 60 is 66
        assert run.count_pulse(16) == (64, False)
