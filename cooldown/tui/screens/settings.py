"""Settings, for a calm day: activities, cool-down limits and bell, wording, theme."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static, TabbedContent, TabPane

from cooldown.core.settings import Activity, Settings
from cooldown.tui.widgets.activity_editor import ActivityEditor
from cooldown.tui.widgets.settings_forms import LimitsForm, WordingForm
from cooldown.tui.widgets.theme_picker import ThemePicker

if TYPE_CHECKING:
    from cooldown.tui.app import CooldownApp

TABS = (("tab-activities", "Activities"), ("tab-limits", "Cool-down"), ("tab-wording", "Statements"), ("tab-theme", "Theme"))


class SettingsScreen(Screen[None]):
    """Every change is saved to config.toml at once."""

    BINDINGS = [
        *(
            Binding(str(n), f"show_tab('{tab}')", title, show=False, tooltip=f"Show {title}", id=f"settings-tab-{n}")
            for n, (tab, title) in enumerate(TABS, start=1)
        ),
        Binding("c", "cool_down", "Cool down", show=False, tooltip="Start the four statements now", id="settings-cool-down"),
    ]

    @property
    def cooldown_app(self) -> CooldownApp:
        return cast("CooldownApp", self.app)

    def compose(self) -> ComposeResult:
        app = self.cooldown_app
        settings = self._settings()
        yield Static("Settings", id="settings-title")
        with VerticalScroll(id="settings-file-box"):
            yield Static(app.config_summary(), id="settings-file", markup=False)
        with TabbedContent(initial="tab-activities", id="settings-tabs"):
            with TabPane(f"{TABS[0][1]} (1)", id="tab-activities"):
                yield Static("The number keys of statement 3 follow this order.", classes="settings-hint")
                yield ActivityEditor(settings.activities, self._activities_changed, id="activity-editor")
            with TabPane(f"{TABS[1][1]} (2)", id="tab-limits"):
                yield Static("Tab moves to a field; Enter (or leaving it) saves it.", classes="settings-hint")
                yield LimitsForm(self._settings, app.update_settings, id="limits-form")
            with TabPane(f"{TABS[2][1]} (3)", id="tab-wording"):
                yield Static(
                    "Tab moves to a statement; Enter (or leaving it) saves it; Ctrl+R puts it back to the default. "
                    "The script as it will read is at the bottom.",
                    classes="settings-hint",
                )
                yield WordingForm(self._settings, app.update_settings, id="wording-form")
            with TabPane(f"{TABS[3][1]} (4)", id="tab-theme"):
                yield Static("Move to preview a theme; Enter keeps it.", classes="settings-hint")
                yield ThemePicker(app.theme_names(), app.theme, app.choose_theme, id="theme-picker")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ActivityEditor).focus()

    def _settings(self) -> Settings:
        return self.cooldown_app.flow.settings

    def _activities_changed(self, activities: tuple[Activity, ...], row: int) -> None:
        settings = Settings.model_validate({**self._settings().model_dump(), "activities": activities})
        self.cooldown_app.update_settings(settings)
        self.query_one(ActivityEditor).show(settings.activities, row)

    @on(TabbedContent.TabActivated)
    def _focus_tab(self, event: TabbedContent.TabActivated) -> None:
        """Focus the list of a tab; a form waits for Tab, so the tab keys never type into it."""
        lists = event.pane.query("ActivityEditor, ThemePicker")
        if lists:
            lists.first().focus()
        else:
            self.set_focus(None)

    def on_screen_suspend(self) -> None:
        """Leaving settings (another mode, the palette): a theme being previewed is not kept."""
        self.query_one(ThemePicker).cancel_preview()

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    async def action_cool_down(self) -> None:
        await self.cooldown_app.action_protocol()
