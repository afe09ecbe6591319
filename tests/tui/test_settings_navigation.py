"""Getting into Settings and out again, and moving around in it, with the keys a person would try."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Switch, Tabs

from cooldown.tui.app import CooldownApp
from cooldown.tui.screens.history import HistoryScreen
from cooldown.tui.screens.plan import PlanScreen
from cooldown.tui.screens.settings import SettingsScreen
from cooldown.tui.screens.statement import StatementScreen
from cooldown.tui.widgets.activity_editor import ActivityEditor
from cooldown.tui.widgets.anger_scale import AngerScale
from cooldown.tui.widgets.theme_picker import ThemePicker
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, flat, footer_keys, visible_text

SMALL = (60, 20)


def app_on(clock: FakeClock, log_path: Path, mode: str = "protocol") -> CooldownApp:
    return CooldownApp(clock=clock, log_path=log_path, mode=mode, start_alarm=lambda uid: True)


def active_tab(app: CooldownApp) -> str:
    return app.screen.query_one("#settings-tabs").active  # type: ignore[attr-defined]


# --- the way back -------------------------------------------------------------


@pytest.mark.parametrize("size", [SIZE, SMALL])
async def test_escape_goes_back_to_statement_one_with_the_rating_kept(
    clock: FakeClock, log_path: Path, size: tuple[int, int]
) -> None:
    app = app_on(clock, log_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("7")  # rated, not yet said
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "esc Back" in footer_keys(app)
        assert "Settings · Esc goes back to the statements" in flat(visible_text(app))  # in sight at any width
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        assert app.screen.number == 1
        assert app.screen.query_one(AngerScale).rating == 7
        assert "I recognize that I am getting angry." in flat(visible_text(app))


async def test_escape_goes_back_to_statement_two_and_on_from_there(clock: FakeClock, log_path: Path) -> None:
    app = app_on(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4", "enter")
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("2", "escape")  # a tab looked at, then back
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        assert app.screen.number == 2
        await pilot.press("enter")
        await pilot.pause()
        assert "I am going to withdraw and calm down." in flat(visible_text(app))
        assert app.protocol_run.episode is not None
        assert app.protocol_run.episode.anger_before == 4


async def test_settings_opened_from_the_history_goes_back_to_the_history(clock: FakeClock, log_path: Path) -> None:
    app = app_on(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "Esc goes back to your history" in flat(visible_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("S")  # the settings screen is built once: it still knows where it came from
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_from_the_statements_to_settings_to_the_plan_and_back_again(clock: FakeClock, log_path: Path) -> None:
    app = app_on(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("6", "S")
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "esc Back" in footer_keys(app)
        await pilot.press("escape")  # the plan goes back to the settings it was opened from
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("escape")  # and the settings to the statement they were opened from
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        assert app.screen.query_one(AngerScale).rating == 6


async def test_settings_opened_first_go_back_to_statement_one(clock: FakeClock, log_path: Path) -> None:
    app = app_on(clock, log_path, mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        assert app.screen.number == 1


# --- fields, Esc and the tab keys --------------------------------------------


async def test_escape_in_a_field_leaves_the_field_and_a_second_escape_leaves_settings(
    clock: FakeClock, log_path: Path, cooldown_home: Path
) -> None:
    app = app_on(clock, log_path, mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "tab")
        await pilot.pause()
        field = app.screen.focused
        assert isinstance(field, Input) and field.id == "default-minutes"
        assert "esc Done" in footer_keys(app)
        await pilot.press("backspace", "backspace", *"25", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)  # still here: only the field was left
        assert not isinstance(app.screen.focused, Input)
        assert app.preferences.settings.cooldown.default_minutes == 25  # leaving a field keeps what was typed
        assert "default_minutes = 25" in (cooldown_home / "config.toml").read_text()
        assert "esc Back" in footer_keys(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)


async def test_the_tab_keys_switch_tabs_once_a_field_is_left_and_never_type_into_it(
    clock: FakeClock, log_path: Path
) -> None:
    app = app_on(clock, log_path, mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "tab")
        await pilot.pause()
        partner = app.screen.query_one("#partner-name", Input)
        assert app.screen.focused is partner
        await pilot.press(*"Sam", "escape", "2")
        await pilot.pause()
        assert active_tab(app) == "tab-limits"
        assert partner.value == "Sam"  # the 2 switched the tab: it was not typed
        assert app.preferences.settings.partner_name == "Sam"
        for key, tab in (("4", "tab-theme"), ("5", "tab-return"), ("1", "tab-activities")):
            await pilot.press(key)
            await pilot.pause()
            assert active_tab(app) == tab
        assert app.screen.query_one("#default-minutes", Input).value == "30"


@pytest.mark.parametrize(
    ("tab", "first"),
    [("2", "default-minutes"), ("3", "partner-name"), ("5", "card-line-0")],
)
async def test_the_first_tab_press_lands_on_the_tabs_first_field(
    clock: FakeClock, log_path: Path, tab: str, first: str
) -> None:
    app = app_on(clock, log_path, mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(tab)
        await pilot.pause()
        assert isinstance(app.screen.focused, Tabs)  # on the row of tabs: the number keys still switch
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.focused is not None and app.screen.focused.id == first
        await pilot.press("shift+tab")
        await pilot.pause()
        assert isinstance(app.screen.focused, Tabs)


async def test_tab_moves_through_the_limits_in_order_and_escape_leaves_the_switch_too(
    clock: FakeClock, log_path: Path
) -> None:
    app = app_on(clock, log_path, mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        order = []
        for _ in range(4):
            await pilot.press("tab")
            await pilot.pause()
            assert app.screen.focused is not None
            order.append(app.screen.focused.id)
        assert order == ["default-minutes", "minimum-minutes", "maximum-hours", "bell"]
        assert isinstance(app.screen.focused, Switch)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert isinstance(app.screen.focused, Tabs)


async def test_the_lists_keep_their_focus_and_tab_never_stops_on_the_file_line(
    clock: FakeClock, log_path: Path
) -> None:
    app = app_on(clock, log_path, mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen.focused, ActivityEditor)
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.screen.focused, Tabs)  # not the "Saved to" line above the tabs
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.screen.focused, ActivityEditor)
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen.focused, ThemePicker)
