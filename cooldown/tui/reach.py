"""Staying reachable: what the app does so the person is alerted and nothing is left broken when they go.

A part of `CooldownApp` (a mixin, used only there): it keeps the background alarm
running while a promise is open, shows the time left in the terminal's title,
says what will alert the person once the app is closed, tells what the alarm
could not send while it was, and ends cleanly on SIGTERM and SIGHUP.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cooldown.core.episode import Episode


class Reachable:
    """The app's side of alerts and leaving; `self` is the `CooldownApp`."""

    def _tell_alarm_problems(self) -> None:
        """What the background alarm could not send while cooldown was closed, told once."""
        from cooldown.alarm import take_problems

        if problems := take_problems(self.logbook.path):
            words = "\n".join(problems[-3:])
            self.notify(
                f"{words}\n`cooldown notify --test` helps find why.",
                title="While cooldown was closed",
                severity="warning",
                timeout=30,
                markup=False,
            )

    def _listen_for_signals(self) -> None:
        """SIGTERM (a kill, a shutdown) and SIGHUP (the terminal closed) end the app cleanly: everything
        confirmed is in the log already, so it only has to give the terminal back and leave.

        The handler runs in the main thread even while the event loop is blocked (a write to a closed
        terminal can block it for good), so it also makes sure the process ends (`_leave_anyway`)."""
        import asyncio
        import signal

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return

        def handle(number: int, frame: object) -> None:
            if not self.is_headless:
                _leave_anyway(128 + number)
            loop.call_soon_threadsafe(self._signalled, number)

        try:
            for number in (signal.SIGTERM, signal.SIGHUP):
                self._signals.append((number, signal.signal(number, handle)))
        except (ValueError, AttributeError, OSError):
            return  # not on this platform (Windows) or not in the main thread (some test runners)

    def _leave_even_if_stuck(self) -> None:
        """On the way out of a real terminal: make sure the process ends (see `_leave_anyway`)."""
        import signal

        if not self.is_headless:
            _leave_anyway(128 + (self.signalled or signal.SIGHUP))

    def _stop_listening_for_signals(self) -> None:
        import signal

        for number, before in self._signals:
            try:
                signal.signal(number, before)
            except (ValueError, OSError, TypeError):
                pass
        self._signals.clear()

    def _signalled(self, number: int) -> None:
        self.signalled = number
        self.exit()

    def _ask_desktop(self) -> None:
        """Find out once whether a desktop notification service answers (for the quit question's words)."""
        from cooldown.notify.desktop import DesktopNotifier

        probe = DesktopNotifier()
        try:
            self._desktop_answers = probe.unavailable() is None
        finally:
            probe.close()

    def _keep_alarm(self, episode: Episode | None = None) -> None:
        """Start the background alarm if the episode, as stored, holds a promise and none runs (it was killed,
        or after a reboot). The stored status counts: another shell may have recorded the return."""
        from cooldown.core.episode import Status

        episode = episode or self.protocol_run.episode
        if episode is None or episode.id is None or episode.status not in (Status.COOLING, Status.TALK_LATER):
            return
        stored = self.logbook.read(lambda log: log.get(episode.id), None)
        if stored is not None and stored.status in (Status.COOLING, Status.TALK_LATER):
            self.start_alarm(stored.uid)
            if self._desktop_answers is None and self.preferences.settings.notifications.desktop:
                self._desktop_answers = False  # asked once, in a thread: the screen never waits for D-Bus
                self.run_worker(self._ask_desktop, thread=True, exit_on_error=False, group="desktop")

    def _title(self) -> str | None:
        """The terminal's title while a promise is open: 'cooldown 18 · back at 19:30'."""
        from cooldown.session.status import Stage

        status = self.protocol_run.status()
        if status is None or self.protocol_run.over:
            return None
        stage = status.stage
        if stage is Stage.COOLING:
            return f"cooldown {status.face} · back at {status.back_at}"
        if stage is Stage.DUE:
            return f"cooldown: time to go back ({status.back_at})"
        if stage is Stage.TALK_LATER:
            return f"cooldown: talk at {status.talk_at}"
        if stage is Stage.TALK_DUE:
            return f"cooldown: time for the talk ({status.talk_at})"
        return None

    def _write_to_terminal(self, text: str) -> None:
        """Write an escape straight to the terminal (nothing in tests, where there is no terminal)."""
        driver = self._driver
        if driver is not None and not self.is_headless:
            driver.write(text)
            driver.flush()

    def _away_words(self, at: str) -> str:
        from cooldown.session.away import away_words

        episode = self.protocol_run.episode
        notifications = self.preferences.settings.notifications
        alarm = episode is not None and self.start_alarm(episode.uid)
        return away_words(notifications, at, alarm=alarm, desktop=bool(self._desktop_answers))


EXIT_GRACE = 5.0
"""Seconds an app on its way out has to end cleanly before it ends at once."""


def _leave_anyway(status: int) -> None:
    """End the process after `EXIT_GRACE` seconds if it has not ended by then.

    When the terminal closes, Textual's output thread can die on the dead terminal with its queue
    full, and giving the terminal back then blocks for good (the SIGHUP sent with the close may
    already have been taken by the app's handler as it unmounted). Everything confirmed is in the
    log already, so leaving without the niceties loses nothing; a normal exit ends long before."""
    import os
    import threading
    import time

    def leave() -> None:
        time.sleep(EXIT_GRACE)
        os._exit(status)

    threading.Thread(target=leave, name="cooldown-leave", daemon=True).start()
