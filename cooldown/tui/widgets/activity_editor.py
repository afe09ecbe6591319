"""The activities of statement 3: add, rename, change minutes, delete, reorder, mark the default."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from cooldown.core.settings import ACTIVITY_LIMIT, NAME_LIMIT, Activity

Change = Callable[[tuple[Activity, ...], int], None]
"""Called with the new list and the row to keep the cursor on."""


class ActivityEditor(DataTable[Text]):
    """One row per activity, in the order of their number keys in statement 3."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Add an activity", id="activity-add"),
        Binding("r", "rename", "Rename", tooltip="Rename the highlighted activity", id="activity-rename"),
        Binding("m", "minutes", "Minutes", tooltip="Change its usual length", id="activity-minutes"),
        Binding("d", "delete", "Delete", tooltip="Delete it (asks first)", id="activity-delete"),
        Binding("shift+up", "move(-1)", "Move", key_display="⇧↑/⇧↓", tooltip="Move it up or down", id="activity-up"),
        Binding("shift+down", "move(1)", "Move down", show=False, tooltip="Move it down", id="activity-down"),
        Binding("space", "make_default", "Default", tooltip="Highlight it first in statement 3", id="activity-default"),
    ]

    def __init__(self, activities: tuple[Activity, ...], on_change: Change, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.activities = activities
        self._on_change = on_change

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
        self._on_change(tuple(activities), row)

    def action_add(self) -> None:
        from cooldown.tui.dialogs.prompt import Field, PromptDialog, check_minutes, check_name

        if len(self.activities) >= ACTIVITY_LIMIT:
            self.notify(f"There is room for {ACTIVITY_LIMIT} activities: delete one first.", markup=False)
            return

        def added(values: list[str] | None) -> None:
            if values:
                name, minutes = values
                self._change([*self.activities, Activity(name=name, minutes=int(minutes))], len(self.activities))

        self.app.push_screen(
            PromptDialog(
                "Add an activity",
                Field("What will you do? It follows “I'm going to”.", check=check_name, limit=NAME_LIMIT),
                Field("Usually for how many minutes?", "30", check=check_minutes, limit=7),
            ),
            added,
        )

    def action_rename(self) -> None:
        from cooldown.tui.dialogs.prompt import Field, PromptDialog, check_name

        row = self.current
        activity = self.activities[row]

        def renamed(values: list[str] | None) -> None:
            if values:
                self._replace(row, Activity.model_validate({**activity.model_dump(), "name": values[0]}))

        field = Field("New name (it follows “I'm going to”):", activity.name, check_name, NAME_LIMIT)
        self.app.push_screen(PromptDialog(f"Rename “{activity.name}”", field), renamed)

    def action_minutes(self) -> None:
        from cooldown.tui.dialogs.prompt import Field, PromptDialog, check_minutes

        row = self.current
        activity = self.activities[row]

        def changed(values: list[str] | None) -> None:
            if values:
                self._replace(row, Activity.model_validate({**activity.model_dump(), "minutes": int(values[0])}))

        field = Field("Usually for how many minutes?", str(activity.minutes), check_minutes, 7)
        self.app.push_screen(PromptDialog(f"Minutes for “{activity.name}”", field), changed)

    def action_delete(self) -> None:
        from cooldown.tui.dialogs.confirm import ConfirmDialog

        row = self.current
        activity = self.activities[row]
        if len(self.activities) == 1:
            self.notify("At least one activity has to stay: add another one first.", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._change([a for n, a in enumerate(self.activities) if n != row], row)

        body = f"Delete “{activity.name}” from your activities? Past episodes keep it."
        self.app.push_screen(ConfirmDialog("Delete this activity?", body, yes="Delete", no="Keep"), answered)

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

    def _replace(self, row: int, activity: Activity) -> None:
        self._change([activity if n == row else a for n, a in enumerate(self.activities)], row)
