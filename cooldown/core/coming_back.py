"""Coming back: a few lines on starting the talk gently, and the question to ask first.

The card is shown when the person presses "I'm back", before any question about
how it went: the talk has not happened yet. Its lines can be reworded in
config.toml's [return] table (`lines`), in place of these.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from cooldown.core.text import plain_line

LINES: tuple[str, ...] = (
    "Say what you feel and need, not what they did.",
    "Keep to one topic.",
    "Own your part, even a small one.",
    "Listen to understand before you answer.",
    "No threats, ultimatums, blame or big promises.",
)
"""The default lines of the card, in the order they are shown."""

QUESTION = "Is now a good time to talk?"
"""What to ask first; a "no" is respected and another time agreed."""

CARD_LIMIT = 8
"""The most lines a card can have (it has to fit a small terminal)."""
LINE_LIMIT = 120

CardLine = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LINE_LIMIT), AfterValidator(plain_line)
]


class ReturnCard(BaseModel):
    """config.toml's [return]: your own lines for the coming-back card, in place of the defaults."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lines: tuple[CardLine, ...] = Field(default=(), max_length=CARD_LIMIT)
    """Lines shown when you come back, as written (at most 8); empty means the defaults."""

    @property
    def shown(self) -> tuple[str, ...]:
        """The lines on the card: yours, or the defaults."""
        return self.lines or LINES


def say_put_off(time: str) -> str:
    """The words for putting the talk off to an agreed time."""
    return f"Not now, but I do want to talk. Can we talk at {time}?"
