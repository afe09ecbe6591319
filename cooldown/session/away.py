"""What will reach the person once cooldown is closed, said truthfully for this machine and these settings."""

from __future__ import annotations

import os

from cooldown.core.settings import Notifications


def away_words(notifications: Notifications, at: str, *, alarm: bool, desktop: bool) -> str:
    """One sentence for the quit question and the farewell: what alerts at `at` ('19:30') after leaving.

    `alarm`: a background alarm can run here; `desktop`: a desktop notification service answers.
    """
    if not alarm:
        return f"Nothing can alert you here once cooldown is closed, so keep it open or come back by {at}."
    ways = []
    if notifications.desktop and desktop:
        ways.append("a desktop notification")
    program = os.path.basename(notifications.command[0]) if notifications.command else ""
    if notifications.command and command_found(notifications.command):
        ways.append(f"your command ({program}) runs")
    if not ways:
        why = "no desktop notification can be shown here" if notifications.desktop else "desktop notifications are off"
        command = "your command can't be found" if notifications.command else "no command is set"
        return f"Nothing will alert you once cooldown is closed ({why} and {command}), so keep an eye on {at}."
    if len(ways) == 2:
        return f"You'll get a desktop notification and your command ({program}) runs at {at}."
    if ways[0].startswith("your command"):
        return f"Your command ({program}) runs at {at}."
    return f"You'll get a desktop notification at {at}."


def command_found(argv: tuple[str, ...]) -> bool:
    """True if the person's command can be started here (it is on PATH, or a path to a program)."""
    from cooldown.notify.command import CommandNotifier

    return CommandNotifier(argv).unavailable() is None
