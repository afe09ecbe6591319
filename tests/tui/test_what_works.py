"""The What works tab: per activity by the numbers that matter, what sets it off, first signs, the promise."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from cooldown.core.cues import Cue
from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.app import CooldownApp
from tests.conftest import FakeClock
from tests.tui.conftest import flat, visible_text


def finished(clock: FakeClock, days: int, outcome: str, before: int, after: int, late: int, topic: str) -> Episode:
    start = clock.now - timedelta(days=days)
    back = start + timedelta(minutes=30)
    return (
        Episode.begin(start, before)
        .choose_activity("go for a walk")
        .agree_return(back, start)
        .come_back(back + timedelta(minutes=late))
        .record_outcome(Outcome(outcome))
        .reflect(after, "")
        .notice(topic, (Cue(group="body", name="hot face"),))
    )


async def test_three_walks_show_their_sidesteps_anger_fall_and_returns(clock: FakeClock, log_path: Path) -> None:
    with EpisodeLog(log_path) as log:
        log.save(finished(clock, 9, "sidestep", 8, 2, 0, "money"))
        log.save(finished(clock, 5, "sidestep", 7, 3, 2, "money"))
        log.save(finished(clock, 2, "fight", 9, 7, 20, "chores"))
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        text = flat(visible_text(app))
    assert "Activity Times Sidesteps Anger fell On time" in text
    assert "go for a walk 3 67% 4.0 67%" in text  # (6 + 4 + 2) / 3; the 20-minute-late one is not on time
    assert "What sets it off money: 2 sidesteps chores: 1 fight" in text
    assert "First signs you noticed hot face: 1 fight, 2 sidesteps" in text
    assert "back on time 2 of 3 (67%)" in text


async def test_at_80x24_the_keys_reach_the_bottom_of_the_tab(clock: FakeClock, log_path: Path) -> None:
    with EpisodeLog(log_path) as log:
        for days, topic in enumerate(("money", "chores", "plans", "family", "phones", "time", "guests"), start=2):
            log.save(finished(clock, days, "sidestep", 8, 2, 0, topic))
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert "back on time 7 of 7" not in flat(visible_text(app))  # below the edge
        await pilot.press("end")
        await pilot.pause()
        assert "back on time 7 of 7 (100%)" in flat(visible_text(app))
        await pilot.press("home")
        await pilot.pause()
        assert "Activity Times Sidesteps" in flat(visible_text(app))
