"""The cool-down itself: time left, the return time, the activity, and the alert."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center
from textual.widgets import Digits, ProgressBar, Static

from cooldown.tui.alerts import OnScreenAlert
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.statement_card import StatementCard

SAFETY_LINE = (
    "This is for calming yourself, never for controlling anyone. "
    "If anyone feels unsafe, this is not enough: contact local emergency services."
)


class CoolDownScreen(StepScreen):
    """Counts down to the return time from the wall clock, so it never drifts."""

    DEFAULT_CSS = """
    CoolDownScreen {
        #activity, #return-at {
            width: 100%;
            text-align: center;
        }
        #activity {
            color: $text-muted;
        }
        #time-left {
            width: auto;
            color: $accent;
            text-style: bold;
            margin: 1 0;
        }
        #progress {
            width: auto;
            margin: 1 0;
        }
        #progress Bar {
            width: 50;
        }
        #alert {
            border: round $warning;
        }
        #safety {
            width: 100%;
            margin-top: 1;
            text-align: center;
            color: $text-muted;
            text-style: italic;
        }
    }
    """

    step_label = "Cooling down"

    BINDINGS = [
        Binding("b", "back_now", "I'm back", tooltip="End the cool-down and say how it went", id="back-now"),
        Binding("m", "more_time", "More time", tooltip="Set a later return time", id="more-time"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="activity", markup=False)
        with Center():
            yield Digits("", id="time-left")
        yield Static("", id="return-at", markup=False)
        with Center(id="progress-row"):
            yield ProgressBar(show_eta=False, show_percentage=False, id="progress")
        yield StatementCard("", id="alert")
        yield Static(SAFETY_LINE, id="safety", markup=False)

    _due: bool | None = None
    """Whether the alert is on show (None before the first redraw)."""

    def on_mount(self) -> None:
        self.show_episode()
        self.set_interval(1, self.tick)

    def show_episode(self) -> None:
        """Show the episode afresh (on mount, after more time, after another window's change)."""
        episode = self.run.episode
        if episode is not None and episode.activity:
            self.query_one("#activity", Static).update(self.run.activity_line(episode.activity))
        self.tick()

    def tick(self) -> None:
        """Redraw from the clock; once the return time has come, the alert shows."""
        status = self.run.status()
        if status is None:
            return
        self.query_one("#time-left", Digits).update(status.clock_face)
        self.query_one("#return-at", Static).update(status.return_line)
        done, total = status.progress
        self.query_one(ProgressBar).update(total=total, progress=done)
        if status.due != self._due:
            self._set_due(status.due, f"{status.alert_words}\nPress b when you're back.")

    @on(OnScreenAlert.Arrived)
    def _alert_arrived(self, event: OnScreenAlert.Arrived) -> None:
        """The alarm went off: it shows here, in place of the progress bar."""
        event.stop()
        self.tick()

    def _set_due(self, due: bool, words: str) -> None:
        """Once it is time, the alert takes the progress bar's place (and back, after more time)."""
        self._due = due
        self.query_one("#alert", StatementCard).say(words if due else "")
        self.query_one("#alert").display = due
        self.query_one("#progress-row").display = not due
        self.query_one("#step-label", Static).update("Time to go back" if due else self.step_label)

    def action_back_now(self) -> None:
        self.run.come_back()
        self.forward()

    def action_more_time(self) -> None:
        from cooldown.tui.dialogs.more_time import MoreTimeDialog

        def rescheduled(return_at: datetime | None) -> None:
            if return_at is not None:
                self.run.reschedule(return_at)
                self.show_episode()

        episode = self.run.episode
        assert episode is not None and episode.return_at is not None
        limits = self.run.settings.cooldown
        self.app.push_screen(MoreTimeDialog(episode.return_at, self.run.clock, limits), rescheduled)
