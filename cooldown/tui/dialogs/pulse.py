"""A pulse check: find the pulse, count the beats for 15 seconds, say how many. Optional throughout."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from cooldown.clock import Clock
from cooldown.core.checkins import COUNT_SECONDS, read_beats
from cooldown.core.instant import elapsed
from cooldown.tui.dialogs.dialog import Dialog
from cooldown.tui.widgets.note_input import NoteInput

FIND = (
    "Find your pulse on the inside of your wrist or at the side of your neck.\n"
    f"Press Enter and count the beats until the {COUNT_SECONDS} seconds are up (a bell rings)."
)


class PulseDialog(Dialog[int | None]):
    """Dismisses with the beats counted in 15 seconds, or None if left (Escape, at any point)."""

    AUTO_FOCUS = ""
    """Nothing has focus until the beats are asked for, so Enter starts the count."""

    BINDINGS = [
        Binding("enter", "start", "Start counting", tooltip="Start the 15-second count", id="pulse-start"),
        Binding("escape", "cancel", "Leave it", tooltip="Close without a pulse; it's optional", id="pulse-cancel"),
    ]

    def __init__(self, clock: Clock, bell: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.clock = clock
        self.bell = bell
        """Rung when the count is up (so it can be done with eyes closed), if the bell is on."""
        self.started: datetime | None = None
        """When the count began; None until Enter."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Pulse check (optional)", id="dialog-title")
            yield Static(FIND, id="pulse-words", markup=False)
            yield Static("", id="pulse-count", markup=False)
            yield NoteInput(placeholder="beats", id="pulse-beats", max_length=3, restrict=r"\d*")
            yield Static("", id="pulse-message", classes="prompt-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pulse-beats").display = False
        self.set_interval(0.25, self.tick)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.started is None
        return True

    def action_start(self) -> None:
        self.started = self.clock()
        self.query_one("#pulse-words", Static).update("Count the beats you feel.")
        self.refresh_bindings()
        self.tick()

    def tick(self) -> None:
        """The seconds left of the count, from the clock; then the question."""
        if self.started is None or self.query_one("#pulse-beats").display:
            return
        left = COUNT_SECONDS - elapsed(self.started, self.clock()).total_seconds()
        if left > 0:
            seconds = math.ceil(left)
            self.query_one("#pulse-count", Static).update(f"{seconds} second{'s' if seconds != 1 else ''} left")
            return
        self.query_one("#pulse-words", Static).update("Stop. How many beats did you count?")
        if self.bell is not None:
            self.bell()
        self.query_one("#pulse-count", Static).update("")
        beats = self.query_one("#pulse-beats", Input)
        beats.display = True
        beats.focus()

    @on(Input.Submitted, "#pulse-beats")
    def _counted(self, event: Input.Submitted) -> None:
        message = self.query_one("#pulse-message", Static)
        try:
            beats = read_beats(event.value)
        except ValueError as error:
            message.update(str(error))
            message.add_class("-error")
            event.input.add_class("-invalid")
            return
        self.dismiss(beats)

    def action_cancel(self) -> None:
        self.dismiss(None)
