"""The protocol's order as one table: the app follows it forward, on resume, and when the time comes."""

from __future__ import annotations

from pathlib import Path

from textual import events

from cooldown.core.episode import Outcome, Status
from cooldown.session.notifiers import Alert
from cooldown.session.status import Stage
from cooldown.store.episodes import EpisodeLog
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
        for key in ("enter", "enter", "1", "enter", "enter", "b", "w", "s", "enter", "enter"):
            await pilot.pause()
            seen.append(app.screen.step)
            await pilot.press(key)
        await pilot.pause()
        seen.append(app.screen.step)
    assert seen == [step.name for step in STEPS if step.name != "talk-later"]  # "not now" leads there


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


# Moving on: once per key, never over another window's change


async def test_a_quick_second_key_press_never_moves_twice(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(2):  # two presses arriving before the next screen is drawn
            app.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.step == "statement-2"
        assert [screen.step for screen in app.screen_stack] == ["statement-1", "statement-2"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.step == "statement-1"


def second_window(log_path: Path, clock: FakeClock):
    """Another cooldown window on the same log, as the protocol run it holds."""
    from cooldown.core.settings import Settings
    from cooldown.session.logbook import Logbook
    from cooldown.session.preferences import Preferences
    from cooldown.session.protocol import ProtocolRun

    run = ProtocolRun(Logbook(log_path), Preferences(log_path.parent / "none.toml", Settings()), clock)
    assert run.resume() is not None
    return run


async def test_coming_back_after_another_window_recorded_the_outcome_shows_it_done(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
        other = second_window(log_path, clock)
        other.record_outcome(Outcome.SIDESTEP)
        other.logbook.close()
        await pilot.press("b")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.step == "done"
        assert "changed elsewhere (another window, or cooldown back)" in " ".join(n.message for n in app._notifications)


async def test_recording_an_outcome_after_another_window_went_back_to_cooling_follows_it(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        clock.advance(minutes=31)
        await pilot.press("b", "w")
        await pilot.pause()
        assert app.screen.step == "outcome"
        other = second_window(log_path, clock)
        other.keep_cooling()  # "not back yet", in the other window
        other.logbook.close()
        await pilot.press("s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.step in ("cool-down", "outcome")  # never the reflection on a running cool-down
        assert app.screen.step != "reflect"
    with EpisodeLog(log_path) as log:
        [episode] = list(log.episodes())
    assert (episode.status, episode.outcome) == (Status.COOLING, None)


async def test_the_script_is_still_there_after_a_look_at_the_history(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter")
        await pilot.pause()
        assert app.screen.step == "say-it"
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.step == "say-it"
        assert "Read it aloud" in flat(visible_text(app))


async def test_opening_after_the_time_has_passed_asks_quietly(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
    clock.advance(hours=3)
    again = make_app()
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        again.tick()
        await pilot.pause()
        assert again.screen.step == "outcome"
        assert again.bells == 0
        assert not again._notifications


async def test_a_launch_that_resumes_also_lays_old_statements_to_rest(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    from datetime import timedelta

    from cooldown.core.episode import Episode

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
    with EpisodeLog(log_path) as log:  # statements another window left three hours ago
        log.save(Episode.begin(clock.now - timedelta(hours=3)))
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.screen.step == "cool-down"
    with EpisodeLog(log_path) as log:
        statuses = sorted(episode.status for episode in log.episodes())
    assert statuses == [Status.ABANDONED, Status.COOLING]


async def test_quit_while_another_question_is_open_still_asks(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter", "S", "d")  # "Delete this activity?"
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Leave for now?" in flat(visible_text(app))
        assert app.return_code is None  # still running, asking
