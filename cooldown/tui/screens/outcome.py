"""After the cool-down: how did it go? One key records it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from cooldown.core.episode import Outcome
from cooldown.core.returntime import format_clock
from cooldown.session.status import Stage
from cooldown.tui.screens.breakpoints import FitsHeight
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.statement_card import StatementCard

CHOICES = {
    Outcome.SIDESTEP: ("s", "We talked it through: sidestepped"),
    Outcome.FIGHT: ("f", "It turned into a fight"),
}


class OutcomeScreen(FitsHeight, StepScreen):
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
        &.-short {
            #step-label { margin-bottom: 0; }
            StatementCard { padding: 0 1; }
        }
    }
    """

    LEAVE_KEYS = False
    """h and S stay out of the way (and out of the footer) while choosing or typing here."""

    step_label = "How did it go?"

    BINDINGS = [
        Binding("s", "record('sidestep')", "Sidestepped", tooltip=CHOICES[Outcome.SIDESTEP][1], id="sidestep"),
        Binding("f", "record('fight')", "Fight", tooltip=CHOICES[Outcome.FIGHT][1], id="fight"),
        Binding("escape", "not_yet", "Not yet", tooltip="The talk is not over yet", id="not-yet"),
    ]

    def compose_body(self) -> ComposeResult:
        yield StatementCard(self._question(), id="question")
        for key, label in CHOICES.values():
            yield Static(Content.assemble((f" {key} ", "bold reverse"), f"  {label}"), classes="choice")

    def _question(self) -> str:
        episode = self.run.episode
        now = self.run.clock()
        if self.resumed and episode is not None:
            if episode.talk_at is not None:
                return f"Your talk was set for {format_clock(episode.talk_at, now)}.\nHow did it go?"
            if episode.returned_at is not None:
                return f"You came back at {format_clock(episode.returned_at, now)}.\nHow did the talk go?"
            if episode.return_at is not None:
                return f"Your cool-down ended at {format_clock(episode.return_at, now)}.\nHow did the talk go?"
        return "How did the talk go?"

    def action_not_yet(self) -> None:
        """Not yet: back to the card after coming back, or (picked up after the time) the cool-down runs on."""
        status = self.run.status()
        if status is not None and status.stage in (Stage.RETURNED, Stage.TALK_DUE):
            self.go_to("coming-back")
            return
        if status is not None and status.stage is Stage.TALK_LATER:
            self.go_to("talk-later")
            return
        self.run.keep_cooling()
        self.go_to("cool-down")

    def action_record(self, outcome: str) -> None:
        self.run.record_outcome(Outcome(outcome))
        self.forward()
