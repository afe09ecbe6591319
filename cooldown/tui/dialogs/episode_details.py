"""One episode in full: change its outcome, note, or what set it off and the first signs; or delete it."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from cooldown.core.checkins import course
from cooldown.core.cues import Cue, Cues
from cooldown.core.episode import NOTE_LIMIT, Episode, Outcome, Status
from cooldown.core.instant import moment_text
from cooldown.core.returntime import format_wait
from cooldown.tui.dialogs.dialog import Dialog
from cooldown.tui.widgets.episode_table import day_and_time, episode_label, open_words, outcome_word
from cooldown.tui.widgets.note_input import NoteInput


def anger_parts(episode: Episode) -> str:
    """Which ratings the anger course holds: "before, during, after"."""
    parts = [
        name
        for name, there in (
            ("before", episode.anger_before is not None),
            (
                "during" if len(episode.anger_during) < 2 else f"{len(episode.anger_during)} during",
                bool(episode.anger_during),
            ),
            ("after", episode.anger_after is not None),
        )
        if there
    ]
    return ", ".join(parts)


class EpisodeDetailsDialog(Dialog[Episode | int | None]):
    """Dismisses with the edited episode, its id when deleted, or None when left unchanged."""

    AUTO_FOCUS = ""

    DEFAULT_CSS = """
    EpisodeDetailsDialog {
        #dialog {
            max-height: 100%;
            overflow-y: auto;
        }
    }
    """

    # The outcome keys are named on the outcome's own line, so the footer fits a narrow terminal.
    BINDINGS = [
        Binding(
            "s", "set_outcome('sidestep')", "Sidestep", show=False, tooltip="Mark as a sidestep", id="mark-sidestep"
        ),
        Binding("f", "set_outcome('fight')", "Fight", show=False, tooltip="Mark as a fight", id="mark-fight"),
        Binding("u", "set_outcome('')", "No outcome", show=False, tooltip="Clear the outcome", id="mark-unfinished"),
        Binding("n", "edit_note", "Note", tooltip="Edit the note", id="edit-note"),
        Binding("c", "edit_cues", "Signs", tooltip="What set it off, and the first signs noticed", id="edit-cues"),
        Binding("enter", "save", "Save", tooltip="Save the changes", id="save-episode"),
        Binding("ctrl+s", "save", "Save", show=False, tooltip="Save the changes", id="save-episode-ctrl-s"),
        Binding("d", "delete", "Delete", tooltip="Delete this episode (asks first)", id="delete-episode"),
        Binding("escape", "close", "Close", tooltip="Close; unsaved changes are dropped", id="close-episode"),
    ]

    def __init__(
        self,
        episode: Episode,
        cues: Cues | None = None,
        topics: tuple[str, ...] = (),
        *,
        now: datetime | None = None,
        running: bool = False,
    ) -> None:
        super().__init__()
        self.episode = episode
        self.now = now
        """The moment its times are said from ("today 18:02"); None says every time in full."""
        self.running = running
        """True for the cool-down still open: it says so, and deleting it asks in words that it stops."""
        self.outcome = episode.outcome
        self.noticed = (episode.topic, episode.cues)
        """What set it off and the first signs, as edited here."""
        self._cues = cues or Cues()
        self._topics = topics

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self._title(), id="dialog-title", markup=False)
            yield Static(self._facts(), id="episode-facts", markup=False)
            yield Static("Note (n to edit, Enter to save):", classes="dim")
            yield NoteInput(self.episode.note, id="episode-note", max_length=NOTE_LIMIT)
        yield Footer(compact=True)

    def _title(self) -> str:
        label = episode_label(self._edited(), running=self.running)
        return label[0].upper() + label[1:]

    def _when(self, moment: datetime) -> str:
        return moment_text(moment) if self.now is None else day_and_time(moment, self.now)

    def _facts(self) -> str:
        episode = self.episode
        when = self._when
        lines = [f"Started    {moment_text(episode.started_at)}"]
        if self.running:
            lines.append(f"Now        {self._running_words()}")
        if not episode.protocol_used:
            lines.append("Logged afterwards, without the protocol")
        if episode.activity:
            lines.append(f"Activity   {episode.activity}")
        if episode.return_at:
            lines.append(f"Planned    back at {when(episode.return_at)}")
        if episode.returned_at:
            lines.append(f"Came back  {when(episode.returned_at)}")
        if episode.moves:
            moves = ", ".join(
                (f"{when(move.was)} → " if move.was else "to ") + f"{when(move.to)}, asked {when(move.at)}"
                for move in episode.moves
            )
            lines.append(f"More time  asked {episode.reschedules}× ({moves})")
        elif episode.reschedules:
            lines.append(f"More time  asked {episode.reschedules}×")
        if episode.talk_at:
            lines.append(f"Talk       put off to {when(episode.talk_at)}")
        if anger := course(episode.anger_before, episode.anger_during, episode.anger_after):
            lines.append(f"Anger      {anger} ({anger_parts(episode)}, 0-9)")
        if episode.pulses:
            pulses = ", ".join(f"{reading.bpm} at {when(reading.at)}" for reading in episode.pulses)
            lines.append(f"Pulse      {pulses} (a minute)")
        if episode.breathing_seconds:
            lines.append(f"Breathing  {format_wait(timedelta(seconds=episode.breathing_seconds))} with the guide")
        topic, cues = self.noticed
        if topic:
            lines.append(f"Set off    by {topic}")
        if cues:
            lines.append(f"Signs      {', '.join(cue.name for cue in cues)}")
        lines.append(f"Outcome    {outcome_word(self._edited(), running=self.running)}  (s sidestep, f fight, u none)")
        return "\n".join(lines)

    def _running_words(self) -> str:
        """ "running, back at 18:20. Close this (Esc), then c goes back to it." """
        if self.now is None:
            return "still open. Close this (Esc), then c goes back to it."
        stands, _, _ = open_words(self.episode, self.now).partition(": c goes back to it")
        return f"{stands}. Close this (Esc), then c goes back to it."

    def _edited(self) -> Episode:
        note = self.query_one("#episode-note", Input).value.strip() if self.is_mounted else self.episode.note
        edited = self.episode.edit(self.outcome, note)
        if self.noticed != (self.episode.topic, self.episode.cues):
            edited = edited.notice(*self.noticed)
        return edited

    def action_set_outcome(self, outcome: str) -> None:
        self.outcome = Outcome(outcome) if outcome else None
        self.query_one("#dialog-title", Static).update(self._title())
        self.query_one("#episode-facts", Static).update(self._facts())

    def action_edit_note(self) -> None:
        self.query_one("#episode-note", Input).focus()

    def action_edit_cues(self) -> None:
        from cooldown.tui.dialogs.cues import CuesDialog

        def chosen(noticed: tuple[str, tuple[Cue, ...]] | None) -> None:
            if noticed is not None:
                self.noticed = noticed
                self.query_one("#episode-facts", Static).update(self._facts())

        topic, cues = self.noticed
        self.app.push_screen(CuesDialog(self._cues, self._topics, topic, cues), chosen)

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        edited = self._edited()
        self.dismiss(None if edited == self.episode else edited)

    def action_delete(self) -> None:
        from cooldown.tui.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(self.episode.id)

        label = episode_label(self.episode, running=self.running)
        if self.running and self.episode.status is Status.COOLING:
            title = "Delete this cool-down?"
            body = f"Delete {label}? It is still running: deleting it stops it and its alert. This cannot be undone."
        elif self.running and self.episode.status is Status.TALK_LATER:
            title = "Delete this episode?"
            body = f"Delete {label}? The talk is still to come: deleting it stops its alert. This cannot be undone."
        else:
            title = "Delete this episode?"
            body = f"Delete {label}? This cannot be undone."
        self.app.push_screen(ConfirmDialog(title, body, yes="Delete", no="Keep"), answered)

    def action_close(self) -> None:
        from cooldown.tui.dialogs.confirm import ConfirmDialog

        if self.focused is not None:
            self.set_focus(None)  # first Escape leaves the note
            return
        if self._edited() == self.episode:
            self.dismiss(None)
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self.dismiss(None)

        question = ConfirmDialog(
            "Drop your change?",
            "It is not saved yet. y drops it. n, Esc or Enter goes back to it.",
            yes="Drop",
            no="Keep editing",
        )
        self.app.push_screen(question, answered)
