"""The 12-hour clock through the real app: the script, the cool-down, coming back, the outcome, the history.

The app shows times on the clock its settings name, from start-up on: the first
tests hand it settings with `clock = "12h"`, the last ones a config.toml that says
so (or "24h", or nothing, when the locale decides).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from cooldown.core.instant import format_clock, use_clock_style
from cooldown.core.settings import Settings
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.screens.coming_back import ComingBackScreen
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.screens.outcome import OutcomeScreen
from cooldown.tui.screens.return_time import ReturnTimeScreen
from cooldown.tui.screens.say_it import SayItScreen
from cooldown.tui.screens.talk_later import TalkLaterScreen
from tests.conftest import BERLIN, FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, visible_text

SMALL = (60, 20)
TWELVE = Settings(clock="12h")


@pytest.fixture(autouse=True)
def clock_style_restored() -> Iterator[None]:
    """Each test starts on the 24-hour clock, and whatever was in force before is back after it."""
    before = use_clock_style("24h")
    yield
    use_clock_style(before)


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 11, 21, hour, minute, tzinfo=BERLIN)


def stored(log_path: Path):
    with EpisodeLog(log_path) as log:
        [episode] = list(log.episodes())
    return episode


async def to_the_return_time(pilot) -> None:
    """Anger 7 at 18:00, the first two statements said, going for a walk."""
    await pilot.press("7", "enter", "space", "1")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReturnTimeScreen)


async def type_into(pilot, text: str) -> None:
    field = pilot.app.screen.query_one("#return-time-input", Input)
    field.value = ""
    await pilot.press(*text)
    await pilot.pause()


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
async def test_the_script_and_the_cool_down_on_the_twelve_hour_clock(
    make_app: AppFactory, clock: FakeClock, log_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(TWELVE)
    async with app.run_test(size=size) as pilot:
        await to_the_return_time(pilot)
        assert app.screen.query_one("#return-time-input", Input).value == "6:30 pm"  # the suggestion, as said
        await type_into(pilot, "7:30")  # at 18:00, "7:30" means 7:30 pm today
        text = flat(visible_text(app))
        assert "I'll be back at 7:30 pm and we can talk about this then." in text
        assert "19:30" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SayItScreen)
        text = flat(visible_text(app))
        assert text.count("I'll be back at 7:30 pm") == 1
        assert "19:30" not in text

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        text = flat(visible_text(app))
        assert "Back at 7:30 pm, in 1 h 30 min" in text
        assert "19:30" not in text

        clock.advance(minutes=90)
        app.tick()
        await pilot.pause()
        assert "It's 7:30 pm: time to go back and talk." in flat(visible_text(app))
    assert stored(log_path).return_at == at(19, 30)  # only the words change: the time kept is the same


async def test_coming_back_a_talk_put_off_the_outcome_and_the_history(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app(TWELVE)
    async with app.run_test(size=SIZE) as pilot:
        await to_the_return_time(pilot)
        await type_into(pilot, "6:30")
        await pilot.press("enter", "enter")
        await pilot.pause()
        clock.advance(minutes=30)
        app.tick()
        await pilot.press("b", "n")
        await pilot.pause()
        assert isinstance(app.screen, ComingBackScreen)
        await type_into(pilot, "9pm")
        assert "Can we talk at 9:00 pm?" in flat(visible_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TalkLaterScreen)
        text = flat(visible_text(app))
        assert "You agreed to talk at 9:00 pm." in text
        assert "Talk at 9:00 pm, in 2 h 30 min" in text
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Your talk is set for 9:00 pm." in flat(visible_text(app))
        await pilot.press("y")
    assert stored(log_path).talk_at == at(21, 0)

    clock.now = at(23, 0)
    later = make_app(TWELVE)
    async with later.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(later.screen, OutcomeScreen)
        assert "Your talk was set for 9:00 pm. How did it go?" in flat(visible_text(later))
        await pilot.press("f")
        await pilot.pause()

    history = make_app(TWELVE)
    async with history.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h", "e")
        await pilot.pause()
        table = flat(visible_text(history))
        assert "6:00 pm" in table  # when it started
        assert "18:00" not in table
        await pilot.press("enter")
        await pilot.pause()
        details = flat(visible_text(history))
        assert re.search(r"Talk put off to [^:]*9:00 pm", details), details
        assert "6:00 pm" in details and "6:30 pm" in details  # started, planned back
        assert not re.search(r"\b(18|21):\d\d\b", details), details


# From config.toml


async def test_the_app_takes_the_twelve_hour_clock_from_config_toml(make_app: AppFactory, cooldown_home: Path) -> None:
    cooldown_home.mkdir(parents=True, exist_ok=True)
    (cooldown_home / "config.toml").write_text('clock = "12h"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_the_return_time(pilot)
        await type_into(pilot, "7:30")
        assert "I'll be back at 7:30 pm and we can talk about this then." in flat(visible_text(app))
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        assert "Back at 7:30 pm, in 1 h 30 min" in flat(visible_text(app))


async def test_twenty_four_hours_in_config_toml_wins_over_a_twelve_hour_locale(
    make_app: AppFactory, cooldown_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    monkeypatch.setattr("cooldown.clock_style._locale_styles", {})
    monkeypatch.setattr("cooldown.clock_style.locale_time_format", lambda: "%r")  # as en_US says
    cooldown_home.mkdir(parents=True, exist_ok=True)
    (cooldown_home / "config.toml").write_text('clock = "24h"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_the_return_time(pilot)
        await type_into(pilot, "7:30")
        assert "I'll be back at 19:30 and we can talk about this then." in flat(visible_text(app))


async def test_without_the_key_the_locale_decides(make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    monkeypatch.setattr("cooldown.clock_style._locale_styles", {})
    monkeypatch.setattr("cooldown.clock_style.locale_time_format", lambda: "%r")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_the_return_time(pilot)
        await type_into(pilot, "7:30")
        assert "I'll be back at 7:30 pm and we can talk about this then." in flat(visible_text(app))


async def test_the_app_leaves_the_clock_as_it_found_it(make_app: AppFactory) -> None:
    """Once the app has ended, times shown elsewhere in the process are on the clock they were on before."""
    app = make_app(TWELVE)
    async with app.run_test(size=SIZE) as pilot:
        await to_the_return_time(pilot)
    assert format_clock(at(19, 30), at(18, 0)) == "19:30"
