"""Fights versus sidesteps per week (or month), as paired bars in the theme's colours."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

from cooldown.core.stats import Bar

BLOCKS = " ▁▂▃▄▅▆▇█"
"""Eighths of a cell, for bar tops finer than one row."""
BAR_WIDTH = 2
COLUMN_WIDTH = 2 * BAR_WIDTH + 1
AXIS_WIDTH = 4


class OutcomeChart(Widget):
    """Paired bars: sidesteps (success colour) beside fights (error colour), with a legend."""

    COMPONENT_CLASSES = {"outcome-chart--sidestep", "outcome-chart--fight", "outcome-chart--axis"}

    DEFAULT_CSS = """
    OutcomeChart {
        height: auto;
        width: 100%;
    }
    OutcomeChart > .outcome-chart--sidestep { color: $success; }
    OutcomeChart > .outcome-chart--fight { color: $error; }
    OutcomeChart > .outcome-chart--axis { color: $text-muted; }
    """

    def __init__(self, rows: int = 7, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows
        """Height of the tallest bar, in terminal rows."""
        self.bars: Sequence[Bar] = ()
        self.title = ""

    def show(self, bars: Sequence[Bar], title: str) -> None:
        self.bars = bars
        self.title = title
        self.refresh(layout=True)

    def render(self) -> Text:
        sidestep = self.get_component_rich_style("outcome-chart--sidestep")
        fight = self.get_component_rich_style("outcome-chart--fight")
        axis = self.get_component_rich_style("outcome-chart--axis")
        fits = max(1, (self.size.width - AXIS_WIDTH) // COLUMN_WIDTH) if self.size.width else len(self.bars)
        bars = list(self.bars)[-fits:]  # a narrow terminal shows the most recent bars
        peak = max((max(bar.tally.sidesteps, bar.tally.fights) for bar in bars), default=0)
        text = Text()
        text.append(f"{self.title}\n", style=axis)
        if peak == 0:
            text.append("Nothing recorded in this range yet.", style=axis)
            return text
        for row in range(self.rows, 0, -1):
            label = str(peak) if row == self.rows else ("0" if row == 1 else "")
            text.append(f"{label:>{AXIS_WIDTH - 1}}│", style=axis)
            for bar in bars:
                text.append(_cell(bar.tally.sidesteps, peak, row, self.rows) * BAR_WIDTH, style=sidestep)
                text.append(_cell(bar.tally.fights, peak, row, self.rows) * BAR_WIDTH, style=fight)
                text.append(" ")
            text.append("\n")
        text.append(" " * (AXIS_WIDTH - 1) + "└" + "─" * (COLUMN_WIDTH * len(bars)) + "\n", style=axis)
        text.append(" " * AXIS_WIDTH + _labels(bars) + "\n", style=axis)
        text.append(" " * AXIS_WIDTH)
        text.append("█" * BAR_WIDTH, style=sidestep)
        text.append(" sidesteps   ")
        text.append("█" * BAR_WIDTH, style=fight)
        text.append(" fights")
        return text


def _cell(value: int, peak: int, row: int, rows: int) -> str:
    """The block for `row` (1 = bottom) of a bar of `value` scaled so `peak` fills `rows`."""
    eighths = round(value / peak * rows * 8)
    if value > 0:
        eighths = max(eighths, 1)  # a single episode is never invisible
    filled = eighths - (row - 1) * 8
    return BLOCKS[max(0, min(8, filled))]


def _labels(bars: Sequence[Bar]) -> str:
    """Bar labels under the axis; every other one when they would touch, always the latest."""
    every = 1 if all(len(bar.label) < COLUMN_WIDTH for bar in bars) else 2
    last = len(bars) - 1
    line = ""
    for index, bar in enumerate(bars):
        if (last - index) % every == 0 and len(line) <= index * COLUMN_WIDTH:
            line = line.ljust(index * COLUMN_WIDTH) + bar.label
    return line
