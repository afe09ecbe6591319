"""One episode: a cool-down from the first statement to its outcome.

An episode moves through a few steps. Each step returns a new `Episode`; nothing
here touches a file or the clock, so the caller passes the time in.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from cooldown.core.checkins import AngerReading, PulseReading
from cooldown.core.cues import Cue, Topic
from cooldown.core.instant import fixed_offset, utc
from cooldown.core.text import visible, visible_lines


def _aware(value: datetime | None) -> datetime | None:
    """Refuse naive datetimes: every stored time carries its UTC offset (held as that fixed offset)."""
    return None if value is None else fixed_offset(value)


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]
AngerRating = Annotated[int, Field(ge=0, le=9)]

NOTE_LIMIT = 2000
"""The longest note, in characters."""
CUES_LIMIT = 36
"""The most first signs one episode can hold (four groups of at most nine)."""

ShownLine = Annotated[str, AfterValidator(visible)]
"""One line of the person's text (typed, read from the log, imported), its control characters shown as pictures."""
Note = Annotated[str, Field(max_length=NOTE_LIMIT), AfterValidator(visible_lines)]
"""A note: its line breaks kept, every other control character shown as a picture."""


class Outcome(StrEnum):
    """How the conversation went after the cool-down."""

    SIDESTEP = "sidestep"
    """They talked it through: a fight was sidestepped."""
    FIGHT = "fight"
    """It turned into a fight."""


class Status(StrEnum):
    """Where an episode stands."""

    STATEMENTS = "statements"
    """Saying the four statements; no return time agreed yet."""
    COOLING = "cooling"
    """The return time is agreed and the cool-down is running."""
    RETURNED = "returned"
    """Back from the cool-down; the outcome is not recorded yet."""
    TALK_LATER = "talk_later"
    """Back, and the talk is put off to an agreed time (`talk_at`); the outcome comes after it."""
    DONE = "done"
    """The outcome is recorded."""
    ABANDONED = "abandoned"
    """Left before a return time was agreed."""


OPEN_STATUSES = (Status.COOLING, Status.RETURNED, Status.TALK_LATER)
"""Statuses a new launch resumes instead of starting over."""


class Move(BaseModel):
    """One request for more time: when it was asked, and the return time it moved to."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    at: AwareDatetime
    """When more time was asked."""
    to: AwareDatetime
    """The new return time."""
    was: AwareDatetime | None = None
    """The return time it replaced (the one agreed, for the first move)."""


class Episode(BaseModel):
    """One use of the protocol (or one fight or sidestep logged afterwards)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int | None = None
    """Row id in the log; None until stored."""
    uid: str = Field(default_factory=lambda: uuid.uuid4().hex)
    """Stable identity across machines, used to merge imports without duplicates."""
    started_at: AwareDatetime
    """When the person opened the protocol."""
    protocol_used: bool = True
    """False for a fight or sidestep logged without the protocol."""
    statement: int = Field(default=0, ge=0, le=4)
    """The last statement confirmed (0 to 4)."""
    anger_before: AngerRating | None = None
    """How angry they were at the start, 0 (calm) to 9 (furious)."""
    activity: ShownLine | None = None
    """What they chose to do while cooling down."""
    agreed_at: AwareDatetime | None = None
    """When the return time was agreed: the start of the cool-down proper."""
    return_at: AwareDatetime | None = None
    """The agreed time to come back and talk."""
    returned_at: AwareDatetime | None = None
    """When they said they were back."""
    reschedules: int = Field(default=0, ge=0)
    """How many times the return time was moved."""
    moves: tuple[Move, ...] = ()
    """Each request for more time, with when it was asked and the new return time."""
    talk_at: AwareDatetime | None = None
    """The time agreed to talk, when "not now" put the talk off."""
    outcome: Outcome | None = None
    """Fight or sidestep; None while unfinished or abandoned."""
    anger_after: AngerRating | None = None
    """How angry they were afterwards, 0 to 9."""
    anger_during: tuple[AngerReading, ...] = ()
    """How angry they were during the cool-down, each rating with its time."""
    pulses: tuple[PulseReading, ...] = ()
    """Pulses counted during the cool-down, each with its time."""
    breathing_seconds: int = Field(default=0, ge=0)
    """Seconds the breathing guide was on screen."""
    topic: Topic = ""
    """What set it off, in their own words ("money"), asked after the outcome; empty if not said."""
    cues: tuple[Cue, ...] = Field(default=(), max_length=CUES_LIMIT)
    """The first signs they noticed (body, actions, feelings, thoughts), asked after the outcome."""
    note: Note = ""
    """Anything they wanted to remember."""
    status: Status = Status.STATEMENTS
    """Where the episode stands."""

    @classmethod
    def begin(cls, now: datetime, anger: int | None = None) -> Self:
        """Start an episode: statement 1 has just been said."""
        return cls(started_at=now, statement=1, anger_before=anger)

    @classmethod
    def logged(cls, at: datetime, outcome: Outcome, note: str = "") -> Self:
        """A fight or sidestep recorded afterwards, without the protocol."""
        return cls(started_at=at, protocol_used=False, outcome=outcome, note=note, status=Status.DONE)

    def reach(self, statement: int) -> Self:
        """Record that `statement` (1-4) was said; going back never forgets progress."""
        return self._update(statement=max(self.statement, statement))

    def rate_anger(self, anger: int | None) -> Self:
        """Set the anger rating before the cool-down."""
        return self._update(anger_before=anger)

    def choose_activity(self, activity: str) -> Self:
        """Statement 3: what they will do to calm down."""
        return self._update(activity=activity, statement=max(self.statement, 3))

    def agree_return(self, return_at: datetime, now: datetime | None = None) -> Self:
        """Statement 4: the return time is agreed (at `now`) and the cool-down starts."""
        return self._update(return_at=return_at, agreed_at=now, statement=4, status=Status.COOLING)

    def reconsider(self) -> Self:
        """The return time is open again (back from the script before the cool-down started)."""
        return self._update(return_at=None, agreed_at=None, statement=3, status=Status.STATEMENTS)

    def edit(self, outcome: Outcome | None, note: str) -> Self:
        """A correction from the history: a new outcome (or none) and note.

        Clearing an outcome leaves the episode no longer open: it will not be resumed.
        """
        if outcome is not None:
            status = Status.DONE
        elif self.outcome is not None:  # an outcome cleared: no longer open, never resumed
            status = Status.ABANDONED
        else:
            status = self.status  # a note edited on an episode still under way leaves it under way
        return self._update(outcome=outcome, note=note, status=status)

    def reschedule(self, return_at: datetime, now: datetime | None = None) -> Self:
        """Ask for more time (at `now`): a new return time, counted as a reschedule."""
        moves = self.moves if now is None else (*self.moves, Move(at=now, to=return_at, was=self.return_at))
        return self._update(return_at=return_at, reschedules=self.reschedules + 1, moves=moves)

    def put_off_talk(self, talk_at: datetime) -> Self:
        """Back, but not now: the talk is agreed for `talk_at`."""
        return self._update(talk_at=talk_at, status=Status.TALK_LATER)

    def is_talk_due(self, now: datetime) -> bool:
        """True once a put-off talk's time has come."""
        return self.status is Status.TALK_LATER and self.talk_at is not None and utc(now) >= utc(self.talk_at)

    def come_back(self, now: datetime) -> Self:
        """They are back (on time, early or late); the outcome comes next."""
        return self._update(returned_at=now, status=Status.RETURNED)

    def keep_cooling(self) -> Self:
        """Not back after all (a stray key, or not ready to talk): the cool-down runs on."""
        return self._update(returned_at=None, status=Status.COOLING)

    def record_outcome(self, outcome: Outcome) -> Self:
        """Fight or sidestep."""
        return self._update(outcome=outcome, status=Status.DONE)

    def rate_anger_during(self, value: int, at: datetime) -> Self:
        """A rating during the cool-down ("how angry are you now?")."""
        return self._update(anger_during=(*self.anger_during, AngerReading(at=at, value=value)))

    def count_pulse(self, bpm: int, at: datetime) -> Self:
        """A pulse counted during the cool-down, in beats a minute."""
        return self._update(pulses=(*self.pulses, PulseReading(at=at, bpm=bpm)))

    def breathe(self, seconds: int) -> Self:
        """The breathing guide was on screen for `seconds` more."""
        return self._update(breathing_seconds=self.breathing_seconds + max(0, seconds))

    def reflect(self, anger_after: int | None, note: str) -> Self:
        """The optional anger rating afterwards and a note."""
        return self._update(anger_after=anger_after, note=note)

    def notice(self, topic: str, cues: tuple[Cue, ...]) -> Self:
        """What set it off and the first signs noticed, said after the outcome (each may be empty)."""
        unique = tuple(dict.fromkeys(cues))  # the same sign twice counts once
        return self._update(topic=topic.strip(), cues=unique)

    def abandon(self) -> Self:
        """Left before a return time was agreed; kept, never deleted."""
        return self._update(status=Status.ABANDONED)

    def is_due(self, now: datetime) -> bool:
        """True once the return time has come."""
        return self.return_at is not None and utc(now) >= utc(self.return_at)

    def _update(self, **changes: object) -> Self:
        # model_copy skips validation; validate so a bad value never reaches the log.
        return type(self).model_validate({**self.model_dump(), **changes})
