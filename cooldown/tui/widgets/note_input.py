"""A one-line text input whose Enter shows in the footer as "Save"."""

from __future__ import annotations

from textual.binding import Binding

from cooldown.tui.widgets.limited_input import LimitedInput


class NoteInput(LimitedInput):
    """For notes and other free text where Enter saves what was typed (a paste too long keeps what fits)."""

    BINDINGS = [
        Binding("enter", "submit", "Save", tooltip="Save what you typed", id="save-text"),
    ]

    def __init__(self, value: str | None = None, *, select_on_focus: bool = False, **options: object) -> None:
        # A note is added to, not replaced: focusing puts the cursor at the end.
        super().__init__(value, select_on_focus=select_on_focus, **options)  # type: ignore[arg-type]
