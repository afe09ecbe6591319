"""The protocol's order as one table: the app follows it forward, on resume, and when the time comes."""

from __future__ import annotations

from pathlib import Path

from cooldown.session.notifiers import Alert
from cooldown.session.status import Stage
from cooldown.tui.navigator import STEPS, step_for
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.screens.history import HistoryScreen
from cooldown.tui.screens.step import StepScreen
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, visible_text


def test_every_step_names_a_protocol_screen_once() -> None:
    names = [step.name for step in STEPS]
    assert len(set(names)) == len(names)
    for step in STEPS:
        module, name = step.screen.split(":")
        screen_type = getattr(__import__(f"cooldown.tui.screens.{module}", fromlist=[name]), name)
        assert issubclass(screen_type, StepScreen), step.name


def test_each_stage_of_an_open_episode_is_picked_up_by_one_step() -> None:
    assert step_for(Stage.COOLING).name == "cool-down"
    assert step_for(Stage.DUE).name == "outcome"
    assert step_for(Stage.RETURNED).name == "outcome"
    assert step_for(Stage.DONE).name == "done"
    assert step_for(Stage.STATEMENTS) is None  # statement 1 afresh
    for stage in Stage:
        assert sum(stage in step.resumes for step in STEPS) <= 1, stage


async def test_the_app_walks_the_table_in_order(make_app: AppFactory) -> None:
    app = make_app()
    seen = []
    async with app.run_test(size=SIZE) as pilot:
        for key in ("enter", "enter", "1", "enter", "enter", "b", "s", "enter"):
            await pilot.pause()
            seen.append(app.screen.step)
            await pilot.press(key)
        await pilot.pause()
        seen.append(app.screen.step)
    assert seen == [step.name for step in STEPS]


async def test_the_alert_reaches_a_person_reading_the_history(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        clock.advance(minutes=30)
        app.tick()
        await pilot.pause()
        assert app.bells == 1
        assert [n.message for n in app._notifications] == ["It's 18:30: time to go back and talk."]
        app.tick()
        assert app.bells == 1
        await pilot.press("c")  # back to the protocol: the cool-down, saying it is time
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        assert "It's 18:30: time to go back and talk." in flat(visible_text(app))


class Broken:
    name = "broken"

    def alert(self, alert: Alert) -> None:
        raise OSError("no such service")


async def test_a_failing_notifier_never_stops_the_others(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    app.alarm.notifiers.insert(0, Broken())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        clock.advance(minutes=31)
        app.tick()
        await pilot.pause()
        assert app.bells == 1
        assert "It's 18:30: time to go back and talk." in flat(visible_text(app))
        assert [name for name, _ in app.alarm.failures] == ["broken"]
