"""The cool-down that calms: paced breathing, what helps right now, pulse and anger check-ins."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from cooldown.core.breathing import Breathing
from cooldown.core.checkins import Pulse
from cooldown.core.guidance import BY_ACTIVITY, GENERAL, INTERVAL, Guidance
from cooldown.core.settings import Settings
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.dialogs.pulse import PulseDialog
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.widgets.breathing_guide import WIDTH, BreathingGuide
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, footer_keys, visible_text

WALK = BY_ACTIVITY["go for a walk"]


def stored(log_path: Path):
    with EpisodeLog(log_path) as log:
        [episode] = list(log.episodes())
    return episode


async def into_cool_down(pilot) -> CoolDownScreen:
    """Statements 1 and 2, go for a walk, the suggested 18:30, start: the cool-down from 18:00."""
    await pilot.press("enter", "enter", "1", "enter", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CoolDownScreen)
    return pilot.app.screen


def guide_lines(app) -> list[str]:
    """What the breathing guide shows, line by line."""
    return str(app.screen.query_one(BreathingGuide).render()).splitlines()


async def at(pilot, clock: FakeClock, start: datetime, seconds: float) -> None:
    clock.now = start + timedelta(seconds=seconds)
    pilot.app.screen.query_one(BreathingGuide).frame()
    await pilot.pause()


# Paced breathing


@pytest.mark.parametrize(
    ("seconds", "words", "blocks"),
    [
        (0, "Breathe in", 0),
        (2, "Breathe in", WIDTH // 2),
        (4, "Breathe out", WIDTH),
        (7, "Breathe out", WIDTH // 2),
        (9, "Breathe out", 6),
    ],
)
async def test_the_guide_breathes_four_in_six_out_by_the_clock(
    make_app: AppFactory, clock: FakeClock, seconds: float, words: str, blocks: int
) -> None:
    app = make_app()
    start = clock.now
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        await at(pilot, clock, start, seconds)
        assert words in flat(visible_text(app))
        shown, bar = guide_lines(app)
        assert shown == words
        assert bar.count("█") == blocks


async def test_the_pace_comes_from_the_config(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(Settings(breathing=Breathing(inhale_seconds=3, hold_seconds=2, exhale_seconds=5)))
    start = clock.now
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        for seconds, words in [(1, "Breathe in"), (4, "Hold"), (6, "Breathe out"), (10.5, "Breathe in")]:
            await at(pilot, clock, start, seconds)
            assert guide_lines(app)[0] == words, seconds
        await at(pilot, clock, start, 4)
        assert guide_lines(app)[1].count("█") == WIDTH  # full while holding


async def test_p_hides_and_shows_the_guide_and_its_time_is_kept(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        assert "Breathe in" in flat(visible_text(app))
        clock.advance(seconds=90)
        await pilot.press("p")
        await pilot.pause()
        assert not app.screen.query_one(BreathingGuide).display
        assert "Breathe" not in flat(visible_text(app))
        assert stored(log_path).breathing_seconds == 90
        clock.advance(seconds=60)  # hidden: not counted
        await pilot.press("p")
        await pilot.pause()
        assert "Breathe" in flat(visible_text(app))
        clock.advance(seconds=30)
        await pilot.press("b")
        await pilot.pause()
    assert stored(log_path).breathing_seconds == 120


async def test_a_clock_jump_or_a_laptop_asleep_is_not_counted_as_breathing(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        clock.advance(minutes=10)  # the clock jumps (or the lid was closed) with the guide on screen
        await pilot.press("p")
        await pilot.pause()
        assert stored(log_path).breathing_seconds == 120  # at most two minutes for one gap
        await pilot.press("p")
        await pilot.pause()
        clock.advance(minutes=-5)  # set back: nothing counted, and counting starts again from then
        await pilot.press("p")
        await pilot.pause()
        assert stored(log_path).breathing_seconds == 120
        await pilot.press("p")
        await pilot.pause()
        clock.advance(seconds=30)
        await pilot.press("b")
        await pilot.pause()
    assert stored(log_path).breathing_seconds == 150


async def test_the_guide_can_start_hidden(make_app: AppFactory) -> None:
    app = make_app(Settings(breathing=Breathing(enabled=False)))
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        assert "Breathe" not in flat(visible_text(app))
        await pilot.press("p")
        await pilot.pause()
        assert "Breathe in" in flat(visible_text(app))


async def test_reduced_motion_keeps_the_words_and_drops_the_bar(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(Settings(breathing=Breathing(reduced_motion=True)))
    start = clock.now
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        assert guide_lines(app) == ["Breathe in"]
        await at(pilot, clock, start, 5)
        assert guide_lines(app) == ["Breathe out"]
        assert "█" not in visible_text(app)


# What helps right now


async def test_the_activity_line_comes_first_and_changes_after_its_interval(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await into_cool_down(pilot)
        assert WALK[0] in flat(visible_text(app))
        clock.advance(seconds=INTERVAL.total_seconds() - 1)
        screen.tick()
        await pilot.pause()
        assert WALK[0] in flat(visible_text(app))  # never changing every second
        clock.advance(seconds=1)
        screen.tick()
        await pilot.pause()
        assert WALK[1] in flat(visible_text(app))
        await pilot.press("g")
        await pilot.pause()
        assert GENERAL[0] in flat(visible_text(app))


async def test_own_lines_stand_in_for_the_general_ones_and_are_shown_literally(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(Settings(guidance=Guidance(lines=("Drink [b]water[/b].",))))
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        await pilot.press("g", "g")  # past the two walking lines
        await pilot.pause()
        assert "Drink [b]water[/b]." in flat(visible_text(app))


# Anger, halfway and any time


async def test_halfway_it_asks_how_angry_and_keeps_the_rating_with_its_time(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await into_cool_down(pilot)
        assert "How angry are you now?" not in flat(visible_text(app))
        clock.advance(minutes=14, seconds=59)
        screen.tick()
        await pilot.pause()
        assert "How angry are you now?" not in flat(visible_text(app))
        clock.advance(seconds=1)
        screen.tick()
        await pilot.pause()
        assert "How angry are you now?" in flat(visible_text(app))
        await pilot.press("4")
        await pilot.pause()
        assert "Noted: 4" in flat(visible_text(app))
        assert "How angry are you now?" not in flat(visible_text(app))
        screen.tick()
        assert "How angry are you now?" not in flat(visible_text(app))  # asked once
    [reading] = stored(log_path).anger_during
    assert (reading.value, reading.at) == (4, clock.now)


async def test_the_halfway_question_never_blocks(make_app: AppFactory, clock: FakeClock, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await into_cool_down(pilot)
        clock.advance(minutes=16)
        screen.tick()
        await pilot.pause()
        assert "How angry are you now?" in flat(visible_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert "How angry are you now?" not in flat(visible_text(app))
        await pilot.press("3")  # no question: the number keys do nothing
        await pilot.press("b")
        await pilot.pause()
        assert app.screen.step == "coming-back"
    assert stored(log_path).anger_during == ()


async def test_a_asks_at_any_time_and_the_course_shows_in_the_details(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "enter", "enter", "1", "enter", "enter")
        clock.advance(minutes=5)
        await pilot.press("a", "5")
        await pilot.pause()
        await pilot.press("b", "w", "s", "2", "enter")
        await pilot.pause()
    episode = stored(log_path)
    assert [r.value for r in episode.anger_during] == [5]
    history = make_app()
    async with history.run_test(size=SIZE) as pilot:
        await pilot.press("h", "e", "enter")
        await pilot.pause()
        assert "Anger 8 → 5 → 2 (before, during, after, 0-9)" in flat(visible_text(history))


# Pulse


async def count(pilot, clock: FakeClock, beats: str) -> None:
    """k, Enter, 15 seconds of counting, then the beats."""
    await pilot.press("k")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, PulseDialog)
    await pilot.press("enter")
    clock.advance(seconds=14)
    dialog.tick()
    await pilot.pause()
    assert "1 second left" in flat(visible_text(pilot.app))
    clock.advance(seconds=1)
    dialog.tick()
    await pilot.pause()
    assert "How many beats did you count?" in flat(visible_text(pilot.app))
    await pilot.press(*beats, "enter")
    await pilot.pause()


async def test_a_pulse_is_counted_for_15_seconds_and_kept_a_minute(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        await count(pilot, clock, "22")
        assert isinstance(app.screen, CoolDownScreen)
        text = flat(visible_text(app))
        assert "Pulse 88 a minute, noted." in text
        assert "wound up" not in text
    [reading] = stored(log_path).pulses
    assert (reading.bpm, reading.at) == (88, clock.now)


async def test_above_the_flooding_line_it_says_taking_longer_is_fine(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        await count(pilot, clock, "26")  # 104 a minute
        assert "Pulse 104 a minute, noted. Your body is still wound up" in flat(visible_text(app))


async def test_a_resting_pulse_lowers_the_line(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(Settings(pulse=Pulse(resting_bpm=60)))  # 10% over rest: 66
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        await count(pilot, clock, "18")  # 72 a minute
        assert "still wound up" in flat(visible_text(app))


async def test_a_count_that_is_no_pulse_gets_a_kind_word_and_esc_leaves_it(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        await count(pilot, clock, "1")
        assert isinstance(app.screen, PulseDialog)
        assert "not a pulse I can use" in flat(visible_text(app))
        assert app.screen.query_one("#pulse-beats", Input).value == "1"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
    assert stored(log_path).pulses == ()


# Keys


async def test_every_key_is_in_the_footer_or_behind_question_mark(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        assert footer_keys(app) == ["b I'm back", "m More time", "p Breathing", "g Next tip", "? Keys", "^q Quit"]
        await pilot.press("question_mark")
        await pilot.pause()
        text = flat(visible_text(app))
        for key, words in [
            ("k", "Count your pulse"),
            ("a", "Rate how angry"),
            ("h", "Fights, sidesteps"),
            ("S", "Activities"),
        ]:
            assert f"{key} {words}" in text, key
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)


async def test_at_60_by_20_the_safety_line_and_every_footer_key_stay_in_view(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await into_cool_down(pilot)
        text = flat(visible_text(app))
        assert "contact local emergency services." in text
        assert footer_keys(app) == ["b I'm back", "m More time", "p Breathing", "g Next tip", "? Keys", "^q Quit"]
        assert visible_text(app).splitlines()[-1].rstrip().endswith("Quit")


async def test_a_very_fast_pulse_is_not_called_normal(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        await count(pilot, clock, "40")  # 160 a minute
        text = flat(visible_text(app))
        assert "Pulse 160 a minute, noted. That's very fast." in text
        assert "normal" not in text


async def test_a_bell_says_when_the_count_is_up(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        await count(pilot, clock, "20")
        assert app.bells == 1
    quiet = make_app(Settings(notifications={"bell": False}))
    async with quiet.run_test(size=SIZE) as pilot:
        await into_cool_down(pilot)
        await count(pilot, clock, "20")
        assert quiet.bells == 0


async def test_long_after_the_time_the_alert_says_since_when(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await into_cool_down(pilot)
        clock.advance(minutes=31)
        screen.tick()
        await pilot.pause()
        assert "It's 18:30: time to go back and talk." in flat(visible_text(app))
        clock.advance(hours=2)
        screen.tick()
        await pilot.pause()
        assert "It's time to go back and talk (since 18:30)." in flat(visible_text(app))
