"""Statements left half done (the terminal closed, the app killed): the next launch within ten minutes
carries on at the step where they stopped; an older launch starts afresh."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from cooldown.core.episode import Episode, Status
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.widgets.anger_scale import AngerScale
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, visible_text


def left(log_path: Path, episode: Episode) -> Episode:
    """Statements an earlier launch wrote before it was killed."""
    with EpisodeLog(log_path) as log:
        return log.save(episode)


def stored(log_path: Path) -> list[Episode]:
    with EpisodeLog(log_path) as log:
        return list(log.episodes())


async def test_statement_1_confirmed_carries_on_at_statement_2(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    earlier = left(log_path, Episode.begin(clock() - timedelta(minutes=2), anger=7))
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.screen.step == "statement-2"
        assert "I care about the relationship." in flat(visible_text(app))
        assert any("Carrying on from" in notice.message for notice in app._notifications)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.step == "activity"
    [episode] = stored(log_path)
    assert episode.uid == earlier.uid and episode.statement == 2 and episode.anger_before == 7


async def test_an_activity_chosen_carries_on_at_the_return_time_and_escape_goes_back_through_the_steps(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    earlier = left(
        log_path, Episode.begin(clock() - timedelta(minutes=4), anger=6).reach(2).choose_activity("exercise")
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.step == "return-time"
        assert "in 45 min" in flat(visible_text(app))  # the usual length of the activity chosen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.step == "activity"
        options = app.screen.query_one("#activities")
        names = [activity.name for activity in app.screen.activities]
        assert options.highlighted == names.index("exercise")  # what was chosen is filled in
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen.step == "statement-1"
        assert app.screen.query_one(AngerScale).rating == 6
        assert "This starts afresh" in flat(visible_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.step == "statement-2"
    episodes = {episode.uid: episode for episode in stored(log_path)}
    assert episodes[earlier.uid].status is Status.ABANDONED
    [fresh] = [episode for uid, episode in episodes.items() if uid != earlier.uid]
    assert fresh.status is Status.STATEMENTS and fresh.statement == 1 and fresh.started_at == clock()


async def test_agreeing_the_return_time_after_carrying_on_makes_one_episode(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    earlier = left(log_path, Episode.begin(clock() - timedelta(minutes=1)).reach(2).choose_activity("go for a walk"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the suggested return time
        await pilot.pause()
        assert app.screen.step == "say-it"
    [episode] = stored(log_path)
    assert episode.uid == earlier.uid and episode.status is Status.COOLING
    assert app.alarms_started == [earlier.uid]


async def test_statements_left_longer_ago_are_abandoned_and_the_launch_starts_afresh(
    make_app: AppFactory, clock: FakeClock, log_path: Path
) -> None:
    earlier = left(log_path, Episode.begin(clock() - timedelta(minutes=11), anger=5).reach(2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.step == "statement-1"
        assert app.screen.query_one(AngerScale).rating is None
        assert "This starts afresh" not in flat(visible_text(app))
    [episode] = stored(log_path)
    assert episode.uid == earlier.uid and episode.status is Status.ABANDONED
