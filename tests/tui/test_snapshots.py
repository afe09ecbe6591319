"""Snapshots of the key protocol screens at 80x24."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, AppFactory


def test_statement_one(snap_compare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["6"])


def test_activity_choice(snap_compare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["enter", "enter"])


def test_return_time_with_warning(snap_compare, make_app: AppFactory) -> None:
    async def type_short_time(pilot) -> None:
        await pilot.press("enter", "enter", "1", *["backspace"] * 5, *"+15m")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=type_short_time)


def test_cool_down_running(snap_compare, make_app: AppFactory, clock: FakeClock) -> None:
    async def into_cool_down(pilot) -> None:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        clock.advance(minutes=11, seconds=40)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=into_cool_down)


def test_cool_down_time_to_go_back(snap_compare, make_app: AppFactory, clock: FakeClock) -> None:
    async def past_return(pilot) -> None:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        clock.advance(minutes=31)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=past_return)


def test_cool_down_breathing_with_the_halfway_question(snap_compare, make_app: AppFactory, clock: FakeClock) -> None:
    async def halfway(pilot) -> None:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        clock.advance(minutes=15, seconds=2)  # two seconds into an in-breath, at the half
        pilot.app.screen.tick()
        pilot.app.screen.query_one("BreathingGuide").frame()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=halfway)


def test_coming_back_card(snap_compare, make_app: AppFactory, clock: FakeClock) -> None:
    async def back(pilot) -> None:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        clock.advance(minutes=31)
        await pilot.press("b")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=back)
