"""`cooldown notify --test` and `cooldown back`, as a person runs them from a shell."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from cooldown.clock import system_clock
from cooldown.core.episode import Episode, Status
from cooldown.store.episodes import EpisodeLog


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cooldown", *argv], capture_output=True, text=True, timeout=60, env=dict(os.environ)
    )


def configure(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


def test_notify_test_fires_the_command_and_says_what_was_skipped(cooldown_home: Path, tmp_path: Path) -> None:
    ran = tmp_path / "ran.txt"
    script = tmp_path / "alert.py"
    script.write_text(f"import os\nopen({str(ran)!r}, 'w').write(os.environ['COOLDOWN_MESSAGE'])\n", encoding="utf-8")
    configure(cooldown_home, f"[notifications]\ndesktop = false\ncommand = [{sys.executable!r}, {str(script)!r}]\n")
    result = run("notify", "--test")
    assert result.returncode == 0, result.stderr
    assert "command: worked" in result.stdout
    assert "desktop: off" in result.stdout
    assert ran.read_text(encoding="utf-8").startswith("Test from cooldown: It's ")
    assert "Once cooldown is closed, the background alarm sends: command." in result.stdout


def test_notify_test_reports_a_failing_command_and_exits_1(cooldown_home: Path) -> None:
    configure(cooldown_home, '[notifications]\ndesktop = false\ncommand = ["no-such-program-for-cooldown"]\n')
    result = run("notify", "--test")
    assert result.returncode == 1
    assert "command: skipped: “no-such-program-for-cooldown” was not found on PATH" in result.stdout
    assert "nothing here will alert you" in result.stdout
    assert "Traceback" not in result.stderr


def test_notify_without_test_is_a_usage_error(cooldown_home: Path) -> None:
    result = run("notify")
    assert result.returncode == 2
    assert "--test" in result.stderr


def seeded(home: Path, **later: object) -> Episode:
    now = system_clock()
    episode = Episode.begin(now - timedelta(minutes=20)).choose_activity("go for a walk")
    episode = episode.agree_return(now + timedelta(minutes=10), now - timedelta(minutes=20))
    home.mkdir(parents=True, exist_ok=True)
    with EpisodeLog(home / "episodes.sqlite3") as log:
        return log.save(episode)


def test_back_records_the_return_and_leaves_the_outcome_for_the_next_launch(cooldown_home: Path) -> None:
    episode = seeded(cooldown_home)
    result = run("back")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Welcome back: your return at ")
    with EpisodeLog(cooldown_home / "episodes.sqlite3") as log:
        stored = log.get(episode.id)
        assert (stored.status, stored.outcome) == (Status.RETURNED, None)
        assert log.alerts_sent(episode.uid, stored.return_at.timestamp())[0] >= 1000  # acknowledged: no repeats
    again = run("back")
    assert again.returncode == 1
    assert again.stdout.startswith("You're back already.")


def test_back_with_nothing_running_says_so(cooldown_home: Path) -> None:
    result = run("back")
    assert result.returncode == 1
    assert result.stdout == "No cool-down is running, so there is nothing to come back from.\n"
    assert not (cooldown_home / "episodes.sqlite3").exists()  # nothing created
