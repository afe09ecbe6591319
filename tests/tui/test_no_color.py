"""NO_COLOR (https://no-color.org): set and not empty, the app adds no colour; themes are kept, not shown."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.filter import Monochrome, NoColor

from cooldown.tui.app import CooldownApp
from cooldown.tui.colour import NO_COLOR_THEME, no_color_asked
from cooldown.tui.screens.settings import SettingsScreen
from cooldown.tui.screens.statement import StatementScreen
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, visible_text


@pytest.fixture
def config_path(cooldown_home: Path) -> Path:
    return cooldown_home / "config.toml"


def filters(app: CooldownApp) -> list[type]:
    return [type(line_filter) for line_filter in app.get_line_filters()]


def palette_titles(app: CooldownApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


@pytest.mark.parametrize(
    ("value", "asked"), [("1", True), ("true", True), ("0", True), ("", False)], ids=["1", "true", "0", "empty"]
)
def test_no_color_is_asked_when_set_and_not_empty(value: str, asked: bool) -> None:
    assert no_color_asked({"NO_COLOR": value}) is asked
    assert no_color_asked({}) is False


async def test_no_color_shows_the_terminals_own_colours(make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.ansi_color is True
        assert app.theme == NO_COLOR_THEME
        assert app.current_theme.ansi
        assert filters(app) == [NoColor]  # every colour out, bold and reverse kept; no greys
        assert isinstance(app.screen, StatementScreen)
        assert "I recognize that I am getting angry." in flat(visible_text(app))
        assert "Theme" not in palette_titles(app)  # no theme to pick while no colour is shown
        await pilot.press("enter")
        await pilot.pause()
        assert "I care about the relationship." in flat(visible_text(app))


async def test_an_empty_no_color_changes_nothing(make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.no_color is False
        assert app.theme == "cooldown-dusk"
        assert Monochrome not in filters(app) and NoColor not in filters(app)
        assert "Theme" in palette_titles(app)


async def test_a_saved_theme_is_kept_but_not_shown_under_no_color(
    clock: FakeClock, log_path: Path, config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text('theme = "cooldown-linen"\n')
    monkeypatch.setenv("NO_COLOR", "1")
    app = CooldownApp(clock=clock, log_path=log_path, mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.theme == NO_COLOR_THEME
        await pilot.press("4")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "NO_COLOR is set, so cooldown shows no colours." in text
        assert "Move to preview a theme" not in text
        await pilot.press("down")  # the picker starts on the kept theme: linen, then sixteen
        await pilot.pause()
        assert app.theme == NO_COLOR_THEME  # no preview
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == NO_COLOR_THEME
        assert filters(app) == [NoColor]
    assert tomllib.loads(config_path.read_text())["theme"] == "cooldown-sixteen"  # kept for when colour is back


async def test_starting_under_no_color_writes_no_theme(
    make_app: AppFactory, config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "yes")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.theme == NO_COLOR_THEME
    assert not config_path.exists()  # the plain theme shown is never saved as the person's choice
