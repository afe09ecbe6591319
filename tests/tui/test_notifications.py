"""The alerts of the open app beyond the bell: the person's command, the title, and the truthful quit words."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from cooldown.core.settings import Settings
from cooldown.tui.screens.cooldown import CoolDownScreen
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, visible_text

RECORDER = "import os, sys\nopen(sys.argv[1], 'a').write(os.environ['COOLDOWN_MESSAGE'] + '\\n')\n"


async def cooling(pilot) -> None:
    await pilot.press("enter", "enter", "1", "enter", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CoolDownScreen)


def settings(**notifications: object) -> Settings:
    return Settings.model_validate({"notifications": {"desktop": False, **notifications}})


async def test_the_open_app_runs_the_command_once_at_the_return_time(
    make_app: AppFactory, clock: FakeClock, tmp_path: Path
) -> None:
    recorder, runs = tmp_path / "recorder.py", tmp_path / "runs.txt"
    recorder.write_text(RECORDER, encoding="utf-8")
    app = make_app(settings(command=[sys.executable, str(recorder), str(runs)]))
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        assert app.protocol_run.episode.uid in app.alarms_started  # the background alarm was asked for
        clock.advance(minutes=30)
        app.tick()
        app.tick()
        deadline = time.monotonic() + 10
        while not runs.exists() and time.monotonic() < deadline:
            await pilot.pause(0.1)
        await pilot.pause(0.5)
    assert runs.read_text(encoding="utf-8") == "It's 18:30: time to go back and talk.\n"
    assert app.bells == 1


async def test_the_title_shows_the_time_left_and_then_the_time_to_go_back(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(settings())
    async with app.run_test(size=SIZE) as pilot:
        assert app._title() is None  # statement 1: nothing promised yet
        await cooling(pilot)
        assert app._title() == "cooldown 30 · back at 18:30"
        clock.advance(minutes=30)
        assert app._title() == "cooldown: time to go back (18:30)"


async def test_quitting_says_what_will_alert_after_leaving(make_app: AppFactory, tmp_path: Path) -> None:
    program = tmp_path / "phone-alert"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o700)
    app = make_app(settings(command=[str(program), "--loud"]))
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Your cool-down keeps running until 18:30. Your command (phone-alert) runs at 18:30." in text


async def test_quitting_with_nothing_to_alert_says_so(make_app: AppFactory) -> None:
    app = make_app(settings())
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Nothing will alert you once cooldown is closed (desktop notifications are off and no" in text


async def test_where_no_alarm_can_run_the_alert_comes_only_while_open(clock: FakeClock, log_path: Path) -> None:
    from cooldown.tui.app import CooldownApp

    app = CooldownApp(
        clock=clock, log_path=log_path, settings=settings(command=["ntfy"]), start_alarm=lambda uid: False
    )
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Nothing can alert you here once cooldown is closed, so keep it open or come back by 18:30." in text


async def test_quitting_with_a_command_that_cant_be_found_says_so(make_app: AppFactory) -> None:
    app = make_app(settings(command=["no-such-program-for-cooldown"]))
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "desktop notifications are off and your command can't be found" in flat(visible_text(app))


async def test_back_from_a_shell_is_followed_by_the_open_app(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    from cooldown.session.back import come_back
    from cooldown.tui.screens.coming_back import ComingBackScreen

    app = make_app(settings())
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        clock.advance(minutes=30)
        app.tick()
        await pilot.pause()
        assert "It's 18:30: time to go back and talk." in flat(visible_text(app))
        assert come_back(log_path, clock=clock).done  # `cooldown back` in another shell
        for _ in range(5):  # within five seconds
            app.tick()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ComingBackScreen)
        assert "changed elsewhere" in " ".join(n.message for n in app._notifications)


async def test_the_next_launch_tells_what_the_alarm_could_not_send(make_app: AppFactory, log_path: Path) -> None:
    from cooldown.alarm import note_problem

    note_problem(log_path, "The alert at 18:30: command failed (“ntfy” was not found on PATH).")
    app = make_app(settings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = " ".join(n.message for n in app._notifications)
    assert "The alert at 18:30: command failed (“ntfy” was not found on PATH)." in messages
    assert "cooldown notify --test" in messages
    again = make_app(settings())
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not again._notifications  # told once
