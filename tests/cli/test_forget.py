"""`cooldown forget` as installed: it names what goes, erases only on the word, and leaves nothing readable.

Every test runs the console script beside this Python in the test's own
COOLDOWN_HOME: answering the question in a pseudo-terminal, or with --yes.
Episodes are dated in 2020 (fixed and past, whatever today is) unless a test needs
a running cool-down, which follows the real clock as the background alarm does.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cooldown import alarm
from cooldown.clock import system_clock
from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
from tests.terminal import Terminal, plain

BERLIN = ZoneInfo("Europe/Berlin")
QUESTION = "Type forget to erase these"
OLD_NOTES = ("zebra-quartz-forgotten-one", "violet-anvil-forgotten-two")
KEPT_NOTE = "lantern-moss-kept-three"


def script() -> str:
    found = Path(sys.executable).with_name("cooldown")
    assert found.exists(), f"install the project first: {found} is missing"
    return str(found)


def forget(*args: str) -> subprocess.CompletedProcess[str]:
    """`cooldown forget ARGS` with no terminal (stdin is /dev/null)."""
    return subprocess.run(
        [script(), "forget", *args],
        env=dict(os.environ),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def in_terminal(args: list[str], answer: str | None) -> tuple[int, str]:
    """`cooldown forget ARGS` in a pseudo-terminal, `answer` typed at the question; (exit status, what it showed)."""
    terminal = Terminal([script(), "forget", *args], dict(os.environ))
    try:
        terminal.wait_for(QUESTION)
        if answer is not None:
            terminal.send(answer)
        status = terminal.wait()
    finally:
        terminal.close()
    return status, plain(terminal.output)


def seed_episodes(log_path: Path) -> list[Episode]:
    """Two episodes in January 2020 and one in March, each with a note no other text shares, and alerts for each."""
    episodes = [
        Episode.logged(datetime(2020, 1, 10, 21, 0, tzinfo=BERLIN), Outcome.FIGHT, OLD_NOTES[0]),
        Episode.logged(datetime(2020, 1, 25, 8, 30, tzinfo=BERLIN), Outcome.SIDESTEP, OLD_NOTES[1]),
        Episode.logged(datetime(2020, 3, 1, 19, 15, tzinfo=BERLIN), Outcome.SIDESTEP, KEPT_NOTE),
    ]
    with EpisodeLog(log_path) as log:
        saved = [log.save(episode) for episode in episodes]
        for episode in saved:
            log.claim_alert(episode.uid, episode.started_at.timestamp(), 1, episode.started_at.timestamp())
    return saved


def seed_everything(home: Path) -> dict[str, Path]:
    """A log with its copies, config.toml with a broken copy, the look-back day, an alarm's note, and a user theme."""
    log_path = home / "episodes.sqlite3"
    seed_episodes(log_path)
    files = {
        "log": log_path,
        "backup": home / "episodes.sqlite3.schema-5-backup",
        "damaged": home / "episodes.sqlite3.damaged-2026-11-20",
        "config": home / "config.toml",
        "broken": home / "config.toml.broken-20261120-101010",
        "seen": home / "review-seen",
        "problems": home / "alarms" / "problems.txt",
    }
    source = sqlite3.connect(log_path)
    copy = sqlite3.connect(files["backup"])
    source.backup(copy)
    copy.close()
    source.close()
    files["damaged"].write_bytes(b"SQLite format 3\x00" + OLD_NOTES[0].encode() + bytes(64))
    files["config"].write_text('partner_name = "Sam"\n', encoding="utf-8")
    files["broken"].write_text("partner_name = \n", encoding="utf-8")
    files["seen"].write_text("2026-11-20", encoding="utf-8")
    files["problems"].parent.mkdir()
    files["problems"].write_text("The alert at 19:30 could not reach you.\n", encoding="utf-8")
    theme = home / "themes" / "sea.toml"
    theme.parent.mkdir()
    theme.write_text('name = "sea"\n', encoding="utf-8")
    files["theme"] = theme
    return files


def raw_bytes(*paths: Path) -> bytes:
    """Everything on disk in these files (and their -wal journals), as bytes."""
    found = b""
    for path in paths:
        for candidate in (path, Path(f"{path}-wal")):
            if candidate.exists():
                found += candidate.read_bytes()
    return found


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(path.relative_to(home)): path.read_bytes() for path in sorted(home.rglob("*")) if path.is_file()}


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def alarm_pids(home: Path) -> list[int]:
    """The alarm processes watching a log in `home` (from /proc)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"cooldown.alarm" in argv and any(str(home).encode() in part for part in argv):
            found.append(int(entry.name))
    return found


@pytest.fixture
def alarms_stopped(cooldown_home: Path) -> Iterator[None]:
    yield
    for pid in alarm_pids(cooldown_home):
        os.kill(pid, signal.SIGKILL)


# Everything


def test_typing_forget_erases_everything_it_named_and_leaves_the_themes(cooldown_home: Path) -> None:
    files = seed_everything(cooldown_home)
    held = {name: os.open(files[name], os.O_RDONLY) for name in ("log", "config", "backup")}  # to read after unlink
    sizes = {name: os.fstat(handle).st_size for name, handle in held.items()}
    try:
        status, shown = in_terminal([], "forget\r")
        after = {name: os.pread(handle, sizes[name], 0) for name, handle in held.items()}
    finally:
        for handle in held.values():
            os.close(handle)
    assert status == 0
    for name in ("log", "backup", "damaged", "config", "broken", "seen", "problems"):
        assert str(files[name]) in shown
        assert not files[name].exists()
    assert "the episode log: 3 episodes" in shown
    assert f"{cooldown_home / 'alarms'}{os.sep} (folder, once emptied)" in shown
    assert f"Left alone: your own themes in {cooldown_home / 'themes'} (1 file)" in shown
    assert "Erased 7 files and 1 folder." in shown
    assert not (cooldown_home / "alarms").exists()
    assert sorted(path.name for path in cooldown_home.rglob("*")) == ["sea.toml", "themes"]
    assert files["theme"].read_text(encoding="utf-8") == 'name = "sea"\n'
    for name, content in after.items():  # the bytes were overwritten before the name went
        assert sizes[name] > 0 and content == bytes(sizes[name]), name


@pytest.mark.parametrize(
    ("answer", "status"),
    [("Forget\r", 1), ("yes\r", 1), ("\r", 1), ("forget it\r", 1), ("\x04", 1), ("\x03", 130)],
    ids=["capitalised", "yes", "empty", "more-words", "ctrl-d", "ctrl-c"],
)
def test_anything_but_the_word_erases_nothing_and_says_so(cooldown_home: Path, answer: str, status: int) -> None:
    seed_everything(cooldown_home)
    before = snapshot(cooldown_home)
    code, shown = in_terminal([], answer)
    assert code == status
    assert "Nothing was erased." in shown
    assert "Erased" not in shown
    assert snapshot(cooldown_home) == before


def test_without_a_terminal_it_refuses_and_with_yes_it_erases(cooldown_home: Path) -> None:
    files = seed_everything(cooldown_home)
    before = snapshot(cooldown_home)
    refused = forget()
    assert refused.returncode == 2
    assert "Nothing was erased." in refused.stderr
    assert "add --yes" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert str(files["log"]) in refused.stdout  # what would go is still named
    assert snapshot(cooldown_home) == before
    done = forget("--yes")
    assert done.returncode == 0, done.stderr
    assert "Erased 7 files and 1 folder." in done.stdout
    assert sorted(path.name for path in cooldown_home.rglob("*")) == ["sea.toml", "themes"]


def test_with_nothing_kept_it_says_so(cooldown_home: Path) -> None:
    result = forget()
    assert result.returncode == 0
    assert result.stdout == "cooldown keeps nothing here: there is nothing to forget.\n"


def test_a_link_goes_but_not_the_file_it_points_to(cooldown_home: Path, tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles-config.toml"
    dotfiles.write_text('partner_name = "Sam"\n', encoding="utf-8")
    cooldown_home.mkdir()
    (cooldown_home / "config.toml").symlink_to(dotfiles)
    result = forget("--yes")
    assert result.returncode == 0, result.stderr
    assert f"a link to {dotfiles}: only the link goes" in result.stdout
    assert not (cooldown_home / "config.toml").is_symlink()
    assert dotfiles.read_text(encoding="utf-8") == 'partner_name = "Sam"\n'


def test_without_cooldown_home_it_finds_the_log_and_the_config_in_their_own_folders(
    user_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COOLDOWN_HOME")
    data, config = user_home / ".local/share/cooldown", user_home / ".config/cooldown"
    logged = subprocess.run([script(), "log", "fight", "--at", "2020-01-10 21:00"], env=dict(os.environ), timeout=60)
    assert logged.returncode == 0
    (config / "themes").mkdir(parents=True)
    (config / "config.toml").write_text('partner_name = "Sam"\n', encoding="utf-8")
    result = forget("--yes")
    assert result.returncode == 0, result.stderr
    assert f"{data / 'episodes.sqlite3'} (the episode log: 1 episode)" in result.stdout
    assert f"{config / 'config.toml'} (your settings)" in result.stdout
    assert not data.exists() and not config.exists()
    assert (user_home / ".local/share").is_dir() and (user_home / ".config").is_dir()  # only cooldown's own folders


def test_a_log_that_cannot_be_read_is_still_erased_whole(cooldown_home: Path) -> None:
    cooldown_home.mkdir()
    (cooldown_home / "episodes.sqlite3").write_bytes(b"this is not a database" * 100)
    result = forget("--yes")
    assert result.returncode == 0, result.stderr
    assert "the episode log (it can't be read, so its episodes can't be counted)" in result.stdout
    assert not cooldown_home.exists()


def test_on_a_read_only_disk_it_names_each_file_and_loses_nothing(cooldown_home: Path) -> None:
    seed_everything(cooldown_home)
    before = snapshot(cooldown_home)
    home = str(cooldown_home)
    result = subprocess.run(
        [
            "unshare",
            "-m",
            "sh",
            "-c",
            f'mount --bind "{home}" "{home}" && mount -o remount,bind,ro "{home}" && exec "{script()}" forget --yes',
        ],
        env=dict(os.environ),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if "mount" in result.stderr and result.returncode != 1:
        pytest.skip(f"no private mounts here: {result.stderr.strip()}")
    assert result.returncode == 1
    assert f"could not remove {cooldown_home / 'episodes.sqlite3'} (read-only file system)." in result.stderr
    assert "Traceback" not in result.stderr
    assert "Check what is named above, then run cooldown forget again." in result.stdout
    assert snapshot(cooldown_home) == before


NOBODY = 65534
SETPRIV = shutil.which("setpriv")


@pytest.mark.skipif(SETPRIV is None or os.geteuid() != 0, reason="needs root and setpriv to give up root's overrides")
def test_files_in_a_folder_it_may_not_change_are_wiped_and_named(cooldown_home: Path) -> None:
    """The files are the user's, the folder is not: each file can be zeroed, none removed; every one is named."""
    files = seed_everything(cooldown_home)
    os.chmod(files["config"], 0o400)  # made read-only by its owner: still theirs to wipe
    os.chown(cooldown_home, NOBODY, NOBODY)
    os.chmod(cooldown_home, 0o755)
    assert SETPRIV is not None
    result = subprocess.run(
        [SETPRIV, "--bounding-set=-dac_override,-dac_read_search,-fowner", script(), "forget", "--yes"],
        env=dict(os.environ),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    for name in ("log", "backup", "damaged", "config", "broken", "seen"):
        path = files[name]
        assert f"{path} was overwritten with zeros, but could not be removed (permission denied)." in result.stderr
        assert set(path.read_bytes()) == {0}, name
    assert not files["problems"].exists()  # in a folder of the user's own: it went
    assert "Check what is named above, then run cooldown forget again." in result.stdout
    assert "Traceback" not in result.stderr


def test_a_running_cool_downs_alarm_stops_when_everything_is_forgotten(cooldown_home: Path, alarms_stopped) -> None:  # noqa: ANN001
    log_path = cooldown_home / "episodes.sqlite3"
    now = system_clock()
    start = now - timedelta(minutes=20)
    episode = Episode.begin(start).choose_activity("go for a walk").agree_return(now + timedelta(minutes=10), start)
    with EpisodeLog(log_path) as log:
        episode = log.save(episode)
    assert alarm.ensure_running(episode.uid, log_path)
    assert wait_until(lambda: alarm.is_running(log_path, episode.uid), 10)
    result = forget("--yes")
    assert result.returncode == 0, result.stderr
    assert "A cool-down is still running: its background alarm stops too." in result.stdout
    assert f"{cooldown_home / 'alarms' / episode.uid}.lock" in result.stdout
    assert wait_until(lambda: not alarm_pids(cooldown_home), 10), "the alarm kept running"
    assert not cooldown_home.exists()


# Episodes before a date


READER = """\
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("SELECT COUNT(*) FROM episodes").fetchone()
print("open", flush=True)
sys.stdin.readline()
notes = [row[0] for row in db.execute("SELECT note FROM episodes")]
alerts = [row[0] for row in db.execute("SELECT uid FROM alerts")]
uids = [row[0] for row in db.execute("SELECT uid FROM episodes")]
print(json.dumps([notes, alerts == uids]), flush=True)
"""


def test_forgotten_episodes_leave_no_text_in_the_log_or_its_journal(cooldown_home: Path) -> None:
    log_path = cooldown_home / "episodes.sqlite3"
    seed_episodes(log_path)
    with EpisodeLog(log_path) as log:  # a later edit of a kept episode: the journal holds frames of every episode
        (kept,) = [episode for episode in log.episodes() if episode.note == KEPT_NOTE]
        log.save(kept.edit(kept.outcome, KEPT_NOTE + " (edited)"))
        # Another cooldown has the log open (in a process of its own: a close here would drop its locks).
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(log_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert reader.stdout is not None and reader.stdin is not None
        ready = reader.stdout.readline()  # it has read the log before this one closes
    try:
        assert ready == "open\n"
        before = raw_bytes(log_path)
        assert all(note.encode() in before for note in OLD_NOTES)  # the test can fail
        assert Path(f"{log_path}-wal").stat().st_size > 0
        status, shown = in_terminal(["--episodes-before", "2020-02-01"], "forget\r")
        stored = raw_bytes(log_path)
        assert status == 0
        assert "This forgets 2 episodes started before Sat 1 Feb 2020 00:00, for good (1 later episode stays):" in shown
        assert "Forgot 2 episodes started before Sat 1 Feb 2020 00:00." in shown
        for note in OLD_NOTES:
            assert note.encode() not in stored
        assert f"{KEPT_NOTE} (edited)".encode() in stored
        reader.stdin.write("\n")
        reader.stdin.flush()
        notes, only_kept_alerts = json.loads(reader.stdout.readline())
        assert notes == [f"{KEPT_NOTE} (edited)"]  # the other cooldown reads the log on, unharmed
        assert only_kept_alerts
    finally:
        reader.kill()
        reader.wait()


HOLDER = """\
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
db.execute("SELECT COUNT(*) FROM episodes").fetchone()
print("reading", flush=True)
sys.stdin.readline()
db.execute("COMMIT")
"""


def test_a_reader_in_the_middle_of_a_read_is_waited_for_then_named(cooldown_home: Path) -> None:
    log_path = cooldown_home / "episodes.sqlite3"
    seed_episodes(log_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(log_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline() == "reading\n"
        held = forget("--episodes-before", "2020-02-01", "--yes")
        assert held.returncode == 1
        assert "Forgot 2 episodes started before Sat 1 Feb 2020 00:00." in held.stdout
        assert f"but another cooldown is reading it, so their words may still be in {log_path.name}-wal" in held.stderr
        assert "run the same command again" in held.stderr
        assert "Traceback" not in held.stderr
        assert any(note.encode() in raw_bytes(log_path) for note in OLD_NOTES)  # as it said: not cleared yet
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()
        holder.wait()
    again = forget("--episodes-before", "2020-02-01", "--yes")
    assert again.returncode == 0, again.stderr
    stored = raw_bytes(log_path)
    assert all(note.encode() not in stored for note in OLD_NOTES)
    assert KEPT_NOTE.encode() in stored


def test_the_wipe_does_not_rely_on_how_sqlite_was_built(log_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some builds of SQLite wipe freed space by default and others do not: forgetting must ask for it itself."""
    import cooldown.store.erase as erase

    connect = sqlite3.connect

    def without_wiping(*args: object, **kwargs: object) -> sqlite3.Connection:
        db = connect(*args, **kwargs)  # type: ignore[arg-type]
        db.execute("PRAGMA secure_delete = OFF")  # as SQLite's own default is
        return db

    seed_episodes(log_path)
    monkeypatch.setattr(erase.sqlite3, "connect", without_wiping)
    assert erase.forget_before(log_path, datetime(2020, 2, 1, tzinfo=BERLIN)) == 2
    stored = raw_bytes(log_path)
    assert all(note.encode() not in stored for note in OLD_NOTES)
    assert KEPT_NOTE.encode() in stored


def test_the_copies_beside_the_log_are_edited_or_erased_whole(cooldown_home: Path) -> None:
    files = seed_everything(cooldown_home)
    result = forget("--episodes-before", "2020-02-01", "--yes")
    assert result.returncode == 0, result.stderr
    backup, damaged = files["backup"], files["damaged"]
    assert f"{backup} (a copy of the log made before an upgrade: they are taken out of it too)" in result.stdout
    assert f"{damaged} (a damaged log put aside: it can't be edited, so it is erased whole)" in result.stdout
    assert not damaged.exists()
    for path in (files["log"], backup):
        stored = raw_bytes(path)
        assert all(note.encode() not in stored for note in OLD_NOTES), path
        assert KEPT_NOTE.encode() in stored, path
    for name in ("config", "broken", "seen", "problems", "theme"):
        assert files[name].exists(), name  # only episodes were asked for


def test_episodes_left_only_in_a_copy_are_still_forgotten(cooldown_home: Path) -> None:
    files = seed_everything(cooldown_home)
    with EpisodeLog(files["log"]) as log:
        for episode in list(log.episodes()):
            if episode.note in OLD_NOTES:
                log.delete(episode.id)
    result = forget("--episodes-before", "2020-02-01", "--yes")
    assert result.returncode == 0, result.stderr
    assert "The log holds no episodes started before Sat 1 Feb 2020 00:00, but copies of it do." in result.stdout
    assert "Took the episodes started before Sat 1 Feb 2020 00:00 out of the copies beside the log." in result.stdout
    stored = raw_bytes(files["backup"])
    assert all(note.encode() not in stored for note in OLD_NOTES)
    assert KEPT_NOTE.encode() in stored
    again = forget("--episodes-before", "2020-02-01", "--yes")
    assert again.stdout.startswith("No episodes started before Sat 1 Feb 2020 00:00: there is nothing to forget.")


def test_declining_forgets_no_episode(cooldown_home: Path) -> None:
    seed_episodes(cooldown_home / "episodes.sqlite3")
    before = snapshot(cooldown_home)
    status, shown = in_terminal(["--episodes-before", "2020-02-01"], "no\r")
    assert status == 1
    assert "Nothing was erased." in shown
    assert snapshot(cooldown_home) == before
    refused = forget("--episodes-before", "2020-02-01")
    assert refused.returncode == 2
    assert "Nothing was erased." in refused.stderr
    assert snapshot(cooldown_home) == before


def test_a_date_before_every_episode_forgets_nothing(cooldown_home: Path) -> None:
    seed_episodes(cooldown_home / "episodes.sqlite3")
    result = forget("--episodes-before", "2019-12-31")
    assert result.returncode == 0
    assert result.stdout == "No episodes started before Tue 31 Dec 2019 00:00: there is nothing to forget.\n"


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (
            "2999-01-01",
            "--episodes-before: that is still to come. To forget every episode and keep your settings, use "
            "--episodes-before now; cooldown forget on its own erases the settings too.",
        ),
        ("someday", "--episodes-before: I couldn't read “someday”."),
    ],
)
def test_a_date_it_cannot_use_is_refused(cooldown_home: Path, date: str, message: str) -> None:
    seed_episodes(cooldown_home / "episodes.sqlite3")
    before = snapshot(cooldown_home)
    result = forget("--episodes-before", date, "--yes")
    assert result.returncode == 2
    assert message in result.stderr
    assert snapshot(cooldown_home) == before


def test_a_damaged_log_is_named_and_left_as_it_was(cooldown_home: Path) -> None:
    cooldown_home.mkdir()
    log_path = cooldown_home / "episodes.sqlite3"
    log_path.write_bytes(b"this is not a database" * 100)
    result = forget("--episodes-before", "2020-02-01", "--yes")
    assert result.returncode == 1
    assert f"The log at {log_path} could not be used" in result.stderr
    assert "Nothing was erased." in result.stderr
    assert "Traceback" not in result.stderr
    assert log_path.read_bytes() == b"this is not a database" * 100


def test_a_forgotten_cool_downs_alarm_stops(cooldown_home: Path, alarms_stopped) -> None:  # noqa: ANN001
    log_path = cooldown_home / "episodes.sqlite3"
    now = system_clock()
    start = now - timedelta(hours=3)
    running = Episode.begin(start).choose_activity("go for a walk").agree_return(now + timedelta(minutes=30), start)
    with EpisodeLog(log_path) as log:
        running = log.save(running)
        log.save(Episode.logged(now - timedelta(minutes=5), Outcome.SIDESTEP, KEPT_NOTE))
    assert alarm.ensure_running(running.uid, log_path)
    assert wait_until(lambda: alarm.is_running(log_path, running.uid), 10)
    result = forget("--episodes-before", "2h ago", "--yes")
    assert result.returncode == 0, result.stderr
    assert "One of them is a cool-down still running: its background alarm stops too." in result.stdout
    assert wait_until(lambda: not alarm_pids(cooldown_home), 10), "the alarm kept running"
    assert not Path(alarm.lock_path(log_path, running.uid)).exists()
    with EpisodeLog(log_path) as log:
        assert [episode.note for episode in log.episodes()] == [KEPT_NOTE]


def test_the_help_says_what_goes_and_that_it_is_best_effort_on_flash(cooldown_home: Path) -> None:
    result = subprocess.run([script(), "forget", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "--episodes-before DATE" in text
    assert "overwritten with zeros" in text
    assert "copy-on-write" in text and "flash storage" in text and "best effort" in text
    assert "Your own themes in the themes/ folder are left alone." in text
