"""The four statements and the script assembled from them.

The default wording is the protocol itself. Statement 3 and 4 have placeholders:
`{activity}` for what the person will do and `{time}` for the return time.
"""

from __future__ import annotations

from dataclasses import dataclass

RECOGNIZE = "I recognize that I am getting angry."
CARE = "I care about the relationship."
WITHDRAW = "I am going to withdraw and calm down."
RETURN = "I'll be back at {time} and we can talk about this then."
ACTIVITY_LINE = "I'm going to {activity}."

TIME_BLANK = "__"
"""Shown in statement 4 until a return time is known."""


@dataclass(frozen=True)
class Wording:
    """The words of the four statements, as the person says them."""

    recognize: str = RECOGNIZE
    care: str = CARE
    withdraw: str = WITHDRAW
    activity_line: str = ACTIVITY_LINE
    return_line: str = RETURN

    def statement(self, number: int, *, activity: str | None = None, time: str | None = None) -> str:
        """Statement `number` (1-4) with whatever has been chosen so far filled in."""
        if number == 1:
            return self.recognize
        if number == 2:
            return self.care
        if number == 3:
            if activity is None:
                return self.withdraw
            return f"{_without_stop(self.withdraw)}: {self.activity_line.format(activity=activity)}"
        if number == 4:
            return self.return_line.format(time=time or TIME_BLANK)
        raise ValueError(f"there are four statements, not {number}")

    def script(self, activity: str, time: str) -> list[str]:
        """The whole script to read aloud, one statement a line."""
        return [self.statement(n, activity=activity, time=time) for n in range(1, 5)]


def _without_stop(text: str) -> str:
    """Drop a closing full stop so another clause can follow."""
    return text[:-1] if text.endswith(".") else text
