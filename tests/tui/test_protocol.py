"""The protocol end to end, driven through the real app with Pilot."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Digits, Input

from cooldown.core.episode import Outcome, Status
from cooldown.core.settings import Activity, Settings
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.screens.activity import ActivityScreen
from cooldown.tui.screens.coming_back import ComingBackScreen
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.screens.notice import NoticeScreen
from cooldown.tui.screens.outcome import OutcomeScreen
from cooldown.tui.screens.reflect import ReflectScreen
from cooldown.tui.screens.return_time import ReturnTimeScreen
from cooldown.tui.screens.say_it import SayItScreen
from cooldown.tui.screens.statement import StatementScreen
from cooldown.tui.screens.summary import SummaryScreen
from tests.conftest import BERLIN, FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, footer_keys, visible_text


def stored(log_path: Path) -> list:
    with EpisodeLog(log_path) as log:
        return list(log.episodes())


async def type_return_time(pilot, text: str) -> None:
    field = pilot.app.screen.query_one("#return-time-input", Input)
    field.value = ""
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


async def test_opens_on_statement_one_with_nothing_in_the_way(make_app: AppFactory, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        text = flat(visible_text(app))
        assert "I recognize that I am getting angry." in text
        assert "1 of 4" in text
        assert footer_keys(app)[:2] == ["⏎ Said it, go on", "0-9 Rate anger"]
    assert stored(log_path) == []  # nothing said, nothing recorded


async def test_whole_flow_from_launch_to_saved_outcome(make_app: AppFactory, clock: FakeClock, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "enter")
        await pilot.pause()
        assert "I care about the relationship." in flat(visible_text(app))
        [episode] = stored(log_path)
        assert (episode.anger_before, episode.statement, episode.status) == (7, 1, Status.STATEMENTS)

        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, ActivityScreen)
        text = flat(visible_text(app))
        assert "I am going to withdraw and calm down." in text
        assert "1 Go for a walk" in text and "5 Run errands" in text

        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ReturnTimeScreen)
        assert app.screen.query_one("#return-time-input", Input).value == "18:30"
        assert "I'll be back at 18:30 and we can talk about this then." in flat(visible_text(app))
        assert stored(log_path)[0].activity == "go for a walk"

        await type_return_time(pilot, "7:30")  # at 18:00, "7:30" means 19:30 today
        assert isinstance(app.screen, SayItScreen)
        assert flat(visible_text(app)).count("I'll be back at 19:30") == 1
        assert "I'm going to go for a walk." in flat(visible_text(app))
        [episode] = stored(log_path)
        assert episode.status is Status.COOLING
        assert episode.return_at == datetime(2026, 11, 21, 19, 30, tzinfo=BERLIN)

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        assert app.screen.query_one("#time-left", Digits).value == "1:30"
        assert "Back at 19:30, in 1 h 30 min" in flat(visible_text(app))

        clock.advance(minutes=90)
        app.tick()
        await pilot.pause()
        assert "It's 19:30: time to go back and talk." in flat(visible_text(app))
        assert app.bells == 1
        app.tick()
        assert app.bells == 1  # the bell rings once, not every second

        clock.advance(minutes=5)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ComingBackScreen)
        assert "Is now a good time to talk?" in flat(visible_text(app))
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
        assert stored(log_path)[0].outcome is Outcome.SIDESTEP

        await pilot.press("2", "n", *"tea helped", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        text = flat(visible_text(app))
        assert "What set it off?" in text and "Body 1 heart racing 2 hot face" in text
        await pilot.press("1", "3", "down", "down", "2", "t", *"money", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        noticed = stored(log_path)[0]
        assert noticed.topic == "money"
        assert [(cue.group, cue.name) for cue in noticed.cues] == [
            ("body", "heart racing"),
            ("body", "clenched jaw"),
            ("feelings", "unheard"),
        ]
        assert "1 sidestep this month" in flat(visible_text(app))

    [episode] = stored(log_path)
    assert episode.status is Status.DONE
    assert episode.outcome is Outcome.SIDESTEP
    assert episode.anger_after == 2
    assert episode.note == "tea helped"
    assert episode.returned_at == datetime(2026, 11, 21, 19, 35, tzinfo=BERLIN)
    assert episode.reschedules == 0


async def test_escape_goes_back_one_statement(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1")
        await pilot.pause()
        assert isinstance(app.screen, ReturnTimeScreen)
        for expected in (ActivityScreen, StatementScreen, StatementScreen):
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, expected)
        assert app.screen.number == 1
        await pilot.press("escape")  # nothing before statement 1
        assert isinstance(app.screen, StatementScreen) and app.screen.number == 1


async def test_refused_return_times_keep_the_text_and_say_why(make_app: AppFactory, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "2")
        await pilot.pause()
        for text, message in [
            ("30h", "more than 24 hours away"),
            ("-5m", "in the past"),
            ("7:7x", "couldn't read"),
            ("25:00", "hours go up to 23"),
        ]:
            await type_return_time(pilot, text)
            assert isinstance(app.screen, ReturnTimeScreen)
            assert app.screen.query_one("#return-time-input", Input).value == text
            assert app.screen.query_one("#return-time-input", Input).has_class("-invalid")
            assert message in visible_text(app).replace("\n", " ")
        assert stored(log_path)[0].return_at is None


async def test_a_short_cool_down_warns_gently_but_is_allowed(make_app: AppFactory, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "2")
        await pilot.pause()
        field = app.screen.query_one("#return-time-input", Input)
        field.value = ""
        await pilot.press(*"10m")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Back at 18:10, in 10 min" in text
        assert "at least 20 minutes" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SayItScreen)
    assert stored(log_path)[0].return_at == datetime(2026, 11, 21, 18, 10, tzinfo=BERLIN)


async def test_footer_shows_every_key_of_each_step(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert footer_keys(app) == ["⏎ Said it, go on", "0-9 Rate anger", "^q Quit", "h History", "S Settings"]
        await pilot.press("enter")
        await pilot.pause()
        assert footer_keys(app) == ["⏎ Said it, go on", "esc Back", "^q Quit", "h History", "S Settings"]
        await pilot.press("enter")
        await pilot.pause()
        assert footer_keys(app)[:4] == ["↑↓ ⏎ Choose", "1-9 Pick", "o Something else", "esc Back"]
        await pilot.press("1")
        await pilot.pause()
        assert footer_keys(app)[:2] == ["⏎ Agree this time", "esc Back"]
        await pilot.press("enter")
        await pilot.pause()
        assert footer_keys(app)[:2] == ["⏎ Start cool-down", "esc Back"]
        await pilot.press("enter")
        await pilot.pause()
        assert footer_keys(app) == ["b I'm back", "m More time", "p Breathing", "g Next tip", "? Keys", "^q Quit"]
        await pilot.press("b")
        await pilot.pause()
        assert footer_keys(app)[:3] == ["w We talked", "n Not now", "esc Not back yet"]
        await pilot.press("w")
        await pilot.pause()
        assert footer_keys(app)[:3] == ["s Sidestepped", "f Fight", "esc Not yet"]
        await pilot.press("f")
        await pilot.pause()
        assert footer_keys(app)[:4] == ["0-9 Rate anger", "n Note", "s/f Change", "⏎ Done"]


async def test_own_activity_and_literal_user_text(make_app: AppFactory, log_path: Path) -> None:
    settings = Settings(activities=(Activity(name="[bold]walk[/]", minutes=25),))
    app = make_app(settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert "1 [bold]walk[/] · 25 min" in flat(visible_text(app))
        assert "1-9 Pick" in footer_keys(app)
        await pilot.press("9")  # no ninth activity: nothing happens
        assert isinstance(app.screen, ActivityScreen)

        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")  # empty: a kind message, no crash
        await pilot.pause()
        assert "Type what you'll do" in flat(visible_text(app))
        await pilot.press(*"make [tea", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReturnTimeScreen)
        assert app.screen.query_one("#return-time-input", Input).value == "18:30"
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert "I'm going to make [tea." in flat(visible_text(app))
    assert stored(log_path)[0].activity == "make [tea"


async def test_more_time_moves_the_return_and_counts_a_reschedule(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        await pilot.press("m")
        await pilot.pause()
        assert "More time is fine. You said you'd be back at 18:30." in flat(visible_text(app))
        await type_return_time(pilot, "2000 minutes")
        assert "more than 24 hours away" in flat(visible_text(app))
        await type_return_time(pilot, "19:00")
        assert isinstance(app.screen, CoolDownScreen)
        assert "Back at 19:00, in 1 h" in flat(visible_text(app))
        await pilot.press("m", "escape")  # keep the time
        await pilot.pause()
    [episode] = stored(log_path)
    assert episode.return_at == datetime(2026, 11, 21, 19, 0, tzinfo=BERLIN)
    assert episode.reschedules == 1


async def test_quit_during_cool_down_asks_first(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter", "ctrl+q")
        await pilot.pause()
        assert "keeps running until 18:30" in flat(visible_text(app))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert app.return_code == 0


async def test_closed_mid_cool_down_resumes_to_the_same_return_time(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "3", "enter", "enter")  # exercise, 45 min
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
    # The terminal closed; later the person types cooldown again.
    clock.advance(minutes=20)
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, CoolDownScreen)
        assert again.screen.query_one("#time-left", Digits).value == "25"
        assert "Back at 18:45" in flat(visible_text(again))
        assert "I'm going to exercise." in flat(visible_text(again))


async def test_after_the_return_time_a_new_launch_asks_for_the_outcome_first(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
    clock.advance(hours=2)
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, OutcomeScreen)
        assert "Your cool-down ended at 18:30." in flat(visible_text(again))
        await pilot.press("f")
        await pilot.pause()
    [episode] = stored(log_path)
    assert episode.outcome is Outcome.FIGHT
    assert episode.returned_at == clock.now


async def test_left_before_statement_three_is_kept_as_abandoned(make_app: AppFactory, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "enter", "ctrl+q")
        await pilot.pause()
    [episode] = stored(log_path)
    assert (episode.status, episode.anger_before) == (Status.ABANDONED, 4)


async def test_killed_during_statements_is_abandoned_on_next_launch(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "2")  # chose an activity, then the process died
        await pilot.pause()
        app.protocol_run.episode = None  # as if killed: no goodbye write happens
        app.logbook.close()
    assert stored(log_path)[0].status is Status.STATEMENTS
    clock.advance(hours=2)  # recent statements may belong to another open window; these are old now
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, StatementScreen)
    [episode] = stored(log_path)
    assert (episode.status, episode.activity) == (Status.ABANDONED, "put on my headphones")


async def test_protocol_runs_when_the_log_cannot_be_written(
    make_app: AppFactory, clock: FakeClock, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log's folder should be")
    broken = blocker / "episodes.sqlite3"
    app = make_app(path=broken)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        banner = flat(str(app.screen.query_one("#problem").render()))
        assert banner.startswith("Not saved: the log at")
        assert "a file is in the way where a folder should be" in banner
        assert str(broken) in str(app.screen.query_one("#problem").content)
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        assert app.screen.query_one("#time-left", Digits).value == "30"
        clock.advance(minutes=30)
        app.tick()  # the alarm goes off on the cool-down screen, which shows it
        await pilot.pause()
        assert app.screen.query_one("#problem").display  # still visible, on every step
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "will not be there next time" in flat(visible_text(app))  # no false promise to resume
        await pilot.press("n", "b", "w", "s", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert not app._notifications  # a banner, not a pile of pop-ups


async def test_damaged_log_file_is_reported_with_its_path(make_app: AppFactory, log_path: Path) -> None:
    log_path.parent.mkdir(parents=True)
    log_path.write_bytes(b"this is not a database" * 200)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert str(log_path) in str(app.screen.query_one("#problem").content)
        assert "file is not a database" in str(app.screen.query_one("#problem").content)
        await pilot.press("enter")
        await pilot.pause()
        assert "I care about the relationship." in flat(visible_text(app))
    [moved] = log_path.parent.glob("episodes.sqlite3.damaged-*")  # moved aside whole, never overwritten
    assert moved.read_bytes() == b"this is not a database" * 200


async def test_a_stray_back_key_can_be_undone(make_app: AppFactory, clock: FakeClock, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter", "b")
        await pilot.pause()
        assert isinstance(app.screen, ComingBackScreen)
        assert stored(log_path)[0].status is Status.RETURNED
        await pilot.press("escape")  # not back yet
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        assert app.screen.query_one("#time-left", Digits).value == "30"
    [episode] = stored(log_path)
    assert (episode.status, episode.returned_at) == (Status.COOLING, None)


async def test_resumed_after_coming_back_early_says_when_they_came_back(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        clock.advance(minutes=10)
        await pilot.press("b")
        await pilot.pause()
    clock.advance(minutes=5)
    soon = make_app()
    async with soon.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Coming back" in flat(visible_text(soon))  # back lately: the card again, the talk may be ahead
    clock.advance(hours=2)
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "You came back at 18:10." in flat(visible_text(again))


async def test_quitting_after_the_return_time_promises_the_outcome_question(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        clock.advance(minutes=31)
        app.screen.tick()
        await pilot.press("ctrl+q")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "keeps running" not in text
        assert "it will ask how the talk went" in text


async def test_a_second_window_never_undoes_a_recorded_outcome(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
        second = make_app()  # the same person opens cooldown in another terminal
        async with second.run_test(size=SIZE) as other:
            await other.pause()
            assert isinstance(second.screen, CoolDownScreen)
            await other.press("b", "w", "s", "enter")
            await other.pause()
        assert stored(log_path)[0].outcome is Outcome.SIDESTEP
        await pilot.press("m")  # the first window asks for more time (unless it has followed already)
        await pilot.pause()
        if first.screen.query("#return-time-input"):
            await type_return_time(pilot, "19:00")
            await pilot.pause()
            await pilot.pause()
        assert isinstance(first.screen, SummaryScreen)
    [episode] = stored(log_path)
    assert (episode.outcome, episode.status, episode.reschedules) == (Outcome.SIDESTEP, Status.DONE, 0)


async def test_going_back_from_the_script_reopens_the_time_and_keeps_one_episode(
    make_app: AppFactory, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SayItScreen)
        await pilot.press("escape", "escape", "escape")  # back to statement 2
        await pilot.pause()
        assert stored(log_path)[0].status is Status.STATEMENTS
        await pilot.press("enter", "2", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
    [episode] = stored(log_path)
    assert (episode.status, episode.activity) == (Status.COOLING, "put on my headphones")


async def test_more_time_at_the_maximum_says_there_is_no_later_time(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1")
        await pilot.pause()
        await type_return_time(pilot, "17:55")  # tomorrow, 23 h 55 min away
        await pilot.press("enter", "m")
        await pilot.pause()
        assert "17:55 tomorrow is already as far ahead as a return can be (24 h from now)" in flat(visible_text(app))
        await pilot.press("enter")  # the suggestion can't be later: refused beside the field, nothing changes
        await pilot.pause()
        assert "not after 17:55 tomorrow" in flat(visible_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)


async def test_a_write_failing_mid_way_is_shown_and_nothing_claims_saved(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
        assert not app.screen.query_one("#problem").display
        app.logbook.log.close()  # from here on every write fails, like a full disk
        clock.advance(minutes=30)
        await pilot.press("b")
        await pilot.pause()
        assert "Not saved" in str(app.screen.query_one("#problem").content)
        await pilot.press("w", "s")
        await pilot.pause()
        assert "Saved" not in flat(visible_text(app))
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Saved" not in flat(visible_text(app))
