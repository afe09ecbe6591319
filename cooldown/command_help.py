"""`cooldown --help` as argparse writes it, without importing argparse.

Importing argparse (with gettext and locale) costs a printing command about as
much again as Python's own start, so the top-level help is laid out here the way
argparse's `RawDescriptionHelpFormatter` lays it out, from the same words
(`COMMANDS`, which the parser in cli.py is built from too). Only where the
terminal is too narrow for the usage line to fit on one line does argparse
itself write it. tests/cli/test_import_hygiene.py checks that the two agree.
"""

from __future__ import annotations

import os
import sys

COMMANDS: tuple[tuple[str, str], ...] = (
    ("history", "open the history: fights versus sidesteps, what works, every episode"),
    ("settings", "open the settings: activities, wording, limits, theme"),
    ("config", "where config.toml is, and whether it is valid"),
    ("log", "record a fight or sidestep that happened without the protocol"),
    ("stats", "print the summary: sidesteps, fights, streaks, what works"),
    ("export", "write the episode log as JSON (default) or CSV"),
    ("import", "add the episodes of a JSON export (never duplicates)"),
    ("plan", "the time-out plan agreed together at a calm time (opens it, or prints it)"),
    ("review", "the weekly look back: the last 7 days, what set it off, what helped"),
    ("back", "I'm back: record the return from any shell (the outcome is asked next launch)"),
    ("notify", "try the notifications: --test fires each one once"),
    ("forget", "erase the log, settings and backups, for good (asks)"),
    ("status", "one line for a status bar or prompt: time left, or nothing"),
)
"""Each command and its line in --help, in the order listed."""

USAGE = "usage: cooldown [-h] [--version] COMMAND ...\n"
OPTIONS = (("-h, --help", "show this help message and exit"), ("--version", "show program's version number and exit"))
MAX_HELP_POSITION = 24
"""argparse's default: the column where help starts at most."""


def terminal_width() -> int:
    """The columns argparse lays its help out in: $COLUMNS, else the terminal's, else 80 (as shutil finds them)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
        except (AttributeError, ValueError, OSError):
            columns = 80
    return columns


def help_text(description: str, epilog: str, width: int | None = None) -> str | None:
    """The top-level help for a terminal `width` columns wide; None where argparse would wrap the usage line
    (or colour it)."""
    width = (terminal_width() if width is None else width) - 2
    if len(USAGE) > width or sys.version_info >= (3, 14):  # 3.14's argparse may colour its help
        return None
    import textwrap

    rows = [(2, "COMMAND", ""), *((4, name, words) for name, words in COMMANDS)]
    options = [(2, name, words) for name, words in OPTIONS]
    longest = max(indent + len(name) for indent, name, _ in (*rows, *options))
    position = min(longest + 2, min(MAX_HELP_POSITION, max(width - 20, 4)))
    help_width = max(width - position, 11)

    def lines(items: list[tuple[int, str, str]]) -> list[str]:
        out: list[str] = []
        for indent, name, words in items:
            if not words:
                out.append(f"{'':{indent}}{name}\n")
                continue
            wrapped = textwrap.wrap(" ".join(words.split()), help_width)
            room = position - indent - 2
            if len(name) <= room:
                out.append(f"{'':{indent}}{name:<{room}}  {wrapped[0]}\n")
            else:
                out.append(f"{'':{indent}}{name}\n{'':{position}}{wrapped[0]}\n")
            out.extend(f"{'':{position}}{line}\n" for line in wrapped[1:])
        return out

    parts = [USAGE, "\n", description, "\n", "positional arguments:\n", *lines(rows), "\n", "options:\n"]
    return "".join([*parts, *lines(options), "\n", epilog])
