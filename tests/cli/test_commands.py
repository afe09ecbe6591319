"""End-to-end tests of `cooldown log`, `stats`, `export` and `import` in a private COOLDOWN_HOME.

Most run `cooldown.cli.main` in-process (fast); a few start a real subprocess.
The CLI reads the real clock, so times are logged as relative values ("2h ago")
or fixed past dates, and assertions avoid anything that depends on today
unless they read today back from the output.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cooldown import paths
from cooldown.cli import main
from cooldown.core.episode import Episode, Outcome, Status
from cooldown.report import EMPTY
from cooldown.store.episodes import EpisodeLog
from cooldown.store.export import EXPORT_FIELDS

BERLIN = ZoneInfo("Europe/Berlin")


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cooldown", *args],
        env={**os.environ, "COOLDOWN_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(autouse=True)
def restore_umask() -> Iterator[None]:
    """main() sets a private umask for the whole process; put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    try:
        yield
    finally:
        os.umask(old)


def stored() -> list[Episode]:
    """Every episode in the log at cooldown.paths.log_file(), oldest first."""
    with EpisodeLog(paths.log_file()) as log:
        return list(log.episodes())


def log_ok(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run `cooldown log ...` in-process, expect success, return stdout."""
    assert main(["log", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def without_ids(rows: list[dict]) -> list[dict]:
    return [{key: value for key, value in row.items() if key != "id"} for row in rows]


def protocol_episodes() -> list[Episode]:
    """Two finished cool-downs with activities, return times and lengths."""
    walk = (
        Episode.begin(datetime(2026, 11, 10, 18, 0, tzinfo=BERLIN), anger=7)
        .choose_activity("go for a walk")
        .agree_return(datetime(2026, 11, 10, 18, 30, tzinfo=BERLIN), datetime(2026, 11, 10, 18, 1, tzinfo=BERLIN))
        .come_back(datetime(2026, 11, 10, 18, 33, tzinfo=BERLIN))  # 3 min late: on time; 33 min long
        .record_outcome(Outcome.SIDESTEP)
        .reflect(2, "We talked.")
    )
    breathe = (
        Episode.begin(datetime(2026, 11, 12, 20, 0, tzinfo=BERLIN), anger=8)
        .choose_activity("breathe")
        .agree_return(datetime(2026, 11, 12, 21, 30, tzinfo=BERLIN))  # planned 90 min
        .come_back(datetime(2026, 11, 12, 21, 50, tzinfo=BERLIN))  # 20 min late; 110 min long
        .record_outcome(Outcome.FIGHT)
    )
    return [walk, breathe]


# --- log ----------------------------------------------------------------------------


def test_log_fight_at_a_date_and_time_subprocess(cooldown_home: Path) -> None:
    result = run(cooldown_home, "log", "fight", "--at", "2026-11-20 21:00", "--note", "dishes")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Logged a fight on Fri 20 Nov 2026 21:00.\n"
    assert result.stderr == ""

    (episode,) = stored()
    assert episode.protocol_used is False
    assert episode.outcome is Outcome.FIGHT
    assert episode.status is Status.DONE
    assert episode.note == "dishes"
    assert episode.started_at.utcoffset() is not None
    assert episode.started_at.replace(tzinfo=None) == datetime(2026, 11, 20, 21, 0)
    assert episode.activity is None
    assert episode.return_at is None
    assert len(episode.uid) == 32


def test_log_fight_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    out = log_ok(capsys, "fight", "--at", "2026-11-20 21:00", "--note", "  dishes  ")
    assert out == "Logged a fight on Fri 20 Nov 2026 21:00.\n"
    (episode,) = stored()
    assert (episode.protocol_used, episode.outcome, episode.status) == (False, Outcome.FIGHT, Status.DONE)
    assert episode.note == "dishes"  # trimmed


def test_log_sidestep_two_hours_ago(capsys: pytest.CaptureFixture[str]) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    out = log_ok(capsys, "sidestep", "--at", "2h ago")
    after = datetime.now(UTC)
    assert out.startswith("Logged a sidestep on ")

    (episode,) = stored()
    assert episode.outcome is Outcome.SIDESTEP
    assert episode.protocol_used is False
    assert episode.status is Status.DONE
    assert episode.note == ""
    assert before - timedelta(hours=2) <= episode.started_at <= after - timedelta(hours=2)
    shown = episode.started_at
    assert out == f"Logged a sidestep on {shown:%a} {shown.day} {shown:%b %Y %H:%M}.\n"


def test_log_defaults_to_now(capsys: pytest.CaptureFixture[str]) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    log_ok(capsys, "fight")
    after = datetime.now(UTC)
    (episode,) = stored()
    assert before <= episode.started_at <= after
    assert episode.started_at.microsecond == 0


def test_several_logs_add_up(capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago")
    log_ok(capsys, "sidestep", "--at", "2h ago")
    log_ok(capsys, "sidestep", "--at", "1 day ago")
    episodes = stored()
    assert [e.outcome for e in episodes] == [Outcome.FIGHT, Outcome.SIDESTEP, Outcome.SIDESTEP]
    assert len({e.uid for e in episodes}) == 3


BAD_WHEN = [
    pytest.param("tomorrow", "couldn't read", id="tomorrow"),
    pytest.param("", "Type when it happened", id="empty"),
    pytest.param("25:00", "hours go up to 23", id="25:00"),
    pytest.param("2999-01-01 12:00", "in the future", id="far-future-iso"),
    pytest.param((date.today() + timedelta(days=2)).isoformat() + " 12:00", "in the future", id="future-iso"),
]


@pytest.mark.parametrize(("value", "says"), BAD_WHEN)
def test_log_refuses_a_bad_time(value: str, says: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "fight", "--at", value]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("cooldown log: --at: ")
    assert says in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert not paths.log_file().exists()


def test_log_refuses_a_bad_time_subprocess(cooldown_home: Path) -> None:
    result = run(cooldown_home, "log", "fight", "--at", "tomorrow")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("cooldown log: --at:")
    assert "tomorrow" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (cooldown_home / "episodes.sqlite3").exists()


def test_a_bad_time_leaves_an_existing_log_alone(capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "sidestep", "--at", "1 day ago")
    assert main(["log", "fight", "--at", "25:00"]) == 2
    assert capsys.readouterr().err.startswith("cooldown log: --at:")
    assert [e.outcome for e in stored()] == [Outcome.SIDESTEP]


# --- stats --------------------------------------------------------------------------


def test_stats_on_an_empty_home_subprocess(cooldown_home: Path) -> None:
    result = run(cooldown_home, "stats")
    assert result.returncode == 0, result.stderr
    assert result.stdout == EMPTY + "\n"
    assert result.stdout.startswith("Nothing recorded yet.")
    assert result.stderr == ""
    assert not (cooldown_home / "episodes.sqlite3").exists()


def test_stats_on_an_empty_home(cooldown_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Nothing recorded yet.")
    assert "cooldown log fight" in out
    assert err == ""
    assert not paths.log_file().exists()


def test_stats_json_on_an_empty_home(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["all_time"] == {"sidesteps": 0, "fights": 0, "sidestep_rate": None}
    assert data["streak"] == {"current_days": None, "longest_days": None, "last_fight": None}
    assert data["typical_minutes"] is None
    assert data["activities"] == []
    assert not paths.log_file().exists()


def stats_table(text: str) -> dict[str, list[str]]:
    """{"Sidesteps": [week, month, all time], ...} from the text of `cooldown stats`."""
    rows = {}
    for line in text.splitlines()[1:4]:
        rows[line[:14].strip()] = line[14:].split()
    return rows


def test_stats_after_logging(capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago")
    log_ok(capsys, "sidestep", "--at", "2h ago")
    log_ok(capsys, "sidestep", "--at", "5 days ago")
    log_ok(capsys, "sidestep", "--at", "40 days ago")

    assert main(["stats"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    header = out.splitlines()[0]
    assert header.split() == ["This", "week", "This", "month", "All", "time"]
    assert header.index("This week") < header.index("This month") < header.index("All time")
    table = stats_table(out)
    assert set(table) == {"Sidesteps", "Fights", "Sidestep rate"}
    assert table["Sidesteps"][2] == "3"
    assert table["Fights"][2] == "1"
    assert table["Sidestep rate"][2] == "75%"
    # This week and this month never hold more than all time, nor the old sidestep.
    assert int(table["Sidesteps"][0]) <= int(table["Sidesteps"][1]) <= 2
    assert "since the last fight" in out


def test_stats_on_the_first_day_says_something_true(capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "sidestep")

    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "No fight recorded since you started today." in out
    assert "0 days" not in out


def test_stats_round_a_share_halves_up(capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "sidestep", "--at", "40 days ago")
    for _ in range(7):
        log_ok(capsys, "fight", "--at", "40 days ago")

    assert main(["stats"]) == 0
    assert stats_table(capsys.readouterr().out)["Sidestep rate"][2] == "13%"  # 1 in 8 is 12.5%


def test_stats_json_after_logging(capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago")
    log_ok(capsys, "sidestep", "--at", "2h ago")
    log_ok(capsys, "sidestep", "--at", "5 days ago")
    log_ok(capsys, "fight", "--at", "9 days ago")
    fights = [e for e in stored() if e.outcome is Outcome.FIGHT]

    assert main(["stats", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    assert set(data) == {
        "today", "this_week", "this_month", "all_time", "streak", "returns",
        "typical_minutes", "activities", "cool_down_lengths", "what_works", "topics", "first_signs", "promise",
    }  # fmt: skip
    assert set(data["promise"]) == {"weeks", "on_time", "returned", "reschedules", "talks_put_off"}
    assert len(data["promise"]["weeks"]) == 12
    assert data["all_time"] == {"sidesteps": 2, "fights": 2, "sidestep_rate": 0.5}
    # The streak depends on today, so read today back from the output.
    today = date.fromisoformat(data["today"])
    first_fight, last_fight = sorted(e.started_at.date() for e in fights)
    assert (last_fight - first_fight).days == 6
    assert data["streak"]["last_fight"] == last_fight.isoformat()
    assert data["streak"]["current_days"] == (today - last_fight).days
    assert data["streak"]["longest_days"] == max(6, (today - last_fight).days)
    assert data["returns"] == {"on_time": 0, "returned": 0, "on_time_rate": None}
    assert data["typical_minutes"] is None
    assert data["activities"] == []
    assert data["cool_down_lengths"] == []
    for period in ("this_week", "this_month"):
        assert data[period]["sidesteps"] <= 2
        assert data[period]["fights"] <= 2


def test_stats_json_with_activities_and_lengths(capsys: pytest.CaptureFixture[str]) -> None:
    with EpisodeLog(paths.log_file()) as log:
        for episode in protocol_episodes():
            log.save(episode)
        log.save(Episode.begin(datetime(2026, 11, 14, 9, 0, tzinfo=BERLIN)).abandon())

    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["all_time"] == {"sidesteps": 1, "fights": 1, "sidestep_rate": 0.5}
    assert data["returns"] == {"on_time": 1, "returned": 2, "on_time_rate": 0.5}
    assert data["typical_minutes"] == 72  # 33 and 110 minutes: the middle two averaged, halves up
    assert data["streak"]["last_fight"] == "2026-11-12"
    assert data["activities"] == [
        {"label": "go for a walk", "used": 1, "sidesteps": 1, "fights": 0, "sidestep_rate": 1.0},
        {"label": "breathe", "used": 1, "sidesteps": 0, "fights": 1, "sidestep_rate": 0.0},
    ]
    assert data["cool_down_lengths"] == [
        {"label": "20-39 min", "used": 1, "sidesteps": 1, "fights": 0, "sidestep_rate": 1.0},
        {"label": "1-2 h", "used": 1, "sidesteps": 0, "fights": 1, "sidestep_rate": 0.0},
    ]


def test_stats_text_with_activities_and_lengths(capsys: pytest.CaptureFixture[str]) -> None:
    with EpisodeLog(paths.log_file()) as log:
        for episode in protocol_episodes():
            log.save(episode)

    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    table = stats_table(out)
    assert table["Sidesteps"][2] == "1"
    assert table["Fights"][2] == "1"
    assert table["Sidestep rate"][2] == "50%"
    assert "back on time 50%" in out
    assert "typical cool-down 72 min" in out
    lines = out.splitlines()
    assert any(line.split() == ["Activity", "Times", "Sidesteps", "Anger", "fell", "On", "time"] for line in lines)
    walk = next(line for line in lines if line.startswith("go for a walk"))
    assert walk.split()[-5:] == ["1", "too", "few", "to", "tell"]  # one time: no verdict
    breathe = next(line for line in lines if line.startswith("breathe"))
    assert breathe.split()[-5:] == ["1", "too", "few", "to", "tell"]
    assert any(line.startswith("Cool-down length") for line in lines)
    assert next(line for line in lines if line.startswith("20-39 min")).split()[-3:] == ["1", "1", "100%"]
    assert next(line for line in lines if line.startswith("1-2 h")).split()[-3:] == ["1", "0", "0%"]


# --- export -------------------------------------------------------------------------


def test_export_csv_header_and_formula_note(capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago", "--note", "=1+1")
    log_ok(capsys, "sidestep", "--at", "2h ago", "--note", "we laughed")

    assert main(["export", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(EXPORT_FIELDS)
    assert rows[0][:3] == ["id", "uid", "started_at"]
    assert len(rows) == 3
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [r["outcome"] for r in records] == ["fight", "sidestep"]
    assert records[0]["note"] == "'=1+1"
    assert records[1]["note"] == "we laughed"
    assert records[0]["protocol_used"] == "false"
    assert records[0]["status"] == "done"
    assert records[0]["activity"] == ""


def test_export_csv_without_a_log_is_just_the_header(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert list(csv.reader(io.StringIO(out))) == [list(EXPORT_FIELDS)]
    assert not paths.log_file().exists()


def test_export_since_bogus_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago")
    assert main(["export", "--since", "bogus"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("cooldown export: --since: ")
    assert "bogus" in err
    assert "Traceback" not in err


def test_export_since_bogus_subprocess(cooldown_home: Path) -> None:
    result = run(cooldown_home, "export", "--since", "bogus")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("cooldown export: --since:")
    assert "Traceback" not in result.stderr


def test_export_since_a_date_filters(capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "2026-10-20 12:00", "--note", "october")
    log_ok(capsys, "sidestep", "--at", "2026-10-31 23:59", "--note", "halloween")
    log_ok(capsys, "sidestep", "--at", "2026-11-01 00:00", "--note", "first minute")
    log_ok(capsys, "fight", "--at", "2026-11-10 12:00", "--note", "november")

    assert main(["export", "--since", "2026-11-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["note"] for row in data] == ["first minute", "november"]

    assert main(["export"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 4


def test_export_output_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago", "--note", "dishes")
    log_ok(capsys, "sidestep", "--at", "2h ago")
    target = tmp_path / "out" / "log.json"
    target.parent.mkdir()

    assert main(["export", "--output", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"Exported 2 episodes to {target}.\n"
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [row["outcome"] for row in data] == ["fight", "sidestep"]
    assert data[0]["note"] == "dishes"
    assert sorted(p.name for p in target.parent.iterdir()) == ["log.json"]  # no temp file left


def test_export_output_of_one_episode_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago")
    target = tmp_path / "log.csv"
    assert main(["export", "--format", "csv", "--output", str(target)]) == 0
    assert capsys.readouterr().err == f"Exported 1 episode to {target}.\n"
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == list(EXPORT_FIELDS)
    assert len(rows) == 2


def test_export_output_replaces_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago")
    target = tmp_path / "log.json"
    target.write_text("old contents that are longer than the new export will be" * 100, encoding="utf-8")
    assert main(["export", "--output", str(target)]) == 0
    capsys.readouterr()
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 1


def test_export_output_in_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago")
    target = tmp_path / "missing" / "log.json"
    before = sorted(tmp_path.rglob("*"))

    assert main(["export", "--output", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"cooldown export: can't write {target}")
    assert "Traceback" not in err
    assert not target.parent.exists()
    assert sorted(tmp_path.rglob("*")) == before
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_export_output_in_a_missing_folder_subprocess(cooldown_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "log.json"
    result = run(cooldown_home, "export", "--output", str(target))
    assert result.returncode == 1
    assert result.stdout == ""
    assert str(target) in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.parent.exists()
    assert not list(tmp_path.rglob("*.tmp"))


def test_export_output_onto_a_folder_leaves_no_temp_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago")
    target = tmp_path / "a folder"
    target.mkdir()

    assert main(["export", "--output", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"cooldown export: can't write {target}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a folder", "home"]


# --- export | import round trip -----------------------------------------------------


def fill_first_home(capsys: pytest.CaptureFixture[str]) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago", "--note", "dishes")
    log_ok(capsys, "sidestep", "--at", "2h ago", "--note", "née «quoted» ✓")
    with EpisodeLog(paths.log_file()) as log:
        for episode in protocol_episodes():
            log.save(episode)
        log.save(Episode.begin(datetime(2026, 11, 14, 9, 0, tzinfo=BERLIN)).abandon())


def export_json(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    assert main(["export"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def test_export_import_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_first_home(capsys)
    original = export_json(capsys)
    assert len(original) == 5
    dump = tmp_path / "export.json"
    assert main(["export", "--output", str(dump)]) == 0
    capsys.readouterr()

    second = tmp_path / "second home"
    monkeypatch.setenv("COOLDOWN_HOME", str(second))
    assert not paths.log_file().exists()
    assert main(["import", str(dump)]) == 0
    out, err = capsys.readouterr()
    assert out == "Imported 5 episodes.\n"
    assert err == ""
    assert paths.log_file() == second / "episodes.sqlite3"

    copied = export_json(capsys)
    assert without_ids(copied) == without_ids(original)
    walk = next(row for row in copied if row["activity"] == "go for a walk")
    assert walk["started_at"] == "2026-11-10T18:00:00+01:00"  # offsets survive
    assert walk["note"] == "We talked."
    assert any(row["note"] == "née «quoted» ✓" for row in copied)
    assert {row["status"] for row in copied} == {"done", "abandoned"}


def test_importing_twice_adds_nothing_the_second_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_first_home(capsys)
    dump = tmp_path / "export.json"
    assert main(["export", "--output", str(dump)]) == 0
    capsys.readouterr()

    monkeypatch.setenv("COOLDOWN_HOME", str(tmp_path / "second"))
    assert main(["import", str(dump)]) == 0
    assert capsys.readouterr().out == "Imported 5 episodes.\n"
    assert main(["import", str(dump)]) == 0
    out, err = capsys.readouterr()
    assert out == "Imported 0 episodes (5 already in the log).\n"
    assert err == ""
    episodes = stored()
    assert len(episodes) == 5
    assert len({e.uid for e in episodes}) == 5


def test_importing_into_the_same_home_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill_first_home(capsys)
    dump = tmp_path / "export.json"
    assert main(["export", "--output", str(dump)]) == 0
    capsys.readouterr()
    before = export_json(capsys)
    assert main(["import", str(dump)]) == 0
    assert capsys.readouterr().out == "Imported 0 episodes (5 already in the log).\n"
    assert export_json(capsys) == before


def test_import_merges_new_episodes_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    log_ok(capsys, "fight", "--at", "3 days ago")
    dump = tmp_path / "one.json"
    assert main(["export", "--output", str(dump)]) == 0
    capsys.readouterr()
    log_ok(capsys, "sidestep", "--at", "2h ago")
    monkeypatch.setenv("COOLDOWN_HOME", str(tmp_path / "second"))
    log_ok(capsys, "sidestep", "--at", "1 day ago")
    assert main(["import", str(dump)]) == 0
    assert capsys.readouterr().out == "Imported 1 episode.\n"
    assert sorted(e.outcome for e in stored()) == [Outcome.FIGHT, Outcome.SIDESTEP]


def existing_log(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    log_ok(capsys, "sidestep", "--at", "1 day ago", "--note", "already here")
    return export_json(capsys)


def test_import_of_a_file_that_is_not_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = existing_log(capsys)
    bad = tmp_path / "bad.json"
    bad.write_text("{this is not json", encoding="utf-8")

    assert main(["import", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("cooldown import: ")
    assert f"{bad} is not valid JSON" in err
    assert "line 1" in err
    assert err.endswith("Nothing was imported.\n")
    assert "Traceback" not in err
    assert export_json(capsys) == before


def test_import_of_an_entry_with_an_unknown_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_first_home(capsys)
    rows = export_json(capsys)
    rows[1]["colour"] = "red"
    rows[3]["notes"] = "typo"
    bad = tmp_path / "unknown.json"
    bad.write_text(json.dumps(rows), encoding="utf-8")

    second = tmp_path / "second"
    monkeypatch.setenv("COOLDOWN_HOME", str(second))
    before = existing_log(capsys)
    assert main(["import", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("cooldown import: ")
    assert "entry 2" in err
    assert "'colour'" in err
    assert "is not an episode field" in err
    assert "entry 4" in err
    assert "did you mean 'note'?" in err
    assert err.endswith("Nothing was imported.\n")
    assert export_json(capsys) == before  # all or nothing: the valid entries were not added


def test_import_of_a_bad_file_into_an_empty_home_creates_no_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"uid": "abc", "started_at": "2026-11-20T21:00:00+01:00", "colour": "red"}]))
    assert main(["import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}, entry 1, field 'colour': is not an episode field" in err
    assert err.endswith("\nNothing was imported.\n")
    assert not paths.log_file().exists()


def test_import_of_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.json"
    assert main(["import", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"cooldown import: can't read {missing}")
    assert err.endswith("Nothing was imported.\n")
    assert not paths.log_file().exists()


def test_import_of_a_bad_file_subprocess(cooldown_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("not json at all", encoding="utf-8")
    result = run(cooldown_home, "import", str(bad))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "is not valid JSON" in result.stderr
    assert "Nothing was imported." in result.stderr
    assert "Traceback" not in result.stderr
    assert not (cooldown_home / "episodes.sqlite3").exists()


# --- import hygiene: the printing commands never load Textual ------------------------


HYGIENE = """\
import sys
from cooldown.cli import main
try:
    rc = main({args!r})
except SystemExit as leaving:
    rc = leaving.code
print('textual' in sys.modules, file=sys.stderr)
sys.exit(rc)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["stats"],
        ["stats", "--json"],
        ["export"],
        ["log", "fight"],
    ],
    ids=" ".join,
)
def test_printing_commands_do_not_import_textual(
    args: list[str], cooldown_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log_ok(capsys, "sidestep", "--at", "1 day ago")  # so stats and export have something to show
    with EpisodeLog(paths.log_file()) as log:
        for episode in protocol_episodes():
            log.save(episode)
    result = subprocess.run(
        [sys.executable, "-c", HYGIENE.format(args=args)],
        env={**os.environ, "COOLDOWN_HOME": str(cooldown_home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "False"
    assert "Traceback" not in result.stderr
    assert result.stdout  # the command really ran
