"""Optional afterthoughts: how angry now, and a note."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from cooldown.core.episode import NOTE_LIMIT, Outcome
from cooldown.tui.screens.statement import RATE_BINDINGS
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.anger_scale import AngerScale
from cooldown.tui.widgets.note_input import NoteInput
from cooldown.tui.widgets.statement_card import StatementCard


class ReflectScreen(StepScreen):
    """Rate with 0-9, n to write a note, Enter to finish. Both are optional."""

    DEFAULT_CSS = """
    ReflectScreen {
        #note { width: 100%; }
    }
    """

    LEAVE_KEYS = False
    """h and S stay out of the way (and out of the footer) while choosing or typing here."""

    step_label = "Saved · anything to add?"
    AUTO_FOCUS = ""

    BINDINGS = [
        *RATE_BINDINGS,
        Binding("n", "write_note", "Note", tooltip="Write a note about this time", id="note"),
        Binding(
            "s",
            "change('sidestep')",
            "Change",
            key_display="s/f",
            tooltip="It was a sidestep after all",
            id="now-sidestep",
        ),
        Binding("f", "change('fight')", "Change", show=False, tooltip="It was a fight after all", id="now-fight"),
        Binding("enter", "finish", "Done", tooltip="Save and finish", id="finish"),
        Binding("escape", "leave_note", "Leave note", show=False, tooltip="Stop writing the note", id="leave-note"),
    ]

    def compose_body(self) -> ComposeResult:
        yield StatementCard(self._saved_words(), id="saved")
        yield AngerScale("How angry are you now? (optional)", id="anger")
        yield Static("A note for yourself (optional, press n):", id="hint")
        yield NoteInput(placeholder="What helped? What didn't?", id="note", max_length=NOTE_LIMIT)

    def _saved_words(self) -> str:
        episode = self.run.episode
        sidestep = episode is not None and episode.outcome is Outcome.SIDESTEP
        kind = "A sidestep. Well done." if sidestep else "A fight. Stepping away was still practice."
        return f"Saved: {kind[0].lower()}{kind[1:]}" if self.run.saving else kind

    def action_change(self, outcome: str) -> None:
        """A stray s or f on the question before, undone with one key."""
        episode = self.run.episode
        if episode is not None and episode.outcome is not Outcome(outcome):
            self.run.record_outcome(Outcome(outcome))
            self.query_one("#saved", StatementCard).say(self._saved_words())

    def on_mount(self) -> None:
        if not self.run.saving:
            self.query_one("#step-label", Static).update("Anything to add?")

    def action_rate(self, value: int) -> None:
        self.query_one(AngerScale).rating = value

    def action_write_note(self) -> None:
        self.query_one("#note", Input).focus()

    def action_leave_note(self) -> None:
        self.set_focus(None)

    @on(Input.Submitted, "#note")
    def _note_done(self) -> None:
        self.action_finish()

    def action_finish(self) -> None:
        note = self.query_one("#note", Input).value.strip()
        self.run.reflect(self.query_one(AngerScale).rating, note)
        self.forward()
