"""The top of the history: counts per period, streaks, returns on time, typical length."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from cooldown.core.stats import Summary, facts_line
from cooldown.core.wording import percent


class SummaryPanel(Static):
    """Sidesteps, fights and the sidestep rate for this week, this month and all time."""

    DEFAULT_CSS = """
    SummaryPanel {
        height: auto;
        width: auto;
    }
    """

    def show(self, summary: Summary) -> None:
        table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
        table.add_column("")
        for heading in ("This week", "This month", "All time"):
            table.add_column(heading, justify="right")
        periods = (summary.week, summary.month, summary.all_time)
        table.add_row("Sidesteps", *(str(p.sidesteps) for p in periods))
        table.add_row("Fights", *(str(p.fights) for p in periods))
        table.add_row("Sidestep rate", *(percent(p.rate) for p in periods))
        self.update(Group(table, Text(""), Text(facts_line(summary))))
