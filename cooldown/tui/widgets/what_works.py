"""What works: which activities, lengths and first signs go with sidesteps, and the promise kept."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from cooldown.core.insights import Effect, Ledger, effect_line, more_time_words
from cooldown.core.stats import Result, Summary
from cooldown.core.wording import half_up, percent, plural, points

RATE_BAR_WIDTH = 10


class WhatWorks(Static):
    """What helps most: per activity (sidesteps, the anger's fall, returns on time), what sets it off,
    the first signs, the cool-down lengths, and the promise ledger of the last 12 weeks."""

    COMPONENT_CLASSES = {"what-works--bar", "what-works--muted"}

    DEFAULT_CSS = """
    WhatWorks {
        height: auto;
        width: auto;
    }
    WhatWorks > .what-works--bar { color: $success; }
    WhatWorks > .what-works--muted { color: $text-muted; }
    """

    def show_empty(self) -> None:
        self.update(Text("Once a few cool-downs have an outcome, this shows what helps you most."))

    def show(self, summary: Summary) -> None:
        if not summary.effects and not summary.delays and not summary.topics and not summary.cues:
            self.show_empty()
            return
        bar = self.get_component_rich_style("what-works--bar")
        muted = self.get_component_rich_style("what-works--muted")
        parts: list[RenderableType] = []
        if summary.effects:
            parts += [_effects_table(summary.effects, bar, muted), Text("")]
        for heading, found in (("What sets it off", summary.topics), ("First signs you noticed", summary.cues)):
            if found:
                parts += [_lines(heading, found, muted), Text("")]
        if summary.delays:
            parts += [_table("Cool-down length", summary.delays, bar), Text("")]
        if summary.ledger is not None and not summary.ledger.empty:
            parts.append(_ledger(summary.ledger, bar, muted))
        self.update(Group(*parts))


def _effects_table(effects: Sequence[Effect], bar: Style, muted: Style) -> Table:
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
    table.add_column("Activity", max_width=28, overflow="ellipsis", no_wrap=True)
    table.add_column("Times", justify="right")
    table.add_column("Sidesteps", justify="right", min_width=15, no_wrap=True)  # room for "too few to tell"
    table.add_column("Anger fell", justify="right")
    table.add_column("On time", justify="right")
    for effect in effects:
        if not effect.enough:
            table.add_row(Text(effect.label), str(effect.used), Text("too few to tell", style=muted), "", "")
            continue
        drop = effect.anger_drop
        table.add_row(
            Text(effect.label),  # user text: never markup
            str(effect.used),
            Text(percent(effect.tally.rate), style=bar),
            "–" if drop is None else points(drop),  # points on the 0-9 scale, before less after
            percent(effect.on_time_rate),
        )
    return table


def _lines(heading: str, found: Sequence[Effect], muted: Style, most: int = 6) -> Group:
    lines: list[RenderableType] = [Text(heading, style="bold")]
    for effect in found[:most]:
        lines.append(Text(f"  {effect_line(effect)}"))
    if len(found) > most:
        lines.append(Text(f"  and {len(found) - most} more", style=muted))
    return Group(*lines)


def _ledger(ledger: Ledger, bar: Style, muted: Style) -> Group:
    """On time, week by week: one cell a week (█ all on time, ▒ some, ░ none, · no cool-down)."""
    cells = Text()
    for week in ledger.weeks:
        if not week.returned:
            cells.append("·", style=muted)
        elif week.on_time == week.returned:
            cells.append("█", style=bar)
        elif week.on_time:
            cells.append("▒", style=bar)
        else:
            cells.append("░", style=bar)
    rate = ledger.on_time_rate
    words = [
        f"back on time {ledger.on_time} of {ledger.returned}" + (f" ({percent(rate)})" if rate is not None else ""),
        more_time_words(ledger),
        f"{plural(ledger.talks_put_off, 'talk')} put off" if ledger.talks_put_off else "",
    ]
    return Group(
        Text("Your promise to come back, last 12 weeks", style="bold"),
        Text.assemble("  ", cells, ("  a cell a week: █ all on time, ▒ some, ░ none, · no cool-down", muted)),
        Text("  " + " · ".join(word for word in words if word)),
    )


def _table(heading: str, results: Sequence[Result], bar: Style) -> Table:
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
    table.add_column(heading, max_width=30, overflow="ellipsis", no_wrap=True)
    table.add_column("Used", justify="right")
    table.add_column("Sidesteps", justify="right")
    table.add_column("Rate", justify="right")
    table.add_column("")
    for result in results:
        filled = int(half_up((result.tally.rate or 0.0) * RATE_BAR_WIDTH))
        table.add_row(
            Text(result.label),  # user text: never markup
            str(result.used),
            str(result.tally.sidesteps),
            percent(result.tally.rate),
            Text("█" * filled + "░" * (RATE_BAR_WIDTH - filled), style=bar),
        )
    return table
