"""What a new person met in the history: counts that lag, a running cool-down that can't be told apart or
stopped, a table wider than the terminal, cryptic words, and the protocol's words for a damaged log."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from cooldown.alarm.watch import Alarm
from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.app import CooldownApp
from cooldown.tui.dialogs.confirm import ConfirmDialog
from cooldown.tui.dialogs.episode_details import EpisodeDetailsDialog
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.screens.history import HistoryScreen
from cooldown.tui.screens.outcome import OutcomeScreen
from cooldown.tui.screens.statement import StatementScreen
from cooldown.tui.widgets.episode_table import EpisodeTable
from tests.conftest import FakeClock
from tests.tui.conftest import AppFactory, flat, footer_keys, visible_text
from tests.tui.test_history import finished, history_app, seeded, stored

__all__ = ["seeded"]  # the fixture, shared with the history's own tests

SIZES = [(80, 24), (60, 20)]
TO_COOL_DOWN = ("enter", "enter", "1", "enter", "enter")
"""Statement 1 to the running cool-down: go for a walk, back in the 30 minutes offered."""


def epoch(clock: FakeClock):  # noqa: ANN201 - the alarm's own clock: () -> epoch seconds
    return lambda: clock.now.timestamp()


def table_text(app: CooldownApp) -> str:
    table = app.screen.query_one(EpisodeTable)
    return flat(" ".join(str(cell) for key in table.rows for cell in table.get_row(key)))


async def cooling(app: CooldownApp, pilot) -> Episode:  # noqa: ANN001
    await pilot.press(*TO_COOL_DOWN)
    await pilot.pause()
    assert isinstance(app.screen, CoolDownScreen)
    episode = app.protocol_run.episode
    assert episode is not None and episode.return_at is not None
    return episode


async def open_history(pilot) -> None:  # noqa: ANN001
    await pilot.press("h")
    await pilot.pause()
    await pilot.pause()


async def test_the_count_follows_a_delete(clock: FakeClock, log_path: Path, seeded: list[Episode]) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert "5 episodes · f all outcomes" in flat(visible_text(app))
        await pilot.press("enter", "d", "y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = flat(visible_text(app))
        assert "4 episodes · f all outcomes" in text
        assert "5 episodes" not in text
        await pilot.press("f")  # sidesteps: the count is read afresh, and still right
        await pilot.pause()
        assert "2 episodes · f sidesteps" in flat(visible_text(app))
    assert len(stored(log_path)) == 4


async def test_deleting_the_running_cool_down_stops_it_and_its_alarm(
    make_app: AppFactory, clock: FakeClock, log_path: Path, cooldown_home: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        episode = await cooling(app, pilot)
        alarm = Alarm(episode.uid, log_path, cooldown_home / "config.toml", clock=epoch(clock))
        assert alarm.step() is not None  # the background alarm watches it
        await open_history(pilot)
        await pilot.press("e", "enter", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        text = flat(visible_text(app))
        assert "Delete this cool-down?" in text
        assert "It is still running: deleting it stops it and its alert." in text
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "running" not in flat(visible_text(app))
        assert app.protocol_run.episode is None
        assert app._title() is None  # the terminal's title no longer counts down
        started = len(app.alarms_started)  # type: ignore[attr-defined]

        await pilot.press("c")  # back to the protocol: it starts afresh
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen) and app.screen.number == 1
        text = flat(visible_text(app))
        assert "I recognize that I am getting angry." in text
        assert "Back at" not in text

        clock.now = episode.return_at + timedelta(minutes=1)  # the time that was agreed comes, and goes
        for _ in range(35):
            app.tick()
        await pilot.pause()
        assert app.bells == 0  # type: ignore[attr-defined]
        assert not [n for n in app._notifications if "talk" in n.message]
        assert app._title() is None
        assert len(app.alarms_started) == started  # type: ignore[attr-defined]
        assert "time to go back" not in flat(visible_text(app)).lower()
    assert stored(log_path) == []  # nothing written back
    assert alarm.step() is None  # the background alarm stops: its episode is gone from the log
    assert alarm.sent == []


async def test_deleting_a_finished_episode_leaves_the_running_cool_down_alone(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    with EpisodeLog(log_path) as log:
        earlier = log.save(finished(clock.now - timedelta(days=2), Outcome.SIDESTEP))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        episode = await cooling(app, pilot)
        await open_history(pilot)
        await pilot.press("e", "down", "enter", "d")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Delete this episode?" in text and "still running" not in text
        await pilot.press("y")
        await pilot.pause()
        assert app.protocol_run.episode is not None and app.protocol_run.episode.id == episode.id
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
    assert [e.id for e in stored(log_path)] == [episode.id]
    assert earlier.id != episode.id


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "60x20"])
async def test_the_running_cool_down_says_so_and_c_goes_back_to_it(make_app: AppFactory, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        episode = await cooling(app, pilot)
        back = f"{episode.return_at:%H:%M}"
        await open_history(pilot)
        text = flat(visible_text(app))
        assert f"History · running, back at {back}: c goes back to it" in text
        assert "c Back to it" in footer_keys(app)
        await pilot.press("e")
        await pilot.pause()
        assert "unfinished" not in table_text(app)
        table = app.screen.query_one(EpisodeTable)
        cells = {
            str(column.label): str(cell)
            for column, cell in zip(table.columns.values(), table.get_row(str(episode.id)), strict=True)
        }
        assert (cells["When"], cells["Outcome"], cells["Activity"]) == ("today 18:00", "running", "go for a walk")
        assert cells.get("Back at", back) == back  # on a narrow terminal the return times are in the details
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EpisodeDetailsDialog)
        text = flat(visible_text(app))
        assert "The running cool-down on" in text
        assert f"Now running, back at {back}." in text
        assert "c goes back to it" in text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        assert f"Back at {back}" in flat(visible_text(app))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "60x20"])
async def test_the_episode_table_and_the_footer_fit(
    clock: FakeClock, log_path: Path, seeded: list[Episode], size: tuple[int, int]
) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("e")
        await pilot.pause()
        lines = visible_text(app).splitlines()
        header = next(line for line in lines if line.lstrip().startswith("When"))
        for column in ("When", "Outcome", "Anger", "Note"):
            assert column in header, (column, header)
        assert "a note with [brackets]" in visible_text(app) or "a note with" in visible_text(app)
        # The look back's two week keys are left out at 60 columns: "[ Earlier week ] Later week" and the
        # app's own keys need 64.
        tabs = ("o", "w", "k", "left_square_bracket", "e") if size[0] >= 80 else ("o", "w", "e")
        for tab in tabs:
            await pilot.press(tab)
            await pilot.pause()
            footer_fits(app)
        await pilot.press("enter", "d")  # an episode's details, and the question before deleting it
        await pilot.pause()
        footer_fits(app)
        assert "Delete (y)" in flat(visible_text(app)) and "Keep (n, Enter)" in flat(visible_text(app))
        await pilot.press("n")
        await pilot.pause()
        footer_fits(app)


def footer_fits(app: CooldownApp) -> None:
    """Every key the footer holds is on screen in full."""
    footer = flat(visible_text(app).splitlines()[-1])
    keys = footer_keys(app)
    assert keys
    for key in keys:
        assert key in footer, (key, footer)


async def test_came_back_is_named_plainly_and_times_show_their_day(
    clock: FakeClock, log_path: Path, seeded: list[Episode]
) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Came back" in text
        assert " Came " not in text.replace("Came back", "")
        table = app.screen.query_one(EpisodeTable)
        days = [str(table.get_row(str(episode.id))[0]) for episode in reversed(seeded)]
        assert days == ["today 13:00", "Fri 18:00", "Wed 18:00", "12 Nov 18:00", "1 Nov 18:00"]
        await pilot.press("down", "enter")  # yesterday's sidestep
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Planned back at Fri 18:30" in text
        assert "Came back Fri 18:32" in text


async def test_a_cool_down_over_midnight_shows_the_day_it_came_back(clock: FakeClock, log_path: Path) -> None:
    late = clock.now.replace(hour=23, minute=40) - timedelta(days=1)  # Fri 23:40, back Sat 00:10
    with EpisodeLog(log_path) as log:
        episode = log.save(finished(late, Outcome.SIDESTEP))
    app = history_app(clock, log_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        cells = [str(cell) for cell in app.screen.query_one(EpisodeTable).get_row(str(episode.id))]
        assert cells[0] == "Fri 23:40"
        assert "Sat 00:10" in cells and "Sat 00:12" in cells


async def test_the_drop_question_says_what_each_key_does(
    clock: FakeClock, log_path: Path, seeded: list[Episode]
) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "enter", "n")
        await pilot.press(*" edited")
        await pilot.press("escape", "escape")  # leave the note, then close: it asks
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        text = flat(visible_text(app))
        assert "Enter saves" not in text  # Enter here keeps editing
        assert "y drops it. n, Esc or Enter goes back to it." in text
        assert "Keep editing (n, Enter)" in text
        assert "y Drop" in footer_keys(app) and "n Keep editing" in footer_keys(app)
        await pilot.press("enter")  # as it says: back to the episode, the change still there
        await pilot.pause()
        assert isinstance(app.screen, EpisodeDetailsDialog)
        assert app.screen.query_one("#episode-note", Input).value.endswith(" edited")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # drops it
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert not [e for e in stored(log_path) if e.note.endswith(" edited")]


async def test_a_damaged_log_has_the_history_s_own_words(clock: FakeClock, log_path: Path) -> None:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_path.write_bytes(b"not a log at all, " * 40)
    app = history_app(clock, log_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        said = flat(visible_text(app)) + " " + " ".join(n.message for n in app._notifications)
        assert "Not saved" not in said
        assert "statements and the timer" not in said
        assert "Nothing recorded yet." not in said  # it is not that nothing was ever recorded
        moved = next(log_path.parent.glob(f"{log_path.name}.damaged-*"))
        text = flat(visible_text(app))
        assert str(moved) in "".join(text.split())  # where it went, in full (wrapped on screen)
        assert "earlier episodes" in text
        assert "new log" in text
    assert moved.read_bytes() == b"not a log at all, " * 40


async def test_an_unreadable_log_has_the_history_s_own_words(clock: FakeClock, log_path: Path) -> None:
    log_path.mkdir(parents=True)  # a folder where the log should be
    app = history_app(clock, log_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        said = flat(visible_text(app)) + " " + " ".join(n.message for n in app._notifications)
        assert "Not saved" not in said
        assert "statements and the timer" not in said
        text = flat(visible_text(app))
        assert "Your history can't be shown right now." in text
        assert "Move or rename that folder" in text


async def test_a_talk_still_to_say_is_named_and_c_goes_to_it_not_to_statement_1(
    clock: FakeClock, log_path: Path
) -> None:
    """`c` resumes any episode still open, so the footer never promises the four statements then."""
    started = clock.now - timedelta(hours=3)
    episode = Episode.begin(started, anger=6).choose_activity("go for a walk")
    episode = episode.agree_return(started + timedelta(minutes=30), started).come_back(started + timedelta(minutes=30))
    with EpisodeLog(log_path) as log:
        log.save(episode.put_off_talk(clock.now - timedelta(hours=1)))  # the talk was set for 17:00
    app = history_app(clock, log_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "History · how did the talk at 17:00 go? c goes back to it" in flat(visible_text(app))
        assert "c Back to it" in footer_keys(app) and "c Cool down" not in footer_keys(app)
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert "Your talk was set for 17:00." in flat(visible_text(app))
