"""The history's figures read the same in the app as in `cooldown stats`: halves up, no "0 days"."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from cooldown.cli import main
from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.app import CooldownApp
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, flat, visible_text


def logged(log_path: Path, *episodes: Episode) -> None:
    with EpisodeLog(log_path) as log:
        for episode in episodes:
            log.save(episode)


async def history_text(clock: FakeClock, log_path: Path, size: tuple[int, int] = SIZE) -> str:
    app = CooldownApp(clock=clock, log_path=log_path, mode="history")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return flat(visible_text(app))


@pytest.mark.parametrize("size", [SIZE, (60, 20)])
async def test_the_first_day_says_no_fight_since_you_started(
    clock: FakeClock, log_path: Path, size: tuple[int, int]
) -> None:
    logged(log_path, Episode.logged(clock.now - timedelta(hours=1), Outcome.SIDESTEP))
    text = await history_text(clock, log_path, size)
    assert "No fight recorded since you started today." in text
    assert "0 days" not in text


async def test_one_in_eight_reads_13_percent_in_the_app_and_in_stats(
    clock: FakeClock, log_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = clock.now - timedelta(days=40)
    logged(log_path, Episode.logged(old, Outcome.SIDESTEP), *(Episode.logged(old, Outcome.FIGHT) for _ in range(7)))

    text = await history_text(clock, log_path)
    assert "Sidestep rate – – 13%" in text  # nothing this week or this month; 12.5% all time

    assert main(["stats"]) == 0
    rate_line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Sidestep rate"))
    assert rate_line.split()[-1] == "13%"
