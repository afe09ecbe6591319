"""Statements 1 and 2: say it, press Enter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.anger_scale import AngerScale
from cooldown.tui.widgets.statement_card import StatementCard

if TYPE_CHECKING:
    from cooldown.session.protocol import ProtocolRun

RATE_BINDINGS = [
    Binding(
        str(value),
        f"rate({value})",
        "Rate anger",
        show=value == 0,
        key_display="0-9",
        tooltip="How angry are you? 0 is calm, 9 is furious. Optional.",
        id=f"rate-{value}",
    )
    for value in range(10)
]


class StatementScreen(StepScreen):
    """Statement 1 ("I recognize that I am getting angry.", with the anger rating) or 2.

    With a signal agreed in the calm-time plan, a quiet line under the hint recalls it.
    """

    DEFAULT_CSS = """
    StatementScreen {
        #signal {
            width: 100%;
            text-align: center;
            color: $text-muted;
            text-style: italic;
        }
    }
    """

    SAYS_SETTINGS_PROBLEMS = True

    BINDINGS = [
        Binding(
            "enter,space",
            "next",
            "Said it, go on",
            key_display="⏎",
            tooltip="Go to the next statement (Enter or space)",
            id="next",
        ),
        Binding("escape", "back", "Back", tooltip="Back to the previous statement", id="back"),
        *RATE_BINDINGS,
    ]

    def __init__(self, run: ProtocolRun, *, step: str, number: int, resumed: bool = False) -> None:
        super().__init__(run, step=step, resumed=resumed)
        self.number = number
        self.step_label = f"{number} of 4 · say it out loud"

    def compose_body(self) -> ComposeResult:
        yield StatementCard(self.run.statement(self.number), id="statement")
        if self.number == 1:
            yield AngerScale("How angry are you? (optional)", id="anger")
        yield Static("Press Enter when you have said it.", id="hint")
        if signal := self.run.settings.plan.signal:
            yield Static(f"Our agreed signal: {signal}", id="signal", markup=False)

    def take_run(self, run: ProtocolRun) -> None:
        """Go on with the session's run in place of the one this screen was painted from (a glance at the
        files, see tui/first_frame.py): its words, its signal and any settings problem, shown as they stand."""
        self.run = run
        self.query_one(StatementCard).say(run.statement(self.number))
        signal = run.settings.plan.signal
        shown = self.query("#signal")
        if shown and signal:
            shown.first(Static).update(f"Our agreed signal: {signal}")
        elif shown:
            shown.remove()
        elif signal:
            self.query_one("#body").mount(Static(f"Our agreed signal: {signal}", id="signal", markup=False))
        self.show_problem()

    def show_episode(self) -> None:
        """Back here with an episode in hand: its anger rating is shown; over statements carried on from
        an earlier launch, the hint says that going on from statement 1 starts afresh."""
        episode = self.run.episode
        if self.number != 1 or episode is None or self.run.over:
            return
        scale = self.query_one(AngerScale)
        if scale.rating is None:
            scale.rating = episode.anger_before
        if self.run.carried_on:
            self.query_one("#hint", Static).update(
                "Press Enter when you have said it. This starts afresh: what you said before is set aside."
            )

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rate":
            return self.number == 1
        if action == "back":
            return self.number > 1
        return True

    def action_rate(self, value: int) -> None:
        self.query_one(AngerScale).rating = value

    def action_next(self) -> None:
        anger = self.query_one(AngerScale).rating if self.number == 1 else None
        self.run.say(self.number, anger=anger)
        self.forward()

    def action_back(self) -> None:
        self.back()
