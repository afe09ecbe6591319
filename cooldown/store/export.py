"""The log as JSON or CSV; importing a JSON export is store/import_file.py's (its names are here too).

Everything here works on `Episode` objects, or on the records store/export_rows.py
reads straight from the log (the same values, without building models), and on
text streams; nothing opens the log. Writing goes a few hundred episodes at a
time, so an export of any size needs little memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from cooldown.core.episode import Episode
from cooldown.store.export_rows import COLUMNS, Record
from cooldown.store.import_file import (
    IMPORT_LIMIT,
    MAX_PROBLEMS,
    Imported,
    ImportProblem,
    Problem,
    check_import,
    read_import,
)

EXPORT_FIELDS: tuple[str, ...] = COLUMNS
"""The columns of an export, in model order (id first)."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell starting with one of these as a formula."""


# Writing


def to_json(episodes: Iterable[Episode]) -> str:
    """A JSON array with one object per episode on a line of its own, times in ISO 8601 with offsets.

    Without a final newline; see `write_json_records` for the layout.
    """
    out = io.StringIO()
    write_json(episodes, out)
    return out.getvalue()[:-1]


def write_json(episodes: Iterable[Episode], out: TextIO) -> int:
    """Write `episodes` as `write_json_records` writes their records; returns how many were written."""
    return write_json_records((episode.model_dump(mode="json") for episode in episodes), out)


def write_json_records(records: Iterable[Record], out: TextIO) -> int:
    """Write a JSON array of `records` to `out`, in chunks, and a final newline; returns how many were written.

    Each record is one compact object on a line of its own, its fields in model
    order, text as it is (not escaped to ASCII): the array opens on the first
    line and closes on the last, so an empty export is `[]`. Older exports,
    indented with two spaces, are read back all the same.
    """
    encode = _ENCODER.encode
    count = 0
    lines: list[str] = []
    for record in records:
        lines.append(encode(record))
        if len(lines) == _CHUNK:
            out.write(("[\n" if not count else ",\n") + ",\n".join(lines))
            count += len(lines)
            lines.clear()
    if lines:
        out.write(("[\n" if not count else ",\n") + ",\n".join(lines))
        count += len(lines)
    out.write("\n]\n" if count else "[]\n")
    return count


def write_csv(episodes: Iterable[Episode], out: TextIO) -> int:
    """Write `episodes` as `write_csv_records` writes their records; returns the count."""
    return write_csv_records((episode.model_dump(mode="json") for episode in episodes), out)


def write_csv_records(records: Iterable[Record], out: TextIO) -> int:
    """Write a header row (`EXPORT_FIELDS`) and one row per record; returns the count.

    Empty values are empty cells, booleans are `true`/`false`, numbers are plain.
    Text that a spreadsheet would run as a formula gets a leading `'`. Open a file
    for `out` with `newline=""`, as the csv module asks.
    """
    writer = csv.writer(out)
    writer.writerow(EXPORT_FIELDS)
    count = 0
    rows: list[list[str | int]] = []
    for record in records:
        rows.append([_csv_cell(value) for value in record.values()])
        if len(rows) == _CHUNK:
            writer.writerows(rows)
            count += len(rows)
            rows.clear()
    writer.writerows(rows)
    return count + len(rows)


_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""Compact, so the C encoder writes it (an indent makes json fall back to pure Python)."""
_CHUNK = 500
"""Records written to the output at a time."""


def _csv_cell(value: Any) -> str | int:
    if type(value) is str:
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    if value is None:
        return ""
    if isinstance(value, list):  # readings with their times, in one cell: "8@19:02;5@19:20"
        return ";".join(_cue(item) if "group" in item else _reading(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _cue(item: dict[str, Any]) -> str:
    """One first sign as "group: name" ("body: heart racing")."""
    return f"{item['group']}: {item['name']}"


def _reading(item: dict[str, Any]) -> str:
    """One reading as "value@HH:MM" (a move as "new time@HH:MM"), in the times' own offsets."""
    value = item["to"][11:16] if "to" in item else item.get("value", item.get("bpm"))
    return f"{value}@{str(item['at'])[11:16]}"


__all__ = [
    "EXPORT_FIELDS",
    "IMPORT_LIMIT",
    "MAX_PROBLEMS",
    "ImportProblem",
    "Imported",
    "Problem",
    "check_import",
    "read_import",
    "to_json",
    "write_csv",
    "write_csv_records",
    "write_json",
    "write_json_records",
]
