"""What set it off and the first signs noticed: a topic, and four rows of toggles, one number key per sign."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label

from cooldown.core.cues import CUE_LIMIT, GROUP_TITLES, GROUPS, TOPIC_LIMIT, Cue, Cues
from cooldown.tui.widgets.limited_input import LimitedInput

TITLE_WIDTH = 11


class CueRow(Widget, can_focus=True):
    """One group's signs, each with its number key; the focused row takes the keys."""

    DEFAULT_CSS = """
    CueRow {
        width: 100%;
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    CueRow:focus {
        background: $boost;
        color: $foreground;
    }
    """

    BINDINGS = [
        Binding("1", "toggle(0)", "Mark", key_display="1-9", tooltip="Mark or unmark a sign in this row", id="mark-1"),
        *(
            Binding(
                str(key),
                f"toggle({key - 1})",
                show=False,
                tooltip="Mark or unmark a sign in this row",
                id=f"mark-{key}",
            )
            for key in range(2, CUE_LIMIT + 1)
        ),
    ]

    chosen: reactive[frozenset[int]] = reactive(frozenset, always_update=True)

    @dataclass
    class Changed(Message):
        row: CueRow

    def __init__(self, group: str, names: tuple[str, ...], chosen: set[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.group = group
        self.names = names
        self.set_reactive(CueRow.chosen, frozenset(n for n, name in enumerate(names) if name in chosen))

    def render(self) -> Table:
        """The group's title, then its signs; a sign that doesn't fit starts a new line, under the signs."""
        room = max(20, self.content_region.width - TITLE_WIDTH) if self.content_region.width else 64
        items, used = Text(), 0
        for number, name in enumerate(self.names):
            chosen = number in self.chosen
            label = f"{number + 1} {'✓' if chosen else ' '}{name}"
            if used and used + 2 + len(label) > room:
                items.append("\n")
                used = 0
            elif used:
                items.append("  ")
                used += 2
            items.append(label, style="bold reverse" if chosen else "")
            used += len(label)
        grid = Table.grid()
        grid.add_column(width=TITLE_WIDTH, no_wrap=True)
        grid.add_column()
        grid.add_row(Text(GROUP_TITLES[self.group], style="bold"), items)
        return grid

    def action_toggle(self, number: int) -> None:
        if number >= len(self.names):
            return
        self.chosen = self.chosen ^ {number}
        self.post_message(self.Changed(self))

    @property
    def cues(self) -> tuple[Cue, ...]:
        return tuple(Cue(group=self.group, name=self.names[n]) for n in sorted(self.chosen))  # type: ignore[arg-type]


class CueChooser(Vertical):
    """The topic ("what set it off?", suggested from earlier episodes) and the four rows of first signs."""

    DEFAULT_CSS = """
    CueChooser {
        width: 100%;
        height: auto;
    }
    CueChooser #topic-line {
        height: auto;
        margin-bottom: 1;
    }
    CueChooser #topic-label {
        width: auto;
        padding: 1 1 0 1;
    }
    CueChooser #topic {
        width: 1fr;
    }
    CueChooser #signs-label {
        width: 100%;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(
        self,
        cues: Cues,
        topics: tuple[str, ...],
        *,
        topic: str = "",
        chosen: tuple[Cue, ...] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._cues = cues
        self._topics = topics
        self._topic = topic
        self._chosen = chosen

    def compose(self) -> ComposeResult:
        suggester = SuggestFromList(self._topics, case_sensitive=False) if self._topics else None
        with Horizontal(id="topic-line"):
            yield Label("What set it off?", id="topic-label")
            placeholder = ", ".join(self._topics[:3]) if self._topics else "money, chores, plans, family …"
            yield LimitedInput(
                self._topic, placeholder=placeholder, suggester=suggester, max_length=TOPIC_LIMIT, id="topic"
            )
        if any(self._cues.group(group) for group in GROUPS):
            yield Label("What did you notice first?", id="signs-label")
        for group in GROUPS:
            names = self._cues.group(group)
            if names:
                chosen = {cue.name for cue in self._chosen if cue.group == group}
                yield CueRow(group, names, chosen, id=f"cues-{group}")

    @property
    def topic(self) -> str:
        return self.query_one("#topic", Input).value.strip()

    @property
    def cues(self) -> tuple[Cue, ...]:
        chosen = tuple(cue for row in self.query(CueRow) for cue in row.cues)
        kept = {(cue.group, cue.name) for cue in chosen}
        # Signs chosen once but no longer offered (the lists were edited since) are kept as they were.
        offered = {(row.group, name) for row in self.query(CueRow) for name in row.names}
        earlier = tuple(c for c in self._chosen if (c.group, c.name) not in offered and (c.group, c.name) not in kept)
        return chosen + earlier

    def move(self, by: int) -> None:
        """Focus the row `by` rows up or down (from the topic, the first row); the rows go round."""
        rows = list(self.query(CueRow))
        if not rows:
            return
        focused = self.screen.focused
        at = rows.index(focused) if focused in rows else -1 if by > 0 else 0
        rows[(at + by) % len(rows)].focus()

    def first_row(self) -> CueRow | None:
        rows = self.query(CueRow)
        return rows.first() if rows else None
