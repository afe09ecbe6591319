"""Notifications and the window title through terminal escapes, while cooldown is open.

The app hands over `write`, which puts a string straight on the terminal. A
terminal that doesn't know an escape may print it as garbage over the screen,
so a notification is only sent where the terminal is known to take it:

    terminal                    known by                                        escape
    kitty                       TERM=xterm-kitty, KITTY_WINDOW_ID               OSC 99 (title, body, urgency; repeats replace)
    foot                        TERM=foot*                                      OSC 777 notify;title;body
    WezTerm                     TERM_PROGRAM=WezTerm, WEZTERM_PANE              OSC 777
    ghostty                     TERM_PROGRAM=ghostty, TERM=xterm-ghostty        OSC 777
    iTerm2                      TERM_PROGRAM=iTerm.app, LC_TERMINAL=iTerm2      OSC 9 (body only, "cooldown: " first)
    VTE (GNOME Terminal, ...)   VTE_VERSION                                     OSC 777 (shown where VTE is patched, as
                                                                                Fedora's is; upstream swallows it quietly)
    Windows Terminal            WT_SESSION                                      none: it shows no notifications for
                                                                                escapes, and its OSC 9 is ConEmu's family
    anything else               (TERM=linux, dumb, Terminal.app, xterm, ...)    none: the bell and the on-screen alert do

A set TERM_PROGRAM (other than tmux's own) is believed over the other markers,
which a terminal started from another one inherits. OSC 777 is preferred to
OSC 9 where both work, for its title, and because OSC 9 followed by digits is
read by some terminals as ConEmu's progress and other commands.

Inside tmux (TMUX set) the escape is wrapped in tmux's passthrough (`ESC P
tmux; ... ESC \\`, every ESC inside doubled); tmux shows it only with
`allow-passthrough on`, and otherwise drops it without a trace. The outer
terminal is then known by its markers alone (tmux sets its own TERM and
TERM_PROGRAM), which may be stale after attaching from another terminal.

The title: `TerminalTitle` saves the terminal's title on its stack (CSI 22;0 t),
shows the time left (OSC 2), and puts the old title back (CSI 23;0 t).
"""

from __future__ import annotations

import binascii
import os

from cooldown.notify import plain

TYPE_CHECKING = False  # True for type checkers only: typing and friends are not imported at run time
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from cooldown.core.alerting import Alert

ESC = "\x1b"
ST = ESC + "\\"
"""String terminator: ends an OSC or DCS."""
TITLE = "cooldown"
"""The notification's title."""
KITTY_ID = "cooldown"
"""kitty's identifier for cooldown's notification, so a repeat replaces the one before."""
SAVE_TITLE = ESC + "[22;0t"
RESTORE_TITLE = ESC + "[23;0t"

KITTY, FOOT, WEZTERM, GHOSTTY, ITERM2, VTE, WINDOWS_TERMINAL = (
    "kitty",
    "foot",
    "WezTerm",
    "ghostty",
    "iTerm2",
    "VTE",
    "Windows Terminal",
)
_BY_PROGRAM = {"WezTerm": WEZTERM, "ghostty": GHOSTTY, "iTerm.app": ITERM2}
_NO_ESCAPES = ("linux", "dumb")
"""TERM values of terminals that print escapes they don't know (the Linux console) or take none at all."""


def detect(environ: Mapping[str, str]) -> str | None:
    """The terminal `environ` shows cooldown runs in, as named in the table above, if it is one of those."""
    term = environ.get("TERM", "")
    if term in _NO_ESCAPES and not environ.get("TMUX"):
        return None
    program = environ.get("TERM_PROGRAM", "")
    if program and program != "tmux":
        return _BY_PROGRAM.get(program)
    if term == "xterm-kitty" or environ.get("KITTY_WINDOW_ID"):
        return KITTY
    if term.startswith("foot"):
        return FOOT
    if term == "xterm-ghostty" or environ.get("GHOSTTY_RESOURCES_DIR"):
        return GHOSTTY
    if environ.get("WEZTERM_PANE"):
        return WEZTERM
    if environ.get("LC_TERMINAL") == "iTerm2":
        return ITERM2
    if environ.get("WT_SESSION"):
        return WINDOWS_TERMINAL
    if environ.get("VTE_VERSION"):
        return VTE
    return None


def osc(*parts: str) -> str:
    """An operating system command: ESC ] parts joined by ';' ST."""
    return f"{ESC}]{';'.join(parts)}{ST}"


def kitty_notification(title: str, body: str) -> str:
    """kitty's OSC 99, title then body, both base64 so no character can end the escape early; urgent."""
    return osc("99", f"i={KITTY_ID}:d=0:u=2:e=1:p=title", _base64(plain(title))) + osc(
        "99", f"i={KITTY_ID}:d=1:u=2:e=1:p=body", _base64(plain(body))
    )


def osc777_notification(title: str, body: str) -> str:
    """OSC 777 notify;title;body (rxvt's, taken up by foot, WezTerm, ghostty, patched VTE); no ';' inside."""
    return osc("777", "notify", _no_semicolons(plain(title)), _no_semicolons(plain(body)))


def osc9_notification(title: str, body: str) -> str:
    """iTerm2's OSC 9: one line of text, so the title goes first ("cooldown: It's 19:30: ...")."""
    return osc("9", f"{plain(title)}: {plain(body)}")


_ESCAPES: dict[str, Callable[[str, str], str]] = {
    KITTY: kitty_notification,
    FOOT: osc777_notification,
    WEZTERM: osc777_notification,
    GHOSTTY: osc777_notification,
    VTE: osc777_notification,
    ITERM2: osc9_notification,
}
"""Each terminal with a notification escape, to the function making it from (title, body)."""


def notification(terminal: str | None, title: str, body: str) -> str | None:
    """The escape that makes `terminal` show a notification, or None if it has none."""
    escape = _ESCAPES.get(terminal or "")
    return escape(title, body) if escape is not None else None


def tmux_passthrough(sequence: str) -> str:
    """`sequence` wrapped for tmux to hand on to the terminal outside it."""
    return f"{ESC}Ptmux;{sequence.replace(ESC, ESC + ESC)}{ST}"


def title_escape(text: str) -> str:
    """OSC 2: set the window title to `text`."""
    return osc("2", plain(text))


class TerminalNotifier:
    """A notification through the terminal's own escape, where the terminal is known to take one."""

    name = "terminal"

    def __init__(self, write: Callable[[str], None], environ: Mapping[str, str] = os.environ) -> None:
        self._write = write
        self.terminal = detect(environ)
        """The terminal found, or None."""
        self.in_tmux = bool(environ.get("TMUX"))

    def unavailable(self) -> str | None:
        """Why this terminal gets no notification escape, or None."""
        if self.terminal is None:
            return "this terminal is not one known to show notifications from an escape"
        if self.terminal not in _ESCAPES:
            return f"{self.terminal} shows no notifications from escapes"
        return None

    def escape(self, alert: Alert) -> str | None:
        """What `alert` is written as here, or None."""
        sequence = notification(self.terminal, TITLE, alert.words)
        if sequence is None or not self.in_tmux:
            return sequence
        return tmux_passthrough(sequence)

    def alert(self, alert: Alert) -> None:
        """Write the notification escape; nothing where the terminal has none."""
        sequence = self.escape(alert)
        if sequence is not None:
            self._write(sequence)


class TerminalTitle:
    """The window title while cooldown is open: the old one saved, the time left shown, the old one put back.

    Each step writes only when it changes something, so it can be called on every tick.
    """

    def __init__(self, write: Callable[[str], None], environ: Mapping[str, str] = os.environ) -> None:
        self._write = write
        self.usable = environ.get("TERM", "") not in _NO_ESCAPES or bool(environ.get("TMUX"))
        """False where a title escape would be printed (the Linux console) or go nowhere."""
        self._saved = False
        self._shown: str | None = None

    def save(self) -> None:
        """Push the terminal's title on its stack, once."""
        if self.usable and not self._saved:
            self._write(SAVE_TITLE)
            self._saved = True

    def show(self, text: str) -> None:
        """Show `text` as the title, if it is not already shown."""
        text = plain(text)
        if self.usable and text != self._shown:
            self._write(title_escape(text))
            self._shown = text

    def restore(self) -> None:
        """Put back the title saved, if one was."""
        if self._saved:
            self._write(RESTORE_TITLE)
            self._saved = False
            self._shown = None


def _base64(text: str) -> str:
    return binascii.b2a_base64(text.encode("utf-8"), newline=False).decode("ascii")


def _no_semicolons(text: str) -> str:
    return text.replace(";", ",")


__all__ = ["TerminalNotifier", "TerminalTitle", "detect", "notification", "title_escape", "tmux_passthrough"]
