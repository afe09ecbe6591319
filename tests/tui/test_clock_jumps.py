"""The open app when the wall clock jumps, and cool-downs across midnight and a change of the clocks.

The app runs on the tests' clock (`FakeClock`); its once-a-second checks are called by hand after
each move of the clock. What is checked is what the person sees (the countdown, the return line,
the alert, the bell) and what is kept in the log (the return time, the alerts sent).
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Digits, Input

from cooldown.core.settings import Settings
from cooldown.store.alerts import AWAY, HERE
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.screens.say_it import SayItScreen
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, AppFactory, flat, visible_text

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
RECORDER = "import os, sys\nopen(sys.argv[1], 'a').write(os.environ['COOLDOWN_MESSAGE'] + '\\n')\n"


def settings(**notifications: object) -> Settings:
    return Settings.model_validate({"notifications": {"desktop": False, **notifications}})


async def cooling_until(pilot, typed: str | None = None) -> CoolDownScreen:
    """Statements 1 and 2, go for a walk, the return time `typed` (or the suggested one), and start."""
    await pilot.press("enter", "enter", "1")
    await pilot.pause()
    if typed is not None:
        pilot.app.screen.query_one("#return-time-input", Input).value = ""
        await pilot.press(*typed)
        await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SayItScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CoolDownScreen)
    return pilot.app.screen


async def at(pilot, clock: FakeClock, moment: datetime) -> str:
    """Set the clock to `moment`, let the app and the screen look at it; what the screen shows."""
    clock.now = moment
    pilot.app.tick()
    pilot.app.screen.tick()
    await pilot.pause()
    return flat(visible_text(pilot.app))


def face(app) -> str:
    return app.screen.query_one("#time-left", Digits).value


def stored(log_path: Path):
    with EpisodeLog(log_path) as log:
        [episode] = list(log.episodes())
    return episode


def alerts_sent(log_path: Path, uid: str, due: datetime, channel: str) -> int:
    with EpisodeLog(log_path) as log:
        return log.alerts_sent(uid, due.timestamp(), channel)[0]


async def test_the_clock_jumping_forward_and_back_moves_the_countdown_and_the_alert_comes_once(
    make_app: AppFactory, clock: FakeClock, log_path: Path, tmp_path: Path
) -> None:
    recorder, runs = tmp_path / "recorder.py", tmp_path / "runs.txt"
    recorder.write_text(RECORDER, encoding="utf-8")
    app = make_app(settings(command=[sys.executable, str(recorder), str(runs)], repeat_minutes=5, repeat_times=3))
    start = clock.now
    async with app.run_test(size=SIZE) as pilot:
        await cooling_until(pilot)  # back at 18:30
        shown = await at(pilot, clock, start + timedelta(minutes=10))
        assert (face(app), "Back at 18:30, in 20 min" in shown) == ("20", True)
        shown = await at(pilot, clock, start + timedelta(minutes=20))  # forward 10 minutes
        assert (face(app), "Back at 18:30, in 10 min" in shown) == ("10", True)
        shown = await at(pilot, clock, start + timedelta(minutes=15))  # back 5
        assert (face(app), "Back at 18:30, in 15 min" in shown) == ("15", True)
        await at(pilot, clock, start + timedelta(minutes=22))
        shown = await at(pilot, clock, start + timedelta(minutes=32))  # forward 10, over the return time
        assert "Time to go back" in shown
        assert "It's 18:30: time to go back and talk." in shown
        assert "Back at 18:30, 2 min ago" in shown
        assert (face(app), app.bells) == ("00:00", 1)
        shown = await at(pilot, clock, start + timedelta(minutes=27))  # back 5: before it again
        assert (face(app), "Back at 18:30, in 3 min" in shown, "Time to go back" in shown) == ("3", True, False)
        moment = start + timedelta(minutes=27)
        while moment < start + timedelta(minutes=36, seconds=58):  # forward over the return time, second by second
            moment += timedelta(seconds=1)
            clock.now = moment
            app.tick()
        shown = await at(pilot, clock, start + timedelta(minutes=36, seconds=59))
        assert "It's time to go back and talk (since 18:30)." in shown
        assert app.bells == 1  # once for the return time, however the clock went
        await at(pilot, clock, start + timedelta(minutes=37))
        assert app.bells == 2  # the first repeat: 5 minutes after the alert, as the settings say
        uid = app.protocol_run.episode.uid
        deadline = time.monotonic() + 10
        while len(runs.read_text(encoding="utf-8").splitlines() if runs.exists() else []) < 2:
            if time.monotonic() > deadline:
                break
            await pilot.pause(0.1)
        await pilot.pause(0.5)
    back = start + timedelta(minutes=30)
    assert (alerts_sent(log_path, uid, back, HERE), alerts_sent(log_path, uid, back, AWAY)) == (2, 2)
    assert runs.read_text(encoding="utf-8").splitlines() == [  # the person's command: the alert and the repeat
        "It's 18:30: time to go back and talk.",
        "It's time to go back and talk (since 18:30).",
    ]


async def test_a_clock_set_back_after_the_alert_shows_the_countdown_again_without_a_bell(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(settings(repeat_times=0))
    start = clock.now
    async with app.run_test(size=SIZE) as pilot:
        await cooling_until(pilot)
        assert "It's 18:30: time to go back and talk." in await at(pilot, clock, start + timedelta(minutes=30))
        shown = await at(pilot, clock, start + timedelta(minutes=10))  # set back 20 minutes by hand
        assert "Cooling down" in shown and "Back at 18:30, in 20 min" in shown
        assert "Time to go back" not in shown
        shown = await at(pilot, clock, start + timedelta(minutes=31))
        assert "Time to go back" in shown
        assert app.bells == 1


# Across midnight and the change of the clocks: (zone, now on the wall, typed, the instant meant, shown)

CASES = [
    pytest.param(
        LONDON, datetime(2026, 10, 25, 0, 50), "1:30", datetime(2026, 10, 25, 0, 30), "01:30", id="london-back"
    ),
    pytest.param(
        LONDON, datetime(2026, 10, 25, 0, 50), "+90m", datetime(2026, 10, 25, 1, 20), "01:20", id="london-90m"
    ),
    pytest.param(
        LONDON, datetime(2026, 3, 29, 0, 40), "02:30", datetime(2026, 3, 29, 1, 30), "02:30", id="london-spring"
    ),
    pytest.param(
        NEW_YORK, datetime(2026, 3, 8, 1, 30), "at 3:30", datetime(2026, 3, 8, 7, 30), "03:30", id="ny-spring"
    ),
    pytest.param(NEW_YORK, datetime(2026, 11, 1, 0, 50), "+45m", datetime(2026, 11, 1, 5, 35), "01:35", id="ny-back"),
    pytest.param(
        NEW_YORK,
        datetime(2026, 10, 31, 23, 30),
        "+3h",
        datetime(2026, 11, 1, 6, 30),
        "01:30 tomorrow",
        id="ny-midnight",
    ),
    pytest.param(
        LONDON, datetime(2026, 11, 21, 23, 40), "00:15", datetime(2026, 11, 22, 0, 15), "00:15 tomorrow", id="midnight"
    ),
]


@pytest.mark.parametrize(("zone", "wall", "typed", "meant", "shown"), CASES)
async def test_a_return_time_across_midnight_or_a_change_of_the_clocks_is_kept_shown_and_alerted(
    make_app: AppFactory,
    clock: FakeClock,
    log_path: Path,
    zone: ZoneInfo,
    wall: datetime,
    typed: str,
    meant: datetime,
    shown: str,
) -> None:
    clock.now = wall.replace(tzinfo=zone)
    meant = meant.replace(tzinfo=UTC)
    clock_time = shown.removesuffix(" tomorrow")
    app = make_app(settings(repeat_times=0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "1")
        await pilot.pause()
        app.screen.query_one("#return-time-input", Input).value = ""
        await pilot.press(*typed)
        await pilot.pause()
        assert f"Back at {shown}, in " in flat(visible_text(app))  # what it understood, as typed
        await pilot.press("enter")
        await pilot.pause()
        assert f"I'll be back at {clock_time}" in flat(visible_text(app))  # the sentence to say
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        episode = stored(log_path)
        assert episode.return_at == meant  # the instant (aware datetimes compare as instants)
        assert episode.return_at.utcoffset() == meant.astimezone(zone).utcoffset()
        halfway = (meant - (meant - clock.now) / 2).astimezone(zone)
        text = await at(pilot, clock, halfway)
        on_the_day = halfway.date() == meant.astimezone(zone).date()
        assert f"Back at {clock_time if on_the_day else shown}, in " in text
        await at(pilot, clock, (meant - timedelta(seconds=1)).astimezone(zone))
        assert app.bells == 0
        text = await at(pilot, clock, meant.astimezone(zone))
        assert f"It's {clock_time}: time to go back and talk." in text
        assert app.bells == 1
        await at(pilot, clock, (meant + timedelta(minutes=30)).astimezone(zone))
        assert app.bells == 1


@pytest.mark.parametrize("zone", [LONDON, NEW_YORK], ids=["london", "new-york"])
@pytest.mark.parametrize("fold", [0, 1], ids=["first-1:10", "second-1:10"])
async def test_in_the_hour_the_clocks_go_back_over_every_step_is_kept(
    make_app: AppFactory, clock: FakeClock, log_path: Path, zone: ZoneInfo, fold: int
) -> None:
    """01:10 comes twice that night; a cool-down begun in either is kept like any other."""
    from cooldown.core.episode import Status
    from cooldown.tui.screens.coming_back import ComingBackScreen

    day = datetime(2026, 10, 25) if zone is LONDON else datetime(2026, 11, 1)
    clock.now = day.replace(hour=1, minute=10, tzinfo=zone, fold=fold)
    app = make_app(settings(repeat_times=0))
    async with app.run_test(size=SIZE) as pilot:
        await cooling_until(pilot, "30m")
        for _ in range(10):  # the app looks at the log every few seconds for changes made elsewhere
            app.tick()
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ComingBackScreen)
        messages = " ".join(notice.message for notice in app._notifications)
    assert "changed elsewhere" not in messages
    episode = stored(log_path)
    assert (episode.statement, episode.status) == (4, Status.RETURNED)
