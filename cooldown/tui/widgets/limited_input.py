"""A text input that keeps what fits of a paste too long for it, and says so beside itself.

Textual's Input refuses a whole paste that would pass its `max_length` (only a
bell, silent in most terminals); this one keeps the first characters that fit.
A paste of several lines becomes one line, the line breaks as spaces.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static


def one_line(text: str) -> str:
    """Pasted text as one line: line breaks and other control characters (C0, DEL, C1) become spaces,
    blank lines go."""
    lines = (
        "".join(" " if ord(char) < 32 or 127 <= ord(char) < 160 else char for char in line)
        for line in text.splitlines()
    )
    return " ".join(line for line in lines if line.strip())


def kept_words(kept: int, limit: int) -> str:
    """What is said beside the field when part of a paste did not fit."""
    if kept == 0:
        return f"Nothing more fits here: {limit} characters at most."
    words = f"Kept the first {kept} characters; the rest didn't fit"
    return f"{words}." if kept == limit else f"{words} ({limit} at most here)."


class LimitNote(Static):
    """The line under a `LimitedInput` that says a paste was cut short."""

    DEFAULT_CSS = """
    LimitNote {
        width: 100%;
        height: auto;
        padding: 0 1;
        color: $text-warning;
    }
    """


class LimitedInput(Input):
    """An Input that keeps the part of a paste that fits its `max_length`; a note beside it says the rest didn't fit.

    Posts `Trimmed` when it cut something; the note goes away at the next edit.
    Typing one character at the limit is refused as before.
    """

    SHOWS_NOTE = True
    """Show the note under the field itself; False where the screen has a message line of its own for it."""

    @dataclass
    class Trimmed(Message):
        """Part of a paste did not fit: `kept` characters of it went in (the field holds `limit` at most)."""

        input: LimitedInput
        kept: int
        limit: int

        @property
        def control(self) -> LimitedInput:
            return self.input

        @property
        def words(self) -> str:
            return kept_words(self.kept, self.limit)

    def __init__(self, *args: object, **options: object) -> None:
        super().__init__(*args, **options)  # type: ignore[arg-type]
        self._note: LimitNote | None = None

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of Input's own, which keeps the first line only
        event.stop()
        text = one_line(event.text)
        if text:
            start, end = self.selection
            self.replace(text, start, end)

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace the text between `start` and `end` with as much of `text` as fits."""
        self._clear_note()
        limit = self.max_length
        start, end = sorted((max(0, start), min(len(self.value), end)))
        room = limit - (len(self.value) - (end - start)) if limit else len(text)
        if len(text) <= 1 or len(text) <= room:
            super().replace(text, start, end)
            return
        kept = text[: max(room, 0)]
        before = self.value
        if kept:
            super().replace(kept, start, end)
        if kept and self.value == before:
            return  # refused for another reason (e.g. digits only): nothing kept
        self._say(self.Trimmed(self, len(kept), limit))

    def _say(self, trimmed: Trimmed) -> None:
        self.post_message(trimmed)
        # Under the field; under its row when it sits in one (beside a label)
        anchor = self.parent if isinstance(self.parent, Horizontal) else self
        if not self.SHOWS_NOTE or anchor is None or anchor.parent is None:
            return
        note = self._note = LimitNote(trimmed.words, markup=False, classes="limit-note")
        anchor.parent.mount(note, after=anchor)
        self.call_after_refresh(lambda: note.is_mounted and note.scroll_visible(animate=False))  # a short terminal

    def _clear_note(self) -> None:
        if self._note is not None:
            self._note.remove()
            self._note = None
