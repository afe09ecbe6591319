"""Imports refuse what cooldown would never write, all or nothing, naming the entry and the field.

And an episode still under way where it was exported is kept as abandoned:
never resumed here, never timed here (store/import_rules.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.cues import TOPIC_LIMIT
from cooldown.core.episode import NOTE_LIMIT, Episode, Outcome, Status
from cooldown.core.settings import NAME_LIMIT
from cooldown.paths import log_file
from cooldown.store.episodes import EpisodeLog
from cooldown.store.export import IMPORT_LIMIT, ImportProblem, check_import, read_import, to_json
from cooldown.store.import_rules import READINGS_LIMIT, UID_LIMIT

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
START = NOW - timedelta(days=3)
COOLDOWN = Path(sys.executable).with_name("cooldown")


def finished() -> Episode:
    """A whole cool-down as the app writes it: back on time, a sidestep."""
    return (
        Episode(uid="a" * 32, started_at=START, statement=1, anger_before=7)
        .choose_activity("go for a walk")
        .agree_return(START + timedelta(minutes=30), START + timedelta(minutes=2))
        .rate_anger_during(5, START + timedelta(minutes=10))
        .count_pulse(104, START + timedelta(minutes=11))
        .reschedule(START + timedelta(minutes=45), START + timedelta(minutes=28))
        .come_back(START + timedelta(minutes=44))
        .record_outcome(Outcome.SIDESTEP)
    )


def entry(**changes: object) -> dict[str, object]:
    row: dict[str, object] = json.loads(to_json([finished()]))[0]
    row.update(changes)
    return row


def write(tmp_path: Path, *rows: object) -> Path:
    path = tmp_path / "episodes.json"
    path.write_text(json.dumps(list(rows)), encoding="utf-8")
    return path


@pytest.fixture
def log(tmp_path: Path) -> Iterator[EpisodeLog]:
    with EpisodeLog(tmp_path / "log" / "episodes.sqlite3") as opened:
        opened.save(Episode.begin(START).reflect(None, "already here"))
        yield opened


def refused(path: Path, log: EpisodeLog) -> str:
    """The message for importing `path`; nothing may be added to the log."""
    before = to_json(log.episodes())
    with pytest.raises(ImportProblem) as caught:
        log.add_new(read_import(path, now=NOW))
    assert to_json(log.episodes()) == before
    return str(caught.value)


def test_the_app_s_own_episode_comes_in_whole(tmp_path: Path, log: EpisodeLog) -> None:
    (imported,) = read_import(write(tmp_path, entry()), now=NOW)
    assert imported.model_dump(exclude={"id"}) == finished().model_dump(exclude={"id"})
    assert log.add_new([imported]) == 1


# --- times ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("started_at", "expected"),
    [
        (
            "0001-01-01T00:00:00+23:59",
            "is before 2000 (got '0001-01-01T00:00:00+23:59'); cooldown keeps episodes from 2000 on",
        ),
        ("1999-12-31T23:59:59+00:00", "is before 2000 (got '1999-12-31T23:59:59+00:00')"),
        ("9999-12-31T23:59:59-23:59", "is in the future (got '9999-12-31T23:59:59-23:59')"),
        ("2026-11-23T18:00:00+01:00", "is in the future (got '2026-11-23T18:00:00+01:00')"),
    ],
)
def test_a_start_outside_2000_to_tomorrow_is_refused(
    started_at: str, expected: str, tmp_path: Path, log: EpisodeLog
) -> None:
    path = write(tmp_path, entry(), entry(uid="b" * 32, started_at=started_at))
    assert refused(path, log).startswith(f"{path}, entry 2, field 'started_at': {expected}")


def test_another_machine_s_clock_may_be_a_little_ahead(tmp_path: Path) -> None:
    logged = Episode.logged(NOW + timedelta(hours=20), Outcome.FIGHT)
    path = tmp_path / "ahead.json"
    path.write_text(to_json([logged]), encoding="utf-8")
    (imported,) = read_import(path, now=NOW)
    assert imported.started_at == NOW + timedelta(hours=20)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("returned_at", START - timedelta(hours=2), "is before the episode started"),
        ("agreed_at", START - timedelta(days=1), "is before the episode started"),
        ("returned_at", NOW + timedelta(days=5), "is too far in the future"),
        ("return_at", START + timedelta(days=400), "is too far in the future"),
        ("talk_at", START - timedelta(hours=1), "is before the episode started"),
    ],
)
def test_times_out_of_order_are_refused(
    field: str, value: datetime, expected: str, tmp_path: Path, log: EpisodeLog
) -> None:
    path = write(tmp_path, entry(**{field: value.isoformat()}))
    assert refused(path, log) == f"{path}, entry 1, field {field!r}: {expected} (got {value.isoformat()!r})"


def test_a_clock_corrected_by_a_minute_is_no_problem(tmp_path: Path) -> None:
    early = (START - timedelta(minutes=1)).isoformat()
    (imported,) = read_import(write(tmp_path, entry(agreed_at=early)), now=NOW)
    assert imported.agreed_at == START - timedelta(minutes=1)


@pytest.mark.parametrize("year_one", ["0001-01-01T00:00:00+23:59", "0001-01-01T00:00:00+00:00"])
def test_a_reading_in_year_one_is_refused_not_a_crash(year_one: str, tmp_path: Path, log: EpisodeLog) -> None:
    row = entry()
    row["anger_during"] = [{"at": year_one, "value": 3}]
    path = write(tmp_path, row)
    assert refused(path, log) == (
        f"{path}, entry 1, field 'anger_during': has an item timed {year_one!r}, which is before the episode started"
    )


def test_a_move_to_the_far_future_is_refused(tmp_path: Path, log: EpisodeLog) -> None:
    row = entry()
    row["moves"] = [{"at": START.isoformat(), "to": "9999-12-31T23:59:59-23:59"}]
    assert "field 'moves': has an item timed '9999-12-31T23:59:59-23:59', which is too far" in refused(
        write(tmp_path, row), log
    )


# --- status and outcome -----------------------------------------------------------------


def test_done_without_an_outcome_is_refused(tmp_path: Path, log: EpisodeLog) -> None:
    path = write(tmp_path, entry(outcome=None))
    assert refused(path, log) == (
        f"{path}, entry 1, field 'outcome': is empty, but the status is 'done'; "
        "a finished episode has 'sidestep' or 'fight'"
    )


@pytest.mark.parametrize("status", ["statements", "cooling", "abandoned"])
def test_an_outcome_on_an_episode_not_done_is_refused(status: str, tmp_path: Path, log: EpisodeLog) -> None:
    path = write(tmp_path, entry(status=status, outcome="fight"))
    assert refused(path, log) == (
        f"{path}, entry 1, field 'outcome': is 'fight', but the status is {status!r}; "
        "only a 'done' episode has an outcome"
    )


@pytest.mark.parametrize("status", ["statements", "cooling", "returned", "talk_later"])
def test_an_episode_under_way_elsewhere_is_kept_as_abandoned(status: str, tmp_path: Path, log: EpisodeLog) -> None:
    row = entry(status=status, outcome=None, uid="d" * 32)
    found = check_import(write(tmp_path, row, entry()), now=NOW)
    assert found.under_way == 1
    assert [e.status for e in found.episodes] == [Status.ABANDONED, Status.DONE]
    assert found.episodes[0].return_at == finished().return_at  # everything else as it was
    assert log.add_new(found.episodes) == 2
    assert {e.uid: e.status for e in log.episodes()}["d" * 32] is Status.ABANDONED


# --- text and lists ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("activity", "a" * (NAME_LIMIT + 1), f"is too long: at most {NAME_LIMIT} characters (got {NAME_LIMIT + 1})"),
        ("note", "n" * (NOTE_LIMIT + 1), f"is too long: at most {NOTE_LIMIT:,} characters (got {NOTE_LIMIT + 1:,})"),
        ("topic", "t" * (TOPIC_LIMIT + 1), f"is too long: at most {TOPIC_LIMIT} characters (got {TOPIC_LIMIT + 1})"),
        ("uid", "u" * (UID_LIMIT + 1), f"is too long: at most {UID_LIMIT} characters (got {UID_LIMIT + 1})"),
        ("uid", "  ", "is empty; it must be the episode's identity, as `cooldown export` writes it"),
    ],
)
def test_text_longer_than_the_app_allows_is_refused(
    field: str, value: str, expected: str, tmp_path: Path, log: EpisodeLog
) -> None:
    path = write(tmp_path, entry(**{field: value}))
    assert refused(path, log) == f"{path}, entry 1, field {field!r}: {expected}"


def test_the_longest_text_the_app_allows_comes_in(tmp_path: Path) -> None:
    row = entry(activity="a" * NAME_LIMIT, note="n" * NOTE_LIMIT, topic="t" * TOPIC_LIMIT, uid="u" * UID_LIMIT)
    (imported,) = read_import(write(tmp_path, row), now=NOW)
    assert (len(imported.activity or ""), len(imported.note)) == (NAME_LIMIT, NOTE_LIMIT)


def test_too_many_readings_are_refused(tmp_path: Path, log: EpisodeLog) -> None:
    at = (START + timedelta(minutes=5)).isoformat()
    path = write(tmp_path, entry(anger_during=[{"at": at, "value": 4}] * (READINGS_LIMIT + 1)))
    assert refused(path, log) == (
        f"{path}, entry 1, field 'anger_during': has too many items: at most {READINGS_LIMIT:,} (got 1,001)"
    )


def test_what_a_terminal_would_act_on_is_never_echoed(tmp_path: Path, log: EpisodeLog) -> None:
    path = write(tmp_path, entry(**{"colour\x1b[2J\x9b\ud800": 1}))
    message = refused(path, log)
    assert message == f"{path}, entry 1, field 'colour\\x1b[2J\\x9b\\ud800': is not an episode field"
    assert message.isprintable()


def test_problems_of_many_entries_are_listed_and_nothing_is_added(tmp_path: Path, log: EpisodeLog) -> None:
    rows = [entry(uid=f"{n:032x}") for n in range(6)]
    rows[1]["started_at"] = "0001-01-01T00:00:00+23:59"
    rows[3]["outcome"] = None
    rows[5]["status"] = "statements"
    message = refused(write(tmp_path, *rows), log)
    assert message.splitlines()[1:] == [
        "  entry 2, field 'started_at': is before 2000 (got '0001-01-01T00:00:00+23:59'); "
        "cooldown keeps episodes from 2000 on",
        "  entry 4, field 'outcome': is empty, but the status is 'done'; a finished episode has 'sidestep' or 'fight'",
        "  entry 6, field 'outcome': is 'sidestep', but the status is 'statements'; only a 'done' episode has an outcome",
    ]


def test_an_import_larger_than_the_limit_is_refused_before_it_is_read(tmp_path: Path, log: EpisodeLog) -> None:
    path = tmp_path / "huge.json"
    with open(path, "wb") as out:
        out.truncate(IMPORT_LIMIT + 1)  # sparse: no disk used
    assert (
        refused(path, log)
        == f"can't read {path}: it is too large ({IMPORT_LIMIT + 1:,} bytes; at most {IMPORT_LIMIT:,})"
    )


# --- the installed console script -------------------------------------------------------


def cooldown(home: Path, *args: str, stdin: object = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COOLDOWN_HOME": str(home)}
    return subprocess.run([str(COOLDOWN), *args], env=env, stdin=stdin, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59"])
def test_the_command_refuses_extreme_dates_in_plain_words(moment: str, tmp_path: Path, cooldown_home: Path) -> None:
    path = write(tmp_path, {"uid": "x" * 32, "started_at": moment, "status": "done", "outcome": "fight"})
    result = cooldown(cooldown_home, "import", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    assert result.stderr.startswith(f"cooldown import: {path}, entry 1, field 'started_at': is ")
    assert result.stderr.endswith("\nNothing was imported.\n")
    assert not log_file().exists()


def test_the_command_keeps_a_running_cool_down_as_abandoned(tmp_path: Path, cooldown_home: Path) -> None:
    now = datetime.now(BERLIN)
    running = (
        Episode.begin(now - timedelta(minutes=5)).choose_activity("walk").agree_return(now + timedelta(minutes=25))
    )
    path = tmp_path / "running.json"
    path.write_text(to_json([running]), encoding="utf-8")
    result = cooldown(cooldown_home, "import", str(path))
    assert result.stdout == (
        "Imported 1 episode.\n"
        "One of the file's episodes was still under way where it was exported: kept here as abandoned, never resumed.\n"
    )
    with EpisodeLog(log_file()) as log:
        assert [e.status for e in log.episodes()] == [Status.ABANDONED]
    assert cooldown(cooldown_home, "status").stdout == ""  # nothing is running here


def test_the_command_reads_an_export_from_a_pipe(tmp_path: Path, cooldown_home: Path) -> None:
    first = tmp_path / "first"
    assert cooldown(first, "log", "fight", "--at", "2h ago", "--note", "dishes").returncode == 0
    exported = cooldown(first, "export")
    piped = subprocess.run(
        [str(COOLDOWN), "import", "/dev/stdin"],
        input=exported.stdout,
        env={**os.environ, "COOLDOWN_HOME": str(cooldown_home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert piped.stdout == "Imported 1 episode.\n", piped.stderr
    with EpisodeLog(log_file()) as log:
        assert [e.note for e in log.episodes()] == ["dishes"]


@pytest.mark.skipif(os.geteuid() != 0, reason="os.mknod of a device needs root")
def test_the_command_refuses_a_zero_device(tmp_path: Path, cooldown_home: Path) -> None:
    zero = tmp_path / "zero"
    os.mknod(zero, 0o020600, os.makedev(1, 5))
    result = cooldown(cooldown_home, "import", str(zero))
    assert (result.returncode, result.stderr) == (
        1,
        f"cooldown import: can't read {zero}: it is a device, not a file\nNothing was imported.\n",
    )


def test_the_command_never_waits_on_a_pipe_with_no_writer(tmp_path: Path, cooldown_home: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = cooldown(cooldown_home, "import", str(pipe))
    assert (result.returncode, result.stderr) == (
        1,
        f"cooldown import: {pipe} is empty; an export with no episodes is []\nNothing was imported.\n",
    )
