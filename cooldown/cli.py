"""The `cooldown` command line.

Only the standard library is imported up front; the terminal UI and the models
load when a command needs them, so --help and --version answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from cooldown import __version__

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cooldown",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cooldown {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("export", help="write the episode log to stdout as a JSON array")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    os.umask(0o077)  # everything cooldown writes is readable by the user only
    if args.command == "export":
        return export()
    return run_app()


def run_app() -> int:
    from cooldown.tui.app import CooldownApp

    CooldownApp().run()
    return 0


def export() -> int:
    from cooldown.paths import log_file
    from cooldown.store.episodes import EpisodeLog, StoreError
    from cooldown.store.export import to_json

    path = log_file()
    if not path.exists():
        print("[]")
        return 0
    try:
        with EpisodeLog(path) as log:
            print(to_json(log.episodes()))
    except StoreError as error:
        print(f"cooldown: {error}", file=sys.stderr)
        return 1
    return 0
