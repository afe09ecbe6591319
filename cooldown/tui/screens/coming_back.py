"""Coming back: how to start the talk gently, and "Is now a good time to talk?" before anything else."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from cooldown.core.coming_back import QUESTION, say_put_off
from cooldown.core.returntime import format_clock
from cooldown.core.settings import CooldownLimits
from cooldown.session.status import Stage
from cooldown.tui.alerts import OnScreenAlert
from cooldown.tui.screens.breakpoints import FitsHeight
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.return_time_field import ReturnTimeField
from cooldown.tui.widgets.statement_card import StatementCard

TALK_SOON = "+30m"
"""The talk time suggested when the talk is put off (typing replaces it)."""


def bulleted(lines: Sequence[str]) -> Table:
    """The card's lines as bullets, a wrapped line indented under its first word."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row("•", Text(line))
    return grid


class ComingBackScreen(FitsHeight, StepScreen):
    """The card, then w (we talked) for the outcome, or n (not now) to agree a time to talk."""

    DEFAULT_CSS = """
    ComingBackScreen {
        #card { text-style: none; text-align: left; }
        .question { width: 100%; text-align: center; text-style: bold; }
        #question { margin-top: 1; }
        ReturnTimeField { margin-top: 1; }
        #talk-say { width: 100%; text-align: center; color: $text-muted; }
        #question-first { display: none; }
        /* A short terminal: the question comes first, where it is always in view */
        &.-short {
            #step-label { margin-bottom: 0; }
            #question-first { display: block; margin: 0 0 1 0; }
            #question { display: none; }
            StatementCard { padding: 0 1; }
        }
    }
    """

    step_label = "Coming back · start gently"
    AUTO_FOCUS = ""
    """Nothing has focus until a talk time is asked for, so w and n act at once."""

    BINDINGS = [
        Binding("w", "talked", "We talked", tooltip="The talk is over: say how it went", id="we-talked"),
        Binding("n", "not_now", "Not now", tooltip="Agree a time to talk later", id="not-now"),
        Binding("escape", "back", "Not back yet", tooltip="Back to the cool-down", id="not-back-yet"),
        Binding("escape", "cancel_talk_time", "Cancel", tooltip="Put off no talk after all", id="cancel-talk-time"),
    ]

    def compose_body(self) -> ComposeResult:
        lines = self.run.settings.return_card.shown
        ask = f"Ask first: “{QUESTION}”"
        yield Static(ask, id="question-first", classes="question", markup=False)
        card = StatementCard(id="card")
        card.update(bulleted(lines))
        yield card
        yield Static(ask, id="question", classes="question", markup=False)
        limits = self.run.settings.cooldown
        talk_limits = CooldownLimits(minimum_minutes=0, maximum_hours=limits.maximum_hours)  # no "under 20" nudge
        yield ReturnTimeField(TALK_SOON, self.run.clock, talk_limits, talk=True, id="talk-time")
        yield Static("", id="talk-say", markup=False)

    def on_mount(self) -> None:
        self.query_one(ReturnTimeField).display = False
        self.show_episode()

    @on(OnScreenAlert.Arrived)
    def _alert_arrived(self, event: OnScreenAlert.Arrived) -> None:
        """They are here already: the time shows at the top, no toast over the card."""
        event.stop()
        self.show_episode()

    def show_episode(self) -> None:
        status = self.run.status()
        if status is not None and status.stage is Stage.TALK_DUE:
            self.query_one("#step-label", Static).update(status.talk_words)

    @property
    def asking_when(self) -> bool:
        return bool(self.query_one(ReturnTimeField).display)

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            if self.asking_when:
                return False  # Escape cancels the talk time instead
            status = self.run.status()
            return status is not None and status.stage is Stage.RETURNED  # a talk put off is not a cool-down
        if action in ("talked", "not_now"):
            return not self.asking_when
        if action == "cancel_talk_time":
            return self.asking_when
        return True

    def action_talked(self) -> None:
        self.go_to("outcome")

    def action_not_now(self) -> None:
        field = self.query_one(ReturnTimeField)
        field.display = True
        field.input.focus()
        field.scroll_visible(animate=False)  # on a short terminal the field is below the card
        self.refresh_bindings()

    @on(ReturnTimeField.Changed, "#talk-time")
    def _talk_time_changed(self, event: ReturnTimeField.Changed) -> None:
        say = self.query_one("#talk-say", Static)
        if event.return_time is None or not self.asking_when:
            say.update("")
        else:
            say.update(f"You could say: “{say_put_off(format_clock(event.return_time.at, self.run.clock()))}”")

    @on(ReturnTimeField.Chosen, "#talk-time")
    def _talk_time_chosen(self, event: ReturnTimeField.Chosen) -> None:
        self.run.put_off_talk(event.return_time.at)
        self.forward()

    def action_cancel_talk_time(self) -> None:
        """Put the talk-time field away: w and n act again."""
        self.query_one(ReturnTimeField).display = False
        self.query_one("#talk-say", Static).update("")
        self.set_focus(None)
        self.refresh_bindings()

    def action_back(self) -> None:
        self.run.keep_cooling()
        self.go_to("cool-down")
