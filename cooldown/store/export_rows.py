"""Episodes read from the log straight into what an export writes, without building models.

An export writes each episode as `Episode.model_dump(mode="json")` of the episode
read back from its row (`rows.from_row`). Building and dumping a pydantic model
for each of a hundred thousand rows takes most of an export's time, so a row the
app wrote is turned into the same values directly: times are kept as the log has
them (ISO 8601 with the offset recorded; an offset of zero written "Z", as
pydantic writes it), numbers, flags and names as they are, text through the same
cleaning the model applies (`visible`, `visible_lines`).

Each value is checked as the model would check it. A row holding anything the
fast way is not sure of (a time in another spelling, an offset with seconds, a
rating out of range, a topic with spaces around it, a list item with a missing
or extra key) goes through the model instead, so the values are always exactly
the model's, and a damaged row fails as it fails everywhere else: with the
model's `ValidationError` (or a `json.JSONDecodeError`), which `EpisodeLog`
turns into a `StoreError` naming the log.

Nothing here opens the log: the caller passes its connection.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from cooldown.core.cues import CUE_NAME_LIMIT, GROUPS, TOPIC_LIMIT
from cooldown.core.episode import CUES_LIMIT, NOTE_LIMIT, Episode, Outcome, Status
from cooldown.core.text import visible, visible_lines
from cooldown.store.rows import from_row

Record = dict[str, Any]
"""One episode as an export writes it: the model's JSON values, in model order (id first)."""

COLUMNS: tuple[str, ...] = tuple(Episode.model_fields)
"""The columns read, in model order: the export's fields."""
BATCH = 500
"""Rows fetched from SQLite at a time: memory stays flat whatever the size of the log."""

_STATUSES = frozenset(status.value for status in Status)
_OUTCOMES = frozenset(outcome.value for outcome in Outcome)
_GROUPS = frozenset(GROUPS)
_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?(?:[+-]\d\d:\d\d|Z)", re.ASCII).fullmatch
"""A time as `datetime.isoformat()` writes one with an offset of whole minutes (or as pydantic does, with "Z")."""
_from_iso = datetime.fromisoformat
_read_json = json.JSONDecoder().raw_decode


class _Unusual(Exception):
    """A value the fast way is not sure of: the row goes through the model."""


def export_records(db: sqlite3.Connection, condition: str = "1", params: Sequence[Any] = ()) -> Iterator[Record]:
    """The episodes matching the SQL `condition`, oldest first, as an export writes them; streamed in batches.

    `condition` and `params` are those of `Filter.where()`. Raises the model's
    `ValidationError` (or `json.JSONDecodeError`) for a row no episode can be read
    from, and `sqlite3.Error` for a log that can't be read.
    """
    cursor = db.cursor()
    cursor.row_factory = None  # plain tuples, in COLUMNS order
    cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM episodes WHERE {condition} ORDER BY started_ts, id", params)
    try:
        while batch := cursor.fetchmany(BATCH):
            yield from map(record_of, batch)
    finally:
        cursor.close()


def record_of(row: Sequence[Any]) -> Record:
    """The export's values for one row (its columns in `COLUMNS` order): those of the model read from it."""
    try:
        return _record(row)
    except (_Unusual, KeyError, TypeError, ValueError, AttributeError):
        return from_row(dict(zip(COLUMNS, row, strict=True))).model_dump(mode="json")


def _record(row: Sequence[Any]) -> Record:
    (
        episode_id,
        uid,
        started_at,
        protocol_used,
        statement,
        anger_before,
        activity,
        agreed_at,
        return_at,
        returned_at,
        reschedules,
        moves,
        talk_at,
        outcome,
        anger_after,
        anger_during,
        pulses,
        breathing_seconds,
        topic,
        cues,
        note,
        status,
    ) = row
    if (
        type(episode_id) is not int
        or type(uid) is not str
        or type(statement) is not int
        or not 0 <= statement <= 4
        or status not in _STATUSES
        or (outcome is not None and outcome not in _OUTCOMES)
        or type(note) is not str
        or len(note) > NOTE_LIMIT
    ):
        raise _Unusual
    return {
        "id": episode_id,
        "uid": uid,
        "started_at": _time(started_at),
        "protocol_used": bool(protocol_used),
        "statement": statement,
        "anger_before": None if anger_before is None else _rating_value(anger_before),
        "activity": None if activity is None else visible(_text(activity)),
        "agreed_at": None if agreed_at is None else _time(agreed_at),
        "return_at": None if return_at is None else _time(return_at),
        "returned_at": None if returned_at is None else _time(returned_at),
        "reschedules": _count(reschedules),
        "moves": [_move(item) for item in _items(moves)],
        "talk_at": None if talk_at is None else _time(talk_at),
        "outcome": outcome,
        "anger_after": None if anger_after is None else _rating_value(anger_after),
        "anger_during": [_rating(item) for item in _items(anger_during)],
        "pulses": [_pulse(item) for item in _items(pulses)],
        "breathing_seconds": _count(breathing_seconds),
        "topic": _trimmed(topic, 0, TOPIC_LIMIT),
        "cues": _cues(_items(cues)),
        "note": visible_lines(note),
        "status": status,
    }


def _time(text: Any) -> str:
    """A stored time as pydantic writes it; sure only of one spelt as `isoformat()` writes it (or with "Z")."""
    if type(text) is not str or _ISO(text) is None or text[19:26] == ".000000" or text.endswith("-00:00"):
        raise _Unusual
    _from_iso(text)  # ValueError for a day or time that does not exist
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _count(value: Any) -> int:
    """A whole number, 0 or more."""
    if type(value) is not int or value < 0:
        raise _Unusual
    return value


def _rating_value(value: Any) -> int:
    """An anger rating, 0 to 9."""
    if type(value) is not int or not 0 <= value <= 9:
        raise _Unusual
    return value


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Unusual
    return value


def _trimmed(value: Any, least: int, most: int) -> str:
    """Text the model strips and limits: sure only when there is nothing to strip."""
    if type(value) is not str or value != value.strip() or not least <= len(value) <= most:
        raise _Unusual
    return visible(value)


def _items(text: Any) -> list[dict[str, Any]]:
    """A stored JSON array of objects (readings, moves, signs), as `rows.to_row` writes one."""
    if text == "[]":
        return []
    items, end = _read_json(text)
    if end != len(text) or type(items) is not list or not all(type(item) is dict for item in items):
        raise _Unusual
    return items


def _move(item: dict[str, Any]) -> Record:
    if len(item) - ("was" in item) != 2:
        raise _Unusual
    was = item.get("was")
    return {"at": _time(item["at"]), "to": _time(item["to"]), "was": None if was is None else _time(was)}


def _rating(item: dict[str, Any]) -> Record:
    if len(item) != 2:
        raise _Unusual
    return {"at": _time(item["at"]), "value": _rating_value(item["value"])}


def _pulse(item: dict[str, Any]) -> Record:
    bpm = item["bpm"]
    if len(item) != 2 or type(bpm) is not int or not 12 <= bpm <= 320:
        raise _Unusual
    return {"at": _time(item["at"]), "bpm": bpm}


def _cues(items: list[dict[str, Any]]) -> list[Record]:
    if len(items) > CUES_LIMIT:
        raise _Unusual
    cues = []
    for item in items:
        if len(item) != 2 or item["group"] not in _GROUPS:
            raise _Unusual
        cues.append({"group": item["group"], "name": _trimmed(item["name"], 1, CUE_NAME_LIMIT)})
    return cues


__all__ = ["BATCH", "COLUMNS", "Record", "export_records", "record_of"]
