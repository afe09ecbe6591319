"""The logbook through storage faults: a damaged log moved aside, and a problem that ends when a write goes through."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from cooldown.core.episode import Episode
from cooldown.session.logbook import Logbook
from cooldown.session.preferences import Preferences
from cooldown.session.protocol import ProtocolRun
from cooldown.store.episodes import EpisodeLog, LogSetAside, StoreError
from tests.conftest import FakeClock
from tests.mounts import needs_mounts, run_with_own_mounts

GARBAGE = b"this is not an SQLite database\x00\xff" * 100


def test_a_damaged_log_is_moved_aside_with_its_wal_and_a_new_one_starts(log_path: Path, clock: FakeClock) -> None:
    log_path.parent.mkdir(parents=True)
    log_path.write_bytes(GARBAGE)
    Path(f"{log_path}-wal").write_bytes(b"its wal")
    problems: list[StoreError] = []
    with Logbook(log_path, listener=problems.append, clock=clock) as logbook:
        moved = log_path.with_name("episodes.sqlite3.damaged-2026-11-21T1800")
        assert isinstance(logbook.problem, LogSetAside)
        assert logbook.problem.moved_to == moved
        assert str(logbook.problem) == (
            f"The log at {log_path} was damaged (file is not a database), so it was moved to {moved}, "
            "kept exactly as it was, and a new log was started. Your earlier episodes are in that file."
        )
        assert logbook.saving and problems == []  # news, not a failure
        assert logbook.write(lambda log: log.save(Episode.begin(clock()))) is not None
    assert moved.read_bytes() == GARBAGE
    assert Path(f"{moved}-wal").read_bytes() == b"its wal"
    with EpisodeLog(log_path) as log:
        assert log.count() == 1


def test_a_reader_leaves_a_damaged_log_exactly_as_it_is(log_path: Path) -> None:
    log_path.parent.mkdir(parents=True)
    log_path.write_bytes(GARBAGE)
    problems: list[StoreError] = []
    with Logbook(log_path, create=False, listener=problems.append) as logbook:
        assert logbook.log is None and not logbook.saving
    assert [str(problem) for problem in problems] == [
        f"The log at {log_path} could not be used: it is damaged (file is not a database). It is left exactly "
        "as it is; the next time cooldown opens, it is moved aside, whole, and a new log is started"
    ]
    assert log_path.read_bytes() == GARBAGE
    assert sorted(path.name for path in log_path.parent.iterdir()) == ["episodes.sqlite3"]


def test_a_folder_in_the_logs_place_is_one_problem_and_the_protocol_runs_on(tmp_path: Path, clock: FakeClock) -> None:
    log_path = tmp_path / "data" / "episodes.sqlite3"
    log_path.mkdir(parents=True)
    problems: list[StoreError] = []
    with Logbook(log_path, listener=problems.append, clock=clock) as logbook:
        run = ProtocolRun(logbook, Preferences(tmp_path / "config.toml"), clock)
        run.say(1, anger=7)
        run.say(2)
        run.choose_activity("go for a walk")
        episode = run.agree_return(clock() + timedelta(minutes=30))
        assert episode.return_at == clock() + timedelta(minutes=30)
        assert run.status() is not None
        assert len(problems) == 1
        assert "a folder is where the log file should be. Move or rename that folder" in str(problems[0])
    assert log_path.is_dir() and list(log_path.iterdir()) == []


class FailingThenFine:
    """A log whose next `failures` saves fail as a full disk would; then it saves as usual."""

    def __init__(self, log: EpisodeLog, failures: int) -> None:
        self.log, self.failures = log, failures

    def save(self, episode: Episode, **options: object) -> Episode:
        if self.failures:
            self.failures -= 1
            raise StoreError(self.log.path, "database or disk is full", "Free some space on that disk")
        return self.log.save(episode, **options)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self.log, name)


def test_after_a_failed_write_the_next_one_that_goes_through_ends_the_problem(
    log_path: Path, tmp_path: Path, clock: FakeClock
) -> None:
    problems: list[StoreError] = []
    with Logbook(log_path, listener=problems.append, clock=clock) as logbook:
        real = logbook.log
        assert real is not None
        logbook._log = FailingThenFine(real, failures=2)  # type: ignore[assignment]
        run = ProtocolRun(logbook, Preferences(tmp_path / "config.toml"), clock)
        run.say(1)
        run.say(2)
        assert run.problem is not None and "Not saved" in run.problem and not run.saving
        run.choose_activity("go for a walk")
        run.agree_return(clock() + timedelta(minutes=20))
        assert run.problem is None and run.saving
        assert run.leaving_words().startswith("Your cool-down keeps running until")
        assert len(problems) == 1
    with EpisodeLog(log_path) as log:  # the whole episode was written by the write that went through
        (stored,) = log.episodes()
    assert stored.activity == "go for a walk" and stored.return_at == clock() + timedelta(minutes=20)


@needs_mounts
def test_a_full_disk_then_space_freed_the_protocol_saves_again_and_the_problem_ends(tmp_path: Path) -> None:
    found = run_with_own_mounts(
        f"""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
from cooldown.session.logbook import Logbook
from cooldown.session.preferences import Preferences
from cooldown.session.protocol import ProtocolRun
from cooldown.store.episodes import EpisodeLog
folder = Path({str(tmp_path / "disk")!r}); folder.mkdir()
mount_tmpfs(folder)
now = datetime(2026, 12, 1, 18, 40, tzinfo=ZoneInfo("Europe/Berlin"))
problems = []
logbook = Logbook(folder / "episodes.sqlite3", listener=problems.append, clock=lambda: now)
run = ProtocolRun(logbook, Preferences(folder / "config.toml"), lambda: now)
filler = fill(folder)
run.say(1, anger=8)
run.say(2)
run.choose_activity("walk " * 2000)
failing = (run.problem, run.saving, run.leaving_words())
run.agree_return(now + timedelta(minutes=30))
while_full = run.leaving_words()
filler.unlink()
run.breathed(30)
after = (run.problem, run.saving, run.leaving_words())
logbook.close()
with EpisodeLog(folder / "episodes.sqlite3") as log:
    stored = list(log.episodes())
report(failing=failing, while_full=while_full, after=after, problems=len(problems),
       stored=[(e.activity == "walk " * 2000, e.breathing_seconds, str(e.return_at)) for e in stored])
"""
    )
    problem, saving, _ = found["failing"]
    assert problem.startswith(f"Not saved: the log at {tmp_path / 'disk' / 'episodes.sqlite3'} can't be used (")
    assert "Free some space on that disk" in problem and saving is False
    assert found["while_full"] == "The log can't be written, so this cool-down will not be there next time."
    assert found["after"][0] is None and found["after"][1] is True
    assert found["after"][2].startswith("Your cool-down keeps running until 19:10.")
    assert found["problems"] == 1
    assert found["stored"] == [[True, 30, "2026-12-01 19:10:00+01:00"]]
