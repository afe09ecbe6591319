"""After the outcome: what set it off, and the first signs noticed. Optional; Enter goes on."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from cooldown.tui.screens.breakpoints import FitsHeight
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.cue_chooser import CueChooser, CueRow


class NoticeScreen(FitsHeight, StepScreen):
    """↑/↓ pick a row, 1-9 mark a sign in it, t types what set it off, Enter saves and goes on."""

    DEFAULT_CSS = """
    NoticeScreen {
        #step-label, #body { width: 78; }
        #why { width: 100%; text-align: center; color: $text-muted; margin-bottom: 1; }
        /* A short terminal: the question of what set it off stays in view above the rows */
        &.-short {
            #step-label { margin-bottom: 0; }
            #why { display: none; }
            #topic-line { margin-bottom: 0; }
        }
    }
    """

    LEAVE_KEYS = False
    """h and S stay out of the way (and out of the footer) while choosing or typing here."""

    step_label = "Learning your signs · optional"
    AUTO_FOCUS = "CueRow"

    BINDINGS = [
        Binding("up", "row(-1)", "Row", key_display="↑↓", tooltip="The row above or below", id="row-up"),
        Binding("down", "row(1)", "Row", show=False, tooltip="The row below", id="row-down"),
        Binding("t", "topic", "What set it off", tooltip="Type what set it off", id="topic"),
        Binding("enter", "finish", "Done", tooltip="Keep what you marked and go on", id="finish"),
        Binding("escape", "leave_topic", "Leave", show=False, tooltip="Stop typing", id="leave-topic"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("Noticing your first signs helps you step away earlier next time.", id="why", markup=False)
        episode = self.run.episode
        yield CueChooser(
            self.run.settings.cues,
            self.run.topics(),
            topic=episode.topic if episode is not None else "",
            chosen=episode.cues if episode is not None else (),
            id="chooser",
        )

    def on_mount(self) -> None:
        # Focusing the first row scrolled to where it sat before the rows were laid out: back to the top,
        # where what set it off is asked (on a short terminal it would be out of view).
        self.call_after_refresh(self.query_one("#stage").scroll_home, animate=False)

    def action_row(self, by: int) -> None:
        self.query_one(CueChooser).move(by)

    def action_topic(self) -> None:
        self.query_one("#topic", Input).focus()

    def action_leave_topic(self) -> None:
        row = self.query_one(CueChooser).first_row()
        self.set_focus(row)

    @on(Input.Submitted, "#topic")
    def _topic_done(self) -> None:
        self.action_finish()

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, Input)
        if action == "topic":
            return not typing
        if action == "leave_topic":
            return typing
        if action == "row":
            return bool(self.query(CueRow))
        return True

    def action_finish(self) -> None:
        chooser = self.query_one(CueChooser)
        self.run.notice(chooser.topic, chooser.cues)
        self.forward()
