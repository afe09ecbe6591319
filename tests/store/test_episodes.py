"""Tests for cooldown.store.episodes against a real SQLite file."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.core.stats import month_start
from cooldown.store.episodes import EpisodeLog, StoreError
from cooldown.store.schema import MIGRATIONS

BERLIN = ZoneInfo("Europe/Berlin")
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
LATER = datetime(2100, 1, 1, tzinfo=UTC)
NEW_YORK = ZoneInfo("America/New_York")
PLUS_FIVE = timezone(timedelta(hours=5))

is_root = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "log" / "episodes.sqlite3"


@pytest.fixture
def log(path: Path) -> Iterator[EpisodeLog]:
    with EpisodeLog(path) as opened:
        yield opened


@pytest.fixture
def umask_022() -> Iterator[None]:
    """Run with the common umask so modes do not depend on the caller's."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def berlin(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def finished(start: datetime, outcome: Outcome = Outcome.SIDESTEP) -> Episode:
    back = start + timedelta(minutes=40)
    return (
        Episode.begin(start, anger=6)
        .choose_activity("walk")
        .agree_return(start + timedelta(minutes=30))
        .come_back(back)
        .record_outcome(outcome)
    )


def cooling(start: datetime) -> Episode:
    return Episode.begin(start).agree_return(start + timedelta(minutes=30))


# --- save and read back -------------------------------------------------------


def test_save_inserts_and_gives_an_id(log: EpisodeLog) -> None:
    episode = Episode.begin(berlin(21, 18), anger=5)
    saved = log.save(episode)
    assert isinstance(saved.id, int)
    assert saved.id >= 1
    assert saved.uid == episode.uid
    assert episode.id is None  # the original is untouched
    assert log.get(saved.id) == saved


def test_two_inserts_get_different_ids(log: EpisodeLog) -> None:
    first = log.save(Episode.begin(berlin(21, 18)))
    second = log.save(Episode.begin(berlin(21, 19)))
    assert first.id != second.id
    assert len(list(log.episodes())) == 2


def test_save_updates_and_keeps_the_id(log: EpisodeLog) -> None:
    saved = log.save(Episode.begin(berlin(21, 18)))
    updated = log.save(saved.reach(3).choose_activity("read").agree_return(berlin(21, 19)))
    assert updated.id == saved.id
    assert len(list(log.episodes())) == 1
    stored = log.get(saved.id)
    assert stored is not None
    assert stored.status is Status.COOLING
    assert stored.activity == "read"
    assert stored.statement == 4
    assert stored.return_at == berlin(21, 19)


def test_get_unknown_id_is_none(log: EpisodeLog) -> None:
    assert log.get(12345) is None


def test_close_reopen_reads_back_equal(path: Path) -> None:
    full = (
        Episode.begin(berlin(21, 18), anger=8)
        .choose_activity("go for a walk")
        .agree_return(datetime(2026, 11, 21, 13, 30, tzinfo=NEW_YORK))
        .reschedule(datetime(2026, 11, 21, 19, 0, tzinfo=UTC))
        .come_back(datetime(2026, 11, 21, 23, 59, tzinfo=PLUS_FIVE))
        .record_outcome(Outcome.FIGHT)
        .reflect(4, "Ünïcode note — with 'quotes' and \"more\"; DROP TABLE episodes;")
    )
    logged = Episode(
        started_at=berlin(20, 9), protocol_used=False, statement=0, outcome=Outcome.SIDESTEP, status=Status.DONE
    )
    log = EpisodeLog(path)
    saved = [log.save(full), log.save(logged)]
    log.close()

    with EpisodeLog(path) as reopened:
        back = list(reopened.episodes())
    assert back == sorted(saved, key=lambda e: e.started_at)
    by_uid = {e.uid: e for e in back}
    again = by_uid[full.uid]
    assert again.model_dump(exclude={"started_at", "return_at", "returned_at"}) == saved[0].model_dump(
        exclude={"started_at", "return_at", "returned_at"}
    )
    assert again.outcome is Outcome.FIGHT
    assert again.status is Status.DONE
    assert again.reschedules == 1
    assert again.note == full.note
    # Times keep their UTC offsets, not just their instants.
    assert again.started_at.utcoffset() == timedelta(hours=1)
    assert again.return_at.utcoffset() == timedelta(0)
    assert again.returned_at.utcoffset() == timedelta(hours=5)
    assert again.started_at.isoformat() == "2026-11-21T18:00:00+01:00"
    assert again.returned_at.isoformat() == "2026-11-21T23:59:00+05:00"
    assert by_uid[logged.uid].protocol_used is False
    assert by_uid[logged.uid].statement == 0


def test_second_pass_through_a_repeated_hour_is_kept(path: Path) -> None:
    second_0130 = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK)  # EST, UTC-5
    with EpisodeLog(path) as log:
        saved = log.save(Episode.begin(datetime(2026, 11, 1, 1, 10, tzinfo=NEW_YORK)).agree_return(second_0130))
    with EpisodeLog(path) as log:
        back = log.get(saved.id)
    assert back is not None
    assert back.return_at.utcoffset() == timedelta(hours=-5)
    assert back.return_at.astimezone(UTC) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert back.is_due(datetime(2026, 11, 1, 1, 45, fold=0, tzinfo=NEW_YORK)) is False


def test_duplicate_uid_raises_store_error_and_the_log_stays_usable(log: EpisodeLog, path: Path) -> None:
    episode = Episode.begin(berlin(21, 18))
    log.save(episode)
    with pytest.raises(StoreError) as raised:
        log.save(episode)  # id is None: a second insert with the same uid
    assert str(path) in str(raised.value)
    assert raised.value.path == path
    # The failed transaction was rolled back; the next write works.
    log.save(Episode.begin(berlin(21, 19)))
    assert len(list(log.episodes())) == 2


# --- open_episode -------------------------------------------------------------


def test_open_episode_none_when_empty(log: EpisodeLog) -> None:
    assert log.open_episode(since=LONG_AGO) is None


def test_open_episode_ignores_done_abandoned_and_statements(log: EpisodeLog) -> None:
    log.save(finished(berlin(21, 10)))
    log.save(Episode.begin(berlin(21, 11)).abandon())
    log.save(Episode.begin(berlin(21, 12)))
    assert log.open_episode(since=LONG_AGO) is None


def test_open_episode_picks_the_newest_cooling_or_returned(log: EpisodeLog) -> None:
    log.save(cooling(berlin(21, 10)))
    returned = log.save(cooling(berlin(21, 12)).come_back(berlin(21, 12, 30)))
    log.save(finished(berlin(21, 13)))
    log.save(Episode.begin(berlin(21, 14)).abandon())
    log.save(Episode.begin(berlin(21, 15)))
    found = log.open_episode(since=LONG_AGO)
    assert found is not None
    assert found.id == returned.id
    assert found.status is Status.RETURNED


def test_open_episode_newest_by_real_instant(log: EpisodeLog) -> None:
    # 12:30 UTC is later than 13:00 at UTC+5 (08:00 UTC), though its text sorts first,
    # and it is saved first so its id is lower.
    later = log.save(cooling(datetime(2026, 11, 21, 12, 30, tzinfo=UTC)))
    log.save(cooling(datetime(2026, 11, 21, 13, 0, tzinfo=PLUS_FIVE)).come_back(berlin(21, 18)))
    found = log.open_episode(since=LONG_AGO)
    assert found is not None
    assert found.uid == later.uid


def test_open_episode_after_it_is_finished(log: EpisodeLog) -> None:
    episode = log.save(cooling(berlin(21, 18)))
    assert log.open_episode(since=LONG_AGO) == episode
    log.save(episode.come_back(berlin(21, 18, 30)).record_outcome(Outcome.SIDESTEP))
    assert log.open_episode(since=LONG_AGO) is None


# --- abandon_unfinished -------------------------------------------------------


def test_abandon_unfinished_marks_and_keeps(log: EpisodeLog) -> None:
    left_1 = log.save(Episode.begin(berlin(21, 10)))
    left_2 = log.save(Episode.begin(berlin(21, 11)).reach(3))
    running = log.save(cooling(berlin(21, 12)))
    done = log.save(finished(berlin(21, 13)))

    assert log.abandon_unfinished(before=LATER) == 2

    statuses = {e.id: e.status for e in log.episodes()}
    assert statuses == {
        left_1.id: Status.ABANDONED,
        left_2.id: Status.ABANDONED,
        running.id: Status.COOLING,
        done.id: Status.DONE,
    }
    kept = log.get(left_2.id)
    assert kept is not None
    assert kept.statement == 3  # the rest of the row is untouched
    assert log.abandon_unfinished(before=LATER) == 0


def test_abandon_unfinished_on_empty_log(log: EpisodeLog) -> None:
    assert log.abandon_unfinished(before=LATER) == 0


# --- outcome_counts -----------------------------------------------------------


def test_outcome_counts_empty(log: EpisodeLog, clock) -> None:
    assert log.outcome_counts(month_start(clock())) == {Outcome.SIDESTEP: 0, Outcome.FIGHT: 0}


def test_outcome_counts_only_at_or_after_since(log: EpisodeLog, clock) -> None:
    since = month_start(clock())  # 1 Nov 2026 00:00 Berlin = 31 Oct 23:00 UTC
    assert since.astimezone(UTC) == datetime(2026, 10, 31, 23, 0, tzinfo=UTC)
    counted = [
        finished(since, Outcome.SIDESTEP),  # exactly at `since`
        finished(datetime(2026, 10, 31, 23, 30, tzinfo=UTC), Outcome.SIDESTEP),  # October in UTC, November in Berlin
        finished(berlin(21, 17), Outcome.FIGHT),
        finished(berlin(5, 9), Outcome.SIDESTEP),
    ]
    ignored = [
        finished(since - timedelta(seconds=1), Outcome.FIGHT),
        finished(datetime(2026, 10, 31, 23, 30, tzinfo=BERLIN), Outcome.FIGHT),
        finished(datetime(2026, 11, 1, 3, 0, tzinfo=PLUS_FIVE), Outcome.FIGHT),  # 31 Oct 22:00 UTC
        cooling(berlin(21, 17)),  # no outcome yet
        Episode.begin(berlin(21, 16)).abandon(),
    ]
    for episode in ignored + counted:
        log.save(episode)
    assert log.outcome_counts(since) == {Outcome.SIDESTEP: 3, Outcome.FIGHT: 1}


def test_outcome_counts_since_in_another_zone(log: EpisodeLog) -> None:
    log.save(finished(datetime(2026, 11, 21, 12, 0, tzinfo=UTC), Outcome.FIGHT))
    assert log.outcome_counts(datetime(2026, 11, 21, 7, 0, tzinfo=NEW_YORK)) == {
        Outcome.SIDESTEP: 0,
        Outcome.FIGHT: 1,
    }
    assert log.outcome_counts(datetime(2026, 11, 21, 7, 1, tzinfo=NEW_YORK)) == {
        Outcome.SIDESTEP: 0,
        Outcome.FIGHT: 0,
    }


# --- episodes -----------------------------------------------------------------


def test_episodes_oldest_first_by_real_instant(log: EpisodeLog) -> None:
    starts = {
        "d": datetime(2026, 11, 21, 14, 0, tzinfo=PLUS_FIVE),  # 09:00 UTC
        "a": datetime(2026, 11, 21, 1, 0, tzinfo=NEW_YORK),  # 06:00 UTC
        "c": datetime(2026, 11, 21, 8, 30, tzinfo=BERLIN),  # 07:30 UTC
        "e": datetime(2026, 11, 21, 9, 15, tzinfo=UTC),  # 09:15 UTC
        "b": datetime(2026, 11, 21, 11, 59, tzinfo=PLUS_FIVE),  # 06:59 UTC
    }
    uids = {log.save(Episode.begin(start)).uid: name for name, start in starts.items()}
    assert [uids[e.uid] for e in log.episodes()] == ["a", "b", "c", "d", "e"]


def test_episodes_empty(log: EpisodeLog) -> None:
    assert list(log.episodes()) == []


# --- files and permissions ----------------------------------------------------


def test_new_file_is_private(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "fresh" / "episodes.sqlite3"
    with EpisodeLog(path) as log:
        log.save(Episode.begin(berlin(21, 18)))
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_new_nested_parents_are_private(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "outer" / "inner" / "episodes.sqlite3"
    EpisodeLog(path).close()
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700


def test_existing_folder_is_left_as_it_is(tmp_path: Path, umask_022: None) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o755)
    path = folder / "episodes.sqlite3"
    EpisodeLog(path).close()
    assert mode(folder) == 0o755
    assert mode(path) == 0o600


def test_schema_user_version_is_set(log: EpisodeLog, path: Path) -> None:
    db = sqlite3.connect(path)
    try:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        columns = [row[1] for row in db.execute("PRAGMA table_info(episodes)")]
    finally:
        db.close()
    assert version == len(MIGRATIONS) == 7
    assert columns[:3] == ["id", "uid", "started_at"]
    assert "status" in columns
    assert columns[-3:] == ["topic", "cues", "touched_ts"]


def test_reopening_does_not_rerun_migrations(path: Path) -> None:
    with EpisodeLog(path) as log:
        saved = log.save(Episode.begin(berlin(21, 18)))
    with EpisodeLog(path) as log:
        assert [e.uid for e in log.episodes()] == [saved.uid]


def test_damaged_file_raises_store_error_naming_the_path(tmp_path: Path) -> None:
    path = tmp_path / "episodes.sqlite3"
    garbage = b"not a database" * 100
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as raised:
        EpisodeLog(path)
    assert str(path) in str(raised.value)
    assert raised.value.path == path
    assert path.read_bytes() == garbage  # nothing overwritten


@pytest.mark.skipif(is_root, reason="root ignores file permissions")
def test_read_only_directory_raises_store_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o500)
    path = folder / "episodes.sqlite3"
    try:
        with pytest.raises(StoreError) as raised:
            EpisodeLog(path)
    finally:
        os.chmod(folder, 0o700)
    assert str(path) in str(raised.value)
    assert not path.exists()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "episodes.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer") as raised:
        EpisodeLog(path)
    assert str(path) in str(raised.value)
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone() == (99,)
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'episodes'").fetchall() == []
    finally:
        db.close()


def test_store_error_message() -> None:
    error = StoreError(Path("/x/episodes.sqlite3"), "disk full")
    assert str(error) == "The log at /x/episodes.sqlite3 could not be used: disk full"
    assert error.reason == "disk full"


def test_recent_statements_are_left_for_the_window_still_in_them(log: EpisodeLog) -> None:
    start = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
    log.save(Episode.begin(start))
    assert log.abandon_unfinished(before=start - timedelta(hours=1)) == 0
    assert log.abandon_unfinished(before=start + timedelta(hours=1)) == 1


def test_old_open_episodes_are_not_resumed(log: EpisodeLog) -> None:
    start = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
    log.save(Episode.begin(start).agree_return(start + timedelta(minutes=30)))
    assert log.open_episode(since=start + timedelta(minutes=1)) is None
    assert log.open_episode(since=start) is not None


def test_a_bad_stored_row_is_a_store_error_not_a_crash(log: EpisodeLog) -> None:
    saved = log.save(
        Episode.begin(datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)).agree_return(
            datetime(2026, 11, 21, 18, 30, tzinfo=BERLIN)
        )
    )
    log.query("UPDATE episodes SET anger_before = 42")
    for read in (lambda: log.get(saved.id), lambda: log.open_episode(since=LONG_AGO), lambda: log.page()):
        with pytest.raises(StoreError, match="not valid"):
            read()


def test_saving_an_episode_deleted_meanwhile_keeps_it(log: EpisodeLog) -> None:
    saved = log.save(Episode.begin(datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)))
    log.delete(saved.id)
    later = saved.choose_activity("go for a walk")
    log.save(later, expected=saved)
    assert log.get(saved.id) == later
