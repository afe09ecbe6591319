"""'I'm back', from anywhere: `cooldown back` in any shell, or a notification's "I'm back".

It records the return (the outcome is asked at the next launch) and stops the
alert from repeating. Once the person is back and a put-off talk's time has
come, it only stops that alert's repeats.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cooldown.clock import Clock, system_clock
from cooldown.core.instant import format_clock, utc
from cooldown.session.status import Stage, running, stage_of
from cooldown.store.episodes import EpisodeChanged, EpisodeLog


@dataclass(frozen=True)
class Back:
    """What `come_back` did, in words for the person."""

    done: bool
    """True if the log changed (a return recorded, or an alert stopped)."""
    words: str


NOTHING = "No cool-down is running, so there is nothing to come back from."


def come_back(log_path: str | os.PathLike[str], *, uid: str | None = None, clock: Clock = system_clock) -> Back:
    """Record that the person is back from the running cool-down (only `uid`'s, if given).

    Raises StoreError if the log can't be used.
    """
    path = Path(log_path)
    if not path.is_file():
        return Back(False, NOTHING)
    now = clock()
    with EpisodeLog(path) as log:
        episode = running(log, now)
        if episode is None or (uid is not None and episode.uid != uid):
            return Back(False, NOTHING)
        stage = stage_of(episode, now)
        if stage in (Stage.COOLING, Stage.DUE):
            assert episode.return_at is not None
            try:
                log.save(episode.come_back(now), expected=episode)
            except EpisodeChanged:
                return Back(False, "Another cooldown window recorded something just now: open cooldown to see it.")
            log.acknowledge_alert(episode.uid, utc(episode.return_at).timestamp(), utc(now).timestamp())
            return Back(True, f"Welcome back: your return at {_clock(now, now)} is recorded. {NEXT}")
        if stage is Stage.TALK_DUE and episode.talk_at is not None:
            log.acknowledge_alert(episode.uid, utc(episode.talk_at).timestamp(), utc(now).timestamp())
            talk = _clock(episode.talk_at, now)
            return Back(True, f"It's time for the talk you set for {talk}; its reminders have stopped. {NEXT}")
        if stage is Stage.TALK_LATER and episode.talk_at is not None:
            return Back(False, f"You're back already; the talk is set for {_clock(episode.talk_at, now)}.")
        return Back(False, f"You're back already. {NEXT}")


NEXT = "Type cooldown when you're ready: it helps you start the talk gently, and asks how it went after."


def _clock(at: datetime, now: datetime) -> str:
    return format_clock(at, now)
