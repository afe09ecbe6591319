"""What is running now: the stage of an episode, the time left, its clock face and its words.

Everything here reads; nothing writes. The cool-down screen, the quit question
and (later) a status line and the background alarm all describe a cool-down
through these functions, so they always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from cooldown.core import instant
from cooldown.core.alerting import return_words, talk_words
from cooldown.core.episode import OPEN_STATUSES, Episode, Status
from cooldown.core.instant import elapsed, utc
from cooldown.core.returntime import format_clock, format_wait
from cooldown.core.stats import ON_TIME_GRACE
from cooldown.store.episodes import EpisodeLog

CARRY_ON_WITHIN = timedelta(minutes=10)
"""Statements whose last step was confirmed this recently, then left (the terminal closed, the app killed),
are carried on by the next launch at the step where they stopped; older ones are marked abandoned at once."""
RESUME_WINDOW = timedelta(hours=48)
"""Only cool-downs started this recently are resumed (an old one is left in the history)."""


class Stage(StrEnum):
    """Where an episode stands at a given moment (its status, with the clock taken into account)."""

    STATEMENTS = "statements"
    """Saying the statements; no return time agreed yet."""
    COOLING = "cooling"
    """The cool-down is running and the return time is still ahead."""
    DUE = "due"
    """The return time has come; the person is not back yet."""
    RETURNED = "returned"
    """Back; the outcome is not recorded yet."""
    TALK_LATER = "talk_later"
    """Back, and the talk is put off to a time that is still ahead."""
    TALK_DUE = "talk_due"
    """The time agreed for the put-off talk has come."""
    DONE = "done"
    """The outcome is recorded."""
    ABANDONED = "abandoned"
    """Left before a return time was agreed, or closed without an outcome."""


def stage_of(episode: Episode, now: datetime) -> Stage:
    if episode.status is Status.COOLING:
        return Stage.DUE if episode.is_due(now) else Stage.COOLING
    if episode.status is Status.TALK_LATER:
        return Stage.TALK_DUE if episode.is_talk_due(now) else Stage.TALK_LATER
    return Stage(episode.status.value)


def clock_face(left: timedelta) -> str:
    """Time left as 'H:MM:SS' or 'MM:SS', never negative."""
    return instant.clock_face(int(left.total_seconds()))


@dataclass(frozen=True)
class CoolDownStatus:
    """A cool-down with an agreed return time, as it stands at `now`."""

    episode: Episode
    now: datetime

    @property
    def return_at(self) -> datetime:
        assert self.episode.return_at is not None
        return self.episode.return_at

    @property
    def stage(self) -> Stage:
        return stage_of(self.episode, self.now)

    @property
    def due(self) -> bool:
        return self.episode.is_due(self.now)

    @property
    def left(self) -> timedelta:
        """Real time until the return time (negative once it has passed)."""
        return elapsed(self.now, self.return_at)

    @property
    def clock_face(self) -> str:
        return clock_face(self.left)

    @property
    def face(self) -> str:
        """The big countdown, which moves once a minute: "1:12" (h:mm), "18" (minutes), "00:45" (seconds) in the last one.

        The minutes are rounded as the return line rounds them ("in 18 min"), so the two agree.
        """
        seconds = max(0, int(self.left.total_seconds()))
        if seconds < 60:
            return f"00:{seconds:02}"
        minutes = round(seconds / 60)
        if minutes < 60:
            return str(minutes)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02}"

    @property
    def back_at(self) -> str:
        """'19:30', '19:30 tomorrow' or 'Mon 19:30'."""
        return format_clock(self.return_at, self.now)

    @property
    def return_line(self) -> str:
        """'Back at 19:30, in 1 h 12 min', or '..., 5 min ago' once it has passed."""
        left = self.left
        if left > timedelta(0):
            return f"Back at {self.back_at}, in {format_wait(left)}"
        return f"Back at {self.back_at}, {format_wait(-left)} ago"

    @property
    def progress(self) -> tuple[float, float]:
        """(seconds done, seconds in all) from the agreement to the return time."""
        total = max(1.0, elapsed(self.start, self.return_at).total_seconds())
        done = min(total, max(0.0, elapsed(self.start, self.now).total_seconds()))
        return done, total

    @property
    def start(self) -> datetime:
        """When the cool-down proper began: the return time was agreed."""
        return self.episode.agreed_at or self.episode.started_at

    @property
    def halfway(self) -> bool:
        """True from the middle of the cool-down on."""
        done, total = self.progress
        return done >= total / 2

    @property
    def rated_since_halfway(self) -> bool:
        """True if the anger was rated during the second half (the halfway question is then answered)."""
        done, total = self.progress
        middle = utc(self.start) + timedelta(seconds=total / 2)
        return any(utc(reading.at) >= middle for reading in self.episode.anger_during)

    @property
    def alert_words(self) -> str:
        """What the alert says: "It's 19:30: time to ..." at the time, "It's time ... (since 19:30)" later."""
        return return_words(self.back_at, late=-self.left >= ON_TIME_GRACE)

    @property
    def talk_at(self) -> str | None:
        """The put-off talk's time, '21:00' (None if the talk was not put off)."""
        return None if self.episode.talk_at is None else format_clock(self.episode.talk_at, self.now)

    @property
    def talk_line(self) -> str:
        """'Talk at 21:00, in 2 h 10 min' (or '..., 5 min ago')."""
        assert self.episode.talk_at is not None
        left = elapsed(self.now, self.episode.talk_at)
        when = f"in {format_wait(left)}" if left > timedelta(0) else f"{format_wait(-left)} ago"
        return f"Talk at {self.talk_at}, {when}"

    @property
    def talk_words(self) -> str:
        """What the alert says when the put-off talk's time comes."""
        assert self.talk_at is not None
        return talk_words(self.talk_at)


def status_of(episode: Episode | None, now: datetime) -> CoolDownStatus | None:
    """The status of `episode` if it has a return time agreed, else None."""
    if episode is None or episode.return_at is None:
        return None
    return CoolDownStatus(episode, now)


def leaving_words(
    episode: Episode | None, now: datetime, *, saving: bool, away: Callable[[str], str] | None = None
) -> str:
    """What happens to a cool-down in progress if the app closes now ('' when nothing is in progress).

    `away(time)` says what will alert the person at that time once the app is closed.
    """
    if episode is not None and episode.status is Status.STATEMENTS and saving:
        minutes = int(CARRY_ON_WITHIN.total_seconds() // 60)
        return f"What you confirmed is kept: type cooldown within {minutes} minutes to carry on where you left off."
    if episode is None or episode.return_at is None or episode.status not in OPEN_STATUSES:
        return ""
    if not saving:
        return "The log can't be written, so this cool-down will not be there next time."
    stage = stage_of(episode, now)
    if stage is Stage.COOLING:
        until = format_clock(episode.return_at, now)
        alerts = f" {away(until)}" if away is not None else ""
        return f"Your cool-down keeps running until {until}.{alerts} Type cooldown again to come back to it."
    if stage is Stage.TALK_LATER and episode.talk_at is not None:
        talk = format_clock(episode.talk_at, now)
        alerts = f" {away(talk)}" if away is not None else ""
        return f"Your talk is set for {talk}.{alerts} Type cooldown then, and it will help you start it gently."
    return "Next time you type cooldown, it will ask how the talk went."


def running(log: EpisodeLog, now: datetime) -> Episode | None:
    """The newest cool-down started within the resume window that is running or lacks its outcome.

    Only reads: raises StoreError if the log can't be read.
    """
    return log.open_episode(since=now - RESUME_WINDOW)
