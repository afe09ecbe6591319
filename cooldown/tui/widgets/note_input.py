"""A one-line text input whose Enter shows in the footer as "Save"."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class NoteInput(Input):
    """For notes and other free text where Enter saves what was typed."""

    BINDINGS = [
        Binding("enter", "submit", "Save", tooltip="Save what you typed", id="save-text"),
    ]
