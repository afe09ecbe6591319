"""The weekly look back: seven days at a glance, and one line for the next week."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from cooldown.core.review import NOTHING, WeekReview, rows, title


class ReviewPanel(Static):
    """Seven local days looked back on: episodes, outcomes, the highest anger and what set it off, the first
    signs, what helped, the returns, and a line for the next week. Handed a `WeekReview`; reads nothing."""

    COMPONENT_CLASSES = {"review-panel--title", "review-panel--label", "review-panel--line"}

    DEFAULT_CSS = """
    ReviewPanel {
        height: auto;
        width: 1fr;
    }
    ReviewPanel > .review-panel--title { text-style: bold; }
    ReviewPanel > .review-panel--label { color: $text-muted; }
    ReviewPanel > .review-panel--line { color: $text-accent; }
    """

    def show(self, found: WeekReview) -> None:
        heading = Text(title(found), style=self.get_component_rich_style("review-panel--title"))
        line = Text(found.next_week, style=self.get_component_rich_style("review-panel--line"))
        if found.empty:
            self.update(Group(heading, Text(""), Text(NOTHING), Text(""), line))
            return
        label = self.get_component_rich_style("review-panel--label")
        table = Table(box=None, padding=(0, 2, 0, 0), show_header=False, show_edge=False, expand=False)
        table.add_column("label", style=label, no_wrap=True)
        table.add_column("words", overflow="fold")
        for name, words in rows(found):
            table.add_row(name, Text(words))  # user text (activities, topics, signs): never markup
        self.update(Group(heading, Text(""), table, Text(""), line))

    def show_unreadable(self, words: str) -> None:
        """The log could not be read: say so (and where), instead of an empty week."""
        self.update(Text(words))
