"""`cooldown review [--week N] [--json]`: the weekly look back on the command line.

The command reads the clock through `cooldown.clock.system_clock`, replaced here by
18:00 on Saturday 21 November 2026 in Berlin, so the last seven days are Sun 15 to Sat 21.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cooldown import paths
from cooldown.cli import main
from cooldown.core.cues import Cue
from cooldown.core.episode import Episode, Outcome
from cooldown.core.review import QUIET
from cooldown.store.episodes import EpisodeLog
from tests.conftest import BERLIN

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def restore_umask() -> Iterator[None]:
    """main() sets a private umask for the whole process; put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture(autouse=True)
def saturday(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cooldown.clock.system_clock", lambda: NOW)


def seed() -> None:
    """This week: a walk that was a sidestep, a fight after being late; the week before: one logged fight."""
    walk_at = NOW - timedelta(days=4, hours=1)  # Tue 17 Nov 17:00
    walk = Episode.begin(walk_at, anger=8).choose_activity("go for a walk")
    walk = walk.agree_return(walk_at + timedelta(minutes=30), walk_at).come_back(walk_at + timedelta(minutes=31))
    walk = walk.record_outcome(Outcome.SIDESTEP).reflect(3, "").notice("money", (Cue(group="body", name="hot face"),))
    late_at = NOW - timedelta(days=1)
    late = Episode.begin(late_at, anger=6).choose_activity("exercise")
    late = late.agree_return(late_at + timedelta(minutes=20), late_at).come_back(late_at + timedelta(minutes=45))
    late = late.record_outcome(Outcome.FIGHT).notice("", (Cue(group="body", name="hot face"),))
    with EpisodeLog(paths.log_file()) as log:
        for episode in (walk, late, Episode.logged(NOW - timedelta(days=10), Outcome.FIGHT)):
            log.save(episode)


def review(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["review", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_an_empty_home_has_a_quiet_week_and_nothing_is_created(capsys: pytest.CaptureFixture[str]) -> None:
    out = review(capsys)
    assert out.splitlines()[:3] == ["The last 7 days: 15–21 Nov 2026", "", "Nothing recorded these seven days."]
    assert " ".join(out.split()).endswith(QUIET)
    assert not paths.data_dir().exists()  # no log, no seen file: nothing to have seen


def test_the_last_seven_days_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    seed()
    assert review(capsys) == (
        "The last 7 days: 15–21 Nov 2026\n"
        "\n"
        "Episodes       2 cool-downs\n"
        "Outcomes       1 sidestep, 1 fight\n"
        "Highest anger  8 of 9, Tue 17 Nov (money)\n"
        "First signs    hot face (2)\n"
        "What helped    go for a walk: 1 sidestep, anger fell by 5\n"
        "Back on time   1 of 2\n"
        "Talks put off  none\n"
        "\n"
        "Coming back at the agreed time is the promise that matters. If you need\n"
        "longer, come back anyway and ask for a specific extra time.\n"
    )


def test_reading_this_week_records_it_as_seen_privately(capsys: pytest.CaptureFixture[str]) -> None:
    seed()
    seen = paths.review_seen_file()
    assert seen.parent == paths.data_dir() and seen != paths.config_file()
    review(capsys, "--json")
    review(capsys, "--week", "1")
    assert not seen.exists()  # scripts and earlier weeks are not a look at this week
    review(capsys)
    assert seen.read_text(encoding="utf-8") == "2026-11-21\n"
    assert stat.S_IMODE(seen.stat().st_mode) == 0o600
    assert not list(seen.parent.glob("*.tmp"))
    assert not paths.config_file().exists()  # kept as data, never in config.toml


def test_an_earlier_week(capsys: pytest.CaptureFixture[str]) -> None:
    seed()
    out = review(capsys, "--week", "1")
    assert out.startswith("The 7 days before: 8–14 Nov 2026\n\nEpisodes       1 logged afterwards\n")
    assert "Outcomes       1 fight\n" in out
    assert "Back on time   no cool-downs\n" in out
    assert "A fight is still practice." in out


def test_json_for_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    seed()
    data = json.loads(review(capsys, "--json"))
    assert data == {
        "first_day": "2026-11-15",
        "last_day": "2026-11-21",
        "weeks_back": 0,
        "cool_downs": 2,
        "logged_afterwards": 0,
        "sidesteps": 1,
        "fights": 1,
        "highest_anger": {"value": 8, "day": "2026-11-17", "topic": "money"},
        "cues": [{"group": "body", "name": "hot face", "count": 2}],
        "helped": {"activity": "go for a walk", "used": 1, "sidesteps": 1, "fights": 0, "anger_drop": 5.0},
        "returns": {"returned": 2, "on_time": 1, "late": 1},
        "more_time_asked": 0,
        "talks_put_off": 0,
        "next_week": data["next_week"],
    }
    assert data["next_week"].startswith("Coming back at the agreed time")
    empty = json.loads(review(capsys, "--json", "--week", "5"))
    assert (empty["cool_downs"], empty["highest_anger"], empty["helped"], empty["cues"]) == (0, None, None, [])
    assert empty["next_week"] == QUIET


def test_a_negative_week_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "--week", "-1"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "cooldown review: --week counts weeks back: 0 (the last 7 days), 1, 2 ... up to 5200.\n"


def test_an_unreadable_log_exits_1_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    log = paths.log_file()
    log.parent.mkdir(parents=True)
    log.write_bytes(b"this is not a database" * 100)
    assert main(["review"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("cooldown review: ") and str(log) in err
    assert "Traceback" not in err
    assert not paths.review_seen_file().exists()


def test_review_runs_as_a_real_command(cooldown_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cooldown", "review", "--json"],
        env={**os.environ, "COOLDOWN_HOME": str(cooldown_home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["weeks_back"] == 0
    bad = subprocess.run(
        [sys.executable, "-m", "cooldown", "review", "--week", "soon"], capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and "--week" in bad.stderr


def test_a_week_too_far_back_is_a_usage_error_not_a_crash(cooldown_home: Path) -> None:
    import subprocess
    import sys

    for week in ("100000000000", "105710", "5201"):
        result = subprocess.run(
            [sys.executable, "-m", "cooldown", "review", "--week", week], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 2, week
        assert "up to 5200" in result.stderr
        assert "Traceback" not in result.stderr
