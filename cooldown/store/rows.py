"""An episode as a row of the `episodes` table, and back.

Times are kept twice: as ISO text with the offset they were recorded with (what is shown) and as
epoch seconds (what is sorted and compared). Readings and requests for more time are JSON arrays.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from cooldown.core.episode import Episode
from cooldown.core.instant import utc

FIELDS = tuple(name for name in Episode.model_fields if name != "id")
READINGS = ("anger_during", "pulses", "moves", "cues")  # cues last: `_readings` writes them itself
"""Fields holding lists (readings, requests for more time), kept as JSON arrays in their columns."""


def insert_sql(values: dict[str, Any], verb: str = "INSERT") -> str:
    return f"{verb} INTO episodes ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)})"


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def epoch(moment: datetime | None) -> float | None:
    return round(moment.timestamp(), 3) if moment is not None else None  # an aware time's own instant


def to_row(episode: Episode) -> dict[str, Any]:
    """The columns for `episode` (all but its id): read from its fields, without dumping the whole model."""
    e = episode
    return {
        "uid": e.uid,
        "started_at": e.started_at.isoformat(),
        "protocol_used": int(e.protocol_used),
        "statement": e.statement,
        "anger_before": e.anger_before,
        "activity": e.activity,
        "agreed_at": iso(e.agreed_at),
        "return_at": iso(e.return_at),
        "returned_at": iso(e.returned_at),
        "reschedules": e.reschedules,
        **_readings(e),
        "talk_at": iso(e.talk_at),
        "outcome": e.outcome.value if e.outcome is not None else None,
        "anger_after": e.anger_after,
        "breathing_seconds": e.breathing_seconds,
        "topic": e.topic,
        "note": e.note,
        "status": e.status.value,
        "started_ts": epoch(e.started_at),
        "return_ts": epoch(e.return_at),
        "returned_ts": epoch(e.returned_at),
        "talk_ts": epoch(e.talk_at),
        "day": e.started_at.date().isoformat(),
        "planned_minutes": _minutes(e.agreed_at or e.started_at, e.return_at),
        "length_minutes": _minutes(e.started_at, e.returned_at),
    }


def _readings(episode: Episode) -> dict[str, str]:
    """Each list as the JSON array kept in its column: the model's JSON values, compact."""
    timed = [name for name in READINGS[:-1] if getattr(episode, name)]
    dumped = episode.model_dump(mode="json", include=set(timed)) if timed else {}
    columns = {name: _compact(dumped[name]) if name in dumped else "[]" for name in READINGS[:-1]}
    cues = [{"group": cue.group, "name": cue.name} for cue in episode.cues]  # as the model dumps a Cue
    columns["cues"] = _compact(cues) if cues else "[]"
    return columns


_compact = json.JSONEncoder(separators=(",", ":")).encode


def _minutes(start: datetime, end: datetime | None) -> int | None:
    """Whole minutes of real time from `start` to `end`."""
    return None if end is None else int((utc(end) - utc(start)).total_seconds() // 60)


def from_row(row: sqlite3.Row) -> Episode:
    data = {name: row[name] for name in FIELDS}
    data["protocol_used"] = bool(data["protocol_used"])
    for name in READINGS:
        data[name] = json.loads(data[name])
    return Episode.model_validate({"id": row["id"], **data})
