"""The cool-down itself: time left, the return time, the activity, and the alert."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center
from textual.widgets import Digits, ProgressBar, Static

from cooldown.core.instant import elapsed
from cooldown.core.returntime import format_clock, format_wait
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.statement_card import StatementCard

SAFETY_LINE = (
    "This is for calming yourself, never for controlling anyone. "
    "If anyone feels unsafe, this is not enough: contact local emergency services."
)


def clock_face(left: timedelta) -> str:
    """Time left as 'H:MM:SS' or 'MM:SS', never negative."""
    seconds = max(0, int(left.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes:02}:{seconds:02}"


class CoolDownScreen(StepScreen):
    """Counts down to the return time from the wall clock, so it never drifts."""

    step_label = "Cooling down"

    BINDINGS = [
        Binding("b", "back_now", "I'm back", tooltip="End the cool-down and say how it went", id="back-now"),
        Binding("m", "more_time", "More time", tooltip="Set a later return time", id="more-time"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._alerted = False

    def compose_body(self) -> ComposeResult:
        yield Static("", id="activity", markup=False)
        with Center():
            yield Digits("", id="time-left")
        yield Static("", id="return-at", markup=False)
        with Center(id="progress-row"):
            yield ProgressBar(show_eta=False, show_percentage=False, id="progress")
        yield StatementCard("", id="alert")
        yield Static(SAFETY_LINE, id="safety", markup=False)

    def on_mount(self) -> None:
        self.show_episode()
        self.set_interval(1, self.tick)

    def show_episode(self) -> None:
        """Show the episode afresh (on mount, after more time, after another window's change)."""
        episode = self.flow.episode
        if episode is not None and episode.activity:
            activity = self.flow.activity_line(episode.activity)
            self.query_one("#activity", Static).update(activity)
        self._alerted = False
        self._set_due(False)
        self.tick()

    def tick(self) -> None:
        """Redraw from the clock; ring and alert once when the return time comes."""
        episode = self.flow.episode
        if episode is None or episode.return_at is None:
            return
        now = self.flow.clock()
        left = elapsed(now, episode.return_at)
        self.query_one("#time-left", Digits).update(clock_face(left))
        self.query_one("#return-at", Static).update(self._return_line(episode.return_at, now, left))
        self._show_progress(episode.agreed_at or episode.started_at, episode.return_at, now)
        if episode.is_due(now) and not self._alerted:
            self._alert(episode.return_at, now)

    def _return_line(self, return_at: datetime, now: datetime, left: timedelta) -> str:
        when = format_clock(return_at, now)
        if left > timedelta(0):
            return f"Back at {when}, in {format_wait(left)}"
        return f"Back at {when}, {format_wait(-left)} ago"

    def _show_progress(self, start: datetime, end: datetime, now: datetime) -> None:
        total = max(1.0, elapsed(start, end).total_seconds())
        done = min(total, max(0.0, elapsed(start, now).total_seconds()))
        self.query_one(ProgressBar).update(total=total, progress=done)

    def _alert(self, return_at: datetime, now: datetime) -> None:
        self._alerted = True
        self.query_one("#alert", StatementCard).say(
            f"It's {format_clock(return_at, now)}: time to go back and talk.\nPress b when you're back."
        )
        self._set_due(True)
        if self.flow.settings.bell:
            self.app.bell()
        if not self.is_current:
            self.app.notify(f"It's {format_clock(return_at, now)}: time to go back and talk.", timeout=30)

    def _set_due(self, due: bool) -> None:
        """Once it is time, the alert takes the progress bar's place."""
        self.query_one("#alert").display = due
        self.query_one("#progress-row").display = not due
        self.query_one("#step-label", Static).update("Time to go back" if due else self.step_label)

    def action_back_now(self) -> None:
        self.flow.come_back()
        self.cooldown_app.ask_outcome()

    def action_more_time(self) -> None:
        from cooldown.tui.dialogs.more_time import MoreTimeDialog

        def rescheduled(return_at: datetime | None) -> None:
            if return_at is not None:
                self.flow.reschedule(return_at)
                self.show_episode()

        episode = self.flow.episode
        assert episode is not None and episode.return_at is not None
        self.app.push_screen(MoreTimeDialog(episode.return_at), rescheduled)
