"""Small things that catch an upset person in the protocol screens, each seen as they would see it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from cooldown.store.episodes import EpisodeLog
from cooldown.tui.screens.return_time import ReturnTimeScreen
from cooldown.tui.screens.say_it import SayItScreen
from cooldown.tui.screens.statement import StatementScreen
from cooldown.tui.widgets.statement_card import StatementCard
from tests.conftest import BERLIN, FakeClock
from tests.tui.conftest import AppFactory, flat, visible_text

SIZES = [(80, 24), (60, 20)]
IDS = ["80x24", "60x20"]
BROKEN = 'theme = 5\n[cooldown]\nminimum_minutes = "soon"\n'
"""A config.toml with two settings that cannot be used."""


def rows(app) -> list[str]:
    return visible_text(app).split("\n")


def stored_return(log_path: Path):
    with EpisodeLog(log_path) as log:
        return next(log.episodes()).return_at


async def to_return_time(pilot) -> None:
    await pilot.press("enter", "enter", "1")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReturnTimeScreen)


async def type_time(pilot, text: str) -> None:
    pilot.app.screen.query_one("#return-time-input", Input).value = ""
    await pilot.press(*text)
    await pilot.pause()


# A config file with problems: said quietly, never over the protocol


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_a_broken_config_is_named_without_covering_statement_one(
    make_app: AppFactory, cooldown_home: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(cooldown_home.parent))  # the file is named as ~/home/config.toml
    cooldown_home.mkdir(parents=True, exist_ok=True)
    (cooldown_home / "config.toml").write_text(BROKEN)
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause(0.2)  # time for a toast to be mounted, if one were raised
        assert isinstance(app.screen, StatementScreen)
        screen = rows(app)
        assert not app.screen.query("Toast"), "a notification floats over the protocol"
        body, footer = "\n".join(screen[:-1]), screen[-1]
        for line in (
            "I recognize that I am getting angry.",
            "How angry are you? (optional)",
            "calm  0  1  2  3  4  5  6  7  8  9  furious",
            "Press Enter when you have said it.",
        ):
            assert line in body, f"{line!r} not whole at {size}:\n{visible_text(app)}"
        assert flat(footer).endswith("h History S Settings"), footer
        said = flat(body)
        assert "~/home/config.toml" in said and "defaults stand in" in said
        assert "cooldown config check" in said and "S" in said


async def test_a_good_config_says_nothing_about_settings(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "config check" not in flat(visible_text(app))


# A relative time is fixed when it is agreed: the card says what the preview said


async def test_the_time_agreed_is_the_one_the_preview_showed(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_return_time(pilot)
        clock.advance(seconds=20)  # 18:00:20: "+2m" is 18:02:20, shown as 18:02
        await type_time(pilot, "+2m")
        assert "Back at 18:02, in 2 min" in flat(visible_text(app))
        clock.advance(seconds=20)  # Enter at 18:00:40: read again, "+2m" would round to 18:03
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SayItScreen)
        script = str(app.screen.query_one("#script", StatementCard).render())
        assert "I'll be back at 18:02" in script
        assert "18:03" not in flat(visible_text(app))
    assert stored_return(log_path) == clock.now.replace(minute=2, second=0, tzinfo=BERLIN)


async def test_a_clock_time_that_passed_while_shown_is_read_again_before_it_is_agreed(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_return_time(pilot)
        clock.advance(seconds=50)
        await type_time(pilot, "18:01")
        assert "Back at 18:01, in under a minute" in flat(visible_text(app))
        clock.advance(seconds=20)  # 18:01:10: what was shown is behind us
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReturnTimeScreen), "a time already gone was agreed"
        assert "Back at 18:01 tomorrow" in flat(visible_text(app))
        assert stored_return(log_path) is None


# Clock times out of range: what is wrong, in full


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("25:99", "“25:99” isn't a time: hours go up to 23 and minutes up to 59."),
        ("24:00", "“24:00” isn't a time: hours go up to 23 (midnight is 0:00)."),
        ("7:60", "“7:60” isn't a time: minutes go up to 59."),
        ("at 99", "“at 99” isn't a time: hours go up to 23."),
        ("13:75pm", "“13:75pm” isn't a time: with am or pm, hours go from 1 to 12, and minutes up to 59."),
    ],
)
async def test_a_clock_time_out_of_range_says_all_that_is_wrong(
    make_app: AppFactory, text: str, says: str, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_return_time(pilot)
        await type_time(pilot, text)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReturnTimeScreen)
        assert says in flat(visible_text(app))
    assert stored_return(log_path) is None


async def test_ninety_nine_alone_is_minutes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_return_time(pilot)
        await type_time(pilot, "99")
        said = flat(visible_text(app))
        assert "Back at 19:39, in 1 h 39 min" in said
        assert "did you mean" not in said


# The card grows with the terminal, up to a comfortable reading width


@pytest.mark.parametrize(("width", "card"), [(60, 56), (80, 76), (120, 90), (200, 90)])
async def test_the_script_card_grows_with_the_terminal_up_to_a_reading_width(
    make_app: AppFactory, width: int, card: int
) -> None:
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await to_return_time(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SayItScreen)
        script = app.screen.query_one("#script", StatementCard)
        assert script.outer_size.width == card
        assert script.region.x >= 0 and script.region.right <= width
        if width >= 120:  # each statement on a line of its own, none broken in two
            lines = [line.strip(" │") for line in rows(app)]
            assert "I'll be back at 18:30 and we can talk about this then." in lines


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_every_card_of_the_statements_shares_one_column(make_app: AppFactory, width: int) -> None:
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        widths = []
        for key in ("enter", "enter", "1", "enter"):
            widths.append(app.screen.query_one(StatementCard).outer_size.width)
            await pilot.press(key)
            await pilot.pause()
        widths.append(app.screen.query_one(StatementCard).outer_size.width)
        assert len(set(widths)) == 1, widths


# A bare number from 1 to 12 is minutes, and the preview offers the clock reading


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_a_bare_small_number_offers_the_clock_reading(make_app: AppFactory, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await to_return_time(pilot)
        await type_time(pilot, "7")
        said = flat(visible_text(app))
        assert "Back at 18:07, in 7 min · or did you mean 19:00? Type at 7" in said
        await type_time(pilot, "at 7")
        said = flat(visible_text(app))
        assert "Back at 19:00, in 1 h" in said and "did you mean" not in said
        await type_time(pilot, "13")
        assert "did you mean" not in flat(visible_text(app))


async def test_seven_is_still_agreed_as_seven_minutes(make_app: AppFactory, clock: FakeClock, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_return_time(pilot)
        await type_time(pilot, "7")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SayItScreen)
    assert stored_return(log_path) == clock.now.replace(minute=7)
