"""Settings, for a calm day: activities, cool-down limits and bell, wording, theme."""

from __future__ import annotations

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static, TabbedContent, TabPane, Tabs

from cooldown.core.settings import ACTIVITY_LIMIT, NAME_LIMIT, Activity, Settings
from cooldown.session.preferences import Preferences
from cooldown.tui.colour import NO_COLOR_WORDS
from cooldown.tui.dialogs.prompt import Field, PromptDialog, check_minutes, check_name
from cooldown.tui.screens.breakpoints import FitsHeight
from cooldown.tui.widgets.activity_editor import ActivityEditor
from cooldown.tui.widgets.settings_forms import LimitsForm, ReturnCardForm, SettingsForm, WordingForm, first_problem
from cooldown.tui.widgets.theme_picker import ThemePicker

BACK_TO = {"protocol": "the statements", "history": "your history"}
"""Where Esc goes back to, the mode Settings was opened from (the plan is a page of Settings' own), in words."""
TABS = (
    ("tab-activities", "Activities"),
    ("tab-limits", "Cool-down"),
    ("tab-wording", "Statements"),
    ("tab-theme", "Theme"),
    ("tab-return", "Coming back"),
)


class SettingsScreen(FitsHeight, Screen[None]):
    """Every change is saved to config.toml at once, through the preferences it is handed."""

    DEFAULT_CSS = """
    SettingsScreen {
        #settings-title {
            width: 100%;
            text-align: center;
            text-style: bold;
            color: $text-muted;
        }
        #settings-file-box {
            height: auto;
            max-height: 40%;
        }
        &.-short #settings-title {
            display: none;  /* the footer's "esc Back" says the way back */
        }
        &.-short #settings-file-box {
            max-height: 2;
        }
        #settings-file-box:focus {
            background: $boost;
        }
        #settings-file {
            width: 100%;
            padding: 0 1;
            color: $text-muted;
        }
        #settings-tabs {
            height: 1fr;
        }
        #settings-tabs ContentSwitcher {
            height: 1fr;
        }
        #settings-tabs TabPane {
            height: 100%;
            padding: 0 1;
            overflow-y: auto;
        }
        .settings-hint {
            color: $text-muted;
            margin: 1 0 0 0;
        }
        #activity-editor {
            height: auto;
            max-height: 100%;
            margin-top: 1;
        }
        #theme-picker {
            height: auto;
            max-height: 14;
            margin-top: 1;
        }
        #script-preview {
            padding: 0 1;
            border-left: thick $primary;
        }
    }
    """

    BINDINGS = [
        Binding(
            "escape",
            "leave_field",
            "Done",
            tooltip="Leave this field (what is typed is saved); Esc again leaves Settings",
            id="settings-leave-field",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            tooltip="Back to where you were: the statements, or the history",
            id="settings-back",
        ),
        *(
            Binding(str(n), f"show_tab('{tab}')", title, show=False, tooltip=f"Show {title}", id=f"settings-tab-{n}")
            for n, (tab, title) in enumerate(TABS, start=1)
        ),
        Binding(
            "c",
            "app.protocol",
            "Cool down",
            show=False,
            tooltip="Start the four statements now",
            id="settings-cool-down",
        ),
        Binding(
            "P",
            "app.plan",
            "Plan",
            show=False,  # named in the Statements tab's hint: the footer is full at 80 columns
            tooltip="The time-out plan, agreed together at a calm time",
            id="settings-plan",
        ),
    ]

    def __init__(self, preferences: Preferences, theme_names: list[str], theme: str, *, no_color: bool = False) -> None:
        super().__init__()
        self.preferences = preferences
        self.theme_names = theme_names
        self.theme = theme
        """The theme kept now (the picker starts on it)."""
        self.no_color = no_color
        """NO_COLOR is set: themes are kept but not shown."""
        opened_from = self.app.current_mode  # the screen is built as its mode is first switched to
        self.back_to = opened_from if opened_from in BACK_TO else "protocol"
        """The mode Esc goes back to: the one last shown before Settings."""

    def compose(self) -> ComposeResult:
        settings = self._settings()
        yield Static(self._title(), id="settings-title")
        with VerticalScroll(id="settings-file-box") as box:
            box.can_focus = False  # in the focus order only while there are problems to scroll through
            yield Static(self.preferences.file_summary(), id="settings-file", markup=False)
        with TabbedContent(initial="tab-activities", id="settings-tabs"):
            with TabPane(f"{TABS[0][1]} (1)", id="tab-activities"):
                yield Static("The number keys of statement 3 follow this order.", classes="settings-hint")
                yield ActivityEditor(settings.activities, id="activity-editor")
            with TabPane(f"{TABS[1][1]} (2)", id="tab-limits"):
                yield Static(
                    "Tab moves to a field; Enter (or leaving it) saves it; Esc leaves the field.",
                    classes="settings-hint",
                )
                yield LimitsForm(self._settings, id="limits-form")
            with TabPane(f"{TABS[2][1]} (3)", id="tab-wording"):
                yield Static(
                    "Tab moves to a statement; Enter (or leaving it) saves it; Esc leaves it; "
                    "Ctrl+R puts it back to the default. "
                    "The script as it will read is at the bottom.",
                    classes="settings-hint",
                )
                yield Static(
                    "P opens your time-out plan: the signal, where each goes, the usual length, agreed together.",
                    classes="settings-hint",
                    id="plan-hint",
                )
                yield WordingForm(self._settings, id="wording-form")
            with TabPane(f"{TABS[3][1]} (4)", id="tab-theme"):
                if self.no_color:
                    yield Static(NO_COLOR_WORDS, classes="settings-hint", id="theme-no-color")
                else:
                    yield Static("Move to preview a theme; Enter keeps it.", classes="settings-hint")
                yield ThemePicker(self.theme_names, self.theme, id="theme-picker")
            with TabPane(f"{TABS[4][1]} (5)", id="tab-return"):
                yield Static(
                    "The card shown when you come back, before the talk, one line a field; empty fields are left out. "
                    "Tab moves to a line; Enter (or leaving it) saves; Esc leaves it; Ctrl+R puts the defaults back.",
                    classes="settings-hint",
                )
                yield ReturnCardForm(self._settings, id="return-card-form")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_file_summary()
        self.query_one(ActivityEditor).focus()
        self.app.mode_change_signal.subscribe(self, self._mode_changed, immediate=True)

    def _mode_changed(self, mode: str) -> None:
        if mode in BACK_TO:
            self.back_to = mode
            self.query_one("#settings-title", Static).update(self._title())

    def _title(self) -> str:
        return f"Settings · Esc goes back to {BACK_TO[self.back_to]}"

    def _show_file_summary(self) -> None:
        """Where the settings are saved and what is wrong with them, as it stands after the last save."""
        self.query_one("#settings-file", Static).update(self.preferences.file_summary())
        box = self.query_one("#settings-file-box", VerticalScroll)
        box.can_focus = self.preferences.problem_report() is not None

    def _settings(self) -> Settings:
        return self.preferences.settings

    def _use(self, settings: Settings) -> None:
        """Use and save `settings`; say so if the file could not be written."""
        notice = self.preferences.update(settings)
        self._show_file_summary()
        if notice is not None:
            severity = "error" if notice.error else "information"
            self.notify(notice.text, severity=severity, timeout=12, markup=False)

    @on(SettingsForm.Changed)
    def _form_changed(self, event: SettingsForm.Changed) -> None:
        event.stop()
        self._use(event.settings)

    # Activities

    @on(ActivityEditor.Changed)
    def _activities_changed(self, event: ActivityEditor.Changed) -> None:
        activities = event.activities
        if activities == self._settings().activities and activities[event.row].default:
            # Nothing moved and the row was the default already: Space on the default, which clears it.
            activities = tuple(activity.model_copy(update={"default": False}) for activity in activities)
        self._set_activities(activities, event.row)

    def _set_activities(self, activities: tuple[Activity, ...], row: int) -> bool:
        """Use the new list if the settings allow it; otherwise say why. True if it was used."""
        try:
            settings = Settings.model_validate({**self._settings().model_dump(), "activities": activities})
        except ValidationError as error:
            self.notify(first_problem(error), severity="warning", markup=False)
            return False
        self._use(settings)
        self.query_one(ActivityEditor).show(settings.activities, row)
        return True

    @on(ActivityEditor.EditWanted)
    def _edit_activity(self, event: ActivityEditor.EditWanted) -> None:
        activities = self._settings().activities
        row = min(event.row, len(activities) - 1)
        {"add": self._add, "rename": self._rename, "minutes": self._minutes, "delete": self._delete}[event.edit](
            activities, row
        )

    def _add(self, activities: tuple[Activity, ...], row: int) -> None:
        if len(activities) >= ACTIVITY_LIMIT:
            self.notify(f"There is room for {ACTIVITY_LIMIT} activities: delete one first.", markup=False)
            return

        def added(values: list[str] | None) -> None:
            if values:
                name, minutes = values
                self._set_activities((*activities, Activity(name=name, minutes=int(minutes))), len(activities))

        name = Field("What will you do? It follows “I'm going to”.", check=check_name(activities), limit=NAME_LIMIT)
        minutes = Field("Usually for how many minutes?", "30", check=check_minutes, limit=7)
        self.app.push_screen(PromptDialog("Add an activity", name, minutes), added)

    def _rename(self, activities: tuple[Activity, ...], row: int) -> None:
        activity = activities[row]
        others = [other for n, other in enumerate(activities) if n != row]

        def renamed(values: list[str] | None) -> None:
            if values:
                self._replace(activities, row, {"name": values[0]})

        field = Field("New name (it follows “I'm going to”):", activity.name, check_name(others), NAME_LIMIT)
        self.app.push_screen(PromptDialog(f"Rename “{activity.name}”", field), renamed)

    def _minutes(self, activities: tuple[Activity, ...], row: int) -> None:
        activity = activities[row]

        def changed(values: list[str] | None) -> None:
            if values:
                self._replace(activities, row, {"minutes": int(values[0])})

        field = Field("Usually for how many minutes?", str(activity.minutes), check_minutes, 7)
        self.app.push_screen(PromptDialog(f"Minutes for “{activity.name}”", field), changed)

    def _delete(self, activities: tuple[Activity, ...], row: int) -> None:
        from cooldown.tui.dialogs.confirm import ConfirmDialog

        if len(activities) == 1:
            self.notify("At least one activity has to stay: add another one first.", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._set_activities(tuple(a for n, a in enumerate(activities) if n != row), row)

        body = f"Delete “{activities[row].name}” from your activities? Past episodes keep it."
        self.app.push_screen(ConfirmDialog("Delete this activity?", body, yes="Delete", no="Keep"), answered)

    def _replace(self, activities: tuple[Activity, ...], row: int, changes: dict[str, object]) -> None:
        updated = Activity.model_validate({**activities[row].model_dump(), **changes})
        self._set_activities(tuple(updated if n == row else a for n, a in enumerate(activities)), row)

    # Tabs and themes

    @on(TabbedContent.TabActivated)
    def _focus_tab(self, event: TabbedContent.TabActivated) -> None:
        """Focus the list of a tab, or else the row of tabs: a form waits for Tab, so the tab keys never type into it."""
        self._tab_home(event.pane).focus()

    def _tab_home(self, pane: Widget | None = None) -> Widget:
        """Where a tab keeps the focus while nothing is being typed: its list, or the row of tabs."""
        tabs = self.query_one(TabbedContent)
        pane = pane or tabs.active_pane
        lists = pane.query("ActivityEditor, ThemePicker") if pane is not None else None
        return lists.first() if lists else tabs.query_one(Tabs)

    def _in_field(self) -> bool:
        """A form's field (a text field, the bell's switch) has the focus."""
        focused = self.focused
        return focused is not None and any(isinstance(node, SettingsForm) for node in focused.ancestors)

    def on_screen_resume(self) -> None:
        """Back from the plan (which sets the partner's name too) or the palette (a theme): show them as they stand."""
        super().on_screen_resume()
        partner = self.query_one("#partner-name", Input)
        if partner.value.strip() != self._settings().partner_name:
            partner.value = self._settings().partner_name
        picker = self.query_one(ThemePicker)
        if (kept := self._settings().theme) and kept != picker.chosen:
            picker.mark(kept)
        self._show_file_summary()

    def on_screen_suspend(self) -> None:
        """Leaving settings (another mode, the palette): a theme being previewed is not kept.

        A suspended screen's widgets deliver no messages, so this goes to the app directly.
        """
        self.app.post_message(ThemePicker.Previewed(self.query_one(ThemePicker).chosen))

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    # Esc: out of a field first, then out of Settings

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_field":
            return self._in_field()
        if action == "back":
            return not self._in_field()
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # the footer says what Esc does from here

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def action_leave_field(self) -> None:
        """Leave the field (leaving saves what is usable) for the tab's list or the row of tabs."""
        self._tab_home().focus()

    async def action_back(self) -> None:
        """Back to where Settings was opened: the protocol at the step it was on, or the history."""
        await self.app.run_action(f"app.{self.back_to}")
