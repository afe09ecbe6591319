"""The background alarm and `cooldown status` when the wall clock jumps, and across a change of the clocks.

The alarm runs in-process on an injected clock (epoch seconds, as `time.time`); it speaks in the
machine's local time, so these tests set the process's zone (TZ, then `time.tzset`). `cooldown status`
runs in-process too: once with an injected "now" (whose zone it then uses) and once on its own clock
(the system's local time, as a status bar runs it), held at the moment under test.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cooldown import statusline
from cooldown.alarm.watch import CHECK_SECONDS, DEFER_SECONDS, Alarm
from cooldown.core.alerting import Alert, Schedule
from cooldown.core.returntime import parse_return_time
from cooldown.session.logbook import Logbook, LogClaims
from cooldown.session.notifiers import AWAY, ReturnAlarm
from cooldown.session.preferences import Preferences
from cooldown.session.protocol import ProtocolRun
from cooldown.store.episodes import EpisodeLog
from tests.conftest import BERLIN, FakeClock

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
START = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
BACK = START + timedelta(minutes=30)

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset to set the local zone")


class EpochClock:
    """The alarm's clock: epoch seconds, moved by hand."""

    def __init__(self, at: datetime) -> None:
        self.now = at.timestamp()

    def __call__(self) -> float:
        return self.now

    def at(self, moment: datetime) -> None:
        self.now = moment.timestamp()


@dataclass
class AwayRecorder:
    """The open app's desktop notification and command, as one notifier that keeps what it sent."""

    name: str = "away"
    channel: str = AWAY
    alerts: list[Alert] = field(default_factory=list)

    def alert(self, alert: Alert) -> None:
        self.alerts.append(alert)


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the process's local time zone (TZ) for the test; put back afterwards."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def config(cooldown_home: Path) -> Path:
    cooldown_home.mkdir(parents=True, exist_ok=True)
    path = cooldown_home / "config.toml"
    command = json.dumps([sys.executable, "-c", "pass"])  # a command that works: the alarm can reach them
    path.write_text(
        f"[notifications]\ndesktop = false\ncommand = {command}\nrepeat_minutes = 5\nrepeat_times = 3\n",
        encoding="utf-8",
    )
    return path


def agreed(log_path: Path, config: Path, now: datetime, typed: str) -> ProtocolRun:
    """A walk with the return time `typed` agreed at `now`, written to the log as the app writes it."""
    run = ProtocolRun(Logbook(log_path), Preferences(config), FakeClock(now))
    run.begin_afresh_abandoning_stale()
    run.say(1, anger=7)
    run.choose_activity("go for a walk")
    run.agree_return(parse_return_time(typed, now).at)
    return run


def steps(alarm: Alarm, clock: EpochClock, until: datetime) -> None:
    """The alarm's loop from the clock's reading up to `until`, waking as it asks (the clock never sleeps)."""
    while clock.now <= until.timestamp():
        wait = alarm.step()
        assert wait is not None, "the alarm stopped"
        clock.now += wait


def sent(alarm: Alarm) -> list[tuple[int, str, float]]:
    return [(alert.number, alert.words, alert.due_at.timestamp()) for alert in alarm.sent]


def test_a_jump_over_the_return_time_alerts_once_and_back_and_forward_never_again(
    log_path: Path, config: Path, local_zone: Callable[[str], None]
) -> None:
    local_zone("Europe/Berlin")
    run = agreed(log_path, config, START, "30m")
    clock = EpochClock(START + timedelta(minutes=22))
    alarm = Alarm(run.episode.uid, log_path, config, clock=clock)
    assert alarm.step() == CHECK_SECONDS
    clock.at(START + timedelta(minutes=32))  # forward 10 minutes, over the return time
    steps(alarm, clock, START + timedelta(minutes=32, seconds=30))
    assert sent(alarm) == [(1, "It's 18:30: time to go back and talk.", BACK.timestamp())]
    clock.at(START + timedelta(minutes=27))  # back 5: before it again
    steps(alarm, clock, START + timedelta(minutes=37))  # forward over it, as the alarm wakes
    assert len(alarm.sent) == 1  # not again for the same return time
    steps(alarm, clock, START + timedelta(minutes=37, seconds=DEFER_SECONDS + 1))
    assert [number for number, _, _ in sent(alarm)] == [1, 2]  # the repeat, 5 minutes after the alert
    assert sent(alarm)[1][1] == "It's time to go back and talk (since 18:30)."
    with EpisodeLog(log_path) as log:
        assert log.alerts_sent(run.episode.uid, BACK.timestamp(), AWAY)[0] == 2
    run.logbook.close()


def test_the_open_app_and_the_alarm_share_one_alert_through_the_jumps(
    log_path: Path, config: Path, local_zone: Callable[[str], None]
) -> None:
    local_zone("Europe/Berlin")
    run = agreed(log_path, config, START, "30m")
    clock = EpochClock(START + timedelta(minutes=22))
    alarm = Alarm(run.episode.uid, log_path, config, clock=clock)
    away = AwayRecorder()
    app = ReturnAlarm([away], claims=LogClaims(run.logbook), schedule=lambda: Schedule(5, 3))
    for moment in (
        *(START + timedelta(minutes=22, seconds=s) for s in range(0, 5)),
        *(START + timedelta(minutes=32, seconds=s) for s in range(0, 10)),  # forward 10
        *(START + timedelta(minutes=27, seconds=s) for s in range(0, 9 * 60 + 30)),  # back 5, and on to 18:36:30
    ):
        clock.at(moment)
        app.check(run.episode, moment)  # the app looks every second
        alarm.step()  # the alarm too, after the app (which goes first)
    assert [alert.number for alert in away.alerts] + [alert.number for alert in alarm.sent] == [1]
    with EpisodeLog(log_path) as log:
        assert log.alerts_sent(run.episode.uid, BACK.timestamp(), AWAY)[0] == 1
    run.logbook.close()


# Across midnight and the change of the clocks: (zone, now on the wall, typed, the instant meant, shown, left)

CASES = [
    pytest.param(
        "Europe/London",
        datetime(2026, 10, 25, 0, 50),
        "1:30",
        datetime(2026, 10, 25, 0, 30),
        "01:30",
        "40:00",
        id="london-back",
    ),
    pytest.param(
        "Europe/London",
        datetime(2026, 10, 25, 0, 50),
        "+90m",
        datetime(2026, 10, 25, 1, 20),
        "01:20",
        "1:30:00",
        id="london-90m",
    ),
    pytest.param(
        "Europe/London",
        datetime(2026, 3, 29, 0, 40),
        "at 2:30",
        datetime(2026, 3, 29, 1, 30),
        "02:30",
        "50:00",
        id="london-spring",
    ),
    pytest.param(
        "America/New_York",
        datetime(2026, 3, 8, 1, 30),
        "02:30",
        datetime(2026, 3, 8, 7, 30),
        "03:30",
        "1:00:00",
        id="ny-spring-gap",
    ),
    pytest.param(
        "America/New_York",
        datetime(2026, 3, 8, 1, 30),
        "+45m",
        datetime(2026, 3, 8, 7, 15),
        "03:15",
        "45:00",
        id="ny-spring-45m",
    ),
    pytest.param(
        "America/New_York",
        datetime(2026, 11, 1, 0, 50),
        "+90m",
        datetime(2026, 11, 1, 6, 20),
        "01:20",
        "1:30:00",
        id="ny-back",
    ),
    pytest.param(
        "America/New_York",
        datetime(2026, 10, 31, 23, 30),
        "1:30",
        datetime(2026, 11, 1, 5, 30),
        "01:30 tomorrow",
        "2:00:00",
        id="ny-midnight",
    ),
]


@pytest.mark.parametrize(("zone_name", "wall", "typed", "meant", "shown", "left"), CASES)
def test_across_a_change_of_the_clocks_the_alarm_fires_at_the_instant_and_status_shows_the_promise(
    log_path: Path,
    config: Path,
    local_zone: Callable[[str], None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    zone_name: str,
    wall: datetime,
    typed: str,
    meant: datetime,
    shown: str,
    left: str,
) -> None:
    local_zone(zone_name)
    zone = ZoneInfo(zone_name)
    now = wall.replace(tzinfo=zone)
    meant = meant.replace(tzinfo=UTC)
    clock_time = shown.removesuffix(" tomorrow")
    run = agreed(log_path, config, now, typed)
    run.logbook.close()

    def status(at: datetime | None) -> str:
        assert statusline.main([], now=at) == statusline.SHOWN
        return capsys.readouterr().out

    assert status(now) == f"cooldown {left} · back at {shown}\n"  # an injected "now", in its zone
    monkeypatch.setattr(statusline, "datetime", held_at(now))  # its own clock: the system's local time
    assert status(None) == f"cooldown {left} · back at {shown}\n"
    monkeypatch.setattr(statusline, "datetime", datetime)
    halfway = (meant - (meant - now) / 2).astimezone(zone)  # the clocks may have changed by now
    said = clock_time if halfway.date() == meant.astimezone(zone).date() else shown
    assert status(halfway).endswith(f" · back at {said}\n")

    clock = EpochClock(now)
    alarm = Alarm(run.episode.uid, log_path, config, clock=clock)
    steps(alarm, clock, meant + timedelta(seconds=DEFER_SECONDS - 0.5))
    assert alarm.sent == []
    clock.at(meant + timedelta(seconds=DEFER_SECONDS))
    alarm.step()
    [alert] = alarm.sent
    assert alert.due_at == meant
    assert alert.words == f"It's {clock_time}: time to go back and talk."
    assert status(meant.astimezone(zone)) == f"cooldown: time to go back ({clock_time})\n"


def held_at(moment: datetime) -> type[datetime]:
    """`datetime` whose `now()` is `moment`, as the system's clock would give it."""

    class Held(datetime):
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206 - as datetime.now
            return datetime.fromtimestamp(moment.timestamp(), tz)

    return Held


# A local zone given as a rule (TZ=XST5XDT,M3.2.0,M11.1.0), not by name

RULE = "XST5XDT,M3.2.0,M11.1.0"
"""New York's rules, written as POSIX TZ does: no IANA name for the app to look up."""

APP_SIDE = """\
import time
from datetime import timedelta
from cooldown.clock import system_clock
from cooldown.paths import log_file, config_file
from cooldown.session.logbook import Logbook
from cooldown.session.preferences import Preferences
from cooldown.session.protocol import ProtocolRun
now = system_clock()
run = ProtocolRun(Logbook(log_file()), Preferences(config_file()), system_clock)
run.say(1, anger=6)
run.choose_activity("go for a walk")
episode = run.agree_return(now + timedelta(minutes=30))
print(run.status().back_at, time.strftime("%H:%M", time.localtime(episode.return_at.timestamp())), now.utcoffset())
run.logbook.close()
"""


def test_a_zone_given_as_a_rule_gives_the_app_the_same_local_times_as_status_and_the_system(
    cooldown_home: Path,
) -> None:
    import os
    import subprocess

    env = {**os.environ, "TZ": RULE}
    app = subprocess.run([sys.executable, "-c", APP_SIDE], env=env, capture_output=True, text=True, timeout=60)
    assert app.returncode == 0, app.stderr
    back_at, system_says, offset = app.stdout.split(maxsplit=2)
    assert back_at == system_says  # the cool-down screen's "Back at", as the system's own clock reads it
    assert offset.strip() in ("-1 day, 19:00:00", "-1 day, 20:00:00")  # -05:00 or -04:00, not UTC
    status = subprocess.run(
        [sys.executable, "-m", "cooldown", "status"], env=env, capture_output=True, text=True, timeout=60
    )
    assert status.stdout.endswith(f" · back at {back_at}\n"), status.stdout + status.stderr


@pytest.mark.parametrize(
    ("wall", "typed", "meant", "shown"),
    [
        (datetime(2026, 11, 1, 0, 50), "1:30", datetime(2026, 11, 1, 5, 30), "01:30"),  # the first 1:30
        (datetime(2026, 11, 1, 0, 50), "+90m", datetime(2026, 11, 1, 6, 20), "01:20"),  # the second 1:20
        (datetime(2026, 3, 8, 1, 30), "2:30", datetime(2026, 3, 8, 7, 30), "03:30"),  # 2:30 is skipped
        (datetime(2026, 3, 8, 1, 30), "+45m", datetime(2026, 3, 8, 7, 15), "03:15"),
    ],
)
def test_the_system_s_own_local_time_reads_return_times_as_the_named_zone_does(
    local_zone: Callable[[str], None], wall: datetime, typed: str, meant: datetime, shown: str
) -> None:
    from cooldown.clock import SystemTime
    from cooldown.core.instant import format_clock

    local_zone(RULE)
    system = SystemTime()
    now = datetime.fromtimestamp(wall.replace(tzinfo=NEW_YORK).timestamp(), system)
    assert (now.replace(tzinfo=None), now.utcoffset()) == (wall, wall.replace(tzinfo=NEW_YORK).utcoffset())
    answer = parse_return_time(typed, now)
    assert answer.at.astimezone(UTC) == meant.replace(tzinfo=UTC)  # as instants (PEP 495: never == in the fold)
    assert answer.at.isoformat() == meant.replace(tzinfo=UTC).astimezone(NEW_YORK).isoformat()  # as stored
    assert format_clock(answer.at, now) == shown
    for minutes in range(0, 24 * 60, 7):  # the whole day of the change, moment by moment, both folds
        moment = meant.replace(tzinfo=UTC) - timedelta(hours=12) + timedelta(minutes=minutes)
        named, own = moment.astimezone(NEW_YORK), moment.astimezone(system)
        assert (own.replace(tzinfo=None), own.fold, own.utcoffset()) == (
            named.replace(tzinfo=None),
            named.fold,
            named.utcoffset(),
        )
