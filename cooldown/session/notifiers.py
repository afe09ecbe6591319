"""'It is time to go back': one alert per due time, sent to every notifier.

A notifier is anything with a `name` and an `alert(alert)` method: the terminal
bell and the on-screen alert while the app is open today; desktop, terminal and
background notifiers join the same list without any screen knowing. One that
fails is noted and the others still run: an alert must never break the cool-down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from cooldown.core.episode import Episode
from cooldown.core.instant import utc
from cooldown.session.status import CoolDownStatus, Stage


@dataclass(frozen=True)
class Alert:
    """One due time come: what to say and what it is about."""

    episode_uid: str
    due_at: datetime
    """The time that has come: the return time, or the time agreed for a put-off talk."""
    words: str
    """What to say, e.g. "It's 19:30: time to go back and talk."."""
    activity: str | None = None


class Notifier(Protocol):
    """Something that can get the person's attention."""

    name: str

    def alert(self, alert: Alert) -> None:
        """Tell the person; may raise (the alarm notes it and carries on)."""


@dataclass
class ReturnAlarm:
    """Sends each due time's alert once, to every notifier, when it is checked at or after that time."""

    notifiers: list[Notifier] = field(default_factory=list)
    sent: set[tuple[str, float]] = field(default_factory=set)
    """(episode uid, due time) pairs already alerted."""
    failures: list[tuple[str, Exception]] = field(default_factory=list)
    """(notifier name, what went wrong), for a later look."""

    def add(self, notifier: Notifier) -> None:
        self.notifiers.append(notifier)

    def check(self, episode: Episode | None, now: datetime) -> Alert | None:
        """Alert if a time of `episode` has come (the return, or a put-off talk) and was not alerted yet."""
        alert = self._due(episode, now)
        if alert is None:
            return None
        key = (alert.episode_uid, utc(alert.due_at).timestamp())
        if key in self.sent:
            return None
        self.sent.add(key)
        self.send(alert)
        return alert

    def settle(self, episode: Episode | None, now: datetime) -> None:
        """A time already past when the person opens the app is not alerted: they are here."""
        alert = self._due(episode, now)
        if alert is not None:
            self.sent.add((alert.episode_uid, utc(alert.due_at).timestamp()))

    @staticmethod
    def _due(episode: Episode | None, now: datetime) -> Alert | None:
        """The alert `episode` calls for at `now`, if any."""
        if episode is None or episode.return_at is None:
            return None
        status = CoolDownStatus(episode, now)
        if status.stage is Stage.DUE:
            return Alert(episode.uid, episode.return_at, status.alert_words, episode.activity)
        if status.stage is Stage.TALK_DUE and episode.talk_at is not None:
            return Alert(episode.uid, episode.talk_at, status.talk_words, episode.activity)
        return None

    def send(self, alert: Alert) -> list[str]:
        """Send `alert` to every notifier; the names of those that worked."""
        worked = []
        for notifier in self.notifiers:
            try:
                notifier.alert(alert)
            except Exception as error:  # one notifier failing never stops the others
                self.failures.append((notifier.name, error))
            else:
                worked.append(notifier.name)
        return worked
