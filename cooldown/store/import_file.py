"""A JSON export read back for import: checked whole, with one `ImportProblem` that lists what is wrong.

Nothing here opens the log, and the clock is read only when an import is not
told the time. Reading an import checks the whole file first and raises one
`ImportProblem` that lists what is wrong; it never touches a log. Whatever the
file holds (any bytes, any JSON), the answer is episodes or an `ImportProblem`,
never another exception. The file is read as store/files.py reads: a regular
file or a pipe (`/dev/stdin`), never a device, never more than `IMPORT_LIMIT`
bytes. Beyond their types, episodes must keep the rules in
store/import_rules.py; one still under way where it was exported is kept as
abandoned. The caller adds the result with `EpisodeLog.add_new`, which is all
or nothing and skips episodes (by uid) that the log already holds.

A file with nothing wrong in it (the common case) is validated in one pass over
the whole array; only a file with something wrong is gone through entry by
entry, to say what and where. Exports of every layout are read: the indented
ones of earlier versions and the one-object-a-line ones of today.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.store.export_rows import COLUMNS as EXPORT_FIELDS
from cooldown.store.files import FileRefused, read_file
from cooldown.store.import_rules import broken_rules, rules_at, settled, under_way
from cooldown.store.toml_file import byte_position, lower_first

MAX_PROBLEMS = 5
"""How many problems an `ImportProblem` spells out; the rest are counted."""

_SQLITE_INT = range(-(2**63), 2**63)
"""Whole numbers the log can hold."""

IMPORT_LIMIT = 256 * 1024 * 1024
"""The largest import read (256 MiB): an episode takes about a kilobyte, so this is well above a lifetime's export."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import file."""

    message: str
    entry: int | None = None
    """1-based position in the array, or None for the file as a whole."""
    field: str | None = None

    @property
    def place(self) -> str:
        """Where in the file, e.g. "entry 3, field 'outcome'" (empty for the whole file)."""
        parts = []
        if self.entry is not None:
            parts.append(f"entry {self.entry}")
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        return ", ".join(parts)


class ImportProblem(Exception):
    """An import file can't be used. The message names the file and each problem."""

    def __init__(self, path: Path, problems: list[Problem], total: int | None = None) -> None:
        self.path = path
        self.problems = problems
        self.total = max(total or 0, len(problems))
        super().__init__(_printable(self._describe()))

    def _describe(self) -> str:
        if self.total == 1:
            (problem,) = self.problems
            if not problem.place:
                return problem.message
            return f"{self.path}, {problem.place}: {problem.message}"
        lines = [f"{self.path} can't be imported, it has {self.total} problems:"]
        lines += [f"  {p.place or 'file'}: {p.message}" for p in self.problems]
        if self.total > len(self.problems):
            lines.append(f"  ... and {self.total - len(self.problems)} more")
        return "\n".join(lines)


@dataclass(frozen=True)
class Imported:
    """The episodes of an import file, checked and ready to add."""

    episodes: list[Episode]
    under_way: int
    """How many were still under way where they were exported (kept as abandoned here)."""


def read_import(path: Path, *, now: datetime | None = None) -> list[Episode]:
    """The episodes in a JSON export at `path`, checked completely, as the file has them; ids are dropped.

    Raises `ImportProblem` for a file that can't be read, isn't UTF-8 JSON, isn't
    an array of objects, or holds an entry that is not a valid episode or breaks
    one of cooldown's rules (`import_rules`; `now` is the time now, the system
    clock's if not given). Up to `MAX_PROBLEMS` problems are listed. Of entries
    sharing a uid, the first is kept. Statuses are as written: to add the
    episodes to a log, use `check_import`, which never lets one still under way
    elsewhere run here.
    """
    now = datetime.now(UTC) if now is None else now
    text = _read_text(path)
    valid = _valid_episodes(text, now)
    if valid is not None:
        return valid
    data = _parse(path, text)
    problems: list[Problem] = []
    total = 0
    episodes: dict[str, Episode] = {}
    for number, entry in enumerate(data, start=1):
        episode, found = _check_entry(number, entry, now)
        total += len(found)
        problems.extend(found[: MAX_PROBLEMS - len(problems)])
        if episode is not None and not total:
            episodes.setdefault(episode.uid, episode)
    if total:
        raise ImportProblem(path, problems, total)
    return list(episodes.values())


def check_import(path: Path, *, now: datetime | None = None) -> Imported:
    """The episodes of `read_import`, ready to add to a log.

    One still under way where it was exported is kept as abandoned: its alarm and
    its return time belong to the machine it ran on, so it is never resumed here.
    """
    episodes = read_import(path, now=now)
    return Imported([settled(episode) for episode in episodes], sum(1 for e in episodes if under_way(e)))


def _valid_episodes(text: str, now: datetime) -> list[Episode] | None:
    """The episodes of an export with nothing wrong in it, validated all at once; None if anything is wrong.

    This is the common case, and the quick one: the whole array is validated in
    one go, strictly, as `_check_entry` validates each entry. Only when something
    is wrong is the file gone through entry by entry, to say what and where.
    """
    try:
        found = _EPISODES.validate_json(text, strict=True)
    except ValidationError:
        return None
    rules = rules_at(now)
    episodes: dict[str, Episode] = {}
    for episode in found:
        if (
            "uid" not in episode.model_fields_set
            or episode.reschedules not in _SQLITE_INT
            or episode.breathing_seconds not in _SQLITE_INT
            or rules(episode)
        ):
            return None
        if episode.id is not None:
            episode.__dict__["id"] = None  # ids are local to a log; this episode was made just now, seen nowhere yet
        episodes.setdefault(episode.uid, episode)
    return list(episodes.values())


_EPISODES = TypeAdapter(list[Episode])


def _fail(path: Path, message: str) -> ImportProblem:
    return ImportProblem(path, [Problem(message)])


def _read_text(path: Path) -> str:
    fail = partial(_fail, path)
    try:
        raw = read_file(path, IMPORT_LIMIT, pipes=True)
    except FileRefused as error:
        raise fail(f"can't read {path}: {error}") from error
    except OSError as error:
        reason = (error.strerror or str(error) or type(error).__name__).lower()
        raise fail(f"can't read {path}: {reason}") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = byte_position(raw, error.start)
        raise fail(
            f"{path} is not UTF-8 text: byte 0x{raw[error.start]:02x} at line {line}, "
            f"column {column} can't be read. Save the file as UTF-8 and try again."
        ) from error
    return text


def _parse(path: Path, text: str) -> list[Any]:
    fail = partial(_fail, path)
    if not text.strip():
        raise fail(f"{path} is empty; an export with no episodes is []")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise fail(
            f"{path} is not valid JSON: {lower_first(error.msg)} at line {error.lineno}, column {error.colno}"
        ) from error
    except (ValueError, RecursionError) as error:  # e.g. a number with thousands of digits
        raise fail(f"{path} is not valid JSON: {lower_first(str(error)) or 'nested too deeply'}") from error
    if not isinstance(data, list):
        raise fail(
            f"{path} is not an episode export: expected a JSON array of episodes "
            f"(as `cooldown export` writes), got {_json_kind(data)}"
        )
    return data


def _check_entry(number: int, entry: Any, now: datetime) -> tuple[Episode | None, list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(f"must be an object with episode fields, got {_json_kind(entry)}", number)]
    problems: list[Problem] = []
    known = set(EXPORT_FIELDS) - {"id"}  # ids are local to a log
    fields: dict[str, Any] = {}
    for name, value in entry.items():
        if name == "id":
            continue
        if name not in known:
            problems.append(Problem(_unknown(name), number, name))
        elif isinstance(value, str) and not _encodable(value):
            problems.append(Problem("contains a broken character (an unpaired \\u escape)", number, name))
        elif type(value) is int and value not in _SQLITE_INT:
            problems.append(Problem(f"is too large to store (got {_show(value)})", number, name))
        else:
            fields[name] = value
    reported = {problem.field for problem in problems}
    if "uid" not in entry:
        problems.append(Problem("is missing; it identifies the episode so a second import skips it", number, "uid"))
    try:
        # Strict JSON validation: "7" is not a number and 1 is not true, but times
        # are read from ISO 8601 text and outcomes and statuses from their names.
        episode = Episode.model_validate_json(json.dumps(fields), strict=True)
    except ValidationError as error:
        seen: set[str | None] = set()
        for detail in error.errors(include_url=False):
            field = str(detail["loc"][0]) if detail["loc"] else None
            if field in reported or field in seen:
                continue
            seen.add(field)
            problems.append(Problem(_invalid(field, detail), number, field))
        return None, problems
    if problems:  # a rule broken only because of a misspelt field would echo that problem
        return None, problems
    problems = [Problem(message, number, field) for field, message in broken_rules(episode, now)]
    return (None if problems else episode), problems


_TIME = "a date and time with its UTC offset, like 2026-11-21T18:00:00+01:00"
_HINTS = {
    "uid": "text",
    "started_at": _TIME,
    "protocol_used": "true or false",
    "statement": "a whole number from 0 to 4",
    "anger_before": "a whole number from 0 to 9, or empty",
    "activity": "text, or empty",
    "return_at": _TIME + ", or empty",
    "returned_at": _TIME + ", or empty",
    "reschedules": "a whole number, 0 or more",
    "moves": 'a list of requests for more time, each like {"at": "2026-11-21T19:25:00+01:00", "to": "2026-11-21T19:45:00+01:00"}',
    "talk_at": _TIME + ", or empty",
    "outcome": ", ".join(repr(o.value) for o in list(Outcome)[:-1]) + f", {list(Outcome)[-1].value!r} or empty",
    "anger_after": "a whole number from 0 to 9, or empty",
    "note": "text",
    "anger_during": 'a list of ratings, each like {"at": "2026-11-21T18:20:00+01:00", "value": 5} (0 to 9)',
    "pulses": 'a list of pulses, each like {"at": "2026-11-21T18:20:00+01:00", "bpm": 88} (12 to 320)',
    "breathing_seconds": "a whole number of seconds, 0 or more",
    "topic": "text of at most 60 characters (what set it off), or empty",
    "cues": 'a list of first signs, each like {"group": "body", "name": "heart racing"} '
    "(groups: body, actions, feelings, thoughts)",
    "status": "one of " + ", ".join(repr(s.value) for s in list(Status)[:-1]) + f" or {list(Status)[-1].value!r}",
}


def _invalid(field: str | None, detail: Any) -> str:
    hint = _HINTS.get(field or "")
    if detail["type"] == "missing":
        return f"is missing; it must be {hint}" if hint else "is missing"
    if detail["type"] == "string_too_long":
        limit = detail["ctx"]["max_length"]
        return f"is too long: at most {limit:,} characters (got {len(detail['input']):,})"
    if detail["type"] == "too_long" and isinstance(detail["input"], list | tuple):
        return f"has too many items: at most {detail['ctx']['max_length']:,} (got {len(detail['input']):,})"
    if hint is None:
        return lower_first(str(detail["msg"]))
    return f"must be {hint} (got {_show(detail['input'])})"


def _unknown(name: str) -> str:
    known = [field for field in EXPORT_FIELDS if field != "id"]
    close = difflib.get_close_matches(name, known, n=1)
    suggestion = f"; did you mean {close[0]!r}?" if close else ""
    return f"is not an episode field{suggestion}"


def _show(value: Any, limit: int = 40) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return _printable(text if len(text) <= limit else text[: limit - 3] + "...")


def _printable(text: str) -> str:
    """`text` with what a terminal would act on (control characters, lone surrogates) as escapes."""
    if text.isprintable() or all(char.isprintable() or char == "\n" for char in text):
        return text
    return "".join(
        char if char.isprintable() or char == "\n" else char.encode("unicode_escape", "backslashreplace").decode()
        for char in text
    )


def _json_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    return "a number"


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


__all__ = ["IMPORT_LIMIT", "MAX_PROBLEMS", "ImportProblem", "Imported", "Problem", "check_import", "read_import"]
