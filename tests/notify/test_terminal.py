"""Terminal escapes: which terminal is found, the exact notification and title sequences, tmux's passthrough."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.alerting import Alert
from cooldown.notify.terminal import TerminalNotifier, TerminalTitle, detect, notification, tmux_passthrough

WORDS = "It's 19:30: time to go back and talk."
ALERT = Alert("ep-1", datetime(2026, 11, 21, 19, 30, tzinfo=ZoneInfo("Europe/Berlin")), WORDS)
KITTY = (
    "\x1b]99;i=cooldown:d=0:u=2:e=1:p=title;Y29vbGRvd24=\x1b\\"
    "\x1b]99;i=cooldown:d=1:u=2:e=1:p=body;SXQncyAxOTozMDogdGltZSB0byBnbyBiYWNrIGFuZCB0YWxrLg==\x1b\\"
)
OSC777 = "\x1b]777;notify;cooldown;It's 19:30: time to go back and talk.\x1b\\"
OSC9 = "\x1b]9;cooldown: It's 19:30: time to go back and talk.\x1b\\"


@pytest.mark.parametrize(
    ("environ", "terminal", "escape"),
    [
        ({"TERM": "xterm-kitty"}, "kitty", KITTY),
        ({"TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"}, "kitty", KITTY),
        ({"TERM": "foot"}, "foot", OSC777),
        ({"TERM": "foot-extra"}, "foot", OSC777),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, "WezTerm", OSC777),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "ghostty"}, "ghostty", OSC777),
        ({"TERM": "xterm-ghostty"}, "ghostty", OSC777),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"}, "iTerm2", OSC9),
        ({"TERM": "xterm-256color", "VTE_VERSION": "7600"}, "VTE", OSC777),
        ({"TERM": "xterm-256color", "WT_SESSION": "a-guid"}, "Windows Terminal", None),
        ({"TERM": "xterm-256color"}, None, None),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "Apple_Terminal"}, None, None),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "vscode", "KITTY_WINDOW_ID": "1"}, None, None),
        ({"TERM": "linux", "KITTY_WINDOW_ID": "1"}, None, None),
        ({"TERM": "dumb"}, None, None),
        ({}, None, None),
    ],
)
def test_each_terminal_gets_its_own_escape_or_none(environ: dict[str, str], terminal: str | None, escape) -> None:
    written: list[str] = []
    notifier = TerminalNotifier(written.append, environ)
    assert detect(environ) == terminal
    assert notifier.terminal == terminal
    notifier.alert(ALERT)
    assert written == ([escape] if escape else [])
    assert (notifier.unavailable() is None) == (escape is not None)


def test_unavailable_says_why() -> None:
    assert TerminalNotifier(print, {"TERM": "xterm"}).unavailable() == (
        "this terminal is not one known to show notifications from an escape"
    )
    assert TerminalNotifier(print, {"WT_SESSION": "x"}).unavailable() == (
        "Windows Terminal shows no notifications from escapes"
    )


@pytest.mark.parametrize(
    ("environ", "terminal"),
    [
        ({"TERM": "tmux-256color", "TERM_PROGRAM": "tmux", "KITTY_WINDOW_ID": "1"}, "kitty"),
        ({"TERM": "screen-256color", "TERM_PROGRAM": "tmux", "LC_TERMINAL": "iTerm2"}, "iTerm2"),
        ({"TERM": "tmux-256color", "TERM_PROGRAM": "tmux", "WEZTERM_PANE": "0"}, "WezTerm"),
        ({"TERM": "tmux-256color", "TERM_PROGRAM": "tmux", "GHOSTTY_RESOURCES_DIR": "/x"}, "ghostty"),
        ({"TERM": "tmux-256color", "TERM_PROGRAM": "tmux"}, None),
    ],
)
def test_inside_tmux_the_outer_terminal_is_known_by_its_markers(environ: dict[str, str], terminal: str) -> None:
    assert detect({**environ, "TMUX": "/tmp/tmux-1000/default,1,0"}) == terminal


def test_inside_tmux_the_escape_goes_through_its_passthrough_with_every_esc_doubled() -> None:
    written: list[str] = []
    environ = {"TERM": "tmux-256color", "TERM_PROGRAM": "tmux", "TMUX": "/tmp/t,1,0", "WEZTERM_PANE": "0"}
    TerminalNotifier(written.append, environ).alert(ALERT)
    assert written == ["\x1bPtmux;\x1b\x1b]777;notify;cooldown;It's 19:30: time to go back and talk.\x1b\x1b\\\x1b\\"]
    assert tmux_passthrough("\x1b]9;hi\x1b\\") == "\x1bPtmux;\x1b\x1b]9;hi\x1b\x1b\\\x1b\\"


def test_control_characters_and_semicolons_cannot_break_out_of_the_escape() -> None:
    body = "a\x1b]2;pwned\x07b\nc;d\x9be\x00"
    assert notification("foot", "cool;down", body) == "\x1b]777;notify;cool,down;a]2,pwnedb c,de\x1b\\"
    assert notification("iTerm2", "cooldown", body) == "\x1b]9;cooldown: a]2;pwnedb c;de\x1b\\"
    kitty = notification("kitty", "cooldown", body)
    assert kitty is not None and kitty.count("\x1b") == 4  # two escapes, each begun and ended, nothing else
    assert notification(None, "cooldown", body) is None


def test_the_title_is_saved_shown_and_restored_once_each() -> None:
    written: list[str] = []
    title = TerminalTitle(written.append, {"TERM": "xterm-256color"})
    title.restore()  # nothing saved yet: nothing to put back
    title.save()
    title.save()
    title.show("cooldown · 12 min left")
    title.show("cooldown · 12 min left")
    title.show("cooldown · 11 min\x07 left")
    title.restore()
    title.restore()
    assert written == [
        "\x1b[22;0t",
        "\x1b]2;cooldown · 12 min left\x1b\\",
        "\x1b]2;cooldown · 11 min left\x1b\\",
        "\x1b[23;0t",
    ]
    title.show("cooldown · 11 min left")  # shown again after a restore: it was put back meanwhile
    assert written[-1] == "\x1b]2;cooldown · 11 min left\x1b\\"


def test_the_linux_console_gets_no_title_escape() -> None:
    written: list[str] = []
    title = TerminalTitle(written.append, {"TERM": "linux"})
    title.save()
    title.show("cooldown")
    title.restore()
    assert written == []
    assert not title.usable
