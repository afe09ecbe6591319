"""The wall clock jumping during a cool-down, and cool-downs across midnight and daylight-saving changes.

On the session layer, with a real log: the countdown (`CoolDownStatus`) is the return time minus now at
every reading of the clock, and `ReturnAlarm` alerts each due time once on each channel, whatever the
clock does, repeating only `repeat_minutes` after the last alert went out. A return time typed as a
clock time or a duration is kept as the instant the person means and shown as the local time promised.

On the night the clocks go back, "1:30" typed at 00:50 means the first 1:30 (in 40 minutes, still in
summer time): the nearest 1:30 ahead, the one the person's clock shows first. A clock time in the hour
skipped in spring ("2:30" in New York) is the moment the clock would have shown it: 03:30.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.alerting import Alert, Schedule
from cooldown.core.instant import utc
from cooldown.core.returntime import parse_return_time
from cooldown.session.logbook import Logbook, LogClaims
from cooldown.session.notifiers import AWAY, HERE, ReturnAlarm
from cooldown.session.preferences import Preferences
from cooldown.session.protocol import ProtocolRun
from cooldown.session.status import Stage
from cooldown.store.episodes import EpisodeLog
from tests.conftest import BERLIN, FakeClock

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
START = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
BACK = datetime(2026, 11, 21, 18, 30, tzinfo=BERLIN)


@dataclass
class Recorder:
    """A notifier on `channel` that keeps each alert with the clock reading it came at."""

    clock: FakeClock
    channel: str = HERE
    name: str = "recorder"
    alerts: list[tuple[Alert, datetime]] = field(default_factory=list)

    def alert(self, alert: Alert) -> None:
        self.alerts.append((alert, self.clock()))


@pytest.fixture
def logbook(log_path: Path) -> Iterator[Logbook]:
    with Logbook(log_path) as book:
        yield book


def run_on(logbook: Logbook, tmp_path: Path, clock: FakeClock) -> ProtocolRun:
    run = ProtocolRun(logbook, Preferences(tmp_path / "config.toml"), clock)
    run.begin_afresh_abandoning_stale()
    run.say(1, anger=7)
    run.say(2)
    run.choose_activity("go for a walk")
    return run


def local(zone: ZoneInfo, moment: datetime) -> datetime:
    """`moment` (any zone) as the clock in `zone` shows it, fold and all."""
    return moment.astimezone(zone)


def stored_return(log_path: Path) -> datetime:
    with EpisodeLog(log_path) as log:
        [episode] = list(log.episodes())
    assert episode.return_at is not None
    return episode.return_at


# The wall clock jumps: forward 10 minutes, back 5


@pytest.mark.parametrize(
    ("reading", "face", "line", "stage"),
    [
        ("18:10:00", "20", "Back at 18:30, in 20 min", Stage.COOLING),
        ("18:20:00", "10", "Back at 18:30, in 10 min", Stage.COOLING),  # forward 10 minutes
        ("18:15:00", "15", "Back at 18:30, in 15 min", Stage.COOLING),  # back 5
        ("18:25:00", "5", "Back at 18:30, in 5 min", Stage.COOLING),
        ("18:35:00", "00:00", "Back at 18:30, 5 min ago", Stage.DUE),  # forward 10, past the time
        ("18:30:00", "00:00", "Back at 18:30, under a minute ago", Stage.DUE),  # back 5, on the time
        ("18:29:30", "00:30", "Back at 18:30, in under a minute", Stage.COOLING),  # back before it
    ],
)
def test_the_countdown_is_the_return_time_minus_now_at_every_reading(
    logbook: Logbook, tmp_path: Path, clock: FakeClock, reading: str, face: str, line: str, stage: Stage
) -> None:
    run = run_on(logbook, tmp_path, clock)
    run.agree_return(BACK)
    hour, minute, second = map(int, reading.split(":"))
    clock.now = START.replace(hour=hour, minute=minute, second=second)
    status = run.status()
    assert status is not None
    assert status.left == utc(BACK) - utc(clock.now)
    assert (status.face, status.return_line, status.stage) == (face, line, stage)


def checked_every_second(alarm: ReturnAlarm, run: ProtocolRun, clock: FakeClock, until: datetime) -> None:
    """The app's once-a-second check, from the clock's reading now up to `until`."""
    while clock.now <= until:
        alarm.check(run.episode, clock())
        clock.now += timedelta(seconds=1)


def test_a_jump_over_the_due_time_alerts_once_and_going_back_and_forward_never_again(
    logbook: Logbook, tmp_path: Path, clock: FakeClock, log_path: Path
) -> None:
    run = run_on(logbook, tmp_path, clock)
    run.agree_return(BACK)
    here, away = Recorder(clock), Recorder(clock, AWAY, "away")
    schedule = Schedule(repeat_minutes=5, repeat_times=3)
    alarm = ReturnAlarm([here, away], claims=LogClaims(logbook), schedule=lambda: schedule)
    clock.now = START.replace(minute=22)
    checked_every_second(alarm, run, clock, START.replace(minute=22, second=5))
    clock.now = START.replace(minute=32)  # forward 10 minutes, over the due time
    checked_every_second(alarm, run, clock, START.replace(minute=32, second=30))
    clock.now = START.replace(minute=27, second=30)  # back 5: before the due time again
    checked_every_second(alarm, run, clock, START.replace(minute=36, second=59))  # forward over it, second by second
    for recorder in (here, away):
        assert [(alert.number, at) for alert, at in recorder.alerts] == [(1, START.replace(minute=32))]
        [(alert, _)] = recorder.alerts
        assert alert.due_at == BACK
        assert alert.words == "It's 18:30: time to go back and talk."
    checked_every_second(alarm, run, clock, START.replace(minute=37, second=5))
    for recorder in (here, away):  # the repeat: 5 minutes after the last alert, by the clock
        assert [(alert.number, at) for alert, at in recorder.alerts] == [
            (1, START.replace(minute=32)),
            (2, START.replace(minute=37)),
        ]
    with EpisodeLog(log_path) as log:  # kept in the log: another process would count on from here
        for channel in (HERE, AWAY):
            assert log.alerts_sent(run.episode.uid, BACK.timestamp(), channel) == (
                2,
                START.replace(minute=37).timestamp(),
            )


def test_a_big_jump_forward_sends_one_repeat_not_a_burst(logbook: Logbook, tmp_path: Path, clock: FakeClock) -> None:
    """A laptop waking an hour later, say: one alert, then the repeats 5 minutes apart again."""
    run = run_on(logbook, tmp_path, clock)
    run.agree_return(BACK)
    here = Recorder(clock)
    schedule = Schedule(repeat_minutes=5, repeat_times=3)
    alarm = ReturnAlarm([here], claims=LogClaims(logbook), schedule=lambda: schedule)
    clock.now = BACK
    checked_every_second(alarm, run, clock, BACK + timedelta(seconds=3))
    clock.now = BACK + timedelta(hours=1)
    checked_every_second(alarm, run, clock, BACK + timedelta(hours=1, minutes=12))
    assert [(alert.number, at) for alert, at in here.alerts] == [
        (1, BACK),
        (2, BACK + timedelta(hours=1)),
        (3, BACK + timedelta(hours=1, minutes=5)),
        (4, BACK + timedelta(hours=1, minutes=10)),
    ]


def test_a_clock_set_back_after_the_alert_puts_the_countdown_back_and_stays_quiet(
    logbook: Logbook, tmp_path: Path, clock: FakeClock
) -> None:
    run = run_on(logbook, tmp_path, clock)
    run.agree_return(BACK)
    here = Recorder(clock)
    alarm = ReturnAlarm([here], claims=LogClaims(logbook), schedule=lambda: Schedule(repeat_times=0))
    clock.now = BACK
    assert alarm.check(run.episode, clock()) is not None
    clock.now = BACK - timedelta(minutes=20)  # set back by hand
    status = run.status()
    assert status is not None and (status.stage, status.face) == (Stage.COOLING, "20")
    checked_every_second(alarm, run, clock, BACK + timedelta(minutes=1))
    assert len(here.alerts) == 1


def wait_words(minutes: int) -> str:
    """The wait as the return line says it: "40 min", "1 h 30 min", "3 h"."""
    hours, minutes = divmod(minutes, 60)
    return " ".join(part for part in (f"{hours} h" if hours else "", f"{minutes} min" if minutes else "") if part)


# Across midnight and daylight-saving changes: (zone, now, typed, the instant meant in UTC, shown, wait)

CASES = [
    pytest.param(
        LONDON, datetime(2026, 10, 25, 0, 50), "1:30", datetime(2026, 10, 25, 0, 30), "01:30", 40, id="london-back-1:30"
    ),
    pytest.param(
        LONDON,
        datetime(2026, 10, 25, 0, 50),
        "01:30",
        datetime(2026, 10, 25, 0, 30),
        "01:30",
        40,
        id="london-back-01:30",
    ),
    pytest.param(
        LONDON,
        datetime(2026, 10, 25, 0, 50),
        "at 2:30",
        datetime(2026, 10, 25, 2, 30),
        "02:30",
        160,
        id="london-back-at",
    ),
    pytest.param(
        LONDON, datetime(2026, 10, 25, 0, 50), "+45m", datetime(2026, 10, 25, 0, 35), "01:35", 45, id="london-back-45m"
    ),
    pytest.param(
        LONDON, datetime(2026, 10, 25, 0, 50), "+90m", datetime(2026, 10, 25, 1, 20), "01:20", 90, id="london-back-90m"
    ),
    pytest.param(  # 01:40 summer time: the first 1:30 has passed, the second is 50 minutes ahead
        LONDON,
        datetime(2026, 10, 25, 1, 40),
        "1:30",
        datetime(2026, 10, 25, 1, 30),
        "01:30",
        50,
        id="london-second-1:30",
    ),
    pytest.param(
        LONDON,
        datetime(2026, 3, 29, 0, 40),
        "at 2:30",
        datetime(2026, 3, 29, 1, 30),
        "02:30",
        50,
        id="london-spring-at",
    ),
    pytest.param(
        LONDON,
        datetime(2026, 3, 29, 0, 40),
        "02:30",
        datetime(2026, 3, 29, 1, 30),
        "02:30",
        50,
        id="london-spring-02:30",
    ),
    pytest.param(
        LONDON, datetime(2026, 3, 29, 0, 40), "+45m", datetime(2026, 3, 29, 1, 25), "02:25", 45, id="london-spring-45m"
    ),
    pytest.param(  # 1:30 is skipped that night: the moment the clock would have shown it
        LONDON, datetime(2026, 3, 29, 0, 40), "1:30", datetime(2026, 3, 29, 1, 30), "02:30", 50, id="london-spring-gap"
    ),
    pytest.param(
        NEW_YORK, datetime(2026, 3, 8, 1, 30), "at 3:30", datetime(2026, 3, 8, 7, 30), "03:30", 60, id="ny-spring-at"
    ),
    pytest.param(
        NEW_YORK, datetime(2026, 3, 8, 1, 30), "2:30", datetime(2026, 3, 8, 7, 30), "03:30", 60, id="ny-spring-gap"
    ),
    pytest.param(
        NEW_YORK, datetime(2026, 3, 8, 1, 30), "+45m", datetime(2026, 3, 8, 7, 15), "03:15", 45, id="ny-spring-45m"
    ),
    pytest.param(
        NEW_YORK, datetime(2026, 11, 1, 0, 50), "1:30", datetime(2026, 11, 1, 5, 30), "01:30", 40, id="ny-back-1:30"
    ),
    pytest.param(
        NEW_YORK, datetime(2026, 11, 1, 0, 50), "at 2:30", datetime(2026, 11, 1, 7, 30), "02:30", 160, id="ny-back-at"
    ),
    pytest.param(
        NEW_YORK, datetime(2026, 11, 1, 0, 50), "+90m", datetime(2026, 11, 1, 6, 20), "01:20", 90, id="ny-back-90m"
    ),
    pytest.param(  # across midnight and the change together
        NEW_YORK,
        datetime(2026, 10, 31, 23, 30),
        "+3h",
        datetime(2026, 11, 1, 6, 30),
        "01:30 tomorrow",
        180,
        id="ny-midnight-3h",
    ),
    pytest.param(
        NEW_YORK,
        datetime(2026, 10, 31, 23, 30),
        "1:30",
        datetime(2026, 11, 1, 5, 30),
        "01:30 tomorrow",
        120,
        id="ny-midnight-1:30",
    ),
    pytest.param(
        LONDON,
        datetime(2026, 11, 21, 23, 40),
        "00:15",
        datetime(2026, 11, 22, 0, 15),
        "00:15 tomorrow",
        35,
        id="midnight-00:15",
    ),
    pytest.param(
        LONDON,
        datetime(2026, 11, 21, 23, 40),
        "+45m",
        datetime(2026, 11, 22, 0, 25),
        "00:25 tomorrow",
        45,
        id="midnight-45m",
    ),
]


@pytest.mark.parametrize(("zone", "wall", "typed", "meant", "shown", "minutes"), CASES)
def test_a_return_time_across_midnight_or_a_change_of_the_clocks_keeps_its_promise(
    logbook: Logbook,
    tmp_path: Path,
    log_path: Path,
    zone: ZoneInfo,
    wall: datetime,
    typed: str,
    meant: datetime,
    shown: str,
    minutes: int,
) -> None:
    clock = FakeClock(wall.replace(tzinfo=zone))
    meant = meant.replace(tzinfo=UTC)
    run = run_on(logbook, tmp_path, clock)
    answer = parse_return_time(typed, clock())
    assert utc(answer.at) == meant
    assert answer.wait == timedelta(minutes=minutes)
    run.agree_return(answer.at)
    kept = stored_return(log_path)
    assert utc(kept) == meant  # the instant, as stored
    assert kept.utcoffset() == meant.astimezone(zone).utcoffset()  # with the offset in force then
    status = run.status()
    assert status is not None
    assert status.return_line == f"Back at {shown}, in {wait_words(minutes)}"
    halfway = local(zone, meant - timedelta(minutes=minutes / 2))  # the clocks may have changed by now
    clock.now = halfway
    status = run.status()
    assert status is not None
    assert status.left == timedelta(minutes=minutes / 2)
    clock_time = shown.removesuffix(" tomorrow")
    assert status.back_at == (clock_time if halfway.date() == meant.astimezone(zone).date() else shown)
    here = Recorder(clock)
    alarm = ReturnAlarm([here], claims=LogClaims(logbook), schedule=lambda: Schedule(repeat_times=0))
    clock.now = local(zone, meant - timedelta(seconds=1))
    assert alarm.check(run.episode, clock()) is None
    clock.now = local(zone, meant)
    alert = alarm.check(run.episode, clock())
    assert alert is not None
    assert utc(alert.due_at) == meant
    assert alert.words == f"It's {clock_time}: time to go back and talk."
    clock.now = local(zone, meant + timedelta(hours=1))
    assert alarm.check(run.episode, clock()) is None
    assert len(here.alerts) == 1


@pytest.mark.parametrize("zone", [LONDON, NEW_YORK], ids=["london", "new-york"])
@pytest.mark.parametrize("fold", [0, 1], ids=["first-1:10", "second-1:10"])
def test_in_the_hour_the_clocks_go_back_over_every_step_is_kept(
    logbook: Logbook, tmp_path: Path, log_path: Path, zone: ZoneInfo, fold: int
) -> None:
    day = datetime(2026, 10, 25) if zone is LONDON else datetime(2026, 11, 1)
    clock = FakeClock(day.replace(hour=1, minute=10, tzinfo=zone, fold=fold))
    run = run_on(logbook, tmp_path, clock)  # statements 1 and 2, the activity: each a save
    run.agree_return(parse_return_time("30m", clock()).at)
    assert run.refresh() is False  # nothing was changed elsewhere
    clock.now = local(zone, utc(clock.now) + timedelta(minutes=31))
    run.come_back()
    assert not run.overtaken
    with EpisodeLog(log_path) as log:
        [episode] = list(log.episodes())
    assert (episode.statement, episode.status.value, episode.activity) == (4, "returned", "go for a walk")
