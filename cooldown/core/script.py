"""The four statements and the script assembled from them.

The default wording is the protocol itself. Each statement can be reworded; the
placeholders are `{activity}` (what the person will do), `{time}` (the return
time) and `{partner}` (the partner's name, if one is set).
"""

from __future__ import annotations

import difflib
import string
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from cooldown.core.fill import PLACEHOLDERS, RECOGNIZE, fill
from cooldown.core.text import plain_line

CARE = "I care about the relationship."
WITHDRAW = "I am going to withdraw and calm down."
ACTIVITY = "I'm going to {activity}."
COME_BACK = "I'll be back at {time} and we can talk about this then."

TIME_BLANK = "__"
"""Shown in statement 4 until a return time is known."""

WORDING_LIMIT = 200
"""The longest statement, in characters."""

Template = Annotated[str, AfterValidator(plain_line)]


class Wording(BaseModel):
    """The words of the four statements, as the person says them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    recognize: Template = Field(default=RECOGNIZE, min_length=1, max_length=WORDING_LIMIT)
    """Statement 1. May use {partner}."""
    care: Template = Field(default=CARE, min_length=1, max_length=WORDING_LIMIT)
    """Statement 2. May use {partner}."""
    withdraw: Template = Field(default=WITHDRAW, min_length=1, max_length=WORDING_LIMIT)
    """Statement 3, before the activity is chosen. May use {partner}."""
    activity: Template = Field(default=ACTIVITY, min_length=1, max_length=WORDING_LIMIT)
    """What follows statement 3 once an activity is chosen. Must use {activity}."""
    come_back: Template = Field(default=COME_BACK, min_length=1, max_length=WORDING_LIMIT)
    """Statement 4. Must use {time}."""

    REQUIRED: ClassVar[dict[str, str]] = {"activity": "activity", "come_back": "time"}
    ALLOWED: ClassVar[dict[str, tuple[str, ...]]] = {
        "recognize": ("partner",),
        "care": ("partner",),
        "withdraw": ("partner",),
        "activity": ("activity", "partner"),
        "come_back": ("time", "partner"),
    }

    @field_validator("*")
    @classmethod
    def _placeholders(cls, value: str, info: object) -> str:
        name = getattr(info, "field_name", "")
        allowed = cls.ALLOWED.get(name, PLACEHOLDERS)
        used = _placeholders_in(value)
        for placeholder in used:
            if placeholder not in allowed:
                hint = difflib.get_close_matches(placeholder, allowed, n=1)
                suggestion = f"; did you mean {{{hint[0]}}}?" if hint else ""
                options = ", ".join(f"{{{p}}}" for p in allowed)
                raise PydanticCustomError(
                    "placeholder",
                    "{placeholder} is not a placeholder here (this statement can use {options}){suggestion}",
                    {"placeholder": f"{{{placeholder}}}", "options": options, "suggestion": suggestion},
                )
        required = cls.REQUIRED.get(name)
        if required and required not in used:
            raise PydanticCustomError("placeholder", "must contain {required}", {"required": f"{{{required}}}"})
        return value

    def statement(self, number: int, *, activity: str | None = None, time: str | None = None, partner: str = "") -> str:
        """Statement `number` (1-4) with whatever has been chosen so far filled in."""
        if number == 1:
            return fill(self.recognize, partner=partner)
        if number == 2:
            return fill(self.care, partner=partner)
        if number == 3:
            withdraw = fill(self.withdraw, partner=partner)
            if activity is None:
                return withdraw
            return f"{_without_stop(withdraw)}: {self.activity_line(activity, partner)}"
        if number == 4:
            return fill(self.come_back, time=time or TIME_BLANK, partner=partner)
        raise ValueError(f"there are four statements, not {number}")

    def activity_line(self, activity: str, partner: str = "") -> str:
        """'I'm going to go for a walk.'"""
        return fill(self.activity, activity=activity, partner=partner)

    def script(self, activity: str, time: str, partner: str = "") -> list[str]:
        """The whole script to read aloud, one statement a line."""
        return [self.statement(n, activity=activity, time=time, partner=partner) for n in range(1, 5)]


def _placeholders_in(template: str) -> list[str]:
    try:
        parts = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(template)]
    except ValueError as error:  # a lone { or }
        raise PydanticCustomError(
            "braces",
            "has a lone brace; write {pair} for a literal one ({error})",
            {"pair": "{{ or }}", "error": str(error)},
        ) from error
    for name, spec, conversion in parts:
        if name is not None and (spec or conversion):
            raise PydanticCustomError(
                "placeholder",
                "{written} has extra parts; write just {plain}",
                {
                    "written": f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}",
                    "plain": f"{{{name}}}",
                },
            )
    return [name for name, _, _ in parts if name is not None]


def _without_stop(text: str) -> str:
    """Drop a closing full stop so another clause can follow."""
    return text[:-1] if text.endswith(".") else text
