"""The return that repairs: more time done right, the coming-back card, a talk put off, the outcome after it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Input

from cooldown.core.coming_back import LINES, QUESTION
from cooldown.core.episode import Outcome, Status
from cooldown.core.settings import Settings
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.dialogs.more_time import MoreTimeDialog
from cooldown.tui.screens.coming_back import ComingBackScreen
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.screens.outcome import OutcomeScreen
from cooldown.tui.screens.reflect import ReflectScreen
from cooldown.tui.screens.talk_later import TalkLaterScreen
from tests.conftest import BERLIN, FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, footer_keys, visible_text


def stored(log_path: Path):
    with EpisodeLog(log_path) as log:
        [episode] = list(log.episodes())
    return episode


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 11, 21, hour, minute, tzinfo=BERLIN)


async def cooling(pilot) -> None:
    """Go for a walk from 18:00, back at 18:30."""
    await pilot.press("enter", "enter", "1", "enter", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CoolDownScreen)


async def type_into(pilot, selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = ""
    await pilot.press(*text)
    await pilot.pause()


# More time


async def test_more_time_shows_the_agreed_time_refuses_an_earlier_one_and_gives_the_words(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        clock.advance(minutes=10)  # 18:10
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MoreTimeDialog)
        text = flat(visible_text(app))
        assert "You said you'd be back at 18:30." in text
        assert "↑ +15 min: 18:45 ↓ +30 min: 19:00" in text
        assert "Say: “I need a little longer. I'll be back at 18:45.”" in text
        for typed, refusal in [("18:20", "That's not after 18:30"), ("18:05", "18:05 has passed already")]:
            await type_into(pilot, "#return-time-input", typed)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MoreTimeDialog), typed
            assert refusal in flat(visible_text(app))
        await pilot.press("down")  # the +30 suggestion
        await pilot.pause()
        assert "Say: “I need a little longer. I'll be back at 19:00.”" in flat(visible_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        assert "Back at 19:00, in 50 min" in flat(visible_text(app))
    episode = stored(log_path)
    assert (episode.return_at, episode.reschedules) == (at(19, 0), 1)
    [move] = episode.moves
    assert (move.at, move.to) == (at(18, 10), at(19, 0))


async def test_at_the_return_time_the_alert_offers_both_ways_on(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        clock.advance(minutes=30)
        app.tick()
        await pilot.pause()
        text = flat(visible_text(app))
        assert "It's 18:30: time to go back and talk." in text
        assert "b I'm back · m I need more time" in text


async def test_one_alert_per_due_time_and_not_back_yet_never_rings_again(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        clock.advance(minutes=30)
        app.tick()
        await pilot.pause()
        assert app.bells == 1
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("escape")  # not back yet
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        app.tick()
        assert app.bells == 1
        await pilot.press("m", "up", "enter")  # 18:45
        await pilot.pause()
        clock.advance(minutes=15)
        app.tick()
        app.tick()
        assert app.bells == 2  # the new time rings once


# The coming-back card


async def test_im_back_shows_the_card_before_any_outcome_question(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        clock.advance(minutes=31)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ComingBackScreen)
        text = flat(visible_text(app))
        for line in LINES:
            assert line in text
        assert f"Ask first: “{QUESTION}”" in text
        assert footer_keys(app)[:3] == ["w We talked", "n Not now", "esc Not back yet"]
        episode = stored(log_path)
        assert (episode.status, episode.outcome, episode.returned_at) == (Status.RETURNED, None, clock.now)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert "How did the talk go?" in flat(visible_text(app))


async def test_the_card_shows_your_own_lines(make_app: AppFactory) -> None:
    app = make_app(Settings.model_validate({"return": {"lines": ["Speak [b]softly[/b].", "One thing at a time."]}}))
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        await pilot.press("b")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Speak [b]softly[/b]." in text and "One thing at a time." in text
        assert LINES[0] not in text


# A talk put off


async def test_not_now_agrees_a_talk_time_alerts_at_it_and_asks_after_it(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        clock.advance(minutes=30)
        app.tick()
        await pilot.press("b", "n")
        await pilot.pause()
        await type_into(pilot, "#return-time-input", "21:00")
        assert "You could say: “Not now, but I do want to talk. Can we talk at 21:00?”" in flat(visible_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TalkLaterScreen)
        text = flat(visible_text(app))
        assert "You agreed to talk at 21:00." in text
        assert "Talk at 21:00, in 2 h 30 min" in text
        episode = stored(log_path)
        assert (episode.status, episode.talk_at) == (Status.TALK_LATER, at(21, 0))
        bells = app.bells

        clock.now = at(21, 0)
        app.tick()
        await pilot.pause()
        await pilot.pause()
        assert app.bells == bells + 1
        assert isinstance(app.screen, ComingBackScreen)
        assert "It's 21:00: time for the talk you agreed." in flat(visible_text(app))
        app.tick()
        assert app.bells == bells + 1
        await pilot.press("w", "s")
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
    episode = stored(log_path)
    assert (episode.outcome, episode.status, episode.talk_at) == (Outcome.SIDESTEP, Status.DONE, at(21, 0))


async def put_off(make_app: AppFactory, clock: FakeClock, when: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        await pilot.press("b", "n")
        await pilot.pause()
        await type_into(pilot, "#return-time-input", when)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TalkLaterScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Your talk is set for 21:00." in flat(visible_text(app))
        await pilot.press("y")


async def test_a_launch_before_the_talk_waits_for_it_and_one_after_asks_how_it_went(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    await put_off(make_app, clock, "21:00")
    clock.now = at(20, 0)
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, TalkLaterScreen)
        assert "Talk at 21:00, in 1 h" in flat(visible_text(again))
    clock.now = at(23, 0)
    later = make_app()
    async with later.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(later.screen, OutcomeScreen)
        assert "Your talk was set for 21:00. How did it go?" in flat(visible_text(later))
        assert later.bells == 0  # long past when opened: asked quietly
        await pilot.press("f")
        await pilot.pause()
    assert stored(log_path).outcome is Outcome.FIGHT


async def test_the_talk_time_is_shown_in_the_history(make_app: AppFactory, clock: FakeClock) -> None:
    await put_off(make_app, clock, "21:00")
    history = make_app()
    async with history.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h", "e")
        await pilot.pause()
        assert "talk later" in flat(visible_text(history))
        await pilot.press("enter")
        await pilot.pause()
        assert "Talk put off to today 21:00" in flat(visible_text(history))


# The outcome, after the talk, and undone with one key


async def test_a_stray_outcome_key_is_undone_with_one_key(make_app: AppFactory, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        await pilot.press("b", "w", "s")
        await pilot.pause()
        assert "Saved: a sidestep. Well done." in flat(visible_text(app))
        assert stored(log_path).outcome is Outcome.SIDESTEP
        await pilot.press("f")
        await pilot.pause()
        assert "Saved: a fight. Stepping away was still practice." in flat(visible_text(app))
        assert stored(log_path).outcome is Outcome.FIGHT
        await pilot.press("s")
        await pilot.pause()
        assert stored(log_path).outcome is Outcome.SIDESTEP


# Review findings: the talk-time field, more time left open, the card


async def test_escape_while_asking_a_talk_time_cancels_it_and_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        await pilot.press("b", "n")
        await pilot.pause()
        assert "esc Cancel" in footer_keys(app)
        assert "esc Not back yet" not in footer_keys(app)
        assert "Talk at 18:30, in 30 min" in flat(visible_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ComingBackScreen)
        assert "esc Not back yet" in footer_keys(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)


async def test_a_talk_time_just_passed_is_refused_beside_the_field(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        clock.advance(minutes=40)  # 18:40
        await pilot.press("b", "n")
        await pilot.pause()
        await type_into(pilot, "#return-time-input", "18:30")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComingBackScreen)
        assert "18:30 has passed already." in flat(visible_text(app))


async def test_more_time_left_open_keeps_its_suggestions_true_and_takes_the_alert_quietly(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert "↑ +15 min: 18:45 ↓ +30 min: 19:00" in flat(visible_text(app))
        clock.advance(minutes=40)  # 18:40: the agreed time has passed while the dialog is open
        app.tick()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MoreTimeDialog)
        dialog._refresh_choices()
        await pilot.pause()
        text = flat(visible_text(app))
        assert "↑ +15 min: 18:55 ↓ +30 min: 19:10" in text
        assert not app._notifications  # the alert did not become a toast over the dialog
        await pilot.press("up", "enter")
        await pilot.pause()
        assert "Back at 18:55" in flat(visible_text(app))


async def test_a_long_card_line_wraps_under_its_own_words(make_app: AppFactory) -> None:
    long = "Start with something you appreciate about them, speak slowly and softly, and keep to one topic only"
    app = make_app(Settings.model_validate({"return": {"lines": [long, "Short."]}}))
    async with app.run_test(size=SIZE) as pilot:
        await cooling(pilot)
        await pilot.press("b")
        await pilot.pause()
        lines = visible_text(app).splitlines()
        first = next(index for index, line in enumerate(lines) if "• Start with" in line)
        bullet = lines[first].index("•")
        assert lines[first + 1][: bullet + 2].strip(" │╰╭") == ""  # the next line starts under the text
        assert lines[first + 1][bullet + 2 :].strip()
