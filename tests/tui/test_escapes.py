"""Terminal escapes in an old or hand-edited log never reach the screen of the app.

The escapes are written into the SQLite log with plain SQL, past the models, as
an older version or a hand edit could have left them. The history shows them as
pictures (␛, ␇) in every tab and in an episode's details; the real process in a
pseudo-terminal never sends the injected title, clipboard or clear-screen
sequences on.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from cooldown.core.cues import Cue
from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.app import CooldownApp
from cooldown.tui.dialogs.episode_details import EpisodeDetailsDialog
from tests.cli.test_crash import cooldown_script
from tests.conftest import FakeClock
from tests.terminal import Terminal, plain
from tests.tui.conftest import SIZE, flat, visible_text

TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
CLEAR = "\x1b[2J\x9b2J"
CONTROLS = {*map(chr, range(0x20)), "\x7f", *map(chr, range(0x80, 0xA0))} - {"\n"}


def poisoned_log(log_path: Path, now: datetime) -> None:
    """One finished cool-down, then escapes in its activity, topic, note and sign, written with plain SQL."""
    start = now - timedelta(days=1)
    episode = Episode.begin(start, anger=8).choose_activity("go for a walk")
    episode = episode.agree_return(start + timedelta(minutes=30), start).come_back(start + timedelta(minutes=29))
    episode = episode.record_outcome(Outcome.SIDESTEP).reflect(3, "fine")
    episode = episode.notice("money", (Cue(group="body", name="hot face"),))
    with EpisodeLog(log_path) as log:
        log.save(episode)
    db = sqlite3.connect(log_path)
    with db:
        db.execute(
            "UPDATE episodes SET activity = ?, topic = ?, note = ?, cues = ?",
            (
                f"walk{TITLE}",
                f"money{CLEAR}",
                f"calm{CLIPBOARD}",
                json.dumps([{"group": "body", "name": f"hot{TITLE}face"}]),
            ),
        )
    db.close()


def raw_controls(app: CooldownApp) -> set[str]:
    """Control characters in what the screen would write to the terminal."""
    return CONTROLS & set(visible_text(app))


async def test_the_history_shows_stored_escapes_as_pictures(clock: FakeClock, log_path: Path) -> None:
    poisoned_log(log_path, clock.now)
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Sidesteps 1 1 1" in flat(visible_text(app))
        assert raw_controls(app) == set()

        await pilot.press("w")  # what works: labels read with plain SQL
        await pilot.pause()
        text = flat(visible_text(app))
        assert "walk␛]0;pwned␇ 1 too few to tell" in text
        assert raw_controls(app) == set()

        await pilot.press("e")  # the episodes
        await pilot.pause()
        assert "walk␛]0;pwned␇" in flat(visible_text(app))
        assert raw_controls(app) == set()

        await pilot.press("enter")  # its details
        await pilot.pause()
        assert isinstance(app.screen, EpisodeDetailsDialog)
        text = flat(visible_text(app))
        assert "walk␛]0;pwned␇" in text
        assert "Set off by money␛[2J\ufffd2J" in text
        assert "hot␛]0;pwned␇face" in text
        assert raw_controls(app) == set()

        await pilot.press("c")  # what set it off: the topic's input and its suggestions
        await pilot.pause()
        assert "money␛[2J" in flat(visible_text(app))
        assert raw_controls(app) == set()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()


async def test_saving_an_episode_from_the_history_cleans_it_in_the_log(clock: FakeClock, log_path: Path) -> None:
    poisoned_log(log_path, clock.now)
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "enter", "f", "ctrl+s")  # now a fight, saved
        await pilot.pause()
        assert raw_controls(app) == set()
    db = sqlite3.connect(log_path)
    row = db.execute("SELECT outcome, activity, topic, note, cues FROM episodes").fetchone()
    db.close()
    assert row[:4] == ("fight", "walk␛]0;pwned␇", "money␛[2J\ufffd2J", "calm␛]52;c;cHduZWQ=␇")
    assert json.loads(row[4]) == [{"group": "body", "name": "hot␛]0;pwned␇face"}]


OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
"""Any OSC sequence: the app sets its own title and pointer shape with them."""
OSC_WITH_MARKER = re.compile(r"\x1b\][^\x07\x1b]*(?:pwned|cHduZWQ=)")
"""An OSC sequence (title, clipboard) carrying the injected marker: the app's own title never holds it."""


def test_the_real_app_never_sends_stored_escapes_to_the_terminal(log_path: Path) -> None:
    poisoned_log(log_path, datetime.now().astimezone())
    terminal = Terminal([cooldown_script(), "history"], dict(os.environ))
    try:
        terminal.wait_for("Sidestep rate")
        terminal.send("w")
        terminal.wait_for("too few to tell")
        terminal.send("e")
        terminal.wait_for("Enter opens one")
        terminal.send("\r")
        terminal.wait_for("Set off by")
        terminal.send("c")
        terminal.wait_for("What set it off")
        terminal.send("\x1b")
        terminal.read(0.5)
        terminal.send("\x1b")
        terminal.read(0.5)
        terminal.send("\x11")  # ctrl+q
        status = terminal.wait()
    finally:
        terminal.close()
    output = terminal.output
    assert status == 0
    assert "␛]0;pwned␇" in plain(output)  # shown, as pictures
    assert OSC_WITH_MARKER.search(output) is None
    assert "\x9b" not in output  # no 8-bit CSI
    assert "\x07" not in OSC.sub("", output)  # no BEL but the ones ending the app's own OSC sequences
