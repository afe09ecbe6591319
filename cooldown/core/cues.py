"""What set an episode off and the first signs noticed: asked after the outcome, never during.

Anger-management programmes ask people to learn their own cues, so that next
time they notice them early: what the body does first, what they start doing,
what they feel and what they think. The lists below are the defaults offered
as toggles after an episode; config.toml's [cues] replaces any of them. What
set it off is a topic in the person's own words ("money", "chores"),
suggested from earlier episodes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from cooldown.core.text import plain_line, visible

GROUPS: tuple[str, ...] = ("body", "actions", "feelings", "thoughts")
"""The four kinds of first signs, in the order they are asked."""
GROUP_TITLES = {"body": "Body", "actions": "What I did", "feelings": "Feelings", "thoughts": "Thoughts"}
Group = Literal["body", "actions", "feelings", "thoughts"]

CUE_LIMIT = 9
"""The most signs in one group: one number key each."""
CUE_NAME_LIMIT = 40
TOPIC_LIMIT = 60
"""The longest topic, in characters."""


CueName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=CUE_NAME_LIMIT), AfterValidator(plain_line)
]
"""A sign's name as written in config.toml: control characters are refused (a terminal would act on them)."""
SignName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=CUE_NAME_LIMIT), AfterValidator(visible)
]
"""A sign's name as kept with an episode: control characters from the log or an import are shown as pictures."""
Topic = Annotated[str, StringConstraints(strip_whitespace=True, max_length=TOPIC_LIMIT), AfterValidator(visible)]
"""What set an episode off: typed, read from the log or imported, control characters shown as pictures."""

BODY = ("heart racing", "hot face", "clenched jaw", "tight chest")
ACTIONS = ("raising my voice", "pacing", "pointing")
FEELINGS = ("hurt", "unheard", "ashamed", "scared")
THOUGHTS = ("always / never thoughts", "“they don't care”", "wanting to win")


class Cues(BaseModel):
    """config.toml's [cues]: the first signs offered after an episode, one list per group."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    body: tuple[CueName, ...] = Field(default=BODY, max_length=CUE_LIMIT)
    """What the body does first (at most 9)."""
    actions: tuple[CueName, ...] = Field(default=ACTIONS, max_length=CUE_LIMIT)
    """What I start doing."""
    feelings: tuple[CueName, ...] = Field(default=FEELINGS, max_length=CUE_LIMIT)
    """What I feel under the anger."""
    thoughts: tuple[CueName, ...] = Field(default=THOUGHTS, max_length=CUE_LIMIT)
    """What I think."""

    def group(self, name: str) -> tuple[str, ...]:
        return tuple(getattr(self, name))


class Cue(BaseModel):
    """One first sign noticed in an episode: its group and its name, as offered then."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    group: Group
    name: SignName
