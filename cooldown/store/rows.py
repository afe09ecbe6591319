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
READINGS = ("anger_during", "pulses", "moves", "cues")
"""Fields holding lists (readings, requests for more time), kept as JSON arrays in their columns."""


def insert_sql(values: dict[str, Any], verb: str = "INSERT") -> str:
    return f"{verb} INTO episodes ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)})"


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def epoch(moment: datetime | None) -> float | None:
    return round(utc(moment).timestamp(), 3) if moment is not None else None


def to_row(episode: Episode) -> dict[str, Any]:
    row = episode.model_dump(mode="python", exclude={"id"})
    readings = episode.model_dump(mode="json", include=set(READINGS))
    row.update(
        {name: json.dumps(readings[name], separators=(",", ":")) for name in READINGS},
        started_at=iso(episode.started_at),
        agreed_at=iso(episode.agreed_at),
        return_at=iso(episode.return_at),
        returned_at=iso(episode.returned_at),
        protocol_used=int(episode.protocol_used),
        outcome=episode.outcome.value if episode.outcome else None,
        status=episode.status.value,
        started_ts=epoch(episode.started_at),
        return_ts=epoch(episode.return_at),
        returned_ts=epoch(episode.returned_at),
        talk_at=iso(episode.talk_at),
        talk_ts=epoch(episode.talk_at),
        day=episode.started_at.date().isoformat(),
        planned_minutes=_minutes(episode.agreed_at or episode.started_at, episode.return_at),
        length_minutes=_minutes(episode.started_at, episode.returned_at),
    )
    return row


def _minutes(start: datetime, end: datetime | None) -> int | None:
    """Whole minutes of real time from `start` to `end`."""
    return None if end is None else int((utc(end) - utc(start)).total_seconds() // 60)


def from_row(row: sqlite3.Row) -> Episode:
    data = {name: row[name] for name in FIELDS}
    data["protocol_used"] = bool(data["protocol_used"])
    for name in READINGS:
        data[name] = json.loads(data[name])
    return Episode.model_validate({"id": row["id"], **data})
