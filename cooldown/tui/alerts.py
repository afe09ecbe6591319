"""The notifiers the app brings while it is open: the terminal bell and the on-screen alert."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.message import Message

from cooldown.session.notifiers import Alert


class TerminalBell:
    """Rings the terminal bell, if the settings say so."""

    name = "bell"

    def __init__(self, app: App[Any], enabled: Callable[[], bool]) -> None:
        self.app = app
        self.enabled = enabled

    def alert(self, alert: Alert) -> None:
        if self.enabled():
            self.app.bell()


class OnScreenAlert:
    """Tells the screen in front; the cool-down shows it, and anywhere else it becomes a notification."""

    name = "screen"

    @dataclass
    class Arrived(Message):
        """The alert, for the screen in front; unhandled, it bubbles up to the app."""

        alert: Alert

    def __init__(self, app: App[Any]) -> None:
        self.app = app

    def alert(self, alert: Alert) -> None:
        self.app.screen.post_message(self.Arrived(alert))
