"""`cooldown status`: one short line for a status bar or a shell prompt.

tmux runs it every second, so it has to start about as fast as Python itself.
It reads the pending episode with `store.pending` (stdlib SQLite, read-only),
parses its three options by hand instead of with argparse, and never imports
Textual, pydantic, dataclasses, typing, pathlib or (on Linux) platformdirs; the
import-hygiene test in tests/cli/test_status.py holds it to that.

Times are shown on the clock config.toml's `clock` names ("19:30" or "7:30 pm"),
else the locale's; cooldown/clock_style.py reads that key without tomllib, and
only once there is a line to print.

It prints a line only while a promise is pending (cooling, due, a talk put off
or due); otherwise nothing, with exit status 1, so `#(cooldown status)` stays
empty.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import datetime

from cooldown.clock_style import configured_clock_style
from cooldown.core.instant import clock_face, format_local_clock
from cooldown.core.text import visible
from cooldown.paths import log_file_str
from cooldown.store import pending

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import tzinfo

SHOWN, NOTHING, FAILED = 0, 1, 2
"""Exit statuses: a line was printed; nothing is pending; a bad option or template, or the log can't be read."""

LINES = {
    pending.COOLING: "cooldown {left} · back at {back}",
    pending.DUE: "cooldown: time to go back ({back})",
    pending.TALK_LATER: "cooldown: talk at {talk}",
    pending.TALK_DUE: "cooldown: time for the talk ({talk})",
}
"""The line for each stage worth showing; "returned" (back, only the outcome missing) shows nothing."""

FIELDS = ("left", "back", "activity", "state", "talk")
"""The fields a --format template can use."""

SAMPLE = {"left": "29:59", "back": "19:30", "activity": "go for a walk", "state": "cooling", "talk": "21:00"}
"""Values a template is tried on before the log is read, so a bad one is refused whatever is pending."""

USAGE = "usage: cooldown status [--format TEMPLATE | --json]"

HELP = f"""\
{USAGE}

One short line for a status bar or a shell prompt while a promise is pending:

  cooldown 12:34 · back at 19:30        cooling down: time left, and when you agreed to go back
  cooldown: time to go back (19:30)     the return time has come
  cooldown: talk at 21:00               back, and the talk is put off to 21:00
  cooldown: time for the talk (21:00)   that time has come

Otherwise (no cool-down, still saying the statements, back with only the outcome
to record, finished, or started over 48 h ago) it prints nothing and exits with 1.
It only reads the log, never writes to it.

options:
  --format TEMPLATE  print TEMPLATE instead, with these fields filled in:
                       {{left}}      time left, H:MM:SS or MM:SS (until the talk once it is put off)
                       {{back}}      the return time: 19:30, 19:30 tomorrow, Mon 19:30
                                   (7:30 pm with clock = "12h" in config.toml)
                       {{activity}}  what you chose to do meanwhile
                       {{state}}     cooling, due, talk_later or talk_due
                       {{talk}}      the time of a talk put off ('' if none)
                     {{{{ and }}}} stand for braces. Example: --format '{{state}} {{left}}'
  --json             print one JSON object (state, left, left_seconds, back, return_at,
                     activity, talk, talk_at, uid) for scripts
  -h, --help         show this help and exit

exit status: 0 a line was printed, 1 nothing is pending, 2 a bad option or template,
or the log can't be read (the reason on standard error)
"""


class UsageError(Exception):
    """The options can't be read; the message says why."""


def main(argv: Sequence[str] = (), now: datetime | None = None) -> int:
    """`cooldown status [--format TEMPLATE | --json]`; `now` is injected by the tests (its zone is then used)."""
    try:
        return _status(list(argv), now)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early: not worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return SHOWN


def _status(argv: list[str], now: datetime | None) -> int:
    try:
        template, as_json, wants_help = parse(argv)
    except UsageError as error:
        print(f"{USAGE}\ncooldown status: error: {error}", file=sys.stderr)
        return FAILED
    if wants_help:
        print(HELP, end="")
        return SHOWN
    if template is not None and (problem := template_problem(template)):
        print(f"cooldown status: --format: {problem}", file=sys.stderr)
        return FAILED

    real_clock = now is None
    zone = None if now is None else now.tzinfo  # None: the system's local time, with its own DST rules
    now = datetime.now().astimezone() if now is None else now
    path = log_file_str()
    try:
        found = read_pending(path, now)
    except (sqlite3.Error, OSError, ValueError, TypeError) as error:
        print(f"cooldown status: can't read the log {path}: {error}", file=sys.stderr)
        return FAILED
    stage = None if found is None else shown_stage(found, now)
    if found is None or stage is None:
        return NOTHING

    values = fields(found, stage, now, zone, style=configured_clock_style())
    if as_json:
        import json

        line = json.dumps(values_for_json(found, stage, values, now, zone))
    else:
        try:
            line = fill(LINES[stage] if template is None else template, values)
        except ValueError as error:
            print(f"cooldown status: --format: {error}", file=sys.stderr)
            return FAILED
    print(line, flush=True)
    if real_clock:  # never from the tests' injected clocks
        keep_alarm_running(found, path)
    return SHOWN


def keep_alarm_running(found: pending.Pending, log_path: str) -> None:
    """Start the background alarm for `found` if none runs (after a reboot, or if it was killed).

    Called once the line is printed and flushed, only while a promise is open, so
    a status bar that runs `cooldown status` every second also keeps the alarm
    alive. A lock probe when the alarm runs; the alarm it starts holds none of
    this process's streams (tmux waits for end-of-file on the command's output).
    """
    from cooldown.alarm import ensure_running

    ensure_running(found.uid, log_path)


def parse(argv: list[str]) -> tuple[str | None, bool, bool]:
    """(template or None, --json, --help) from the options; UsageError if they can't be read."""
    template: str | None = None
    as_json = wants_help = False
    rest = iter(argv)
    for argument in rest:
        if argument in ("-h", "--help"):
            wants_help = True
        elif argument == "--json":
            if as_json:
                raise UsageError("--json is given twice")
            as_json = True
        elif argument == "--format" or argument.startswith("--format="):
            if template is not None:
                raise UsageError("--format is given twice")
            if argument == "--format":
                template = next(rest, None)
                if template is None:
                    raise UsageError("--format needs a TEMPLATE, e.g. --format '{left}'")
            else:
                template = argument.removeprefix("--format=")
        elif argument.startswith("-"):
            raise UsageError(f"unrecognized option: {argument}")
        else:
            raise UsageError(f"unrecognized argument: {argument}")
    if template is not None and as_json:
        raise UsageError("--format and --json can't be used together")
    return template, as_json, wants_help


def template_problem(template: str) -> str | None:
    """What is wrong with a --format template, in one line (None if it can be filled in).

    Only plain field names are allowed ({left}, {back:>8}): no {left.real}, {left[0]} or a field
    inside another's format, which would print something other than the field.
    """
    from string import Formatter

    try:
        for _, name, spec, _ in Formatter().parse(template):
            if name is None:
                continue
            if name and name not in FIELDS and any(mark in name for mark in ".["):
                return f"{{{name}}}: use a field's plain name, like {{left}}"
            if spec and "{" in spec:
                return f"{{{name}:{spec}}}: a field can't go inside another field's format"
    except ValueError:
        pass  # the fill below says what is wrong
    try:
        fill(template, SAMPLE)
    except ValueError as error:
        return str(error)
    return None


def fill(template: str, values: dict[str, str]) -> str:
    """`template.format_map(values)`; ValueError with a readable message if it can't be filled."""
    try:
        return template.format_map(values)
    except KeyError as error:
        known = ", ".join(f"{{{name}}}" for name in FIELDS)
        raise ValueError(f"unknown field {{{error.args[0]}}}; the fields are {known}") from None
    except (ValueError, IndexError, AttributeError, TypeError) as error:
        message = str(error)
        if "positional" in message or "'}'" in message or "'{'" in message:
            message += " (name a field, like {left}, and write {{ and }} for a brace)"
        raise ValueError(message) from None


def read_pending(path: str, now: datetime) -> pending.Pending | None:
    """The newest episode with an open promise, or None with no log (or an empty file).

    Raises sqlite3.Error (or ValueError for a time that can't be read) if the log can't be read.
    """
    db = pending.open_read_only(path)
    if db is None:
        return None
    try:
        if os.path.getsize(path) == 0:  # being created this very moment: nothing in it yet
            return None
        return pending.newest(db, now)
    finally:
        db.close()


def shown_stage(found: pending.Pending, now: datetime) -> str | None:
    """The stage of `found` if it is one the line shows, else None."""
    stage = found.stage(now)
    if stage in (pending.TALK_LATER, pending.TALK_DUE) and found.talk_at is None:
        return None  # a talk put off without a time: nothing to count down to
    return stage if stage in LINES else None


def fields(
    found: pending.Pending, stage: str, now: datetime, zone: tzinfo | None, *, style: str | None = None
) -> dict[str, str]:
    """The values of the template fields at `now`, times in `zone` (None: the local time) on the `style` clock."""
    assert found.return_at is not None
    talk = found.talk_at
    return {
        "left": clock_face(seconds_until(counted_to(found, stage), now)),
        "back": format_local_clock(found.return_at, now, zone, style=style),
        "activity": " ".join(visible(found.activity or "").split()),  # read straight from the log
        "state": stage,
        "talk": "" if talk is None else format_local_clock(talk, now, zone, style=style),
    }


def counted_to(found: pending.Pending, stage: str) -> datetime:
    """What {left} counts down to: the return time, or the talk's time once the talk is put off."""
    if stage in (pending.TALK_LATER, pending.TALK_DUE) and found.talk_at is not None:
        return found.talk_at
    assert found.return_at is not None
    return found.return_at


def seconds_until(at: datetime, now: datetime) -> int:
    """Whole seconds from `now` to `at`, rounded up: 1 in the last second, 0 once it has come, negative after."""
    return -int((now.timestamp() - at.timestamp()) // 1)  # a ceiling, without importing math


def values_for_json(
    found: pending.Pending, stage: str, values: dict[str, str], now: datetime, zone: tzinfo | None
) -> dict[str, object]:
    """The --json object: the template fields, plus the seconds left, the ISO times and the episode's uid."""
    assert found.return_at is not None
    talk_at = found.talk_at
    return {
        "state": stage,
        "left": values["left"],
        "left_seconds": seconds_until(counted_to(found, stage), now),
        "back": values["back"],
        "return_at": found.return_at.astimezone(zone).isoformat(),
        "activity": values["activity"] or None,
        "talk": values["talk"] or None,
        "talk_at": None if talk_at is None else talk_at.astimezone(zone).isoformat(),
        "uid": found.uid,
    }
