"""The episode log shared by several processes: real child processes, a real SQLite file.

Each child is a fresh `python -c` that imports the same cooldown as the tests (its
folder goes first on PYTHONPATH), runs in the test's folder with COOLDOWN_HOME and
HOME pointing into it, and talks to the test one line at a time over stdin and
stdout. Whatever happens, the `spawn` fixture kills any child still running.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import cooldown
from cooldown.core.episode import Episode, Outcome
from cooldown.paths import PRIVATE_FILE, ensure_private_dir
from cooldown.store import episodes as store
from cooldown.store.episodes import EpisodeLog, StoreError
from cooldown.store.schema import migrate

BUSY_TIMEOUT: float = getattr(store, "BUSY_TIMEOUT", 5.0)
QUICK = 1.5
"""A save that nobody holds up takes milliseconds; this is 'promptly', well under the busy timeout."""
MARGIN = 2.0
"""How much longer than the busy timeout a save held up by another writer may take to give up."""
STARTUP = 20.0
"""Longest wait for a child's first line (a Python start and cooldown's imports, on a busy machine)."""
FINISH = 20.0
"""Longest wait for a child to exit once it has been told to."""
HOLD = 0.5
"""Seconds another process keeps the write lock while this one opens the log."""
RACERS = 6
ROUNDS = 3
AT = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)
COOLDOWN_FILE = str(Path(cooldown.__file__).resolve())
SOURCE_ROOT = Path(COOLDOWN_FILE).parent.parent

READER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
rows = db.execute("SELECT * FROM episodes").fetchall()
print("reading", len(rows), flush=True)
sys.stdin.readline()
(count,) = db.execute("SELECT COUNT(*) FROM episodes").fetchone()
print("still", count, flush=True)
sys.stdin.readline()
db.execute("COMMIT")
(count,) = db.execute("SELECT COUNT(*) FROM episodes").fetchone()
print("after", count, flush=True)
db.close()
"""
"""Holds a read transaction (like `cooldown export | less`) until told, then reads again after it."""

WRITER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
if len(sys.argv) > 2:
    time.sleep(float(sys.argv[2]))
else:
    sys.stdin.readline()
db.execute("ROLLBACK")
db.close()
print("released", flush=True)
"""
"""Holds the write lock until told, or for the seconds given."""

SAVER = """
import os, sys
from datetime import datetime
from pathlib import Path
import cooldown
from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
os.umask(0o022)
path, at, note, hold = Path(sys.argv[1]), datetime.fromisoformat(sys.argv[2]), sys.argv[3], sys.argv[4] == "hold"
with EpisodeLog(path) as log:
    saved = log.save(Episode.logged(at, Outcome.FIGHT, note=note))
    print("saved", saved.id, cooldown.__file__, flush=True)
    if hold:
        sys.stdin.readline()
"""
"""Saves one episode through EpisodeLog (with the common umask); with "hold", keeps the log open until told."""

RACER = """
import sys, time
from datetime import datetime
from pathlib import Path
import cooldown
from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
path, go, at, n = Path(sys.argv[1]), Path(sys.argv[2]), datetime.fromisoformat(sys.argv[3]), int(sys.argv[4])
episode = Episode.logged(at, Outcome.FIGHT, note=f"process {n}")
print("waiting", cooldown.__file__, flush=True)
deadline = time.monotonic() + 30
while not go.exists():
    if time.monotonic() > deadline:
        sys.exit("the go file never appeared")
    time.sleep(0.001)
with EpisodeLog(path) as log:
    saved = log.save(episode)
print("saved", saved.id, flush=True)
"""
"""Waits for the go file, then opens the (brand-new) log and saves one episode."""


class Child:
    """A Python process running `code`, talked to one line at a time."""

    def __init__(self, code: str, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=cwd,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._errors: list[str] = []
        self._pumps = [
            threading.Thread(target=self._pump_out, daemon=True),
            threading.Thread(target=self._pump_err, daemon=True),
        ]
        for pump in self._pumps:
            pump.start()

    def _pump_out(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _pump_err(self) -> None:
        assert self.process.stderr is not None
        self._errors.extend(self.process.stderr)

    @property
    def stderr(self) -> str:
        return "".join(self._errors)

    def expect(self, word: str, timeout: float = STARTUP) -> str:
        """Wait for the child's next line, which must start with `word`; returns the rest of it."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"no {word!r} from the child within {timeout} s; its stderr so far:\n{self.stderr}")
        if line is None:
            code = self.finish()
            pytest.fail(f"the child ended (exit {code}) before saying {word!r}; its stderr:\n{self.stderr}")
        head, _, rest = line.partition(" ")
        assert head == word, f"expected {word!r} from the child, got {line!r}; its stderr:\n{self.stderr}"
        return rest

    def tell(self, line: str = "go") -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def finish(self, timeout: float = FINISH) -> int:
        """Wait for the child to exit; its exit code."""
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the child was still running after {timeout} s; its stderr so far:\n{self.stderr}")
        for pump in self._pumps:
            pump.join(5)
        return code

    def stop(self) -> None:
        """Kill the child if it is still running and close its pipes."""
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(10)
        finally:
            for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
                try:
                    if pipe is not None:
                        pipe.close()
                except OSError:
                    pass


Spawn = Callable[..., Child]


@pytest.fixture
def child_env(tmp_path: Path, cooldown_home: Path) -> dict[str, str]:
    """The tests' environment, with this test's COOLDOWN_HOME and a HOME of its own, and this cooldown first."""
    home = tmp_path / "user-home"
    home.mkdir()
    path = [str(SOURCE_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {
        **os.environ,
        "COOLDOWN_HOME": str(cooldown_home),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PYTHONPATH": os.pathsep.join(path),
        "PYTHONDONTWRITEBYTECODE": "1",
    }


@pytest.fixture
def spawn(child_env: dict[str, str], tmp_path: Path) -> Iterator[Spawn]:
    """Start a child running `code` with `args`; every child still running at the end is killed."""
    children: list[Child] = []

    def start(code: str, *args: object) -> Child:
        child = Child(code, [str(arg) for arg in args], child_env, tmp_path)
        children.append(child)
        return child

    try:
        yield start
    finally:
        for child in children:
            child.stop()


@pytest.fixture
def umask_022() -> Iterator[None]:
    """Run with the common umask (children inherit it) so modes do not depend on the caller's."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def timed(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, float]:
    start = time.monotonic()
    result = call(*args, **kwargs)
    return result, time.monotonic() - start


def stored(path: Path) -> dict[str, tuple[int, str]]:
    """uid -> (statement, note) of every row, read over a fresh connection."""
    db = sqlite3.connect(path)
    try:
        return {
            uid: (statement, note) for uid, statement, note in db.execute("SELECT uid, statement, note FROM episodes")
        }
    finally:
        db.close()


def companions(path: Path) -> list[Path]:
    """SQLite's -wal and -shm files beside `path` that exist now."""
    return [found for suffix in ("-wal", "-shm") if (found := path.with_name(path.name + suffix)).exists()]


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


# --- a reader in another process ---------------------------------------------


def test_a_reader_in_another_process_does_not_hold_up_saves(log_path: Path, spawn: Spawn) -> None:
    with EpisodeLog(log_path) as log:
        first = log.save(Episode.begin(AT, anger=5))
        reader = spawn(READER, log_path)
        assert reader.expect("reading") == "1"

        new, took_new = timed(log.save, Episode.logged(AT + timedelta(hours=1), Outcome.SIDESTEP, note="while read"))
        update, took_update = timed(log.save, first.reach(2), expected=first)

        assert took_new < QUICK, f"a new episode took {took_new:.2f} s to save while another process was reading"
        assert took_update < QUICK, f"an update took {took_update:.2f} s to save while another process was reading"
        assert stored(log_path) == {first.uid: (2, ""), new.uid: (0, "while read")}
        later = log.save(Episode.logged(AT + timedelta(hours=2), Outcome.FIGHT, note="later"))
        assert log._db.in_transaction is False
        assert log.get(later.id) == later
        # The reader was inside its transaction all along: its snapshot still has one row.
        reader.tell()
        assert reader.expect("still", timeout=FINISH) == "1"
        reader.tell()
        assert reader.expect("after", timeout=FINISH) == "3"
        assert reader.finish() == 0

        assert list(log.episodes()) == [update, new, later]
        assert log.save(later.edit(Outcome.SIDESTEP, "after the reader")).note == "after the reader"
    with EpisodeLog(log_path) as reopened:
        assert [episode.note for episode in reopened.episodes()] == ["", "while read", "after the reader"]
        assert reopened.get(first.id) == update


# --- a writer in another process ---------------------------------------------


def test_a_save_held_up_by_another_writer_fails_cleanly_and_the_next_works(log_path: Path, spawn: Spawn) -> None:
    with EpisodeLog(log_path) as log:
        first = log.save(Episode.begin(AT))
        writer = spawn(WRITER, log_path)
        writer.expect("locked")
        episode = Episode.logged(AT + timedelta(hours=1), Outcome.FIGHT, note="held up")

        start = time.monotonic()
        with pytest.raises(StoreError) as raised:
            log.save(episode)
        took = time.monotonic() - start

        assert took < BUSY_TIMEOUT + MARGIN, f"the save gave up only after {took:.2f} s"
        assert raised.value.path == log_path
        assert "locked" in raised.value.reason
        assert log._db.in_transaction is False
        assert log.get(first.id) == first  # reading still works meanwhile
        assert stored(log_path) == {first.uid: (1, "")}

        writer.tell()
        writer.expect("released", timeout=FINISH)
        assert writer.finish() == 0

        saved, took = timed(log.save, episode)
        assert took < QUICK
        edited = log.save(saved.edit(Outcome.SIDESTEP, "held up, then saved"), expected=saved)
        assert log.get(saved.id) == edited
        assert log._db.in_transaction is False

        # The process whose save failed keeps nobody out: a third process writes while it has the log open.
        third = spawn(SAVER, log_path, (AT + timedelta(hours=2)).isoformat(), "third process", "once")
        number, _, module = third.expect("saved", timeout=STARTUP).partition(" ")
        assert module == COOLDOWN_FILE
        assert third.finish() == 0
        assert log.get(int(number)) is not None
        last = log.save(first.reach(2), expected=first)
        assert [episode.note for episode in log.episodes()] == ["", "held up, then saved", "third process"]
    with EpisodeLog(log_path) as reopened:
        assert reopened.get(first.id) == last
        assert reopened.count() == 3


# --- several processes opening a brand-new log at once -----------------------


def test_processes_opening_a_new_log_at_once_all_save(cooldown_home: Path, tmp_path: Path, spawn: Spawn) -> None:
    for round_ in range(ROUNDS):
        path = cooldown_home / f"race-{round_}" / "episodes.sqlite3"
        go = tmp_path / f"go-{round_}"
        racers = [spawn(RACER, path, go, (AT + timedelta(minutes=n)).isoformat(), n) for n in range(RACERS)]
        for racer in racers:
            assert racer.expect("waiting") == COOLDOWN_FILE
        go.touch()
        codes = [racer.finish() for racer in racers]

        failed = {n: racer.stderr.strip().splitlines()[-1:] for n, racer in enumerate(racers) if codes[n] != 0}
        assert not failed, f"round {round_}: processes that could not save (exit code, last error line): " + str(
            {n: (codes[n], line) for n, line in failed.items()}
        )
        ids = [int(racer.expect("saved", timeout=FINISH)) for racer in racers]
        with EpisodeLog(path) as log:
            found = {episode.note: episode.id for episode in log.episodes()}
        assert found == {f"process {n}": ids[n] for n in range(RACERS)}, f"round {round_}"


@pytest.mark.parametrize("kind", ["brand-new", "from-an-older-cooldown"])
def test_opening_a_log_not_yet_in_wal_waits_while_another_process_writes_it(
    kind: str, log_path: Path, spawn: Spawn
) -> None:
    """The first open switches the log to WAL; another process writing it meanwhile makes it wait, not fail.

    That other process is one setting up the same brand-new log (the race above, made certain), or an older
    cooldown, still on the rollback journal, in the middle of a save.
    """
    ensure_private_dir(log_path.parent)
    if kind == "brand-new":
        log_path.touch(mode=PRIVATE_FILE)
    else:
        db = sqlite3.connect(log_path, isolation_level=None)
        try:
            migrate(db)
        finally:
            db.close()
    writer = spawn(WRITER, log_path, HOLD)
    writer.expect("locked")

    start = time.monotonic()
    try:
        log = EpisodeLog(log_path)
    except StoreError as error:
        pytest.fail(
            f"opening the log failed after {time.monotonic() - start:.3f} s while another process held its "
            f"write lock for {HOLD} s, instead of waiting up to {BUSY_TIMEOUT} s: {error.reason}"
        )
    took = time.monotonic() - start
    with log:
        assert took < BUSY_TIMEOUT + MARGIN
        saved = log.save(Episode.logged(AT, Outcome.SIDESTEP, note=kind))
        writer.expect("released", timeout=FINISH)
        assert writer.finish() == 0
        assert list(log.episodes()) == [saved]
        assert log._db.in_transaction is False


# --- the WAL files ------------------------------------------------------------


@pytest.mark.usefixtures("umask_022")
def test_the_wal_files_are_private_and_the_log_reopens_whole(log_path: Path, spawn: Spawn) -> None:
    with EpisodeLog(log_path) as log:
        first = log.save(Episode.begin(AT))
        beside = companions(log_path)
        if not beside:
            pytest.skip("this SQLite keeps no -wal or -shm file beside the log")
        assert {found.name: mode(found) for found in beside} == dict.fromkeys(
            (found.name for found in beside), PRIVATE_FILE
        )
        second = log.save(first.reach(3))
    with EpisodeLog(log_path) as reopened:
        assert list(reopened.episodes()) == [second]

    # Another process creating them afresh (the log closed, so they were removed or are stale) makes them private too.
    holder = spawn(SAVER, log_path, (AT + timedelta(hours=1)).isoformat(), "from another process", "hold")
    holder.expect("saved")
    beside = companions(log_path)
    assert {found.name: mode(found) for found in beside} == dict.fromkeys(
        (found.name for found in beside), PRIVATE_FILE
    )
    holder.tell()
    assert holder.finish() == 0
    assert mode(log_path) == PRIVATE_FILE
    with EpisodeLog(log_path) as reopened:
        assert [episode.note for episode in reopened.episodes()] == ["", "from another process"]
        assert reopened.get(first.id) == second


class FailingCommit:
    """The log's real connection, except that its next COMMIT fails as a locked one does."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.fail_next_commit = True

    def execute(self, sql: str, *params: Any) -> sqlite3.Cursor:
        if sql == "COMMIT" and self.fail_next_commit:
            self.fail_next_commit = False
            raise sqlite3.OperationalError("database is locked")
        return self.db.execute(sql, *params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.db, name)


def test_a_commit_that_fails_is_rolled_back_and_the_next_save_works(log_path: Path) -> None:
    now = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
    log = EpisodeLog(log_path)
    real = log._db
    log._db = FailingCommit(real)  # type: ignore[assignment]
    try:
        with pytest.raises(StoreError, match="locked"):
            log.save(Episode.logged(now, Outcome.FIGHT, note="lost to the failed commit"))
        assert not real.in_transaction  # rolled back: nobody else is locked out
        with EpisodeLog(log_path) as other:  # another process writes meanwhile
            other.save(Episode.logged(now, Outcome.SIDESTEP, note="another window"))
        log.save(Episode.logged(now, Outcome.FIGHT, note="saved on the second try"))
    finally:
        log._db = real
        log.close()
    with EpisodeLog(log_path) as log:
        notes = sorted(episode.note for episode in log.episodes())
    assert notes == ["another window", "saved on the second try"]


def test_processes_upgrading_an_old_log_at_once_all_save_and_one_copy_is_kept(
    cooldown_home: Path, tmp_path: Path, spawn: Spawn
) -> None:
    from tests.store.test_schema import schema_two_log

    path = cooldown_home / "old" / "episodes.sqlite3"
    ensure_private_dir(path.parent)
    schema_two_log(path)
    go = tmp_path / "go-old"
    racers = [spawn(RACER, path, go, (AT + timedelta(minutes=n)).isoformat(), n) for n in range(RACERS)]
    for racer in racers:
        assert racer.expect("waiting") == COOLDOWN_FILE
    go.touch()
    codes = [racer.finish() for racer in racers]
    assert codes == [0] * RACERS, [racer.stderr.strip().splitlines()[-1:] for racer in racers]
    with EpisodeLog(path) as log:
        notes = {episode.note for episode in log.episodes()}
    assert notes == {"", *(f"process {n}" for n in range(RACERS))}  # the old episode and every new one
    [backup] = [p for p in path.parent.iterdir() if "backup" in p.name]
    copy = sqlite3.connect(backup)
    try:
        assert ("old",) in copy.execute("SELECT uid FROM episodes").fetchall()
    finally:
        copy.close()
