"""Every theme, previewed live as the cursor moves; Enter keeps one; the one kept is marked."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class ThemePicker(OptionList):
    """Highlighting a theme shows it at once; Enter chooses it; leaving puts the chosen one back."""

    BINDINGS = [
        Binding("enter", "select", "Use this theme", tooltip="Keep this theme", id="theme-choose"),
    ]

    @dataclass
    class Previewed(Message):
        """Show this theme for now (it is not kept)."""

        name: str

    @dataclass
    class Chosen(Message):
        """Keep this theme."""

        name: str

    def __init__(self, names: list[str], chosen: str, *, id: str | None = None):
        super().__init__(*(Option(label(name, current=name == chosen), id=name) for name in names), id=id)
        self.chosen = chosen

    def on_mount(self) -> None:
        self._highlight_chosen()

    def on_focus(self) -> None:
        self._highlight_chosen()

    def _highlight_chosen(self) -> None:
        if self.chosen in [option.id for option in self.options]:
            self.highlighted = self.get_option_index(self.chosen)

    @on(OptionList.OptionHighlighted)
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        if self.has_focus and event.option.id:
            self._show(event.option.id)

    @on(OptionList.OptionSelected)
    def _choose(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.mark(event.option.id)
            self.post_message(self.Chosen(event.option.id))

    def mark(self, name: str) -> None:
        """`name` is the theme kept now: the mark moves to it."""
        ids = [option.id for option in self.options]
        for old_or_new in (self.chosen, name):
            if old_or_new in ids:
                self.replace_option_prompt(old_or_new, label(old_or_new, current=old_or_new == name))
        self.chosen = name

    def on_blur(self) -> None:
        self.cancel_preview()

    def cancel_preview(self) -> None:
        """Put the chosen theme back."""
        self._show(self.chosen)

    def _show(self, name: str) -> None:
        self.post_message(self.Previewed(name))


def label(name: str, *, current: bool) -> Content:
    """A theme's line in the list: the one kept now is marked."""
    return Content(f"● {name} (current)" if current else f"  {name}")
