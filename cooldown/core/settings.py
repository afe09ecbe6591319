"""The person's settings: activities, cool-down limits, wording, bell, theme and clock.

Every field has a default, so an empty config (or one with only `theme = "x"`)
is complete. Unknown keys are refused rather than ignored, so a typo is noticed.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from cooldown.core import alerting
from cooldown.core.breathing import Breathing
from cooldown.core.checkins import Pulse
from cooldown.core.coming_back import ReturnCard
from cooldown.core.cues import Cues
from cooldown.core.guidance import Guidance
from cooldown.core.keys import KeyList
from cooldown.core.plan import Plan
from cooldown.core.script import Wording
from cooldown.core.text import plain_line

ACTIVITY_LIMIT = 20
"""The most activities one can have."""
NAME_LIMIT = 120
"""The longest activity name, in characters."""

ActivityName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_LIMIT), AfterValidator(plain_line)
]
"""An activity's name: control characters are refused (a terminal would act on them)."""
ThemeName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80), AfterValidator(plain_line)
]
PartnerName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80), AfterValidator(plain_line)]
Minutes = Annotated[int, Field(ge=1, le=24 * 60)]
ClockStyle = Literal["12h", "24h"]
"""How a time of day is shown: "12h" is "7:30 pm", "24h" is "19:30" (see core/instant.py)."""


class Activity(BaseModel):
    """Something to do while cooling down, with how long it usually takes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: ActivityName
    """What they will do, as said aloud after "I'm going to", e.g. "go for a walk"."""
    minutes: Minutes = 30
    """The usual length of this cool-down, in minutes (1 to 1440)."""
    default: bool = False
    """The activity highlighted first in statement 3."""

    @property
    def label(self) -> str:
        """The name as a list entry: first letter upper case."""
        return self.name[:1].upper() + self.name[1:]


DEFAULT_ACTIVITIES: tuple[Activity, ...] = (
    Activity(name="go for a walk", minutes=30),
    Activity(name="put on my headphones", minutes=30),
    Activity(name="exercise", minutes=45),
    Activity(name="watch a movie", minutes=120),
    Activity(name="run errands", minutes=60),
)


class CooldownLimits(BaseModel):
    """How long a cool-down may be."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    default_minutes: Minutes = 30
    """Length used for an activity typed in on the spot (1 to 1440)."""
    minimum_minutes: Annotated[int, Field(ge=0, le=24 * 60)] = 20
    """Below this a gentle warning says the body usually needs longer (0 turns it off)."""
    maximum_hours: Annotated[int, Field(ge=1, le=24)] = 24
    """Return times further ahead than this are refused (1 to 24)."""

    @property
    def minimum(self) -> timedelta:
        return timedelta(minutes=self.minimum_minutes)

    @property
    def maximum(self) -> timedelta:
        return timedelta(hours=self.maximum_hours)

    def suggestion_minutes(self, minutes: int) -> int:
        """`minutes` kept where a suggested clock time is still allowed and unambiguous."""
        latest = min(self.maximum_hours * 60, 24 * 60) - 5
        return max(0, min(minutes, latest))


class Notifications(BaseModel):
    """How cooldown gets attention when it is time to go back (or to talk)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bell: bool = alerting.BELL
    """Ring the terminal bell (while cooldown is open)."""
    desktop: bool = alerting.DESKTOP
    """A desktop notification, also after cooldown is closed; skipped quietly where there is none."""
    terminal: bool = alerting.TERMINAL
    """A notification through the terminal, and the time left in its title (while cooldown is open)."""
    command: tuple[Annotated[str, StringConstraints(min_length=1, max_length=1000)], ...] = Field(
        default=alerting.COMMAND, max_length=alerting.COMMAND_LIMIT
    )
    """Your own command, run as an argument list (never through a shell) at each alert, e.g. ["ntfy", "send"]."""
    repeat_minutes: Annotated[int, Field(ge=alerting.REPEAT_MINUTES_RANGE[0], le=alerting.REPEAT_MINUTES_RANGE[1])] = (
        alerting.REPEAT_MINUTES
    )
    """Until you are back, the alert repeats every this many minutes (1 to 60)."""
    repeat_times: Annotated[int, Field(ge=alerting.REPEAT_TIMES_RANGE[0], le=alerting.REPEAT_TIMES_RANGE[1])] = (
        alerting.REPEAT_TIMES
    )
    """... at most this many times (0 to 10), then it stops."""

    @field_validator("command")
    @classmethod
    def _runnable(cls, command: tuple[str, ...]) -> tuple[str, ...]:
        if command and (problem := alerting.program_problem(command[0])):
            raise ValueError(problem)
        return command


class Settings(BaseModel):
    """Everything the person can set up on a calm day (config.toml)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    theme: ThemeName | None = None
    """The colour theme's name; None for the default."""
    partner_name: PartnerName = ""
    """Fills {partner} in the statements."""
    clock: ClockStyle | None = None
    """Times of day on the 12-hour clock ("12h": 7:30 pm) or the 24-hour one ("24h": 19:30); None: as the locale says."""
    cooldown: CooldownLimits = CooldownLimits()
    """Lengths and limits of a cool-down."""
    statements: Wording = Wording()
    """The wording of the four statements."""
    notifications: Notifications = Notifications()
    """The bell."""
    breathing: Breathing = Breathing()
    """The breathing guide during the cool-down: shown at the start or not, its pace, reduced motion."""
    guidance: Guidance = Guidance()
    """Your own lines of what helps, in place of the general ones."""
    pulse: Pulse = Pulse()
    """Your resting pulse, for the pulse check."""
    return_card: ReturnCard = Field(default=ReturnCard(), alias="return")
    """The coming-back card's lines ([return] in config.toml)."""
    cues: Cues = Cues()
    """The first signs offered after an episode, in four groups."""
    plan: Plan = Plan()
    """The time-out as agreed together at a calm time."""
    keymap: dict[str, KeyList] = Field(default_factory=dict)
    """Keys of your own, by the id of what they do: {"next": "enter,space,n"} ([keymap] in config.toml)."""
    activities: tuple[Activity, ...] = Field(default=DEFAULT_ACTIVITIES, min_length=1, max_length=ACTIVITY_LIMIT)
    """The cool-down activities, in the order of their number keys."""

    @model_validator(mode="after")
    def _one_default(self) -> Settings:
        if sum(activity.default for activity in self.activities) > 1:
            raise ValueError("only one activity can be the default")
        names = [activity.name.casefold() for activity in self.activities]
        if len(set(names)) < len(names):
            twice = next(a.name for n, a in enumerate(self.activities) if a.name.casefold() in names[:n])
            raise ValueError(f"“{twice}” is in the list twice")
        return self

    @property
    def bell(self) -> bool:
        return self.notifications.bell

    @property
    def default_activity(self) -> int:
        """Index of the activity highlighted first."""
        return next((n for n, activity in enumerate(self.activities) if activity.default), 0)
