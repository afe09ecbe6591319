"""`cooldown status`: one line for a status bar, from a real log written by the session layer.

Episodes are written with ProtocolRun on a fixed clock into the test's own
COOLDOWN_HOME; `statusline.main` runs in-process with an injected "now", and a
few runs go through the installed console script and `python -m cooldown` with
the real clock.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import platformdirs
import pytest

from cooldown import cli, paths, statusline
from cooldown.core.instant import format_clock, format_local_clock
from cooldown.session.logbook import Logbook
from cooldown.session.preferences import Preferences
from cooldown.session.protocol import ProtocolRun
from tests.conftest import BERLIN, FakeClock

LONDON = ZoneInfo("Europe/London")
SCRIPT = Path(sys.executable).with_name("cooldown")

Run = Callable[[], ProtocolRun]
Status = Callable[..., tuple[int, str, str]]


@pytest.fixture
def open_run(log_path: Path, tmp_path: Path, clock: FakeClock) -> Iterator[Run]:
    """A window of the app writing to the test's log on the fixed clock (closed afterwards)."""
    opened: list[Logbook] = []

    def build() -> ProtocolRun:
        logbook = Logbook(log_path)
        opened.append(logbook)
        run = ProtocolRun(logbook, Preferences(tmp_path / "config.toml"), clock)
        run.begin_afresh_abandoning_stale()
        return run

    yield build
    for logbook in opened:
        logbook.close()


@pytest.fixture
def status(capsys: pytest.CaptureFixture[str]) -> Status:
    """Run `cooldown status ARGS` in-process at `now`: (exit code, stdout, stderr)."""

    def run(*args: str, now: datetime) -> tuple[int, str, str]:
        code = statusline.main(list(args), now=now)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def cooling(run: ProtocolRun, clock: FakeClock, minutes: float = 30) -> datetime:
    """Statements said, a walk chosen, back in `minutes`; the return time."""
    run.say(1, anger=7)
    run.say(2)
    run.choose_activity("go for a walk")
    back = clock() + timedelta(minutes=minutes)
    run.agree_return(back)
    return back


def talk_put_off(run: ProtocolRun, clock: FakeClock) -> datetime:
    """Back at 18:31 after a 30 min cool-down, the talk put off to 21:00; the talk's time."""
    cooling(run, clock)
    clock.advance(minutes=31)
    run.come_back()
    talk = datetime(2026, 11, 21, 21, 0, tzinfo=BERLIN)
    run.put_off_talk(talk)
    return talk


def run_cooldown(home: Path | None, *args: str, how: str = "module", **env: str) -> subprocess.CompletedProcess[str]:
    """`cooldown ARGS` in a fresh process, with COOLDOWN_HOME=home (unset if None)."""
    environment = {**os.environ, **env}
    environment.pop("COOLDOWN_HOME", None)
    if home is not None:
        environment["COOLDOWN_HOME"] = str(home)
    if how == "script":
        if not SCRIPT.exists():
            pytest.skip("the cooldown console script is not installed beside this Python")
        argv = [str(SCRIPT), *args]
    else:
        argv = [sys.executable, "-m", "cooldown", *args]
    return subprocess.run(argv, env=environment, capture_output=True, text=True, timeout=60)


# --- each stage, exactly ------------------------------------------------------


def test_cooling_shows_the_time_left_and_the_return_time(open_run: Run, clock: FakeClock, status: Status) -> None:
    back = cooling(open_run(), clock)
    assert back == datetime(2026, 11, 21, 18, 30, tzinfo=BERLIN)
    at = clock() + timedelta(minutes=17, seconds=26)
    assert status(now=at) == (0, "cooldown 12:34 · back at 18:30\n", "")


def test_the_time_left_ticks_each_second_and_rounds_up(open_run: Run, clock: FakeClock, status: Status) -> None:
    back = cooling(open_run(), clock)
    assert status(now=clock())[1] == "cooldown 30:00 · back at 18:30\n"
    assert status(now=clock() + timedelta(seconds=0.4))[1] == "cooldown 30:00 · back at 18:30\n"
    assert status(now=clock() + timedelta(seconds=1))[1] == "cooldown 29:59 · back at 18:30\n"
    assert status(now=back - timedelta(minutes=5))[1] == "cooldown 05:00 · back at 18:30\n"
    assert status(now=back - timedelta(seconds=0.5))[1] == "cooldown 00:01 · back at 18:30\n"


def test_a_long_cool_down_shows_hours(open_run: Run, clock: FakeClock, status: Status) -> None:
    cooling(open_run(), clock, minutes=150)
    assert status(now=clock() + timedelta(seconds=1)) == (0, "cooldown 2:29:59 · back at 20:30\n", "")


def test_a_return_after_midnight_says_tomorrow(open_run: Run, clock: FakeClock, status: Status) -> None:
    cooling(open_run(), clock, minutes=6 * 60 + 30)  # 00:30 the next day
    assert status(now=clock()) == (0, "cooldown 6:30:00 · back at 00:30 tomorrow\n", "")


def test_due_from_the_return_time_on(open_run: Run, clock: FakeClock, status: Status) -> None:
    back = cooling(open_run(), clock)
    assert status(now=back) == (0, "cooldown: time to go back (18:30)\n", "")
    assert status(now=back + timedelta(hours=3)) == (0, "cooldown: time to go back (18:30)\n", "")


def test_a_talk_put_off_and_then_due(open_run: Run, clock: FakeClock, status: Status) -> None:
    talk = talk_put_off(open_run(), clock)
    assert status(now=clock()) == (0, "cooldown: talk at 21:00\n", "")
    assert status(now=talk) == (0, "cooldown: time for the talk (21:00)\n", "")
    assert status(now=talk + timedelta(minutes=45)) == (0, "cooldown: time for the talk (21:00)\n", "")


def test_times_are_shown_in_the_zone_of_now(open_run: Run, clock: FakeClock, status: Status) -> None:
    cooling(open_run(), clock)
    assert status(now=clock().astimezone(LONDON)) == (0, "cooldown 30:00 · back at 17:30\n", "")


# --- nothing pending: nothing printed, exit 1 ----------------------------------


def test_no_log_prints_nothing_and_creates_nothing(cooldown_home: Path, clock: FakeClock, status: Status) -> None:
    assert status(now=clock()) == (1, "", "")
    assert not cooldown_home.exists()


def test_a_log_without_episodes(log_path: Path, clock: FakeClock, status: Status) -> None:
    Logbook(log_path).close()
    assert status(now=clock()) == (1, "", "")


def test_an_empty_file(log_path: Path, clock: FakeClock, status: Status) -> None:
    log_path.parent.mkdir(parents=True)
    log_path.write_bytes(b"")
    assert status(now=clock()) == (1, "", "")


def test_during_the_statements(open_run: Run, clock: FakeClock, status: Status) -> None:
    run = open_run()
    run.say(1, anger=7)
    run.choose_activity("go for a walk")
    assert status(now=clock()) == (1, "", "")


def test_back_with_only_the_outcome_missing(open_run: Run, clock: FakeClock, status: Status) -> None:
    run = open_run()
    cooling(run, clock)
    clock.advance(minutes=31)
    run.come_back()
    assert status(now=clock()) == (1, "", "")
    assert status(now=clock() + timedelta(hours=5)) == (1, "", "")


def test_finished(open_run: Run, clock: FakeClock, status: Status) -> None:
    from cooldown.core.episode import Outcome

    run = open_run()
    cooling(run, clock)
    clock.advance(minutes=31)
    run.come_back()
    run.record_outcome(Outcome.SIDESTEP)
    assert status(now=clock()) == (1, "", "")


def test_abandoned(open_run: Run, clock: FakeClock, status: Status) -> None:
    run = open_run()
    run.say(1, anger=7)
    run.abandon()
    assert status(now=clock()) == (1, "", "")


def test_older_than_48_hours(open_run: Run, clock: FakeClock, status: Status) -> None:
    start = clock()
    cooling(open_run(), clock)
    assert status(now=start + timedelta(hours=47, minutes=59))[0] == 0
    assert status(now=start + timedelta(hours=48, seconds=1)) == (1, "", "")


def test_a_talk_put_off_older_than_48_hours(open_run: Run, clock: FakeClock, status: Status) -> None:
    start = clock()
    talk_put_off(open_run(), clock)
    assert status(now=start + timedelta(hours=49)) == (1, "", "")


# --- --format -----------------------------------------------------------------


def test_format_fields_while_cooling(open_run: Run, clock: FakeClock, status: Status) -> None:
    cooling(open_run(), clock)
    template = "{state}|{left}|{back}|{activity}|{talk}|{{braces}}"
    expected = (0, "cooling|12:34|18:30|go for a walk||{braces}\n", "")
    assert status("--format", template, now=clock() + timedelta(minutes=17, seconds=26)) == expected
    assert status(f"--format={template}", now=clock() + timedelta(minutes=17, seconds=26)) == expected


def test_format_fields_when_due(open_run: Run, clock: FakeClock, status: Status) -> None:
    back = cooling(open_run(), clock)
    assert status("--format", "{state} {left} {back}", now=back + timedelta(minutes=3)) == (0, "due 00:00 18:30\n", "")


def test_format_fields_with_a_talk_put_off(open_run: Run, clock: FakeClock, status: Status) -> None:
    talk = talk_put_off(open_run(), clock)
    template = "{state} {left} {back} {talk}"
    assert status("--format", template, now=talk - timedelta(hours=1)) == (0, "talk_later 1:00:00 18:30 21:00\n", "")
    assert status("--format", template, now=talk) == (0, "talk_due 00:00 18:30 21:00\n", "")


def test_format_prints_nothing_when_nothing_is_pending(cooldown_home: Path, clock: FakeClock, status: Status) -> None:
    assert status("--format", "{left}", now=clock()) == (1, "", "")


@pytest.mark.parametrize(
    ("template", "says"),
    [
        ("{nope}", "unknown field {nope}; the fields are {left}, {back}, {activity}, {state}, {talk}"),
        ("{ left}", "unknown field { left}"),
        ("{left", "expected '}' before end of string"),
        ("left}", "Single '}' encountered"),
        ("{}", "Format string contains positional fields"),
        ("{0}", "Format string contains positional fields"),
        ("{left:d}", "Unknown format code 'd'"),
        ("{left.real}", "{left.real}: use a field's plain name, like {left}"),
        ("{left!z}", "Unknown conversion specifier z"),
        ("{left:{nope}}", "a field can't go inside another field's format"),
    ],
)
def test_a_bad_template_is_one_line_and_exit_2(
    open_run: Run, clock: FakeClock, status: Status, template: str, says: str
) -> None:
    cooling(open_run(), clock)
    code, out, err = status("--format", template, now=clock())
    assert (code, out) == (2, "")
    assert err.startswith("cooldown status: --format: ")
    assert says in err
    assert err.count("\n") == 1


def test_a_bad_template_is_refused_even_with_nothing_pending(
    cooldown_home: Path, clock: FakeClock, status: Status
) -> None:
    code, out, err = status("--format", "{nope}", now=clock())
    assert (code, out) == (2, "")
    assert err.startswith("cooldown status: --format: unknown field {nope}")


# --- --json -------------------------------------------------------------------


def test_json_while_cooling(open_run: Run, clock: FakeClock, status: Status) -> None:
    run = open_run()
    back = cooling(run, clock)
    assert run.episode is not None
    code, out, err = status("--json", now=clock() + timedelta(minutes=17, seconds=26))
    assert (code, err) == (0, "")
    assert out.count("\n") == 1
    assert json.loads(out) == {
        "state": "cooling",
        "left": "12:34",
        "left_seconds": 754,
        "back": "18:30",
        "return_at": back.isoformat(),
        "activity": "go for a walk",
        "talk": None,
        "talk_at": None,
        "uid": run.episode.uid,
    }


def test_json_when_late_has_negative_seconds(open_run: Run, clock: FakeClock, status: Status) -> None:
    back = cooling(open_run(), clock)
    data = json.loads(status("--json", now=back + timedelta(minutes=10))[1])
    assert (data["state"], data["left"], data["left_seconds"], data["back"]) == ("due", "00:00", -600, "18:30")


def test_json_with_a_talk_put_off(open_run: Run, clock: FakeClock, status: Status) -> None:
    run = open_run()
    talk = talk_put_off(run, clock)
    data = json.loads(status("--json", now=talk - timedelta(minutes=90))[1])
    assert data["state"] == "talk_later"
    assert (data["left"], data["left_seconds"]) == ("1:30:00", 5400)
    assert (data["talk"], data["talk_at"]) == ("21:00", talk.isoformat())
    assert (data["back"], data["return_at"]) == ("18:30", "2026-11-21T18:30:00+01:00")
    assert json.loads(status("--json", now=talk + timedelta(seconds=30))[1])["state"] == "talk_due"


def test_json_times_are_in_the_zone_of_now(open_run: Run, clock: FakeClock, status: Status) -> None:
    cooling(open_run(), clock)
    data = json.loads(status("--json", now=clock().astimezone(LONDON))[1])
    assert (data["back"], data["return_at"]) == ("17:30", "2026-11-21T17:30:00+00:00")


def test_json_prints_nothing_when_nothing_is_pending(cooldown_home: Path, clock: FakeClock, status: Status) -> None:
    assert status("--json", now=clock()) == (1, "", "")


# --- options ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--bogus"], "unrecognized option: --bogus"),
        (["now"], "unrecognized argument: now"),
        (["--format"], "--format needs a TEMPLATE"),
        (["--json", "--json"], "--json is given twice"),
        (["--format", "a", "--format", "b"], "--format is given twice"),
        (["--format", "{left}", "--json"], "--format and --json can't be used together"),
    ],
)
def test_bad_options_are_a_usage_error(
    cooldown_home: Path, clock: FakeClock, status: Status, args: list[str], says: str
) -> None:
    code, out, err = status(*args, now=clock())
    assert (code, out) == (2, "")
    usage, error = err.splitlines()
    assert usage == "usage: cooldown status [--format TEMPLATE | --json]"
    assert error.startswith(f"cooldown status: error: {says}")


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(open_run: Run, clock: FakeClock, status: Status, flag: str) -> None:
    cooling(open_run(), clock)
    code, out, err = status(flag, now=clock())
    assert (code, err) == (0, "")
    assert out.startswith("usage: cooldown status [--format TEMPLATE | --json]\n")
    for word in ("{left}", "{back}", "{activity}", "{state}", "{talk}", "--json", "exit status"):
        assert word in out


def test_the_cli_hands_status_over_and_lists_it(
    open_run: Run, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    cooling(open_run(), clock)
    assert cli.main(["status", "--bogus"]) == 2
    assert "unrecognized option: --bogus" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert re.search(r"^\s+status\s+one line for a status bar", capsys.readouterr().out, flags=re.M)


# --- a log that can't be read -------------------------------------------------


def assert_unreadable(result: tuple[int, str, str], says: str) -> None:
    code, out, err = result
    assert (code, out) == (2, "")
    assert err.startswith("cooldown status: can't read the log ")
    assert says in err
    assert err.count("\n") == 1


def test_a_corrupt_log(log_path: Path, clock: FakeClock, status: Status) -> None:
    log_path.parent.mkdir(parents=True)
    log_path.write_bytes(b"this is not a database, only a few words. " * 100)
    assert_unreadable(status(now=clock()), "file is not a database")


def test_a_log_of_a_newer_layout_without_the_columns(log_path: Path, clock: FakeClock, status: Status) -> None:
    log_path.parent.mkdir(parents=True)
    db = sqlite3.connect(log_path)
    db.execute("CREATE TABLE episodes (id INTEGER PRIMARY KEY, uid TEXT, status TEXT, started_ts REAL)")
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    assert_unreadable(status(now=clock()), "no such column")


def test_a_time_that_cant_be_read(open_run: Run, log_path: Path, clock: FakeClock, status: Status) -> None:
    cooling(open_run(), clock)
    db = sqlite3.connect(log_path)
    db.execute("UPDATE episodes SET return_at = 'half past six'")
    db.commit()
    db.close()
    assert_unreadable(status(now=clock()), "half past six")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_a_log_without_permission_to_read(open_run: Run, log_path: Path, clock: FakeClock, status: Status) -> None:
    cooling(open_run(), clock)
    log_path.chmod(0)
    try:
        assert_unreadable(status(now=clock()), "")
    finally:
        log_path.chmod(0o600)


# --- it only reads --------------------------------------------------------------


def test_the_log_is_left_byte_for_byte(cooldown_home: Path, log_path: Path, status: Status) -> None:
    real_cooling(cooldown_home)  # the app is closed: the log is all in the one file
    before = (log_path.read_bytes(), log_path.stat().st_mtime_ns)
    time.sleep(0.01)  # so that a write would show in the modification time
    for args in ([], ["--json"], ["--format", "{left}"]):
        assert status(*args, now=datetime.now(BERLIN))[0] == 0
    for how in ("script", "module"):
        assert run_cooldown(cooldown_home, "status", how=how).returncode == 0
    assert (log_path.read_bytes(), log_path.stat().st_mtime_ns) == before


def test_it_reads_a_log_another_window_has_open(
    open_run: Run, log_path: Path, clock: FakeClock, status: Status
) -> None:
    run = open_run()
    cooling(run, clock)
    assert status(now=clock()) == (0, "cooldown 30:00 · back at 18:30\n", "")
    clock.advance(minutes=5)
    run.reschedule(clock() + timedelta(minutes=40))  # the app, still open, gives more time
    assert status(now=clock()) == (0, "cooldown 40:00 · back at 18:45\n", "")


# --- the real thing, in a fresh process ---------------------------------------


def real_cooling(home: Path, minutes: int = 30) -> datetime:
    """A cool-down agreed now (real clock) in `home`'s log, back in `minutes`; the return time."""
    now = datetime.now(BERLIN).replace(microsecond=0)
    run = ProtocolRun(Logbook(home / paths.LOG_NAME), Preferences(home / "config.toml"), lambda: now)
    try:
        run.say(1, anger=6)
        run.choose_activity("go for a walk")
        run.agree_return(now + timedelta(minutes=minutes))
    finally:
        run.logbook.close()
    return now + timedelta(minutes=minutes)


@pytest.mark.parametrize("how", ["script", "module"])
def test_the_installed_command_while_cooling(cooldown_home: Path, how: str) -> None:
    back = real_cooling(cooldown_home)
    result = run_cooldown(cooldown_home, "status", how=how, TZ="Europe/Berlin")
    assert (result.returncode, result.stderr) == (0, "")
    left = re.fullmatch(r"cooldown (\d\d):(\d\d) · back at (.+)\n", result.stdout)
    assert left is not None, result.stdout
    assert 28 * 60 <= int(left[1]) * 60 + int(left[2]) <= 30 * 60
    assert left[3] == format_clock(back, datetime.now(BERLIN))


@pytest.mark.parametrize("how", ["script", "module"])
def test_the_installed_command_with_nothing_pending(cooldown_home: Path, how: str) -> None:
    result = run_cooldown(cooldown_home, "status", how=how)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "")
    assert not cooldown_home.exists()


def test_the_installed_command_json_and_format(cooldown_home: Path) -> None:
    back = real_cooling(cooldown_home, minutes=90)
    data = json.loads(run_cooldown(cooldown_home, "status", "--json", how="script", TZ="Europe/Berlin").stdout)
    assert data["state"] == "cooling"
    assert 88 * 60 <= data["left_seconds"] <= 90 * 60
    assert datetime.fromisoformat(data["return_at"]) == back
    assert data["return_at"].endswith(back.strftime("%z")[:3] + ":00")  # shown in the local zone (TZ)
    result = run_cooldown(cooldown_home, "status", "--format", "[{activity}]", how="script")
    assert (result.returncode, result.stdout) == (0, "[go for a walk]\n")


def test_the_installed_command_with_a_corrupt_log(cooldown_home: Path) -> None:
    cooldown_home.mkdir()
    (cooldown_home / paths.LOG_NAME).write_bytes(b"\x00garbage" * 512)
    result = run_cooldown(cooldown_home, "status", how="script")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("cooldown status: can't read the log ")
    assert result.stderr.count("\n") == 1


def test_the_installed_command_with_a_bad_template(cooldown_home: Path) -> None:
    result = run_cooldown(cooldown_home, "status", "--format", "{left", how="script")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("cooldown status: --format: ")
    assert "Traceback" not in result.stderr


# --- import hygiene: fast enough to run every second ----------------------------

HEAVY = ("textual", "pydantic", "platformdirs", "argparse", "dataclasses", "typing", "pathlib", "json")


def imported(argv: list[str], env: dict[str, str]) -> set[str]:
    """The modules a fresh process imports, from `-X importtime`."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], env=env, capture_output=True, text=True, timeout=60
    )
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("cooldown_home_set", [True, False], ids=["COOLDOWN_HOME", "XDG"])
def test_status_imports_nothing_heavy(cooldown_home: Path, cooldown_home_set: bool) -> None:
    """Nothing on the way to the line imports what `python -c pass` doesn't, beyond sqlite3 and the like."""
    if not cooldown_home_set:
        cooldown_home = Path(os.environ["XDG_DATA_HOME"]) / "cooldown"
    real_cooling(cooldown_home)
    env = {**os.environ}
    if not cooldown_home_set:
        del env["COOLDOWN_HOME"]
    bare = imported(["-c", "pass"], env)
    argv = [str(SCRIPT), "status"] if SCRIPT.exists() else ["-m", "cooldown", "status"]
    modules = imported(argv, env) - bare
    assert "cooldown.store.pending" in modules  # the log was really read
    heavy = {name for name in modules if name.split(".")[0] in HEAVY}
    if sys.platform != "linux":
        heavy = {name for name in heavy if not name.startswith("platformdirs")}
    assert heavy == set()


# --- the data dir without platformdirs, always platformdirs' answer -------------


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_DATA_HOME": None},
        {"XDG_DATA_HOME": ""},
        {"XDG_DATA_HOME": "/srv/data/"},
        {"XDG_DATA_HOME": "/srv/da ta"},
        {"XDG_DATA_HOME": "relative/data"},
        {"XDG_DATA_HOME": " "},
        {"XDG_DATA_HOME": "~/data"},
        {"XDG_DATA_HOME": None, "HOME": "/srv/someone/"},
        {"XDG_DATA_HOME": None, "HOME": "/"},
        {"XDG_DATA_HOME": None, "HOME": "relative"},
        {"XDG_DATA_HOME": None, "HOME": None},
        {"XDG_DATA_HOME": "", "HOME": ""},
    ],
    ids=repr,
)
def test_the_data_dir_is_platformdirs_answer(monkeypatch: pytest.MonkeyPatch, env: dict[str, str | None]) -> None:
    monkeypatch.delenv("COOLDOWN_HOME")
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    expected = platformdirs.user_data_path("cooldown", appauthor=False)
    assert paths.data_dir() == expected
    assert Path(paths.data_dir_str()) == expected
    assert Path(paths.log_file_str()) == paths.log_file() == expected / "episodes.sqlite3"


def test_the_usual_settings_take_the_fast_way(monkeypatch: pytest.MonkeyPatch, user_home: Path) -> None:
    if sys.platform != "linux":
        pytest.skip("the fast way is for Linux")
    monkeypatch.delenv("COOLDOWN_HOME")
    assert paths._xdg_data_dir() == str(user_home / ".local/share/cooldown")
    monkeypatch.delenv("XDG_DATA_HOME")
    assert paths._xdg_data_dir() == os.path.join(str(user_home), ".local/share", "cooldown")
    monkeypatch.setenv("XDG_DATA_HOME", "relative")
    assert paths._xdg_data_dir() is None  # left to platformdirs


def test_cooldown_home_wins(cooldown_home: Path) -> None:
    assert paths.data_dir_str() == str(cooldown_home)
    assert paths.log_file_str() == str(cooldown_home / "episodes.sqlite3")


# --- clock times across a daylight-saving change --------------------------------


@pytest.fixture
def berlin_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is Berlin for the test."""
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_local_clock_times_take_the_offset_at_each_moment(berlin_local_time: None) -> None:
    now = datetime(2026, 10, 25, 1, 30, tzinfo=BERLIN).astimezone()  # summer time, as a fixed +02:00
    back = datetime(2026, 10, 25, 3, 30, tzinfo=BERLIN)  # winter time by then
    assert now.utcoffset() == timedelta(hours=2)
    assert format_local_clock(back, now) == "03:30"
    assert format_local_clock(back, now, BERLIN) == "03:30"
    assert format_clock(back, now) == "04:30"  # what a fixed offset would say
    assert format_local_clock(back + timedelta(days=1), now) == "03:30 tomorrow"
    assert format_local_clock(back + timedelta(days=2), now) == "Tue 03:30"
