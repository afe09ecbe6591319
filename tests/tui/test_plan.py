"""The calm-time plan screen driven through the real app; every answer lands in config.toml's [plan]."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, Static, Switch

from cooldown.core.plan import NOT_READY, SAFETY
from cooldown.core.settings import Settings
from cooldown.tui.app import CooldownApp
from cooldown.tui.screens.plan import PlanScreen
from cooldown.tui.screens.settings import SettingsScreen
from cooldown.tui.screens.statement import StatementScreen
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, flat, footer_keys, visible_text


@pytest.fixture
def config_path(cooldown_home: Path) -> Path:
    return cooldown_home / "config.toml"


def plan_app(clock: FakeClock, log_path: Path, mode: str = "plan") -> CooldownApp:
    return CooldownApp(clock=clock, log_path=log_path, mode=mode)


def saved(config_path: Path) -> dict:
    return tomllib.loads(config_path.read_text())


def message(app: CooldownApp, field: str) -> str:
    return str(app.screen.query_one(f"#plan-{field}-message", Static).render())


async def type_into(pilot, widget_id: str, text: str, *, enter: bool = True) -> None:
    """Focus a field, replace what is in it, type `text` (and press Enter)."""
    field = pilot.app.screen.query_one(f"#{widget_id}", Input)
    field.focus()
    field.value = ""
    await pilot.press(*text, *(["enter"] if enter else []))
    await pilot.pause()


async def test_the_screen_says_what_it_is_for_and_shows_the_safety_line(clock: FakeClock, log_path: Path) -> None:
    app = plan_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        text = flat(visible_text(app))
        assert "Our time-out plan" in text
        assert "Fill it in together, on a calm day." in text
        assert "Your partner's name" in text and "Our signal: a phrase or gesture either of us can use" in text
        assert flat(SAFETY) in text
        assert footer_keys(app)[:2] == ["esc Back", "^o Printed page"]
        assert "S Settings" not in footer_keys(app)  # the first answer has the keys: S is a letter there


async def test_each_answer_is_saved_on_enter(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    app = plan_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not config_path.exists()  # nothing is written just by looking
        await type_into(pilot, "plan-signal", "Time out")
        assert saved(config_path)["plan"]["signal"] == "Time out"
        await type_into(pilot, "plan-my-place", "the park")
        await type_into(pilot, "plan-partner-place", "the spare room")
        await type_into(pilot, "plan-activity", "make tea")
        await type_into(pilot, "plan-return-sentence", "I'm back. Is now a good time to talk?")
        await type_into(pilot, "plan-agreed-on", "1 December 2026")
        plan = saved(config_path)["plan"]
        assert plan["my_place"] == "the park"
        assert plan["partner_place"] == "the spare room"
        assert plan["activity"] == "make tea"
        assert plan["return_sentence"] == "I'm back. Is now a good time to talk?"
        assert plan["agreed_on"] == "1 December 2026"
        assert plan["not_ready"] == NOT_READY
        assert app.preferences.settings.plan.signal == "Time out"  # in use at once, not only on disk


async def test_leaving_a_field_saves_it_too(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    app = plan_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_into(pilot, "plan-my-place", "  the garden  ", enter=False)
        assert not config_path.exists()  # typing alone saves nothing
        await pilot.press("tab")
        await pilot.pause()
        assert saved(config_path)["plan"]["my_place"] == "the garden"


async def test_the_usual_length_is_checked_kindly(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    app = plan_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_into(pilot, "plan-minutes", "0")
        assert message(app, "minutes") == "At least 1 minute, please."
        assert not config_path.exists()
        await type_into(pilot, "plan-minutes", "5000")
        assert message(app, "minutes") == (
            "At most 1440 minutes (a day): a break longer than that feels like a punishment."
        )
        assert not config_path.exists()
        await type_into(pilot, "plan-minutes", "")
        assert message(app, "minutes").startswith("A whole number of minutes, please")
        await type_into(pilot, "plan-minutes", "45")
        assert message(app, "minutes") == ""
        assert saved(config_path)["plan"]["minutes"] == 45
        await type_into(pilot, "plan-minutes", "10")  # short: kept, with a quiet word
        assert saved(config_path)["plan"]["minutes"] == 10
        assert message(app, "minutes") == "A body usually needs at least 20 minutes to settle, but it's your call."
        assert "4. I'll be back in about 10 minutes" in flat(str(app.screen.query_one("#plan-preview").render()))


async def test_the_no_following_switch_is_saved(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    app = plan_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        switch = app.screen.query_one("#plan-no-following", Switch)
        assert switch.value is True
        switch.focus()
        await pilot.press("space")
        await pilot.pause()
        assert saved(config_path)["plan"]["no_following"] is False
        preview = str(app.screen.query_one("#plan-preview").render())
        assert "neither of us follows" not in preview


async def test_the_partners_name_is_the_settings_one_and_shown_literally(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = plan_app(clock, log_path, mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert "Where my partner goes during a break" in flat(visible_text(app))
        await type_into(pilot, "partner-name", "[b]Sam[/b]")
        assert saved(config_path)["partner_name"] == "[b]Sam[/b]"
        assert "Where [b]Sam[/b] goes during a break" in flat(visible_text(app))
        await pilot.press("escape")  # back to the settings, opened before: its own field shows the new name
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#partner-name", Input).value == "[b]Sam[/b]"


async def test_escape_keeps_the_answer_being_typed(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    app = plan_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_into(pilot, "plan-signal", "Pause, please", enter=False)
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "settings"
        assert saved(config_path)["plan"]["signal"] == "Pause, please"


async def test_the_printed_page_is_one_key_away(clock: FakeClock, log_path: Path) -> None:
    app = plan_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "The page `cooldown plan --print` writes" not in visible_text(app)
        await pilot.press("ctrl+o")  # works while typing, too
        await pilot.pause()
        text = flat(visible_text(app))
        assert "The page `cooldown plan --print` writes" in text
        assert "# Our time-out plan" in text
        app.screen.query_one("#plan-signal", Input).focus()
        await pilot.pause()
        assert "p Printed page" not in footer_keys(app)  # while typing, p is a letter
        await pilot.press("p")
        assert app.screen.query_one("#plan-signal", Input).value == "p"


async def test_settings_open_the_plan_and_it_comes_back_fresh(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = plan_app(clock, log_path, mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")  # the Statements tab: the partner's name is there, and the hint
        await pilot.pause()
        assert "P opens your time-out plan" in flat(visible_text(app))
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "S Settings" not in footer_keys(app)  # typing in the first answer: S is a letter there
        await pilot.press("escape")  # back where it was opened from
        await pilot.pause()
        assert app.current_mode == "settings"
        await type_into(pilot, "partner-name", "Robin")  # changed in Settings ...
        await pilot.press("tab")
        app.set_focus(None)
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert app.screen.query_one("#partner-name", Input).value == "Robin"  # ... and shown in the plan
        assert "Where Robin goes during a break" in flat(visible_text(app))


async def test_the_palette_offers_the_plan(clock: FakeClock, log_path: Path) -> None:
    app = plan_app(clock, log_path, mode="history")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"time-out plan")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)


async def test_the_statements_recall_the_agreed_signal(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text('[plan]\nsignal = "Time out [with] a T"\n', encoding="utf-8")
    app = plan_app(clock, log_path, mode="protocol")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        text = flat(visible_text(app))
        assert "I recognize that I am getting angry." in text
        assert "Our agreed signal: Time out [with] a T" in text
        await pilot.press("enter")
        await pilot.pause()
        assert "I care about the relationship." in flat(visible_text(app))
        assert "Our agreed signal: Time out [with] a T" in flat(visible_text(app))


async def test_without_a_signal_the_statements_are_as_ever(clock: FakeClock, log_path: Path) -> None:
    app = CooldownApp(clock=clock, log_path=log_path, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        assert not app.screen.query("#signal")
        assert "signal" not in visible_text(app)


async def test_the_plan_can_be_written_from_the_plan_screen_and_cool_down_uses_the_signal(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = plan_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_into(pilot, "plan-signal", "Time out")
        app.set_focus(None)
        await pilot.press("c")  # start the statements from here
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        assert "Our agreed signal: Time out" in flat(visible_text(app))
