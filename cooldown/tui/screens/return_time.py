"""Statement 4: when you'll be back to talk."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from cooldown.core.returntime import format_clock, suggest_return
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.return_time_field import ReturnTimeField
from cooldown.tui.widgets.statement_card import StatementCard


class ReturnTimeScreen(StepScreen):
    """The statement fills in the time as it is typed; Enter agrees it.

    The input starts with a suggestion from the chosen activity's usual length.
    """

    DEFAULT_CSS = """
    ReturnTimeScreen {
        ReturnTimeField { margin-top: 1; }
    }
    """

    LEAVE_KEYS = False
    """h and S stay out of the way (and out of the footer) while choosing or typing here."""

    step_label = "4 of 4 · say it out loud"

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the activities", id="back"),
    ]

    def compose_body(self) -> ComposeResult:
        now = self.run.clock()
        limits = self.run.settings.cooldown
        yield StatementCard(self.run.statement(4), id="statement")
        yield ReturnTimeField(
            suggest_return(now, limits.suggestion_minutes(self.run.usual_minutes())),
            self.run.clock,
            limits,
            id="return-time",
        )

    def on_mount(self) -> None:
        self.query_one(ReturnTimeField).input.focus()  # the suggestion is selected: typing replaces it

    @on(ReturnTimeField.Changed)
    def _time_changed(self, event: ReturnTimeField.Changed) -> None:
        time = None
        if event.return_time is not None:
            time = format_clock(event.return_time.at, self.run.clock())
        self.query_one("#statement", StatementCard).say(self.run.statement(4, time=time))

    @on(ReturnTimeField.Chosen)
    def _time_chosen(self, event: ReturnTimeField.Chosen) -> None:
        self.run.agree_return(event.return_time.at)
        self.forward()

    def action_back(self) -> None:
        self.back()
