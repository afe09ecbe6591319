"""Terminal escapes in stored text never reach the terminal from the installed `cooldown` commands.

An old or hand-edited log (written here with plain SQL, past the models), an
imported file, a note given on the command line and a config.toml may all hold
control characters: an OSC sequence that sets the window's title, OSC 52 that
writes to the clipboard, CSI that clears the screen. Each command's output shows
them as pictures (␛, ␇), or leaves the refused config text out, and never
passes a raw ESC, BEL or C1 CSI on.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cooldown import paths
from cooldown.core.cues import Cue
from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
from cooldown.store.export import to_json

SCRIPT = Path(sys.executable).with_name("cooldown")
TITLE = "\x1b]0;pwned\x07"
"""Sets the terminal's title to "pwned"."""
CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
"""Writes "pwned" to the clipboard."""
CLEAR = "\x1b[2J\x9b2J"
"""Clears the screen (with a 7-bit and an 8-bit CSI)."""
RAW = ("\x1b", "\x07", "\x9b")
SHOWN_TITLE = "␛]0;pwned␇"


def cooldown(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed console script, in the test's own COOLDOWN_HOME, with the real clock."""
    assert SCRIPT.exists(), f"install the project first: {SCRIPT} is missing"
    return subprocess.run(
        [str(SCRIPT), *args], env=dict(os.environ), capture_output=True, text=True, encoding="utf-8", timeout=60
    )


def assert_no_raw_controls(result: subprocess.CompletedProcess[str]) -> None:
    for stream in (result.stdout, result.stderr):
        found = [char for char in RAW if char in stream]
        assert not found, f"{found!r} reached the terminal in {stream!r}"


def seed_and_poison() -> None:
    """Two finished cool-downs and one running now, then escapes written into their text with plain SQL."""
    now = datetime.now().astimezone()
    episodes = []
    for days in (2, 1):
        start = now - timedelta(days=days)
        episode = Episode.begin(start, anger=8).choose_activity("go for a walk")
        episode = episode.agree_return(start + timedelta(minutes=30), start).come_back(start + timedelta(minutes=29))
        episode = episode.record_outcome(Outcome.SIDESTEP).reflect(3, "fine")
        episodes.append(episode.notice("money", (Cue(group="body", name="hot face"),)))
    running = Episode.begin(now - timedelta(minutes=5)).choose_activity("go for a walk")
    episodes.append(running.agree_return(now + timedelta(minutes=25), now - timedelta(minutes=4)))
    with EpisodeLog(paths.log_file()) as log:
        for episode in episodes:
            log.save(episode)
    cues = json.dumps([{"group": "body", "name": f"hot{CLIPBOARD}face"}])
    db = sqlite3.connect(paths.log_file())
    with db:
        db.execute(
            "UPDATE episodes SET activity = ?, topic = ?, note = ?, cues = CASE WHEN outcome IS NULL THEN cues ELSE ? END",
            (f"walk{TITLE}", f"money{CLEAR}", f"note{TITLE}\nline two{CLIPBOARD}", cues),
        )
    db.close()


@pytest.mark.parametrize(
    "args",
    [
        ("stats",),
        ("stats", "--json"),
        ("review",),
        ("review", "--json"),
        ("status",),
        ("status", "--format", "{activity} {state}"),
        ("status", "--json"),
        ("export",),
        ("export", "--format", "csv"),
    ],
)
def test_escapes_written_into_the_log_never_reach_the_terminal(args: tuple[str, ...]) -> None:
    seed_and_poison()
    result = cooldown(*args)
    assert result.returncode == 0, result.stderr
    assert_no_raw_controls(result)
    if args[-1] in ("stats", "review") or "--format" in args:
        assert "pwned" in result.stdout or "money" in result.stdout  # shown, as pictures, not dropped silently


def test_the_summary_shows_stored_escapes_as_pictures() -> None:
    seed_and_poison()
    stats = cooldown("stats").stdout
    assert f"walk{SHOWN_TITLE}" in stats  # the activity, in What works
    assert "money␛[2J\ufffd2J" in stats  # the topic, in What sets it off
    assert "hot␛]52;c;cHduZWQ=␇face" in stats  # the sign
    assert cooldown("status", "--format", "{activity}").stdout == f"walk{SHOWN_TITLE}\n"
    exported = json.loads(cooldown("export").stdout)
    assert {episode["note"] for episode in exported} == {f"note{SHOWN_TITLE}\nline two␛]52;c;cHduZWQ=␇"}


def test_an_imported_file_with_escapes_is_kept_visible_and_never_reaches_the_terminal(tmp_path: Path) -> None:
    start = datetime.now().astimezone() - timedelta(days=1)
    episode = Episode.begin(start, anger=7).choose_activity("go for a walk")
    episode = episode.agree_return(start + timedelta(minutes=30), start).come_back(start + timedelta(minutes=30))
    episode = episode.record_outcome(Outcome.FIGHT).reflect(4, "a note")
    episode = episode.notice("chores", (Cue(group="feelings", name="hurt"),))
    data = json.loads(to_json([episode]))
    data[0].update(
        activity=f"walk{TITLE}",
        topic=f"chores{CLEAR}",
        note=f"a note{CLIPBOARD}\r\nsecond line",
        cues=[{"group": "feelings", "name": f"hurt{TITLE}"}],
    )
    file = tmp_path / "escapes.json"
    file.write_text(json.dumps(data), encoding="utf-8")

    imported = cooldown("import", str(file))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("Imported 1 episode.")
    assert_no_raw_controls(imported)

    db = sqlite3.connect(paths.log_file())
    stored = db.execute("SELECT activity, topic, note, cues FROM episodes").fetchone()
    db.close()
    assert stored[:3] == (f"walk{SHOWN_TITLE}", "chores␛[2J\ufffd2J", "a note␛]52;c;cHduZWQ=␇\nsecond line")
    assert json.loads(stored[3]) == [{"group": "feelings", "name": f"hurt{SHOWN_TITLE}"}]
    for args in (("stats",), ("review",), ("export", "--format", "csv")):
        result = cooldown(*args)
        assert result.returncode == 0, result.stderr
        assert_no_raw_controls(result)
        assert "pwned" in result.stdout


def test_a_note_given_on_the_command_line_is_kept_visible() -> None:
    logged = cooldown("log", "fight", "--note", f"slammed{TITLE}door")
    assert logged.returncode == 0, logged.stderr
    assert_no_raw_controls(logged)
    exported = cooldown("export")
    assert json.loads(exported.stdout)[0]["note"] == f"slammed{SHOWN_TITLE}door"


def test_config_text_with_escapes_is_refused_by_name_and_never_printed() -> None:
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        'partner_name = "Sam\\u001b]0;pwned\\u0007"\n'
        "[plan]\n"
        'signal = "Time out"\n'
        'my_place = "the garden\\u001b[2J"\n'
        "[statements]\n"
        'care = "I care about us\\u0007"\n',
        encoding="utf-8",
    )
    checked = cooldown("config", "check")
    assert checked.returncode == 2
    assert_no_raw_controls(checked)
    said = checked.stdout + checked.stderr
    assert "partner_name: must be plain text on one line (no control characters)" in said
    assert "plan.my_place: must be plain text on one line (no control characters)" in said
    assert "statements.care: must be plain text on one line (no control characters)" in said

    printed = cooldown("plan", "--print")
    assert printed.returncode == 0, printed.stderr
    assert_no_raw_controls(printed)
    assert "- **Our signal (either of us can give it):** Time out" in printed.stdout
    assert "garden" not in printed.stdout and "Sam" not in printed.stdout  # refused, so left out
