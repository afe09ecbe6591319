"""The `cooldown` command line.

Only os and sys are imported up front; argparse, the terminal UI and the models
load when a command needs them, so --help and --version answer at once, the
commands that print never import Textual, and `cooldown status` (run every
second by a status bar) is handed over before argparse is even imported.
"""

from __future__ import annotations

import os
import sys

from cooldown import __version__

TYPE_CHECKING = False  # typing itself costs `cooldown status` more than it can spare
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from pathlib import Path
    from typing import NoReturn

    from cooldown.session.history import History
    from cooldown.store.episodes import StoreError

DESCRIPTION = """\
Step out of an argument before it becomes a fight.

With no command, cooldown opens on the first of four statements to say out
loud, then holds a cool-down until the time you agreed to come back and talk.
"""

EPILOG = """\
Files: set COOLDOWN_HOME to keep config.toml, themes/ and the log in one folder.
cooldown is for calming yourself, never for controlling anyone. If anyone feels
unsafe, it is not enough: contact local emergency services.
"""

OK, FAILED, USAGE = 0, 1, 2
WEEKS_BACK_LIMIT = 5200
"""`cooldown review --week` goes back at most this many weeks (a hundred years)."""


class CommandError(Exception):
    """A problem to report in one line, with the exit code to leave with."""

    def __init__(self, message: str, code: int = FAILED) -> None:
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(
        prog="cooldown", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"cooldown {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("history", help="open the history: fights versus sidesteps, what works, every episode")
    commands.add_parser("settings", help="open the settings: activities, wording, limits, theme")

    config = commands.add_parser("config", help="where config.toml is, and whether it is valid")
    config.add_argument("action", choices=("path", "check"), help="path: print where it is; check: validate it")

    log = commands.add_parser("log", help="record a fight or sidestep that happened without the protocol")
    log.add_argument("outcome", choices=("fight", "sidestep"))
    log.add_argument(
        "--at",
        metavar="WHEN",
        default="now",
        help='when: "now" (default), "yesterday 21:00", "2h ago", an ISO date-time',
    )
    log.add_argument("--note", metavar="TEXT", default="", help="a note to keep with it")

    stats = commands.add_parser("stats", help="print the summary: sidesteps, fights, streaks, what works")
    stats.add_argument("--json", action="store_true", help="print JSON for scripts")

    export = commands.add_parser("export", help="write the episode log as JSON (default) or CSV")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument(
        "--since", metavar="DATE", help='only episodes from DATE on: "2026-11-01", "this month", "30 days"'
    )
    export.add_argument("--output", metavar="FILE", type=Path, help="write to FILE instead of standard output")

    restore = commands.add_parser("import", help="add the episodes of a JSON export (never duplicates)")
    restore.add_argument("file", type=Path)

    plan = commands.add_parser("plan", help="the time-out plan agreed together at a calm time (opens it, or prints it)")
    plan.add_argument("--print", action="store_true", dest="print_plan", help="write the plan as Markdown")
    plan.add_argument("--output", metavar="FILE", type=Path, help="with --print: write to FILE instead")

    review = commands.add_parser("review", help="the weekly look back: the last 7 days, what set it off, what helped")
    review.add_argument(
        "--week", metavar="N", type=int, default=0, help="N weeks back (0, the default: the last 7 days)"
    )
    review.add_argument("--json", action="store_true", help="print JSON for scripts")

    commands.add_parser("back", help="I'm back: record the return from any shell (the outcome is asked next launch)")
    notify = commands.add_parser("notify", help="try the notifications: --test fires each one once")
    notify.add_argument("--test", action="store_true", required=True, help="fire every configured notifier once")
    from cooldown import forget  # its options and help live with the command

    forget.add_arguments(commands.add_parser("forget", help="erase the log, settings and backups, for good (asks)"))

    # Run by main() before this parser is built; listed here for --help (and handled if it ever gets here).
    status = commands.add_parser(
        "status", add_help=False, help="one line for a status bar or prompt: time left, or nothing"
    )
    status.add_argument("options", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments[:1] == ["status"]:  # run every second by status bars: handed over before argparse is imported
        return status_line(arguments[1:])
    args = build_parser().parse_args(arguments)
    from cooldown.clock_style import configured_clock_style
    from cooldown.core.instant import use_clock_style

    use_clock_style(configured_clock_style())
    os.umask(0o077)  # everything cooldown writes is readable by the user only
    handlers = {
        "log": log_outcome,
        "stats": print_stats,
        "export": export,
        "import": import_file,
        "config": config,
        "back": lambda args: _alerts().come_back(args),
        "notify": lambda args: _alerts().notify_test(args),
        "plan": plan,
        "review": review,
        "forget": lambda args: args.handler(args),
        "status": lambda args: status_line(args.options),
    }
    handler = handlers.get(args.command)
    if args.command == "plan" and args.output is not None:
        args.print_plan = True  # --output only makes sense for the printed page
    if handler is None or (args.command == "plan" and not args.print_plan):
        return run_app(args.command if args.command in ("history", "settings", "plan") else "protocol")
    try:
        return handler(args)
    except CommandError as error:
        print(f"cooldown {args.command}: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped early: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK


def _alerts():  # noqa: ANN202 - the module, loaded when its commands run
    from cooldown import alert_commands

    return alert_commands


def status_line(options: Sequence[str]) -> int:
    """`cooldown status`: see cooldown/statusline.py (it only reads, so no umask is needed)."""
    from cooldown.statusline import main as status

    return status(options)


def run_app(mode: str) -> int:
    from cooldown.tui.app import CooldownApp

    app = CooldownApp(mode=mode)
    app.run()
    if app.return_code:  # an unexpected error: Textual has restored the terminal and shown it
        saved = CRASHED_SAVED if app.protocol_run.saving else CRASHED_NOT_SAVED
        print(f"{CRASHED}\n{saved}", file=sys.stderr)
        return app.return_code
    if app.signalled is not None:  # killed politely or the terminal closed: the log holds everything
        try:
            if farewell := app.leaving_words():
                print(farewell)
        except OSError:
            pass  # no terminal left to say it to
        return 128 + app.signalled
    if farewell := app.leaving_words():
        print(farewell)
    return OK


CRASHED = "cooldown closed because of an unexpected error (shown above)."
CRASHED_SAVED = (
    "Everything you confirmed is saved: type cooldown to carry on. "
    "If it happens again, please report it with the lines above."
)
CRASHED_NOT_SAVED = (
    "The log could not be written, so this cool-down is not saved: your return time is still the one you said. "
    "If it happens again, please report it with the lines above."
)


def open_history(*, create: bool, after: str = "") -> History:
    """The history of the log; a storage problem ends the command with its message (and `after`)."""
    from cooldown.clock import system_clock
    from cooldown.paths import log_file
    from cooldown.session.history import History
    from cooldown.session.logbook import Logbook

    def fail(error: StoreError) -> NoReturn:
        raise CommandError(f"{error}{after}")

    logbook = Logbook(log_file(), create=create, listener=fail)
    if logbook.set_aside is not None:  # a damaged log was moved aside just now: never silently
        print(f"cooldown: {logbook.set_aside}", file=sys.stderr)
    return History(logbook, system_clock)


def log_outcome(args: argparse.Namespace) -> int:
    from cooldown.clock import system_clock
    from cooldown.core.episode import NOTE_LIMIT, Episode, Outcome
    from cooldown.core.instant import moment_text
    from cooldown.core.when import WhenError, parse_when

    try:
        at = parse_when(args.at, system_clock())
    except WhenError as error:
        raise CommandError(f"--at: {error}", USAGE) from error
    note = args.note.strip()
    if len(note) > NOTE_LIMIT:
        raise CommandError(f"--note: a note can be at most {NOTE_LIMIT} characters (this one has {len(note)}).", USAGE)
    history = open_history(create=True)
    with history.logbook:
        history.log_afterwards(Episode.logged(at, Outcome(args.outcome), note))
    print(f"Logged a {args.outcome} on {moment_text(at)}.")
    return OK


def print_stats(args: argparse.Namespace) -> int:
    import json

    from cooldown.report import as_data, as_text

    history = open_history(create=False)
    with history.logbook:
        read = history.summary()
    if read is None:  # only if a problem was met and not raised
        raise CommandError(f"the log at {history.logbook.path} could not be read")
    summary, _ = read
    print(json.dumps(as_data(summary), indent=2) if args.json else as_text(summary))
    return OK


def export(args: argparse.Namespace) -> int:
    from cooldown.clock import system_clock
    from cooldown.core.when import WhenError, parse_since
    from cooldown.store.episodes import Filter, StoreError
    from cooldown.store.export import write_csv, write_json

    since = None
    if args.output is not None and not args.output.name:
        raise CommandError("--output needs a file name.", USAGE)
    if args.since is not None:
        try:
            since = parse_since(args.since, system_clock())
        except WhenError as error:
            raise CommandError(f"--since: {error}", USAGE) from error
    write = write_csv if args.format == "csv" else write_json
    history = open_history(create=False)
    with history.logbook:
        episodes = history.episodes(Filter(since=since))
        try:
            if args.output is None:
                count = write(episodes, sys.stdout)
            else:
                count = _write_file(args.output, lambda out: write(episodes, out))
                print(f"Exported {count} episode{'s' if count != 1 else ''} to {args.output}.", file=sys.stderr)
        except StoreError as error:
            raise CommandError(str(error)) from error
    return OK


def _write_file(path: Path, write) -> int:  # noqa: ANN001 - write(out) -> count
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


def config(args: argparse.Namespace) -> int:
    """`config path` prints where config.toml is; `config check` validates it and the theme files."""
    from cooldown.paths import config_file, themes_dir

    path = config_file()
    if args.action == "path":
        print(path)
        return OK
    from cooldown.store.config import load_config
    from cooldown.store.themes import bundled_themes_dir, load_themes, missing_theme

    loaded = load_config(path)
    themes, theme_problems = load_themes(bundled_themes_dir(), themes_dir())
    from textual.theme import BUILTIN_THEMES  # the names Textual adds; checked the way the app checks them

    from cooldown.tui.keymap import keymap_problems  # the ids and keys in use, read from the screens themselves

    available = [*(spec.name for spec in themes), *BUILTIN_THEMES]
    unknown = missing_theme(path, loaded.settings.theme, available)
    keymap = keymap_problems(path, loaded.settings.keymap)
    problems = [
        str(problem) for problem in (*loaded.problems, *keymap, *theme_problems, *([unknown] if unknown else []))
    ]
    if problems:
        raise CommandError("\n".join(["these settings can't be used (the defaults stand in):", *problems]), USAGE)
    if not loaded.exists:
        print(f"There is no {path} yet: the defaults are in use. `cooldown settings` creates it.")
    else:
        print(f"{path} is valid.")
    return OK


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


def plan(args: argparse.Namespace) -> int:
    """`cooldown plan --print [--output FILE]`: the plan as Markdown, to keep on the fridge."""
    from cooldown.core.plan import plan_markdown
    from cooldown.paths import config_file
    from cooldown.store.config import load_config

    if args.output is not None and not args.output.name:
        raise CommandError("--output needs a file name.", USAGE)
    loaded = load_config(config_file())
    for problem in loaded.problems:
        if str(problem.key or "").startswith(("plan.", "partner_name", "statements.", "activities")):
            print(f"cooldown plan: {problem} (the default stands in)", file=sys.stderr)
    text = plan_markdown(loaded.settings)
    if args.output is None:
        sys.stdout.write(text)
    else:
        _write_file(args.output, lambda out: out.write(text))
        print(f"Wrote the plan to {args.output}.", file=sys.stderr)
    return OK


def review(args: argparse.Namespace) -> int:
    """`cooldown review [--week N] [--json]`: the weekly look back.

    Reading this week's look back as text counts as having seen it (the closing screen then waits
    another week to mention it); JSON is for scripts, and an earlier week is not this one, so neither does.
    """
    import json

    from cooldown.review_report import review_data, review_text

    if not 0 <= args.week <= WEEKS_BACK_LIMIT:
        raise CommandError(f"--week counts weeks back: 0 (the last 7 days), 1, 2 ... up to {WEEKS_BACK_LIMIT}.", USAGE)
    history = open_history(create=False)
    with history.logbook:
        found = history.review(weeks_back=args.week)
    if found is None:
        raise CommandError(f"the log at {history.logbook.path} could not be read")
    print(json.dumps(review_data(found), indent=2) if args.json else review_text(found))
    if not args.json and args.week == 0 and history.logbook.log is not None:
        history.mark_review_seen()
    return OK
