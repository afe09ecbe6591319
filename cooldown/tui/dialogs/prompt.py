"""Ask for one or two values (an activity's name, its minutes), checked before closing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from cooldown.core.settings import Activity
from cooldown.core.text import is_plain
from cooldown.tui.dialogs.dialog import Dialog
from cooldown.tui.widgets.note_input import NoteInput

Check = Callable[[str], str | None]
"""Returns a kind message when the text cannot be used, else None."""


@dataclass(frozen=True)
class Field:
    """One value to ask for."""

    label: str
    value: str = ""
    check: Check | None = None
    limit: int = 200


class PromptDialog(Dialog[list[str] | None]):
    """Dismisses with the values as typed (trimmed), or None on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing anything", id="prompt-cancel"),
    ]

    def __init__(self, title: str, *fields: Field) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="dialog-title", markup=False)
            for number, field in enumerate(self.fields):
                yield Static(field.label, markup=False)
                yield NoteInput(field.value, id=f"prompt-{number}", max_length=field.limit, select_on_focus=True)
                yield Static("", id=f"prompt-{number}-message", classes="prompt-message", markup=False)
        yield Footer()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        index = int((event.input.id or "prompt-0").removeprefix("prompt-"))
        if index < len(self.fields) - 1:
            if self._usable(index):
                self.query_one(f"#prompt-{index + 1}", Input).focus()  # Enter moves on to the next value
            return
        if all(self._usable(number) for number in range(len(self.fields))):
            self.dismiss([self._value(number) for number in range(len(self.fields))])

    def _value(self, number: int) -> str:
        return self.query_one(f"#prompt-{number}", Input).value.strip()

    def _usable(self, number: int) -> bool:
        """Check one value; say what is wrong beside it."""
        field = self.fields[number]
        problem = field.check(self._value(number)) if field.check else None
        message = self.query_one(f"#prompt-{number}-message", Static)
        message.update(problem or "")
        message.set_class(problem is not None, "-error")
        if problem:
            self.query_one(f"#prompt-{number}", Input).focus()
        return problem is None

    def action_cancel(self) -> None:
        self.dismiss(None)


def check_name(taken: Iterable[Activity] = ()) -> Check:
    """A check for an activity's name: not empty, and not one of `taken` (in any case)."""
    names = {activity.name.casefold(): activity.name for activity in taken}

    def check(value: str) -> str | None:
        if not value:
            return "Type what you'll do, e.g. go for a walk."
        if not is_plain(value):
            return "Type the name without control characters."
        same = names.get(value.strip().casefold())
        if same is not None:
            return f"“{same}” is already one of your activities. Pick another name, or press Escape."
        return None

    return check


def check_minutes(value: str) -> str | None:
    if not value.isdigit() or not 1 <= int(value) <= 24 * 60:
        return "A whole number of minutes from 1 to 1440, please."
    return None
