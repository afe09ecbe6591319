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


def _path(text: str) -> Path:
    """A file name given on the command line (pathlib loads only once one is given)."""
    from pathlib import Path

    return Path(text)


def build_parser(arguments: Sequence[str] = ("forget",)) -> argparse.ArgumentParser:
    """The parser for `arguments`: the options of `forget` (a module of its own) are added only if they name it."""
    import argparse

    from cooldown.command_help import COMMANDS

    helps = dict(COMMANDS)
    parser = argparse.ArgumentParser(
        prog="cooldown", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"cooldown {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("history", help=helps["history"])
    commands.add_parser("settings", help=helps["settings"])

    config = commands.add_parser("config", help=helps["config"])
    config.add_argument("action", choices=("path", "check"), help="path: print where it is; check: validate it")

    log = commands.add_parser("log", help=helps["log"])
    log.add_argument("outcome", choices=("fight", "sidestep"))
    log.add_argument(
        "--at",
        metavar="WHEN",
        default="now",
        help='when: "now" (default), "yesterday 21:00", "2h ago", an ISO date-time',
    )
    log.add_argument("--note", metavar="TEXT", default="", help="a note to keep with it")

    stats = commands.add_parser("stats", help=helps["stats"])
    stats.add_argument("--json", action="store_true", help="print JSON for scripts")

    export = commands.add_parser("export", help=helps["export"])
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument(
        "--since", metavar="DATE", help='only episodes from DATE on: "2026-11-01", "this month", "30 days"'
    )
    export.add_argument("--output", metavar="FILE", type=_path, help="write to FILE instead of standard output")

    restore = commands.add_parser("import", help=helps["import"])
    restore.add_argument("file", type=_path)

    plan = commands.add_parser("plan", help=helps["plan"])
    plan.add_argument("--print", action="store_true", dest="print_plan", help="write the plan as Markdown")
    plan.add_argument("--output", metavar="FILE", type=_path, help="with --print: write to FILE instead")

    review = commands.add_parser("review", help=helps["review"])
    review.add_argument(
        "--week", metavar="N", type=int, default=0, help="N weeks back (0, the default: the last 7 days)"
    )
    review.add_argument("--json", action="store_true", help="print JSON for scripts")

    commands.add_parser("back", help=helps["back"])
    notify = commands.add_parser("notify", help=helps["notify"])
    notify.add_argument("--test", action="store_true", required=True, help="fire every configured notifier once")
    forgetting = commands.add_parser("forget", help=helps["forget"])
    if "forget" in arguments:
        from cooldown import forget  # its options and help live with the command

        forget.add_arguments(forgetting)

    # Run by main() before this parser is built; listed here for --help (and handled if it ever gets here).
    status = commands.add_parser("status", add_help=False, help=helps["status"])
    status.add_argument("options", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments == ["--version"]:  # what argparse would print, and how it leaves, without importing it
        print(f"cooldown {__version__}")
        raise SystemExit(OK)
    if arguments in (["--help"], ["-h"]) and (text := _help_text()) is not None:
        sys.stdout.write(text)
        raise SystemExit(OK)
    if arguments[:1] == ["status"]:  # run every second by status bars: handed over before argparse is imported
        return status_line(arguments[1:])
    args = build_parser(arguments).parse_args(arguments)
    from cooldown.clock_style import configured_clock_style
    from cooldown.core.instant import use_clock_style

    use_clock_style(configured_clock_style())
    os.umask(0o077)  # everything cooldown writes is readable by the user only
    handlers = {
        "log": log_outcome,
        "stats": print_stats,
        "export": lambda args: _data().export(args),
        "import": lambda args: _data().import_file(args),
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


def _help_text() -> str | None:
    """`cooldown --help` without argparse (see cooldown/command_help.py); None where argparse has to write it."""
    from cooldown.command_help import help_text

    return help_text(DESCRIPTION, EPILOG)


def _data():  # noqa: ANN202 - the module, loaded when its commands run
    from cooldown import data_commands

    return data_commands


def _alerts():  # noqa: ANN202 - the module, loaded when its commands run
    from cooldown import alert_commands

    return alert_commands


def status_line(options: Sequence[str]) -> int:
    """`cooldown status`: see cooldown/statusline.py (it only reads, so no umask is needed)."""
    from cooldown.statusline import main as status

    return status(options)


def run_app(mode: str) -> int:
    from cooldown.tui.app import CooldownApp

    app = CooldownApp(mode=mode, glance=True)
    app.run()
    if app.return_code:  # an unexpected error: Textual has restored the terminal and shown it
        saved = CRASHED_SAVED if not app.loaded or app.protocol_run.saving else CRASHED_NOT_SAVED
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
        _data().write_file(args.output, lambda out: out.write(text))
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
