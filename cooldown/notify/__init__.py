"""The notifiers that reach the person when it is time to go back: the desktop, their own command, the terminal.

Each is a `cooldown.session.notifiers.Notifier`: a `name` and an `alert(alert)`
that raises `NotifierError` when it fails. Each also has `unavailable()`, which
says in a sentence why it can't work here (or None), so the alarm can skip it
quietly and `cooldown notify --test` can say why.

Only the standard library (and jeepney, loaded on first use for D-Bus), so the
background alarm stays small: importing this package loads neither pydantic nor
Textual nor jeepney.
"""

from __future__ import annotations

TYPE_CHECKING = False  # True for type checkers only: typing and friends are not imported at run time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from cooldown.core.alerting import Alert
    from cooldown.notify.config import NotifySettings


class NotifierError(Exception):
    """A notifier could not tell the person; str() says why, in one line."""


_PLAIN = {code: None for code in [*range(0x20), *range(0x7F, 0xA0)]} | {ord(space): " " for space in "\n\r\t"}
"""Control characters to nothing, line breaks and tabs to spaces (for `str.translate`)."""


def plain(text: str) -> str:
    """`text` safe to hand on: line breaks and tabs become spaces, other control characters go.

    C1 controls (U+0080 to U+009F) go too: some terminals read them as escapes.
    """
    return text.translate(_PLAIN).strip()


def last_line(output: bytes, limit: int = 200) -> str:
    """The last non-blank line of what a program wrote (its stderr), as plain text of at most `limit` characters."""
    lines = (plain(line) for line in reversed(output.decode("utf-8", errors="replace").splitlines()))
    line = next((line for line in lines if line), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def build(settings: NotifySettings, *, write: Callable[[str], None] | None = None, buttons: bool = True) -> list[Any]:
    """The notifiers `settings` switch on: the desktop and the person's command, and the terminal given `write`.

    `settings` is a `NotifySettings` or anything with the same attributes (the
    app's pydantic `Notifications` will do). The bell is the app's own business.
    Nothing is checked here (no I/O): ask each notifier's `unavailable()`.
    `buttons`: the desktop notification offers "I'm back" (only where a press is listened for).
    """
    notifiers: list[Any] = []
    if settings.desktop:
        from cooldown.notify.desktop import DesktopNotifier

        notifiers.append(DesktopNotifier(buttons=buttons))
    if settings.command:
        from cooldown.notify.command import CommandNotifier

        notifiers.append(CommandNotifier(settings.command))
    if settings.terminal and write is not None:
        from cooldown.notify.terminal import TerminalNotifier

        notifiers.append(TerminalNotifier(write))
    return notifiers


def try_each(notifiers: Iterable[Any], alert: Alert) -> list[tuple[str, bool, str]]:
    """Send `alert` through each notifier that can work here: (name, worked, detail) for each.

    The detail is "sent", the error's message, or "skipped: " and why the
    notifier can't work here. Never raises for a notifier's failure.
    """
    results = []
    for notifier in notifiers:
        unavailable = getattr(notifier, "unavailable", None)
        reason = unavailable() if unavailable is not None else None
        if reason:
            results.append((notifier.name, False, f"skipped: {reason}"))
            continue
        try:
            notifier.alert(alert)
        except Exception as error:  # a report of what happened, whatever it was
            results.append((notifier.name, False, str(error) or type(error).__name__))
        else:
            results.append((notifier.name, True, "sent"))
    return results


__all__ = ["NotifierError", "build", "last_line", "plain", "try_each"]
