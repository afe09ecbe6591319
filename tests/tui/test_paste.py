"""Pastes longer than a field holds: the first characters that fit are kept, and a line beside the field says so."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from cooldown.core.cues import TOPIC_LIMIT
from cooldown.core.episode import NOTE_LIMIT
from cooldown.core.plan import FIELD_LIMIT
from cooldown.core.returntime import TEXT_LIMIT
from cooldown.core.settings import NAME_LIMIT
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.app import CooldownApp
from cooldown.tui.screens.activity import ActivityScreen
from cooldown.tui.screens.notice import NoticeScreen
from cooldown.tui.screens.reflect import ReflectScreen
from cooldown.tui.screens.return_time import ReturnTimeScreen
from cooldown.tui.widgets.limited_input import LimitedInput, LimitNote, one_line
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, visible_text

LONG = "".join(f"{n % 10}" if n % 7 else " " for n in range(1, 5001))
"""Five thousand characters: longer than any field holds."""


def stored(log_path: Path) -> list:
    with EpisodeLog(log_path) as log:
        return list(log.episodes())


def kept_line(kept: int) -> str:
    return f"Kept the first {kept} characters; the rest didn't fit"


async def paste(pilot, text: str) -> Input:
    """Paste `text` into the focused field, as a terminal's bracketed paste arrives."""
    field = pilot.app.screen.focused
    assert isinstance(field, Input)
    field.post_message(events.Paste(text))
    await pilot.pause()
    return field


async def to_reflect(pilot) -> None:
    await pilot.press("enter", "enter", "1", "enter", "enter", "b", "w", "s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReflectScreen)


def test_one_line_joins_lines_and_drops_control_characters() -> None:
    assert one_line("tea\r\n\nthen a walk\x1b[31m\tok\n") == "tea then a walk [31m ok"
    assert one_line("\n\n") == ""


async def test_a_long_pasted_note_keeps_what_fits_and_says_so(make_app: AppFactory, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_reflect(pilot)
        await pilot.press("n")
        field = await paste(pilot, LONG)
        assert field.value == LONG[:NOTE_LIMIT]
        assert kept_line(NOTE_LIMIT) in flat(visible_text(app))
        note = app.screen.query_one(LimitNote)
        assert note.region.y > field.region.y  # under the field
        await pilot.press("enter")
        await pilot.pause()
    assert stored(log_path)[0].note == LONG[:NOTE_LIMIT].strip()


async def test_ctrl_v_from_the_clipboard_keeps_what_fits(make_app: AppFactory, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_reflect(pilot)
        await pilot.press("n", *"tea. ")
        app.copy_to_clipboard(LONG)
        await pilot.press("ctrl+v")
        await pilot.pause()
        field = app.screen.query_one("#note", Input)
        assert field.value == "tea. " + LONG[: NOTE_LIMIT - 5]
        assert kept_line(NOTE_LIMIT - 5) in flat(visible_text(app))
        await pilot.press("backspace")  # the next edit: the line goes
        await pilot.pause()
        assert "the rest didn't fit" not in flat(visible_text(app))
        assert not app.screen.query(LimitNote)


async def test_a_paste_that_fits_goes_in_whole_on_one_line(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_reflect(pilot)
        await pilot.press("n")
        field = await paste(pilot, "a walk\nand tea\n")
        assert field.value == "a walk and tea"
        assert not app.screen.query(LimitNote)


async def test_a_full_field_says_nothing_more_fits(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_reflect(pilot)
        await pilot.press("n")
        await paste(pilot, LONG)
        field = await paste(pilot, "more")
        assert field.value == LONG[:NOTE_LIMIT]
        assert f"Nothing more fits here: {NOTE_LIMIT} characters at most." in flat(visible_text(app))
        assert len(app.screen.query(LimitNote)) == 1  # one line, not one per paste


async def test_an_own_activity_pasted_too_long_is_cut_and_used(make_app: AppFactory, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "o")
        await pilot.pause()
        assert isinstance(app.screen, ActivityScreen)
        field = await paste(pilot, "make tea " * 40)
        assert field.value == ("make tea " * 40)[:NAME_LIMIT]
        assert kept_line(NAME_LIMIT) in flat(visible_text(app))  # in the screen's own message line
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReturnTimeScreen)
    assert stored(log_path)[0].activity == ("make tea " * 40)[:NAME_LIMIT].strip()


async def test_a_huge_pasted_return_time_keeps_what_fits(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1")
        await pilot.pause()
        field = app.screen.query_one("#return-time-input", Input)
        field.value = ""
        field.post_message(events.Paste("9" * 5000))
        await pilot.pause()
        assert field.value == "9" * TEXT_LIMIT
        assert kept_line(TEXT_LIMIT) in flat(visible_text(app))


async def test_what_set_it_off_pasted_too_long(make_app: AppFactory, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_reflect(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("t")
        field = await paste(pilot, "money " * 30)
        assert field.value == ("money " * 30)[:TOPIC_LIMIT]
        assert kept_line(TOPIC_LIMIT) in flat(visible_text(app))
        note = app.screen.query_one(LimitNote)
        assert note.region.y > field.region.y and note.region.x < field.region.x  # under the row, not beside it
        await pilot.press("enter")
        await pilot.pause()
    assert stored(log_path)[0].topic == ("money " * 30)[:TOPIC_LIMIT].strip()


@pytest.fixture
def config_path(cooldown_home: Path) -> Path:
    return cooldown_home / "config.toml"


async def test_a_statement_pasted_too_long_in_settings(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    app = CooldownApp(clock=clock, log_path=log_path, mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        name = app.screen.query_one("#partner-name", LimitedInput)
        name.focus()
        await pilot.pause()
        await paste(pilot, "Sam " * 50)
        assert name.value == ("Sam " * 50)[:80]
        assert kept_line(80) in flat(visible_text(app))
        await pilot.press("enter")
        await pilot.pause()
    assert tomllib.loads(config_path.read_text())["partner_name"] == ("Sam " * 50)[:80].strip()


async def test_a_plan_answer_pasted_too_long(clock: FakeClock, log_path: Path, config_path: Path) -> None:
    app = CooldownApp(clock=clock, log_path=log_path, mode="plan")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        signal = app.screen.query_one("#plan-signal", Input)
        signal.focus()
        await pilot.pause()
        await paste(pilot, LONG)
        assert signal.value == LONG[:FIELD_LIMIT]
        assert kept_line(FIELD_LIMIT) in flat(visible_text(app))
        await pilot.press("enter")
        await pilot.pause()
    assert tomllib.loads(config_path.read_text())["plan"]["signal"] == LONG[:FIELD_LIMIT].strip()


async def test_an_activity_name_pasted_too_long_in_the_rename_dialog(
    clock: FakeClock, log_path: Path, config_path: Path
) -> None:
    app = CooldownApp(clock=clock, log_path=log_path, mode="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        field = app.screen.query_one("#prompt-0", Input)
        field.value = ""
        app.copy_to_clipboard("a long walk " * 20)
        await pilot.press("ctrl+v")
        await pilot.pause()
        assert field.value == ("a long walk " * 20)[:NAME_LIMIT]
        assert kept_line(NAME_LIMIT) in flat(visible_text(app))
        await pilot.press("enter")
        await pilot.pause()
    assert tomllib.loads(config_path.read_text())["activities"][0]["name"] == ("a long walk " * 20)[:NAME_LIMIT].strip()
