"""'It is time to go back': alerts sent to every notifier, once per due time and then a few repeats.

A notifier is anything with a `name` and an `alert(alert)` method: the bell, the
on-screen alert and the terminal while the app is open, the desktop and the
person's own command from anywhere. One that fails is noted and the others still
run: an alert must never break the cool-down.

The open app and the background alarm watch the same episode. Each send is
claimed first (`Claims`, kept in the log), so whichever gets there first sends
and the other stays quiet; repeats follow `core.alerting.Schedule` until the
episode moves on (the person is back, or the talk happened).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from cooldown.core.alerting import Alert, Schedule
from cooldown.core.episode import Episode
from cooldown.core.instant import utc
from cooldown.core.settings import Notifications
from cooldown.session.status import CoolDownStatus, Stage
from cooldown.store.alerts import AWAY, CHANNELS, HERE

Key = tuple[str, float, str]
"""(episode uid, due time in epoch seconds, channel: `HERE` or `AWAY`)."""


class Notifier(Protocol):
    """Something that can get the person's attention.

    Its `channel` (optional, `HERE` if absent) says where it reaches them: `HERE` at the
    terminal (sent by an open app only), `AWAY` anywhere (the app or the background alarm).
    """

    name: str

    def alert(self, alert: Alert) -> None:
        """Tell the person; may raise (the alarm notes it and carries on)."""


class Claims(Protocol):
    """Where the alerts sent are kept, shared between processes (the log)."""

    def sent(self, key: Key) -> tuple[int, float | None]:
        """(how many went out for `key`, when the last did)."""

    def claim(self, key: Key, number: int, now_ts: float) -> bool:
        """Claim the `number`-th alert for `key`; True if this process won it and should send."""


@dataclass
class InMemory:
    """Claims held by this process only (when the log can't be used)."""

    counts: dict[Key, tuple[int, float]] = field(default_factory=dict)

    def sent(self, key: Key) -> tuple[int, float | None]:
        count, last = self.counts.get(key, (0, None))
        return count, last

    def claim(self, key: Key, number: int, now_ts: float) -> bool:
        if self.counts.get(key, (0, 0.0))[0] != number - 1:
            return False
        self.counts[key] = (number, now_ts)
        return True


@dataclass
class ReturnAlarm:
    """Sends each due time's alert when it comes, then repeats it on `schedule` until the episode moves on."""

    notifiers: list[Notifier] = field(default_factory=list)
    claims: Claims = field(default_factory=InMemory)
    schedule: Callable[[], Schedule] = Schedule
    """The repeat schedule as the settings say now."""
    settled: set[tuple[str, float]] = field(default_factory=set)
    """Due times this process leaves alone: they had passed when the app was opened (the person is here)."""
    failures: list[tuple[str, Exception]] = field(default_factory=list)
    """(notifier name, what went wrong), for a later look."""

    def add(self, notifier: Notifier) -> None:
        self.notifiers.append(notifier)

    def check(self, episode: Episode | None, now: datetime) -> Alert | None:
        """Send the alert `episode` calls for at `now` on each channel where it is due and this process wins it.

        Returns the alert sent here (at the terminal), or the one sent away if only that went.
        """
        alert = self.due(episode, now)
        if alert is None:
            return None
        sent = None
        for channel in CHANNELS:
            notifiers = [notifier for notifier in self.notifiers if channel_of(notifier) == channel]
            if notifiers and (went := self._check(alert, channel, notifiers, now)) is not None:
                sent = sent or went
        return sent

    def _check(self, alert: Alert, channel: str, notifiers: list[Notifier], now: datetime) -> Alert | None:
        key = self.key(alert, channel)
        if key[:2] in self.settled:
            return None
        count, last = self.claims.sent(key)
        when = self.schedule().next_send(key[1], count, last)
        now_ts = utc(now).timestamp()
        if when is None or now_ts < when or not self.claims.claim(key, count + 1, now_ts):
            return None
        alert = replace(alert, number=count + 1)
        self.send(alert, notifiers)
        return alert

    def settle(self, episode: Episode | None, now: datetime) -> None:
        """A time already past when the person opens the app is not alerted here: they are here."""
        alert = self.due(episode, now)
        if alert is not None:
            self.settled.add(self.key(alert)[:2])

    @staticmethod
    def key(alert: Alert, channel: str = HERE) -> Key:
        return alert.episode_uid, utc(alert.due_at).timestamp(), channel

    @staticmethod
    def due(episode: Episode | None, now: datetime) -> Alert | None:
        """The alert `episode` calls for at `now`, if any (before any claim)."""
        if episode is None or episode.return_at is None:
            return None
        status = CoolDownStatus(episode, now)
        if status.stage is Stage.DUE:
            return Alert(episode.uid, episode.return_at, status.alert_words, episode.activity, "due")
        if status.stage is Stage.TALK_DUE and episode.talk_at is not None:
            return Alert(episode.uid, episode.talk_at, status.talk_words, episode.activity, "talk_due")
        return None

    def send(self, alert: Alert, notifiers: list[Notifier] | None = None) -> list[str]:
        """Send `alert` to `notifiers` (every notifier by default); the names of those that worked."""
        worked = []
        for notifier in self.notifiers if notifiers is None else notifiers:
            try:
                notifier.alert(alert)
            except Exception as error:  # one notifier failing never stops the others
                self.failures.append((notifier.name, error))
            else:
                worked.append(notifier.name)
        return worked


def channel_of(notifier: Notifier) -> str:
    """Where `notifier` reaches the person: `HERE` (the default) or `AWAY`."""
    return getattr(notifier, "channel", HERE)


def schedule_of(notifications: Notifications) -> Schedule:
    """The repeat schedule the settings ask for."""
    return Schedule(notifications.repeat_minutes, notifications.repeat_times)


__all__ = ["AWAY", "HERE", "Alert", "Claims", "InMemory", "Notifier", "ReturnAlarm", "channel_of", "schedule_of"]
