"""After the cool-down: how did it go? One key records it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from cooldown.core.episode import Outcome
from cooldown.core.returntime import format_clock
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.statement_card import StatementCard

CHOICES = {
    Outcome.SIDESTEP: ("s", "We talked it through: sidestepped"),
    Outcome.FIGHT: ("f", "It turned into a fight"),
}


class OutcomeScreen(StepScreen):
    """s for a sidestep, f for a fight. Saved the moment the key is pressed."""

    step_label = "How did it go?"

    BINDINGS = [
        Binding("s", "record('sidestep')", "Sidestepped", tooltip=CHOICES[Outcome.SIDESTEP][1], id="sidestep"),
        Binding("f", "record('fight')", "Fight", tooltip=CHOICES[Outcome.FIGHT][1], id="fight"),
    ]

    def __init__(self, *, resumed: bool = False) -> None:
        super().__init__()
        self.resumed = resumed
        """True when the app was closed during the cool-down and opened after it ended."""

    def compose_body(self) -> ComposeResult:
        yield StatementCard(self._question(), id="question")
        for key, label in CHOICES.values():
            yield Static(Content.assemble((f" {key} ", "bold reverse"), f"  {label}"), classes="choice")

    def _question(self) -> str:
        episode = self.flow.episode
        if self.resumed and episode is not None and episode.return_at is not None:
            ended = format_clock(episode.return_at, self.flow.clock())
            return f"Your cool-down ended at {ended}.\nHow did the talk go?"
        return "Welcome back.\nHow did the talk go?"

    def action_record(self, outcome: str) -> None:
        from cooldown.tui.screens.reflect import ReflectScreen

        self.flow.record_outcome(Outcome(outcome))
        self.app.switch_screen(ReflectScreen())
