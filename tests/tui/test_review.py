"""The look back in the history (k), and the closing screen offering it once a week, through the real app."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, TabbedContent

from cooldown.core.cues import Cue
from cooldown.core.episode import Episode, Outcome
from cooldown.core.review import QUIET
from cooldown.paths import review_seen_file
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.app import CooldownApp
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.screens.history import HistoryScreen
from cooldown.tui.screens.summary import REVIEW_OFFER, SummaryScreen
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, footer_keys, visible_text


def finished(
    at: datetime,
    outcome: Outcome,
    activity: str,
    before: int | None,
    after: int | None,
    topic: str = "",
    cues: tuple[Cue, ...] = (),
    late_minutes: int = 0,
) -> Episode:
    episode = Episode.begin(at, anger=before).choose_activity(activity).agree_return(at + timedelta(minutes=30), at)
    episode = episode.come_back(at + timedelta(minutes=30 + late_minutes)).record_outcome(outcome)
    return episode.reflect(after, "").notice(topic, cues)


def seed(log_path: Path, clock: FakeClock) -> None:
    """This week (Sun 15 to Sat 21 Nov): two sidesteps after a walk, a fight after exercise; one the week before."""
    now = clock.now
    hot, unheard = Cue(group="body", name="hot face"), Cue(group="feelings", name="unheard")
    episodes = [
        finished(now - timedelta(days=4), Outcome.SIDESTEP, "go for a walk", 8, 3, "money", (hot, unheard)),
        finished(now - timedelta(days=2), Outcome.FIGHT, "exercise", 6, 5, "chores", (hot,)),
        finished(now - timedelta(days=1), Outcome.SIDESTEP, "go for a walk", 7, 2),
        finished(now - timedelta(days=9), Outcome.FIGHT, "exercise", 5, 5, late_minutes=20),
    ]
    with EpisodeLog(log_path) as log:
        for episode in episodes:
            log.save(episode)


def history_app(clock: FakeClock, log_path: Path) -> CooldownApp:
    return CooldownApp(clock=clock, log_path=log_path, mode="history")


async def test_the_look_back_tab_shows_the_last_seven_days(clock: FakeClock, log_path: Path) -> None:
    seed(log_path, clock)
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Look back (k)" in visible_text(app)
        await pilot.press("k")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "review"
        lines = [line.strip() for line in visible_text(app).splitlines()]
        for line in (
            "The last 7 days: 15–21 Nov 2026",
            "Episodes       3 cool-downs",
            "Outcomes       2 sidesteps, 1 fight",
            "Highest anger  8 of 9, Tue 17 Nov (money)",
            "First signs    hot face (2), unheard (1)",
            "What helped    go for a walk: 2 sidesteps, anger fell by 5",
            "Back on time   3 of 3",
            "Talks put off  none",
            "Back on time, every time: that is the promise kept. Keep it next week too.",
        ):
            assert line in lines
        keys = footer_keys(app)
        assert "[ Earlier week" in keys
        assert "] Later week" not in keys  # nothing later than the last seven days
        assert "r Weeks/months" not in keys and "f Outcome" not in keys  # the other tabs' keys are off


async def test_earlier_and_later_weeks(clock: FakeClock, log_path: Path) -> None:
    seed(log_path, clock)
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k", "left_square_bracket")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "The 7 days before: 8–14 Nov 2026" in text
        assert "Outcomes 1 fight" in text
        assert "Back on time 0 of 1" in text
        assert "come back anyway and ask for a specific extra time" in text
        assert "] Later week" in footer_keys(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "2 weeks back: 1–7 Nov 2026" in text and "Nothing recorded these seven days." in text
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert "The last 7 days: 15–21 Nov 2026" in flat(visible_text(app))
        await pilot.press("right_square_bracket")  # already the latest: the key is off, nothing moves
        await pilot.pause()
        assert "The last 7 days" in flat(visible_text(app))


async def test_an_empty_week_suggests_practising_on_a_calm_day(clock: FakeClock, log_path: Path) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Nothing recorded these seven days." in text
        assert QUIET in text


async def test_opening_the_tab_records_it_as_seen(clock: FakeClock, log_path: Path) -> None:
    seed(log_path, clock)
    seen = review_seen_file(log_path)
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w", "e", "o")
        await pilot.pause()
        assert not seen.exists()  # the history alone is not the look back
        await pilot.press("k")
        await pilot.pause()
        assert seen.read_text(encoding="utf-8") == "2026-11-21\n"


async def test_user_text_is_shown_as_typed(clock: FakeClock, log_path: Path) -> None:
    episode = finished(clock.now - timedelta(hours=3), Outcome.SIDESTEP, "[bold]walk[/]", 9, 1, "[red]money[/]")
    with EpisodeLog(log_path) as log:
        log.save(episode)
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "9 of 9, Sat 21 Nov ([red]money[/])" in text
        assert "[bold]walk[/]: 1 sidestep, anger fell by 8" in text


async def test_the_look_back_follows_a_fight_logged_meanwhile(clock: FakeClock, log_path: Path) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert "Nothing recorded these seven days." in flat(visible_text(app))
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#log-when", Input).value = ""
        await pilot.press(*"yesterday 21:00", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = flat(visible_text(app))
        assert "Episodes 1 logged afterwards" in text
        assert "A fight is still practice." in text


# The closing screen of an episode


async def finish_an_episode(app: CooldownApp, clock: FakeClock) -> None:
    """Statements, a cool-down of 30 minutes, back on time, a sidestep, then past the questions after it."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        clock.advance(minutes=30)
        app.tick()
        await pilot.pause()
        await pilot.press("b", "w", "s", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        app.closing_text = flat(visible_text(app))  # type: ignore[attr-defined]


def log_from_last_week(log_path: Path, clock: FakeClock) -> None:
    with EpisodeLog(log_path) as log:
        log.save(Episode.logged(clock.now - timedelta(days=8), Outcome.FIGHT))


@pytest.mark.parametrize(
    ("seen_days_ago", "offered"),
    [(None, True), (7, True), (8, True), (6, False), (0, False)],
)
async def test_the_closing_screen_offers_the_look_back_once_a_week(
    make_app: AppFactory, clock: FakeClock, log_path: Path, seen_days_ago: int | None, offered: bool
) -> None:
    log_from_last_week(log_path, clock)
    if seen_days_ago is not None:
        seen_on = (clock.now - timedelta(days=seen_days_ago)).date()
        review_seen_file(log_path).write_text(f"{seen_on.isoformat()}\n", encoding="utf-8")
    app = make_app()
    await finish_an_episode(app, clock)
    text = app.closing_text  # type: ignore[attr-defined]
    assert "1 sidestep, 1 fight this month" in text
    assert (flat(REVIEW_OFFER) in text) is offered
    assert "Press Enter to close." in text


async def test_a_first_week_is_not_offered_a_look_back(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    await finish_an_episode(app, clock)
    assert "look back" not in app.closing_text  # type: ignore[attr-defined]


async def test_the_offer_is_only_words_and_h_then_k_opens_it(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    log_from_last_week(log_path, clock)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
        clock.advance(minutes=30)
        app.tick()
        await pilot.press("b", "w", "s", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert not review_seen_file(log_path).exists()  # offered, not recorded as seen
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "Outcomes 1 sidestep" in flat(visible_text(app))
    assert review_seen_file(log_path).read_text(encoding="utf-8") == "2026-11-21\n"
