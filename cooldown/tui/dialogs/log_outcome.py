"""Record a fight or a sidestep that happened without the protocol."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from cooldown.clock import Clock
from cooldown.core.episode import NOTE_LIMIT, Episode, Outcome
from cooldown.core.instant import moment_text as shown_when
from cooldown.core.when import WhenError, parse_when
from cooldown.tui.dialogs.dialog import Dialog
from cooldown.tui.widgets.note_input import NoteInput


class LogOutcomeDialog(Dialog[Episode | None]):
    """When it happened and an optional note; Ctrl+T switches fight and sidestep; Enter saves."""

    BINDINGS = [
        Binding(
            "ctrl+t", "toggle_outcome", "Fight/sidestep", tooltip="Switch between fight and sidestep", id="log-toggle"
        ),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="log-cancel"),
    ]

    def __init__(self, clock: Clock, outcome: Outcome = Outcome.FIGHT) -> None:
        super().__init__()
        self.clock = clock
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self._title(), id="dialog-title", markup=False)
            yield Static("When? (now, yesterday 21:00, 2h ago, 2026-11-20 21:00)")
            yield NoteInput("now", id="log-when", select_on_focus=True)
            yield Static("", id="log-when-message", markup=False)
            yield Static("Note (optional):")
            yield NoteInput(placeholder="What happened?", id="log-note", max_length=NOTE_LIMIT)
            yield Static("Enter to save · Ctrl+T fight or sidestep · Escape to cancel", id="dialog-hint")
        yield Footer()

    def _title(self) -> str:
        kind = "fight" if self.outcome is Outcome.FIGHT else "sidestep"
        return f"Log a {kind} that happened without the protocol"

    def action_toggle_outcome(self) -> None:
        self.outcome = Outcome.SIDESTEP if self.outcome is Outcome.FIGHT else Outcome.FIGHT
        self.query_one("#dialog-title", Static).update(self._title())

    @on(Input.Changed, "#log-when")
    def _when_changed(self, event: Input.Changed) -> None:
        self._read_when(event.value, submitted=False)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        moment = self._read_when(self.query_one("#log-when", Input).value, submitted=True)
        if moment is None:
            self.query_one("#log-when", Input).focus()
            return
        note = self.query_one("#log-note", Input).value.strip()
        self.dismiss(Episode.logged(moment, self.outcome, note))

    def _read_when(self, text: str, *, submitted: bool) -> datetime | None:
        message = self.query_one("#log-when-message", Static)
        field = self.query_one("#log-when", Input)
        try:
            moment = parse_when(text, self.clock())
        except WhenError as error:
            message.update(str(error))
            message.set_class(submitted, "-error")
            field.set_class(submitted, "-invalid")
            return None
        message.update(f"On {shown_when(moment)}")
        message.remove_class("-error")
        field.remove_class("-invalid")
        return moment

    def action_cancel(self) -> None:
        self.dismiss(None)
