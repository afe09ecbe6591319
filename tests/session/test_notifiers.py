"""Tests for cooldown.session.notifiers: one alert per due time, to every notifier, whatever fails."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from cooldown.core.alerting import Schedule
from cooldown.core.episode import Episode, Outcome
from cooldown.session.notifiers import Alert, InMemory, Notifier, ReturnAlarm

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
RETURN = datetime(2026, 11, 21, 19, 30, tzinfo=BERLIN)
LATER = datetime(2026, 11, 21, 19, 45, tzinfo=BERLIN)


@dataclass
class Recorder:
    """A notifier that keeps what it was told."""

    name: str = "recorder"
    alerts: list[Alert] = field(default_factory=list)

    def alert(self, alert: Alert) -> None:
        self.alerts.append(alert)


@dataclass
class Broken:
    """A notifier that always fails."""

    name: str = "broken"
    tried: int = 0

    def alert(self, alert: Alert) -> None:
        self.tried += 1
        raise OSError("no notification daemon")


def cooling() -> Episode:
    return Episode.begin(START, anger=7).choose_activity("go for a walk").agree_return(RETURN, START)


def alarm_with(*notifiers: Notifier, schedule: Schedule = Schedule(repeat_times=0)) -> ReturnAlarm:
    """An alarm with these notifiers; by default, no repeats (one alert per due time)."""
    alarm = ReturnAlarm(schedule=lambda: schedule)
    for notifier in notifiers:
        alarm.add(notifier)
    return alarm


def test_no_alert_before_the_return_time() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    episode = cooling()
    assert alarm.check(episode, START) is None
    assert alarm.check(episode, RETURN - timedelta(seconds=1)) is None
    assert recorder.alerts == []


def test_no_alert_without_an_episode_or_a_return_time() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    assert alarm.check(None, RETURN) is None
    assert alarm.check(Episode.begin(START), RETURN + timedelta(hours=1)) is None
    assert recorder.alerts == []


def test_alerts_exactly_once_per_due_time_however_often_checked() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    episode = cooling()
    first = alarm.check(episode, RETURN)
    assert first is not None
    for seconds in (0, 1, 30, 600, 3600 * 5):
        assert alarm.check(episode, RETURN + timedelta(seconds=seconds)) is None
    assert recorder.alerts == [first]


def test_a_late_first_check_still_alerts() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    assert alarm.check(cooling(), RETURN + timedelta(hours=2)) is not None
    assert len(recorder.alerts) == 1


def test_the_alert_says_what_and_when() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    episode = cooling()
    alert = alarm.check(episode, RETURN + timedelta(minutes=1))
    assert alert == Alert(
        episode_uid=episode.uid,
        due_at=RETURN,
        words="It's 19:30: time to go back and talk.",
        activity="go for a walk",
    )
    assert recorder.alerts == [alert]


def test_the_same_episode_read_back_again_is_not_alerted_twice() -> None:
    """The alarm is keyed by uid and instant, so a copy of the episode (a reload) counts as the same."""
    recorder = Recorder()
    alarm = alarm_with(recorder)
    episode = cooling()
    alarm.check(episode, RETURN)
    copy = Episode.model_validate(episode.model_dump())
    in_utc = copy.model_copy(update={"return_at": RETURN.astimezone(ZoneInfo("UTC"))})
    assert alarm.check(copy, RETURN + timedelta(minutes=1)) is None
    assert alarm.check(in_utc, RETURN + timedelta(minutes=2)) is None
    assert len(recorder.alerts) == 1


def test_a_reschedule_to_a_later_time_alerts_again_at_the_new_time() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    episode = cooling()
    assert alarm.check(episode, RETURN) is not None
    moved = episode.reschedule(LATER)
    assert alarm.check(moved, RETURN + timedelta(minutes=1)) is None
    assert alarm.check(moved, LATER - timedelta(seconds=1)) is None
    second = alarm.check(moved, LATER)
    assert second is not None
    assert second.due_at == LATER
    assert second.words == "It's 19:45: time to go back and talk."
    assert alarm.check(moved, LATER + timedelta(minutes=10)) is None
    assert [alert.due_at for alert in recorder.alerts] == [RETURN, LATER]


def test_a_reschedule_before_the_first_alert_alerts_only_at_the_new_time() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    moved = cooling().reschedule(LATER)
    assert alarm.check(moved, RETURN) is None
    assert alarm.check(moved, LATER) is not None
    assert [alert.due_at for alert in recorder.alerts] == [LATER]


def test_no_alert_once_back() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    back = cooling().come_back(RETURN - timedelta(minutes=5))
    assert alarm.check(back, RETURN) is None
    assert alarm.check(back, RETURN + timedelta(hours=1)) is None
    assert recorder.alerts == []


def test_no_alert_once_done_or_abandoned() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    done = cooling().come_back(RETURN - timedelta(minutes=5)).record_outcome(Outcome.SIDESTEP)
    assert alarm.check(done, RETURN + timedelta(minutes=1)) is None
    assert alarm.check(cooling().abandon(), RETURN + timedelta(minutes=1)) is None
    assert recorder.alerts == []


def test_keep_cooling_after_the_alert_does_not_alert_again() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    episode = cooling()
    assert alarm.check(episode, RETURN) is not None
    back = episode.come_back(RETURN + timedelta(minutes=1))
    assert alarm.check(back, RETURN + timedelta(minutes=1)) is None
    again = back.keep_cooling()
    assert again.return_at == RETURN
    assert alarm.check(again, RETURN + timedelta(minutes=2)) is None
    assert alarm.check(again, RETURN + timedelta(minutes=30)) is None
    assert len(recorder.alerts) == 1


def test_keep_cooling_before_the_return_time_alerts_once_when_it_comes() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    again = cooling().come_back(RETURN - timedelta(minutes=20)).keep_cooling()
    assert alarm.check(again, RETURN - timedelta(minutes=1)) is None
    assert alarm.check(again, RETURN) is not None
    assert alarm.check(again, RETURN + timedelta(minutes=1)) is None
    assert len(recorder.alerts) == 1


def test_two_episodes_due_at_the_same_time_each_get_an_alert() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder)
    one, other = cooling(), cooling()
    assert alarm.check(one, RETURN) is not None
    assert alarm.check(other, RETURN) is not None
    assert [alert.episode_uid for alert in recorder.alerts] == [one.uid, other.uid]


def test_every_notifier_gets_the_alert() -> None:
    first, second = Recorder("bell"), Recorder("screen")
    alarm = alarm_with(first, second)
    alert = alarm.check(cooling(), RETURN)
    assert first.alerts == [alert]
    assert second.alerts == [alert]
    assert alarm.failures == []


def test_a_failing_notifier_is_recorded_and_the_next_one_still_gets_the_alert() -> None:
    broken, recorder = Broken(), Recorder("screen")
    alarm = alarm_with(broken, recorder)
    alert = alarm.check(cooling(), RETURN)
    assert alert is not None
    assert recorder.alerts == [alert]
    assert broken.tried == 1
    assert len(alarm.failures) == 1
    name, error = alarm.failures[0]
    assert name == "broken"
    assert isinstance(error, OSError)
    assert str(error) == "no notification daemon"


def test_a_failing_notifier_does_not_make_the_alert_repeat() -> None:
    broken, recorder = Broken(), Recorder()
    alarm = alarm_with(broken, recorder)
    episode = cooling()
    alarm.check(episode, RETURN)
    assert alarm.check(episode, RETURN + timedelta(minutes=1)) is None
    assert broken.tried == 1
    assert len(recorder.alerts) == 1
    assert len(alarm.failures) == 1


def test_send_names_the_notifiers_that_worked() -> None:
    broken, first, second = Broken(), Recorder("bell"), Recorder("screen")
    alarm = alarm_with(first, broken, second)
    alert = Alert("uid", RETURN, "It's 19:30: time to go back and talk.")
    assert alarm.send(alert) == ["bell", "screen"]
    assert second.alerts == [alert]
    assert [name for name, _ in alarm.failures] == ["broken"]


# Repeats until the person is back, and one count between processes


def test_an_unacknowledged_alert_repeats_on_schedule_then_stops() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder, schedule=Schedule(repeat_minutes=5, repeat_times=3))
    episode = cooling()
    sent_at = []
    for minute in range(0, 40):
        moment = RETURN + timedelta(minutes=minute)
        if alarm.check(episode, moment) is not None:
            sent_at.append(minute)
        alarm.check(episode, moment + timedelta(seconds=30))  # checked often: no extra sends
    assert sent_at == [0, 5, 10, 15]  # the first, then three repeats five minutes apart
    assert [alert.number for alert in recorder.alerts] == [1, 2, 3, 4]


def test_being_back_stops_the_repeats() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder, schedule=Schedule(repeat_minutes=5, repeat_times=3))
    episode = cooling()
    alarm.check(episode, RETURN)
    back = episode.come_back(RETURN + timedelta(minutes=2))
    assert alarm.check(back, RETURN + timedelta(minutes=5)) is None
    assert len(recorder.alerts) == 1


def test_two_processes_sharing_claims_send_each_alert_once_between_them() -> None:
    shared = InMemory()  # the log, in these tests
    app, background = Recorder("app"), Recorder("background")
    schedule = Schedule(repeat_minutes=5, repeat_times=1)
    first = ReturnAlarm([app], claims=shared, schedule=lambda: schedule)
    second = ReturnAlarm([background], claims=shared, schedule=lambda: schedule)
    episode = cooling()
    for minute in range(0, 12):
        moment = RETURN + timedelta(minutes=minute)
        for alarm in (second, first) if minute % 2 else (first, second):
            alarm.check(episode, moment)
    assert len(app.alerts) + len(background.alerts) == 2  # the first and the one repeat
    assert sorted(alert.number for alert in [*app.alerts, *background.alerts]) == [1, 2]


def test_a_time_already_past_when_the_app_opens_is_left_alone_there() -> None:
    recorder = Recorder()
    alarm = alarm_with(recorder, schedule=Schedule(repeat_minutes=5, repeat_times=3))
    episode = cooling()
    alarm.settle(episode, RETURN + timedelta(hours=2))
    assert alarm.check(episode, RETURN + timedelta(hours=2, minutes=5)) is None
    assert recorder.alerts == []
