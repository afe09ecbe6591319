"""What will reach the person once cooldown is closed, said truthfully for this machine and these settings."""

from __future__ import annotations

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
    if notifications.command:
        ways.append(f"your command ({notifications.command[0]}) runs")
    if not ways:
        why = "no desktop notification can be shown here" if notifications.desktop else "desktop notifications are off"
        return f"Nothing will alert you once cooldown is closed ({why} and no command is set), so keep an eye on {at}."
    if len(ways) == 2:
        return f"You'll get a desktop notification and your command ({notifications.command[0]}) runs at {at}."
    if ways[0].startswith("your command"):
        return f"Your command ({notifications.command[0]}) runs at {at}."
    return f"You'll get a desktop notification at {at}."
