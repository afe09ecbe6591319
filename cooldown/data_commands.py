"""The commands that move the log in and out: `cooldown export` and `cooldown import`.

Both stream: an export writes rows as they are read (store/export_rows.py) without
building a model per episode; an import checks the whole file first (store/import_file.py)
and adds it all or nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cooldown.cli import OK, USAGE, CommandError, open_history


def export(args: argparse.Namespace) -> int:
    from cooldown.clock import system_clock
    from cooldown.core.when import WhenError, parse_since
    from cooldown.store.episodes import Filter, StoreError
    from cooldown.store.export import write_csv_records, write_json_records

    since = None
    if args.output is not None and not args.output.name:
        raise CommandError("--output needs a file name.", USAGE)
    if args.since is not None:
        try:
            since = parse_since(args.since, system_clock())
        except WhenError as error:
            raise CommandError(f"--since: {error}", USAGE) from error
    write = write_csv_records if args.format == "csv" else write_json_records
    history = open_history(create=False)
    with history.logbook:
        episodes = history.exported(Filter(since=since))
        try:
            if args.output is None:
                count = write(episodes, sys.stdout)
            else:
                count = write_file(args.output, lambda out: write(episodes, out))
                print(f"Exported {count} episode{'s' if count != 1 else ''} to {args.output}.", file=sys.stderr)
        except StoreError as error:
            raise CommandError(str(error)) from error
    return OK


def write_file(path: Path, write) -> int:  # noqa: ANN001 - write(out) -> count
    """Write to the file the user named, as store/files.py does for any kind of file.

    A regular file is replaced whole, never half written; a terminal, /dev/null, a
    pipe or /dev/stdout is written through and stays what it was.
    """
    from cooldown.store.files import write_text

    try:
        return write_text(path, write)
    except BrokenPipeError as error:
        raise CommandError(f"the program reading from {path} stopped before the end.") from error
    except OSError as error:
        raise CommandError(f"can't write {path}: {error.strerror or error}") from error


def import_file(args: argparse.Namespace) -> int:
    """`cooldown import FILE`: add the episodes of a JSON export, all or nothing, never twice."""
    from cooldown.clock import system_clock
    from cooldown.store.export import ImportProblem, check_import

    try:
        found = check_import(args.file, now=system_clock())
    except ImportProblem as problem:
        raise CommandError(f"{problem}\nNothing was imported.") from problem
    episodes = found.episodes
    history = open_history(create=True, after="\nNothing was imported.")
    with history.logbook:
        added = history.add_new(episodes)
    if added is None:  # only if a problem was met and not raised
        raise CommandError(f"the log at {history.logbook.path} could not be written\nNothing was imported.")
    skipped = len(episodes) - added
    note = f" ({skipped} already in the log)" if skipped else ""
    print(f"Imported {added} episode{'s' if added != 1 else ''}{note}.")
    if added and found.under_way:
        many = found.under_way > 1
        print(
            f"{found.under_way if many else 'One'} of the file's episodes {'were' if many else 'was'} still under way "
            "where it was exported: kept here as abandoned, never resumed."
        )
    return OK
