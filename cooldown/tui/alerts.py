"""The notifiers the app brings while it is open: the bell, the on-screen alert, the terminal, and the rest.

The desktop notification and the person's command go out from here too when the
app is the first to alert a due time (the background alarm then stays quiet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from queue import Empty, Queue
from threading import Thread
from typing import Any

from textual.app import App
from textual.message import Message

from cooldown.core.settings import Notifications
from cooldown.session.notifiers import AWAY, Alert
from cooldown.session.status import CoolDownStatus, Stage


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


class AwayNotifiers:
    """The desktop notification and the person's own command, sent from the open app off the UI thread.

    They are built from the settings as they stand at each alert (Settings may
    change them while the app is open), and kept between alerts so a repeat
    replaces the desktop notification before it, which is taken down once the
    person is back. A command may take up to 10 s: sends run one after another
    in a worker thread, so the countdown never stops for them.
    """

    name = "away"
    channel = AWAY

    def __init__(self, settings: Callable[[], Notifications]) -> None:
        self._settings = settings
        self._built: tuple[object, ...] | None = None
        self._notifiers: list[Any] = []
        self._work: Queue[Callable[[], object]] = Queue()
        self._worker: Thread | None = None
        self.shown = False
        """True while a desktop notification sent from here may be on screen."""

    def notifiers(self) -> list[Any]:
        from cooldown.notify import build

        notifications = self._settings()
        key = (notifications.desktop, notifications.command)
        if key != self._built:
            self._built, self._notifiers = key, build(notifications, buttons=False)  # the app has its own b
        return self._notifiers

    def alert(self, alert: Alert) -> None:
        from cooldown.notify import try_each

        notifiers = list(self.notifiers())
        if notifiers:
            self.shown = self.shown or any(notifier.name == "desktop" for notifier in notifiers)
            self._do(lambda: try_each(notifiers, alert))

    def follow(self, status: CoolDownStatus | None) -> None:
        """Once nothing is due any more (they are back, or asked for more time), take the notification down."""
        if self.shown and (status is None or status.stage not in (Stage.DUE, Stage.TALK_DUE)):
            self.shown = False
            desktops = [notifier for notifier in self._notifiers if notifier.name == "desktop"]
            self._do(lambda: [desktop.withdraw() for desktop in desktops])

    def _do(self, job: Callable[[], object]) -> None:
        self._work.put(job)
        if self._worker is None or not self._worker.is_alive():
            self._worker = Thread(target=self._run, name="cooldown-alerts", daemon=True)
            self._worker.start()

    def _run(self) -> None:
        while True:
            try:
                job = self._work.get(timeout=5)
            except Empty:
                return  # idle: the thread ends, and the next alert starts another
            try:
                job()
            except Exception:  # noqa: BLE001, S112 - a notifier's trouble never reaches the screen's thread
                continue


class TerminalNotices:
    """A notification through the terminal's own escape, and the time left in its title, if the settings say so."""

    name = "terminal"

    def __init__(self, write: Callable[[str], None], enabled: Callable[[], bool]) -> None:
        from cooldown.notify.terminal import TerminalNotifier, TerminalTitle

        self.enabled = enabled
        self._notifier = TerminalNotifier(write)
        self.title = TerminalTitle(write)

    def alert(self, alert: Alert) -> None:
        if self.enabled():
            self._notifier.alert(alert)

    def show(self, text: str | None) -> None:
        """The title while a promise is open (`text`), the terminal's own title back otherwise."""
        if text is None or not self.enabled():
            self.title.restore()
            return
        self.title.save()
        self.title.show(text)
