"""The activities of statement 3: add, rename, change minutes, delete, reorder, mark the default."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from cooldown.core.settings import Activity

Edit = Literal["add", "rename", "minutes", "delete"]
"""An edit that needs the person to type or confirm something (the screen asks)."""


class ActivityEditor(DataTable[Text]):
    """One row per activity, in the order of their number keys in statement 3.

    Moves and the default are changed here and posted as `Changed`; an edit that
    needs a question (a name, minutes, "delete this?") is posted as `EditWanted`.
    """

    @dataclass
    class Changed(Message):
        """The activities as they should now be, and the row to keep the cursor on."""

        activities: tuple[Activity, ...]
        row: int

    @dataclass
    class EditWanted(Message):
        """The person asked for `edit` on the activity at `row`."""

        edit: Edit
        row: int

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Add an activity", id="activity-add"),
        Binding("r", "rename", "Rename", tooltip="Rename the highlighted activity", id="activity-rename"),
        Binding("m", "minutes", "Minutes", tooltip="Change its usual length", id="activity-minutes"),
        Binding("d", "delete", "Delete", tooltip="Delete it (asks first)", id="activity-delete"),
        Binding("shift+up", "move(-1)", "Move", key_display="⇧↑/⇧↓", tooltip="Move it up or down", id="activity-up"),
        Binding("shift+down", "move(1)", "Move down", show=False, tooltip="Move it down", id="activity-down"),
        Binding("space", "make_default", "Default", tooltip="Highlight it first in statement 3", id="activity-default"),
    ]

    def __init__(self, activities: tuple[Activity, ...], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.activities = activities

    def on_mount(self) -> None:
        self.add_column("Key")
        self.add_column("Activity", width=44)  # long names are cut here, so Minutes and Default stay in view
        self.add_column("Minutes")
        self.add_column("Default")
        self.show(self.activities, 0)

    def show(self, activities: tuple[Activity, ...], row: int) -> None:
        """Show `activities`, updating rows in place, with the cursor on `row`."""
        self.activities = activities
        while self.row_count > len(activities):
            self.remove_row(self.coordinate_to_cell_key(Coordinate(self.row_count - 1, 0)).row_key)
        for number, activity in enumerate(activities, start=1):
            cells = (
                Text(str(number) if number <= 9 else ""),
                Text(activity.label),  # user text: literal
                Text(str(activity.minutes)),
                Text("✓" if activity.default else ""),
            )
            if number <= self.row_count:
                for column, cell in enumerate(cells):
                    self.update_cell_at(Coordinate(number - 1, column), cell)
            else:
                self.add_row(*cells)
        self.move_cursor(row=max(0, min(row, len(activities) - 1)))

    @property
    def current(self) -> int:
        return self.cursor_row

    def _change(self, activities: list[Activity], row: int) -> None:
        self.post_message(self.Changed(tuple(activities), row))

    def _want(self, edit: Edit) -> None:
        self.post_message(self.EditWanted(edit, self.current))

    def action_add(self) -> None:
        self._want("add")

    def action_rename(self) -> None:
        self._want("rename")

    def action_minutes(self) -> None:
        self._want("minutes")

    def action_delete(self) -> None:
        self._want("delete")

    def action_move(self, step: int) -> None:
        row = self.current
        target = row + step
        if not 0 <= target < len(self.activities):
            return
        activities = list(self.activities)
        activities[row], activities[target] = activities[target], activities[row]
        self._change(activities, target)

    def action_make_default(self) -> None:
        row = self.current
        self._change([a.model_copy(update={"default": n == row}) for n, a in enumerate(self.activities)], row)
