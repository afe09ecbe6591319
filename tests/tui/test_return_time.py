"""The return time as typed, pasted and suggested: never a crash, always a kind message beside it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from cooldown.core.returntime import TEXT_LIMIT
from cooldown.core.settings import Activity, Settings
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.screens.return_time import ReturnTimeScreen
from cooldown.tui.screens.say_it import SayItScreen
from tests.conftest import BERLIN, FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, visible_text


def stored_return(log_path: Path) -> datetime | None:
    with EpisodeLog(log_path) as log:
        return next(log.episodes()).return_at


async def agree(pilot, text: str) -> None:
    field = pilot.app.screen.query_one("#return-time-input", Input)
    field.value = ""
    await pilot.press(*text, "enter")
    await pilot.pause()


@pytest.mark.parametrize("hour, minute", [(10, 5), (10, 7), (11, 30), (12, 59)])
async def test_more_time_after_agreeing_23_hours_offers_a_time_it_accepts(
    make_app: AppFactory, clock: FakeClock, log_path: Path, hour: int, minute: int
) -> None:
    clock.now = datetime(2026, 11, 21, hour, minute, tzinfo=BERLIN)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1")
        await pilot.pause()
        await agree(pilot, "23h")
        await pilot.press("enter", "m")
        await pilot.pause()
        await pilot.press("enter")  # the suggestion as it stands
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
    back = stored_return(log_path)
    assert back is not None and timedelta(hours=23) < back - clock.now <= timedelta(hours=24)


@pytest.mark.parametrize(
    "hour, minute, minutes",
    [(13, 0, 1260), (14, 30, 1260), (12, 55, 1380), (10, 30, 1440)],  # back between 10:00 and 12:59 tomorrow
)
async def test_a_long_activity_is_suggested_and_accepted(
    make_app: AppFactory, clock: FakeClock, log_path: Path, hour: int, minute: int, minutes: int
) -> None:
    clock.now = datetime(2026, 11, 21, hour, minute, tzinfo=BERLIN)
    app = make_app(Settings(activities=(Activity(name="sleep on it", minutes=minutes),)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1")
        await pilot.pause()
        assert isinstance(app.screen, ReturnTimeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SayItScreen)
    back = stored_return(log_path)
    assert back is not None and back - clock.now >= timedelta(minutes=min(minutes, 24 * 60 - 5))


async def test_a_huge_paste_is_capped_and_refused_kindly(make_app: AppFactory, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1")
        await pilot.pause()
        field = app.screen.query_one("#return-time-input", Input)
        field.value = ""
        field.post_message(events.Paste("9" * 5000))
        await pilot.pause()
        assert len(field.value) <= TEXT_LIMIT
        field.value = "9" * TEXT_LIMIT  # as long as the field takes: a number, but not a time
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReturnTimeScreen)
        assert field.has_class("-invalid")
        assert "more than 24 hours away" in flat(visible_text(app))
    assert stored_return(log_path) is None
