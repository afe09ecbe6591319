"""The settings screen driven through the real app; every change lands in config.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, Tabs

from cooldown.store.config import load_config
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.app import CooldownApp
from cooldown.tui.screens.activity import ActivityScreen
from cooldown.tui.screens.settings import SettingsScreen
from cooldown.tui.screens.statement import StatementScreen
from cooldown.tui.widgets.activity_editor import ActivityEditor
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, flat, footer_keys, visible_text


@pytest.fixture
def config_path(cooldown_home: Path) -> Path:
    return cooldown_home / "config.toml"


def settings_app(clock: FakeClock, log_path: Path, mode: str = "settings") -> CooldownApp:
    return CooldownApp(clock=clock, log_path=log_path, mode=mode)


def saved(config_path: Path) -> dict:
    return tomllib.loads(config_path.read_text())


def names(config_path: Path) -> list[str]:
    return [activity["name"] for activity in saved(config_path)["activities"]]


def unwrapped(app: CooldownApp) -> str:
    """The screen's text with every space and line break taken out: a long path reads whole however it wraps."""
    return "".join(visible_text(app).split())


def named(app: CooldownApp, path: Path) -> bool:
    """`path` is told to the person: on screen, or in a notification."""
    return str(path) in unwrapped(app) or any(str(path) in n.message for n in app._notifications)


async def test_add_rename_reorder_delete_and_statement_three_follows(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert footer_keys(app)[:4] == ["a Add", "r Rename", "m Minutes", "d Delete"]

        await pilot.press("a", *"make [tea]", "enter", *"15", "enter")  # minutes replace the suggested 30
        await pilot.pause()
        assert names(config_path)[-1] == "make [tea]"
        assert saved(config_path)["activities"][-1]["minutes"] == 15
        assert "6 Make [tea] 15" in flat(visible_text(app))

        await pilot.press("shift+up", "shift+up", "shift+up")  # now third
        await pilot.press("r")
        await pilot.pause()
        rename = app.screen.query_one("#prompt-0", Input)
        rename.value = ""
        await pilot.press(*"breathe slowly", "enter")
        await pilot.pause()
        assert names(config_path)[:4] == ["go for a walk", "put on my headphones", "breathe slowly", "exercise"]

        await pilot.press("down", "d")
        await pilot.pause()
        assert "Delete “exercise” from your activities?" in flat(visible_text(app))
        await pilot.press("y")
        await pilot.pause()
        assert "exercise" not in names(config_path)

        await pilot.press("c")  # start the statements: statement 3 uses the new order and keys
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActivityScreen)
        text = flat(visible_text(app))
        assert "3 Breathe slowly · 15 min" in text
        assert "4 Watch a movie · 2 h" in text
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.query_one("#return-time-input", Input).value == "18:15"


async def test_the_last_activity_cannot_be_deleted(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text('[[activities]]\nname = "walk"\nminutes = 20\n')
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert any("At least one activity" in n.message for n in app._notifications)
        assert app.screen.query_one(ActivityEditor).row_count == 1
    assert names(config_path) == ["walk"]


async def test_default_activity_is_highlighted_in_statement_three(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "space")
        await pilot.pause()
    assert [a.get("default", False) for a in saved(config_path)["activities"]][:3] == [False, False, True]
    again = settings_app(clock, log_path, mode="protocol")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert again.screen.query_one("#activities").highlighted == 2


async def test_limits_are_checked_beside_the_field_and_saved(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        minimum = app.screen.query_one("#minimum-minutes", Input)
        minimum.focus()
        minimum.value = "2000"
        await pilot.press("enter")
        await pilot.pause()
        assert "1440" in str(app.screen.query_one("#minimum-minutes-message").content)
        assert not config_path.exists()  # a refused value is never saved
        minimum.value = "30"
        await pilot.pause()
        assert str(app.screen.query_one("#minimum-minutes-message").content) == ""
        assert not config_path.exists()  # saved on Enter or on leaving the field, not per keystroke
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#bell").focus()
        await pilot.press("enter")
        await pilot.pause()
    data = saved(config_path)
    assert data["cooldown"]["minimum_minutes"] == 30
    assert data["notifications"]["bell"] is False
    assert app.preferences.settings.bell is False


async def test_wording_preview_placeholders_and_reset(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        partner = app.screen.query_one("#partner-name", Input)
        partner.focus()
        partner.value = "Sam"
        await pilot.press("enter")
        care = app.screen.query_one("#care", Input)
        care.focus()
        care.value = "{partner}, I care about us."
        await pilot.pause()
        assert "Sam, I care about us." in str(app.screen.query_one("#script-preview").content)
        await pilot.press("enter")
        come_back = app.screen.query_one("#come-back", Input)
        come_back.focus()
        come_back.value = "Back at {tme}."
        await pilot.press("enter")
        await pilot.pause()
        assert "did you mean {time}" in str(app.screen.query_one("#come-back-message").content)
        assert (
            saved(config_path)["statements"]["come_back"] == "I'll be back at {time} and we can talk about this then."
        )
        care.focus()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert care.value == "I care about the relationship."
    assert saved(config_path)["partner_name"] == "Sam"
    assert saved(config_path)["statements"]["care"] == "I care about the relationship."


async def test_theme_preview_follows_the_cursor_and_enter_keeps_it(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "cooldown-dusk"
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("down")  # cooldown-linen, previewed at once
        await pilot.pause()
        assert app.theme == "cooldown-linen"
        assert not config_path.exists() or "theme" not in saved(config_path)
        await pilot.press("1")  # leaving without choosing puts the chosen theme back
        await pilot.pause()
        assert app.theme == "cooldown-dusk"
        await pilot.press("4", "down", "down", "enter")
        await pilot.pause()
        assert app.theme == "cooldown-sixteen"
    assert saved(config_path)["theme"] == "cooldown-sixteen"
    again = settings_app(clock, log_path, mode="protocol")
    async with again.run_test(size=SIZE):
        assert again.theme == "cooldown-sixteen"


async def test_broken_config_starts_on_defaults_says_why_and_keeps_a_copy(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    broken = (
        'theme = "cooldown-linen"\n[cooldown]\nminimum_minutes = -5\n[[activities]]\nname = "walk"\nminutes = 100000\n'
    )
    config_path.write_text(broken)
    app = settings_app(clock, log_path, mode="protocol")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)  # the protocol starts regardless
        assert named(app, config_path)
        assert app.theme == "cooldown-linen"  # what was fine is kept
        await pilot.press("S")
        await pilot.pause()
        details = flat(str(app.screen.query_one("#settings-file").content))
        assert f"{config_path}: cooldown.minimum_minutes:" in details
        assert "activities[1].minutes" in details
        await pilot.press("a", *"stretch", "enter", "enter")
        await pilot.pause()
    copies = list(config_path.parent.glob("config.toml.broken-*"))
    assert [copy.read_text() for copy in copies] == [broken]
    assert not load_config(config_path).problems
    assert names(config_path)[-1] == "stretch"


async def test_unknown_theme_falls_back_with_a_message(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text('theme = "no-such-theme"\n')
    app = settings_app(clock, log_path, mode="protocol")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "cooldown-dusk"
        assert named(app, config_path)
        await pilot.press("S")
        await pilot.pause()
        assert "“no-such-theme” is not an installed theme" in str(app.screen.query_one("#settings-file").content)


async def test_no_color_is_honoured(clock: FakeClock, log_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = settings_app(clock, log_path, mode="protocol")
    async with app.run_test(size=SIZE):
        assert app.no_color


async def test_opening_settings_changes_nothing_on_disk(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    hand_written = '# mine\ntheme = "cooldown-linen"   # my favourite\n'
    config_path.write_text(hand_written)
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        for tab in ("2", "3", "4", "1"):
            await pilot.press(tab)
            await pilot.pause()
    assert config_path.read_text() == hand_written


async def test_changes_in_one_tab_survive_changes_in_another(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "space", "2")  # default activity, then the limits tab
        await pilot.pause()
        assert isinstance(app.screen.focused, Tabs)  # on the row of tabs: the tab key did not type into a field
        minutes = app.screen.query_one("#default-minutes", Input)
        minutes.focus()
        minutes.value = "25"
        await pilot.press("enter")
        app.set_focus(None)
        await pilot.press("3")
        await pilot.pause()
        partner = app.screen.query_one("#partner-name", Input)
        partner.focus()
        partner.value = "Sam"
        await pilot.press("enter")
        await pilot.pause()
    data = saved(config_path)
    assert data["cooldown"]["default_minutes"] == 25
    assert data["partner_name"] == "Sam"
    assert data["activities"][1].get("default") is True


async def test_a_theme_preview_never_outlives_the_settings_screen(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "down")
        await pilot.pause()
        assert app.theme == "cooldown-linen"
        await pilot.press("h")  # straight to another mode while previewing
        await pilot.pause()
        assert app.theme == "cooldown-dusk"
    assert not config_path.exists()


async def test_a_statement_three_on_screen_keeps_its_own_keys(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = settings_app(clock, log_path, mode="protocol")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")  # statement 3 shows the activities
        await pilot.pause()
        await pilot.press("S", "d", "y", "c")  # delete "go for a walk" meanwhile, come back
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    with EpisodeLog(log_path) as log:
        [episode] = list(log.episodes())
    assert episode.activity == "go for a walk"  # what key 1 showed is what key 1 chose


async def test_adding_a_name_already_there_is_a_kind_message_beside_the_field(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Go for a walk", "enter")  # the name is checked before the minutes
        await pilot.pause()
        name = app.screen.query_one("#prompt-0", Input)
        assert name.value == "Go for a walk"  # what was typed is kept
        assert "“go for a walk” is already one of your activities" in flat(visible_text(app))
        await pilot.press("tab", "enter")  # Enter on the minutes checks the name again
        await pilot.pause()
        assert app.screen.query_one("#prompt-0", Input).value == "Go for a walk"
        name.value = ""
        await pilot.press(*"go for a run", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
    assert names(config_path)[-1] == "go for a run"  # and the app never stopped on the way


async def test_renaming_onto_another_name_is_refused_but_a_new_case_of_its_own_is_fine(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "r")  # "put on my headphones"
        await pilot.pause()
        field = app.screen.query_one("#prompt-0", Input)
        field.value = ""
        await pilot.press(*"  EXERCISE ", "enter")
        await pilot.pause()
        assert "“exercise” is already one of your activities" in flat(visible_text(app))
        assert field.value == "  EXERCISE "
        field.value = ""
        await pilot.press(*"Put on my headphones", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
    assert names(config_path)[1] == "Put on my headphones"


async def test_the_coming_back_card_is_worded_in_settings_and_can_be_put_back(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    from cooldown.core.coming_back import LINES

    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert LINES[1] in flat(visible_text(app))
        first = app.screen.query_one("#card-line-0", Input)
        first.focus()
        first.value = ""
        await pilot.press(*"Breathe out first.", "enter")
        await pilot.pause()
        assert saved(config_path)["return"]["lines"] == ["Breathe out first.", *LINES[1:]]
        assert app.preferences.settings.return_card.shown[0] == "Breathe out first."
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert saved(config_path)["return"]["lines"] == []  # the defaults again
        assert first.value == LINES[0]


async def test_the_header_says_the_file_exists_once_the_first_change_is_saved(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "not created yet" in flat(visible_text(app))
        await pilot.press("down", "space")  # a change: saved at once
        await pilot.pause()
        assert config_path.exists()
        assert f"Savedto{config_path}" in unwrapped(app)
        assert "not created yet" not in flat(visible_text(app))


async def test_after_saving_over_a_broken_file_the_header_says_where_the_old_one_is(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text("[cooldown]\nminimum_minutes = -5\n")
    app = settings_app(clock, log_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert "cooldown.minimum_minutes" in flat(visible_text(app))
        await pilot.press("space")
        await pilot.pause()
        [copy] = config_path.parent.glob("config.toml.broken-*")
        assert "cooldown.minimum_minutes" not in flat(visible_text(app))  # the saved file has no problem left
        assert f"keptas{copy}." in unwrapped(app)
    assert not load_config(config_path).problems


BROKEN_SIX = """\
theme = "no-such-theme"
bell = "loud"
[cooldown]
minimum_minutes = -5
maximum_hours = 99
default_minutes = 0
[[activities]]
name = "walk"
minutes = 100000
"""


@pytest.mark.parametrize("size", [SIZE, (60, 20)])
async def test_every_problem_can_be_read_in_the_settings(
    clock: FakeClock, log_path: Path, config_path: Path, size: tuple[int, int]
) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(BROKEN_SIX)
    app = settings_app(clock, log_path)
    keys = ["cooldown.default_minutes", "cooldown.minimum_minutes", "cooldown.maximum_hours"]
    keys += ["activities[1].minutes", "bell: is not a setting here", "“no-such-theme” is not an installed theme"]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#settings-file-box")
        assert box.size.height >= 7  # room for several problems, not one
        assert "1 Walk" in flat(visible_text(app))  # and the tab below still shows
        seen = flat(visible_text(app))
        await pilot.press("shift+tab", "shift+tab")  # the problems take the focus, to be scrolled
        await pilot.pause()
        assert app.screen.focused is box
        for _ in range(20):
            await pilot.press("down")
            seen += flat(visible_text(app))
        for key in keys:
            assert key in seen


async def test_space_on_the_default_activity_clears_it(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "space")
        await pilot.pause()
        assert "2 Put on my headphones 30 ✓" in flat(visible_text(app))
        await pilot.press("space")
        await pilot.pause()
        assert "✓" not in flat(visible_text(app))
        assert app.preferences.settings.default_activity == 0
        await pilot.press("space")  # and set again
        await pilot.pause()
        assert "2 Put on my headphones 30 ✓" in flat(visible_text(app))
        await pilot.press("space")
        await pilot.pause()
    assert not any(activity.get("default", False) for activity in saved(config_path)["activities"])


async def test_the_theme_kept_now_is_marked_in_the_list(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    app = settings_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "● cooldown-dusk (current)" in text
        assert "cooldown-linen (current)" not in text
        await pilot.press("down", "enter")  # keep cooldown-linen
        await pilot.pause()
        text = flat(visible_text(app))
        assert "● cooldown-linen (current)" in text
        assert "cooldown-dusk (current)" not in text
    assert saved(config_path)["theme"] == "cooldown-linen"
