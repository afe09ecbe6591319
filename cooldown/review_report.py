"""The weekly look back as plain text or JSON, for `cooldown review`."""

from __future__ import annotations

import textwrap
from typing import Any

from cooldown.core.review import NOTHING, WeekReview, rows, shown, title
from cooldown.core.text import visible_lines

LABEL_WIDTH = 15
LINE_WIDTH = 78


def review_text(found: WeekReview) -> str:
    """The title, one aligned line per figure (or a word that nothing was recorded), and the line for next week."""
    lines = [title(found), ""]
    if found.empty:
        lines.append(NOTHING)
    else:
        lines += [f"{label:<{LABEL_WIDTH}}{words}" for label, words in rows(found)]
    lines += ["", textwrap.fill(found.next_week, LINE_WIDTH)]
    return visible_lines("\n".join(lines))  # whatever the log held, no control character reaches the terminal


def review_data(found: WeekReview) -> dict[str, Any]:
    """The same look back as plain JSON-ready values (user text as typed, minus control characters)."""
    peak, helped = found.peak, found.helped
    return {
        "first_day": found.first_day.isoformat(),
        "last_day": found.last_day.isoformat(),
        "weeks_back": found.weeks_back,
        "cool_downs": found.cool_downs,
        "logged_afterwards": found.logged,
        "sidesteps": found.tally.sidesteps,
        "fights": found.tally.fights,
        "highest_anger": None
        if peak is None
        else {"value": peak.value, "day": peak.day.isoformat(), "topic": _text(peak.topic)},
        "cues": [{"group": cue.group, "name": _text(cue.name), "count": cue.count} for cue in found.cues],
        "helped": None
        if helped is None
        else {
            "activity": _text(helped.activity),
            "used": helped.used,
            "sidesteps": helped.tally.sidesteps,
            "fights": helped.tally.fights,
            "anger_drop": helped.drop,
        },
        "returns": {"returned": found.returned, "on_time": found.on_time, "late": found.late},
        "more_time_asked": found.more_time,
        "talks_put_off": found.talks_put_off,
        "next_week": found.next_week,
    }


def _text(value: str) -> str:
    return shown(value, limit=10_000)
