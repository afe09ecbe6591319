"""Which activities and which return delays end in sidesteps."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from cooldown.core.stats import Result, Summary, percent

RATE_BAR_WIDTH = 10


class WhatWorks(Static):
    """Two small tables: per activity, and per planned cool-down length."""

    COMPONENT_CLASSES = {"what-works--bar"}

    DEFAULT_CSS = """
    WhatWorks {
        height: auto;
        width: auto;
    }
    WhatWorks > .what-works--bar { color: $success; }
    """

    def show_empty(self) -> None:
        self.update(Text("Once a few cool-downs have an outcome, this shows what helps you most."))

    def show(self, summary: Summary) -> None:
        if not summary.activities and not summary.delays:
            self.show_empty()
            return
        bar = self.get_component_rich_style("what-works--bar")
        self.update(
            Group(
                _table("Activity", summary.activities, bar),
                Text(""),
                _table("Cool-down length", summary.delays, bar),
            )
        )


def _table(heading: str, results: Sequence[Result], bar: Style) -> Table:
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
    table.add_column(heading, max_width=30, overflow="ellipsis", no_wrap=True)
    table.add_column("Used", justify="right")
    table.add_column("Sidesteps", justify="right")
    table.add_column("Rate", justify="right")
    table.add_column("")
    for result in results:
        filled = round((result.tally.rate or 0.0) * RATE_BAR_WIDTH)
        table.add_row(
            Text(result.label),  # user text: never markup
            str(result.used),
            str(result.tally.sidesteps),
            percent(result.tally.rate),
            Text("█" * filled + "░" * (RATE_BAR_WIDTH - filled), style=bar),
        )
    return table
