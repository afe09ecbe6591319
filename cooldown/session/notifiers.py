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
    """The return time that has come."""
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
        """Alert if `episode`'s return time has come and was not alerted yet; the alert sent, or None."""
        key = self._due(episode, now)
        if key is None or key in self.sent:
            return None
        assert episode is not None and episode.return_at is not None
        self.sent.add(key)
        alert = Alert(episode.uid, episode.return_at, CoolDownStatus(episode, now).alert_words, episode.activity)
        self.send(alert)
        return alert

    def settle(self, episode: Episode | None, now: datetime) -> None:
        """A due time already past when the person opens the app is not alerted: they are here."""
        key = self._due(episode, now)
        if key is not None:
            self.sent.add(key)

    def _due(self, episode: Episode | None, now: datetime) -> tuple[str, float] | None:
        if episode is None or episode.return_at is None or CoolDownStatus(episode, now).stage is not Stage.DUE:
            return None
        return episode.uid, utc(episode.return_at).timestamp()

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
