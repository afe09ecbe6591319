"""A statement shown large and calm, as a card to read aloud."""

from __future__ import annotations

from textual.widgets import Static


class StatementCard(Static):
    """The words to say, centred in a bordered card. Text is always shown literally."""

    DEFAULT_CSS = """
    StatementCard {
        width: 100%;
        height: auto;
        padding: 1 3;
        border: round $primary;
        background: $boost;
        color: $foreground;
        text-style: bold;
        text-align: center;
        content-align: center middle;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(text, markup=False, id=id, classes=classes)

    def say(self, text: str) -> None:
        """Show new words."""
        self.update(text)
