"""From 40x12 to 250x80, and resized mid-way: every screen keeps its words and its key to go on in view."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from cooldown.core.episode import Outcome, Status
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.app import CooldownApp
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
from tests.conftest import FakeClock
from tests.tui.conftest import AppFactory, visible_text
from tests.tui.test_history import finished

SIZES = [(40, 12), (80, 24), (250, 80)]
IDS = [f"{width}x{height}" for width, height in SIZES]

WALK = [
    # the screen, words it must show, the footer entry that goes on, the key pressed
    (StatementScreen, "I recognize that I am getting angry.", "Said it, go on", "enter"),
    (StatementScreen, "I care about the relationship.", "Said it, go on", "space"),
    (ActivityScreen, "I am going to withdraw and calm down.", "1-9 Pick", "1"),
    (ReturnTimeScreen, "I'll be back at 18:30 and we can talk about this then.", "Agree this time", "enter"),
    (SayItScreen, "I recognize that I am getting angry.", "Start cool-down", "enter"),
    (CoolDownScreen, "Back at 18:30, in 30 min", "b I'm back", "b"),
    (ComingBackScreen, "Is now a good time to talk?", "w We talked", "w"),
    (OutcomeScreen, "How did the talk go?", "s Sidestepped", "s"),
    (ReflectScreen, "a sidestep. Well done.", "Done", "enter"),
    (NoticeScreen, "What set it off?", "Done", "enter"),
    (SummaryScreen, "Saved.", "Close", "enter"),
]
"""The protocol, one key a screen."""


def read(text: str) -> str:
    """Screen text as read: frames, scrollbars and line breaks out, runs of spaces folded."""
    drawing = {chr(code) for code in range(0x2500, 0x25A0)} | set("▊▎")
    return " ".join("".join(" " if char in drawing else char for char in text).split())


def on_screen(app: CooldownApp) -> tuple[str, str]:
    """(the screen above the footer, the footer row), as read."""
    rows = visible_text(app).split("\n")
    return read("\n".join(rows[:-1])), read(rows[-1])


def stored(log_path: Path) -> list:
    with EpisodeLog(log_path) as log:
        return list(log.episodes())


async def check_step(pilot, step: int) -> None:
    screen_type, words, key_entry, key = WALK[step]
    app = pilot.app
    assert type(app.screen) is screen_type, f"step {step}: {type(app.screen).__name__}"
    body, footer = on_screen(app)
    assert words in body, f"{screen_type.__name__} at {app.size}: {words!r} not in view:\n{visible_text(app)}"
    assert key_entry in footer, f"{screen_type.__name__} at {app.size}: {key_entry!r} not in the footer {footer!r}"
    await pilot.press(key)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_whole_protocol_at_each_size(make_app: AppFactory, log_path: Path, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for step in range(len(WALK)):
            await check_step(pilot, step)
        assert app.return_code == 0  # Enter on the last screen closed the app
    [episode] = stored(log_path)
    assert (episode.status, episode.outcome, episode.activity) == (Status.DONE, Outcome.SIDESTEP, "go for a walk")


async def test_resized_mid_way_and_back(make_app: AppFactory, log_path: Path) -> None:
    sizes = {2: (40, 12), 4: (250, 80), 5: (40, 12), 7: (80, 24), 8: (41, 13), 9: (40, 12), 10: (120, 30)}
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for step in range(len(WALK)):
            if step in sizes:
                await pilot.resize_terminal(*sizes[step])
                await pilot.pause()
                assert app.size == sizes[step]
            await check_step(pilot, step)
    assert stored(log_path)[0].status is Status.DONE


async def test_a_step_hidden_during_a_resize_fits_when_it_is_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActivityScreen)
        await pilot.press("1")
        await pilot.pause()
        await pilot.resize_terminal(40, 12)  # while statement 4 is in front
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ActivityScreen)
        assert app.screen.has_class("-short")
        body, footer = on_screen(app)
        assert "I am going to withdraw and calm down." in body and "1 Go for a walk" in body
        assert "1-9 Pick" in footer


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_alert_and_the_talk_put_off_at_each_size(
    make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
        clock.advance(minutes=31)
        app.tick()
        await pilot.pause()
        body, footer = on_screen(app)
        assert "time to go back and talk" in body
        assert "b I'm back" in footer and "m More time" in footer
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("n")  # not now: a time to talk, asked for beside the card
        await pilot.pause()
        body, footer = on_screen(app)
        assert "Talk at 19:01, in 30 min" in body and "Agree this time" in footer
        await pilot.press("enter")
        await pilot.pause()
        assert "You agreed to talk at 19:01." in on_screen(app)[0]


@pytest.fixture
def seeded(log_path: Path, clock: FakeClock) -> None:
    with EpisodeLog(log_path) as log:
        log.save(finished(clock.now - timedelta(days=9), Outcome.FIGHT, "watch a movie"))
        log.save(finished(clock.now - timedelta(days=1), Outcome.SIDESTEP, "go for a walk", note="tea"))


HISTORY_TABS = [
    ("o", "Overview (o)", "History", "r Weeks/months"),
    ("w", "What works (w)", "Activity", "l Log"),
    ("e", "Episodes (e)", "2 episodes", "l Log"),
    ("k", "Look back (k)", "The last 7 days", "[ Earlier week"),
]
"""A key, the tab it shows, words in it, the tab's first key in the footer."""


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_history_tabs_at_each_size(clock: FakeClock, log_path: Path, seeded: None, size) -> None:
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key, tab, words, first_key in HISTORY_TABS:
            await pilot.press(key)
            await pilot.pause()
            body, footer = on_screen(app)
            assert tab in body and words in body, f"{tab} at {size}:\n{visible_text(app)}"
            assert footer.startswith(first_key)
        await pilot.press("c")  # one key back to the protocol
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        assert "I recognize that I am getting angry." in on_screen(app)[0]


SETTINGS_TABS = [
    ("1", "Activities (1)", "Go for a walk", "a Add"),
    ("2", "Cool-down (2)", "Tab moves to a field", "esc Back"),
    ("3", "Statements (3)", "Tab moves to a statement", "esc Back"),
    ("4", "Theme (4)", "cooldown-dusk", "⏎ Use this theme"),
    ("5", "Coming back (5)", "The card shown when you come back", "esc Back"),
]
"""A key, the tab it shows, words in it, the tab's first key in the footer."""


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_settings_tabs_and_the_plan_at_each_size(clock: FakeClock, log_path: Path, size) -> None:
    app = CooldownApp(clock=clock, log_path=log_path, mode="settings")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key, tab, words, first_key in SETTINGS_TABS:
            await pilot.press(key)
            await pilot.pause()
            body, footer = on_screen(app)
            assert tab in body and words in body, f"{tab} at {size}:\n{visible_text(app)}"
            assert footer.startswith(first_key)
        await pilot.press("3", "P")
        await pilot.pause()
        body, footer = on_screen(app)
        assert "Our time-out plan" in body and "Your partner's name" in body, visible_text(app)
        assert "never for controlling anyone" in body  # the safety line stays, however small
        assert "esc Back" in footer
        await pilot.press("tab")  # on to the signal
        await pilot.pause()
        assert "Our signal" in on_screen(app)[0]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "Fill it in together" in on_screen(app)[0]
