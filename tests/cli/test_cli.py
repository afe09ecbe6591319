"""Tests for the `cooldown` command line, run as a real subprocess where it matters."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import cooldown
from cooldown.cli import main
from cooldown.core.episode import Episode, Outcome, Status
from cooldown.store.episodes import EpisodeLog

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def run(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COOLDOWN_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "cooldown", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def restore_umask() -> Iterator[None]:
    """main() sets a private umask for the process; put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    try:
        yield
    finally:
        os.umask(old)


# --- --version and --help -----------------------------------------------------


def test_version(cooldown_home: Path) -> None:
    result = run(cooldown_home, "--version")
    assert result.returncode == 0
    assert result.stdout == f"cooldown {cooldown.__version__}\n"
    assert re.fullmatch(r"cooldown \d+\.\d+\.\d+\n", result.stdout)
    assert result.stderr == ""


def test_help(cooldown_home: Path) -> None:
    result = run(cooldown_home, "--help")
    assert result.returncode == 0
    assert "usage: cooldown" in result.stdout
    assert "export" in result.stdout
    assert "COOLDOWN_HOME" in result.stdout
    assert "--version" in result.stdout
    assert result.stderr == ""
    assert not cooldown_home.exists()


def test_unknown_command_is_a_usage_error(cooldown_home: Path) -> None:
    result = run(cooldown_home, "explode")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out == f"cooldown {cooldown.__version__}\n"


def test_help_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--help"])
    assert raised.value.code == 0
    assert "export" in capsys.readouterr().out


# --- export -------------------------------------------------------------------


def test_export_without_a_log_prints_an_empty_array(cooldown_home: Path, log_path: Path) -> None:
    result = run(cooldown_home, "export")
    assert result.returncode == 0
    assert result.stdout == "[]\n"
    assert json.loads(result.stdout) == []
    assert result.stderr == ""
    assert not log_path.exists()
    assert not cooldown_home.exists()


def test_export_in_process_without_a_log(
    log_path: Path, capsys: pytest.CaptureFixture[str], restore_umask: None
) -> None:
    assert main(["export"]) == 0
    assert capsys.readouterr().out == "[]\n"
    assert not log_path.exists()


def test_export_prints_every_episode(cooldown_home: Path, log_path: Path) -> None:
    with EpisodeLog(log_path) as log:
        done = log.save(
            Episode.begin(datetime(2026, 11, 20, 18, 0, tzinfo=BERLIN), anger=7)
            .choose_activity("go for a walk")
            .agree_return(datetime(2026, 11, 20, 13, 30, tzinfo=NEW_YORK))
            .come_back(datetime(2026, 11, 20, 18, 35, tzinfo=UTC))
            .record_outcome(Outcome.SIDESTEP)
            .reflect(2, "We talked.")
        )
        running = log.save(
            Episode.begin(datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN), anger=5).agree_return(
                datetime(2026, 11, 21, 19, 0, tzinfo=BERLIN)
            )
        )

    result = run(cooldown_home, "export")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert [row["uid"] for row in data] == [done.uid, running.uid]

    first, second = data
    assert first["id"] == done.id
    assert first["outcome"] == "sidestep"
    assert first["status"] == "done"
    assert first["activity"] == "go for a walk"
    assert first["anger_before"] == 7
    assert first["anger_after"] == 2
    assert first["note"] == "We talked."
    assert datetime.fromisoformat(first["started_at"]).utcoffset() == timedelta(hours=1)
    assert datetime.fromisoformat(first["return_at"]).utcoffset() == timedelta(hours=-5)
    assert datetime.fromisoformat(first["returned_at"]) == datetime(2026, 11, 20, 18, 35, tzinfo=UTC)

    assert second["id"] == running.id
    assert second["outcome"] is None
    assert second["status"] == Status.COOLING.value
    assert second["returned_at"] is None
    assert datetime.fromisoformat(second["return_at"]) == datetime(2026, 11, 21, 18, 0, tzinfo=UTC)


def test_export_damaged_log_fails_cleanly(cooldown_home: Path, log_path: Path) -> None:
    cooldown_home.mkdir()
    log_path.write_bytes(b"not a database" * 100)
    result = run(cooldown_home, "export")
    assert result.returncode == 1
    assert result.stdout == ""
    assert str(log_path) in result.stderr
    assert result.stderr.startswith("cooldown export: ")
    assert "Traceback" not in result.stderr
    assert log_path.read_bytes() == b"not a database" * 100


def test_export_log_from_a_newer_version_fails_cleanly(cooldown_home: Path, log_path: Path) -> None:
    cooldown_home.mkdir()
    db = sqlite3.connect(log_path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    result = run(cooldown_home, "export")
    assert result.returncode == 1
    assert str(log_path) in result.stderr
    assert "newer" in result.stderr
    assert "Traceback" not in result.stderr


# --- import hygiene -----------------------------------------------------------


def test_core_and_store_do_not_import_textual(cooldown_home: Path) -> None:
    code = (
        "import cooldown.cli, cooldown.core.episode, cooldown.core.returntime, "
        "cooldown.core.script, cooldown.core.stats, cooldown.store.episodes, "
        "cooldown.store.export, sys; print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "COOLDOWN_HOME": str(cooldown_home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "False\n"


def test_version_does_not_import_textual_or_pydantic(cooldown_home: Path) -> None:
    code = (
        "import sys\n"
        "from cooldown.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('textual', 'pydantic') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "COOLDOWN_HOME": str(cooldown_home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
