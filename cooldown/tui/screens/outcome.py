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
    """s for a sidestep, f for a fight. Saved the moment the key is pressed.

    Resumed (the app was closed during the cool-down and opened after it ended),
    it says when the cool-down ended or when they came back.
    """

    DEFAULT_CSS = """
    OutcomeScreen {
        .choice {
            width: 100%;
            margin-top: 1;
            padding: 0 2;
        }
    }
    """

    LEAVE_KEYS = False
    """h and S stay out of the way (and out of the footer) while choosing or typing here."""

    step_label = "How did it go?"

    BINDINGS = [
        Binding("s", "record('sidestep')", "Sidestepped", tooltip=CHOICES[Outcome.SIDESTEP][1], id="sidestep"),
        Binding("f", "record('fight')", "Fight", tooltip=CHOICES[Outcome.FIGHT][1], id="fight"),
        Binding("escape", "not_yet", "Not back yet", tooltip="Back to the cool-down", id="not-yet"),
    ]

    def compose_body(self) -> ComposeResult:
        yield StatementCard(self._question(), id="question")
        for key, label in CHOICES.values():
            yield Static(Content.assemble((f" {key} ", "bold reverse"), f"  {label}"), classes="choice")

    def _question(self) -> str:
        episode = self.run.episode
        now = self.run.clock()
        if self.resumed and episode is not None:
            if episode.returned_at is not None:
                return f"You came back at {format_clock(episode.returned_at, now)}.\nHow did the talk go?"
            if episode.return_at is not None:
                return f"Your cool-down ended at {format_clock(episode.return_at, now)}.\nHow did the talk go?"
        return "Welcome back.\nHow did the talk go?"

    def action_not_yet(self) -> None:
        """A stray key, or not ready to talk yet: the cool-down runs on (more time is one key there)."""
        self.run.keep_cooling()
        self.go_to("cool-down")

    def action_record(self, outcome: str) -> None:
        self.run.record_outcome(Outcome(outcome))
        self.forward()
