"""A talk put off: the time agreed, until then a kind word, and an alert when it comes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from cooldown.session.status import Stage
from cooldown.tui.alerts import OnScreenAlert
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.statement_card import StatementCard

UNTIL_THEN = (
    "Until then, let it rest: do something ordinary, together or apart.\n"
    "If it comes up before, you can say: “Let's keep it for {time}.”"
)


class TalkLaterScreen(StepScreen):
    """Waits for the talk time; when it comes, the coming-back card shows again."""

    DEFAULT_CSS = """
    TalkLaterScreen {
        #talk-line { width: 100%; text-align: center; margin-top: 1; }
        #until-then { width: 100%; text-align: center; color: $text-muted; margin-top: 1; }
    }
    """

    step_label = "Talk later"

    BINDINGS = [
        Binding("w", "talked", "We talked", tooltip="You talked already: say how it went", id="talked-early"),
    ]

    def compose_body(self) -> ComposeResult:
        status = self.run.status()
        time = status.talk_at if status is not None else None
        yield StatementCard(f"You agreed to talk at {time}.", id="talk-card")
        yield Static("", id="talk-line", markup=False)
        yield Static(UNTIL_THEN.format(time=time), id="until-then", markup=False)

    def on_mount(self) -> None:
        self.show_episode()
        self.set_interval(1, self.tick)

    def show_episode(self) -> None:
        self.tick()

    def tick(self) -> None:
        status = self.run.status()
        if status is None or status.episode.talk_at is None:
            return
        if status.stage is Stage.TALK_DUE:
            self.go_to("coming-back")
            return
        self.query_one("#talk-line", Static).update(status.talk_line)

    @on(OnScreenAlert.Arrived)
    def _alert_arrived(self, event: OnScreenAlert.Arrived) -> None:
        """The talk's time has come: the card, to start it gently."""
        event.stop()
        self.tick()

    def action_talked(self) -> None:
        self.forward()
