"""What set an episode off and the first signs noticed, changed afterwards from the history."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from cooldown.core.cues import Cue, Cues
from cooldown.tui.dialogs.dialog import Dialog
from cooldown.tui.widgets.cue_chooser import CueChooser

Noticed = tuple[str, tuple[Cue, ...]]


class CuesDialog(Dialog[Noticed | None]):
    """Dismisses with (topic, first signs), or None to keep them as they were."""

    DEFAULT_CSS = """
    CuesDialog #dialog { width: 78; }
    """

    AUTO_FOCUS = "CueRow"

    BINDINGS = [
        Binding("up", "row(-1)", "Row", key_display="↑↓", tooltip="The row above or below", id="row-up"),
        Binding("down", "row(1)", "Row", show=False, tooltip="The row below", id="row-down"),
        Binding("t", "topic", "What set it off", tooltip="Type what set it off", id="topic"),
        Binding("enter", "keep", "Keep", tooltip="Keep these", id="keep-cues"),
        Binding("escape", "cancel", "Cancel", tooltip="Leave them as they were", id="cancel-cues"),
    ]

    def __init__(self, cues: Cues, topics: tuple[str, ...], topic: str, chosen: tuple[Cue, ...]) -> None:
        super().__init__()
        self._cues, self._topics, self._topic, self._chosen = cues, topics, topic, chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("What set it off, and what you noticed first", id="dialog-title", markup=False)
            yield CueChooser(self._cues, self._topics, topic=self._topic, chosen=self._chosen)
            yield Static("1-9 mark a sign in the row · t types the topic · Enter keeps", id="dialog-hint")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "topic":
            return not isinstance(self.focused, Input)
        return True

    def action_row(self, by: int) -> None:
        self.query_one(CueChooser).move(by)

    def action_topic(self) -> None:
        self.query_one("#topic", Input).focus()

    @on(Input.Submitted, "#topic")
    def _topic_done(self) -> None:
        self.action_keep()

    def action_keep(self) -> None:
        chooser = self.query_one(CueChooser)
        self.dismiss((chooser.topic, chooser.cues))

    def action_cancel(self) -> None:
        self.dismiss(None)
