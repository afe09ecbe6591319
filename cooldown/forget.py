"""`cooldown forget`: erase what cooldown keeps, for good, after a question that names every file.

`cooldown forget` erases the whole log with its journals, the copies made before a
schema change, damaged logs put aside, config.toml and the copies kept of a broken
one, the day the look back was last seen, and the background alarms' files; the
folders go too once nothing else is left in them. The person's own themes are left
alone (they are files they wrote) and the list says so. `cooldown forget
--episodes-before DATE` takes only the episodes started before DATE out of the log and
out of the copies made before a schema change (a damaged copy, which can't be edited,
is erased whole). See `store/erase.py` for how nothing readable is left behind.

It asks on the terminal, and only the word "forget" erases; `--yes` is for scripts, and
without a terminal to ask on (and no `--yes`) it refuses. A background alarm of an
erased cool-down stops by itself at its next look at the log (within `CHECK_SECONDS`):
the log gone, or the episode no longer in it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cooldown.cli import FAILED, OK, USAGE, CommandError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime

    from cooldown.kept_files import Going
    from cooldown.store.erase import Erased

WORD = "forget"
QUESTION = f"Type {WORD} to erase these (anything else keeps them): "
KEPT = "Nothing was erased."
ALARM_WAIT_SECONDS = 10.0
"""How long to wait for the background alarms of erased cool-downs to see it and stop."""

DESCRIPTION = """\
Erase what cooldown keeps, for good: the episode log and its journals, the
copies made before an upgrade, damaged logs put aside, config.toml, and the
background alarms' files. It lists every file first and erases only once you
type the word forget. Your own themes in the themes/ folder are left alone.

With --episodes-before DATE, only the episodes started before DATE are taken
out (of the log and of its copies), with the alerts sent for them; the rest stay.
"""

EPILOG = """\
Erased files are overwritten with zeros and synced before they are removed, and
forgotten episodes are wiped out of the log's file and its journal. On
copy-on-write file systems (btrfs, ZFS, APFS) and on SSDs or other flash storage,
old copies of the data can survive on the device where no file reaches them:
there this is best effort. Close cooldown before forgetting a running cool-down.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `cooldown forget`, its help, and `args.handler` (the `run` below)."""
    parser.description = DESCRIPTION
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "--episodes-before",
        metavar="DATE",
        help='only the episodes started before DATE: "2026-11-01", "this month", "30 days"',
    )
    parser.add_argument("--yes", action="store_true", help="erase without asking (for scripts)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """`cooldown forget [--episodes-before DATE] [--yes]`."""
    if args.episodes_before is not None:
        return _forget_episodes(args.episodes_before, args.yes)
    return _forget_everything(args.yes)


# Everything


def _forget_everything(yes: bool) -> int:
    from cooldown import kept_files, paths
    from cooldown.store import erase

    log = paths.log_file()
    kept = kept_files.everything(log)
    left_alone = (
        f"Left alone: your own themes in {paths.themes_dir()} ({kept_files.count(len(kept.themes), 'file')}); "
        "delete them yourself if you want them gone."
    )
    if not kept.going:
        print("cooldown keeps nothing here: there is nothing to forget.")
        if kept.themes:
            print(left_alone)
        return OK
    print("This erases, for good:")
    _print_list(kept.going)
    print("Each file is overwritten with zeros before it is removed.")
    if kept.themes:
        print(left_alone)
    if kept.running:
        print("A cool-down is still running: its background alarm stops too.")
    if (answer := _confirm(yes)) is not None:
        return answer
    files = [item.path for item in kept.going if not item.folder]
    with _uninterrupted():
        # The log first: a background alarm sees it gone at its next look, and stops.
        results = [erase.erase_file(path) for path in files if kept_files.is_log_file(path, log)]
        _wait_for_alarms(log, kept.running)
        results += [erase.erase_file(path) for path in files if not kept_files.is_log_file(path, log)]
        results += [erase.erase_file(path) for path in erase.beside(log)]  # a status line's empty journal, say
        folders = [(item.path, erase.remove_folder(item.path)) for item in kept.going if item.folder]
    return _report_erased(results, folders)


def _report_erased(results: list[Erased], folders: list[tuple[Path, str]]) -> int:
    """Say what was erased, and name each file or folder that could not be (exit 1 then)."""
    from cooldown.kept_files import count

    failed = False
    files = 0
    for result in results:
        files += result.removed
        if result.link:
            print(f"Removed the link {result.path}; the file it points to is left as it was.")
        if problem := _trouble(result):
            failed = True
            print(f"cooldown forget: {problem}.", file=sys.stderr)
    removed_folders = sum(1 for _, problem in folders if not problem)
    for folder, problem in folders:
        if problem and not failed:  # else it is the file left in it that keeps it
            failed = True
            print(f"cooldown forget: could not remove the folder {folder}: {problem}.", file=sys.stderr)
    done = f"Erased {count(files, 'file')}" + (f" and {count(removed_folders, 'folder')}" if removed_folders else "")
    if failed:
        print(f"{done}. Check what is named above, then run cooldown forget again.")
        return FAILED
    print(f"{done}. cooldown starts afresh the next time you open it.")
    return OK


def _trouble(result: Erased) -> str:
    """What went wrong with one file, in a sentence ("" if nothing did)."""
    if not result.problem:
        return ""
    if result.removed:
        return f"removed {result.path}, but it could not be overwritten first ({result.problem})"
    if result.wiped:
        return f"{result.path} was overwritten with zeros, but could not be removed ({result.problem})"
    return f"could not remove {result.path} ({result.problem})"


# Episodes before a date


def _forget_episodes(text: str, yes: bool) -> int:
    from cooldown import kept_files, paths
    from cooldown.clock import system_clock
    from cooldown.core.instant import moment_text
    from cooldown.store import erase
    from cooldown.store.episodes import StoreError

    now = system_clock()
    before = _before(text, now)
    when = moment_text(before)
    log = paths.log_file()
    if not log.is_file():
        print(f"There is no log at {log}: there are no episodes to forget.")
        return OK
    try:
        tally = erase.tally_before(log, before, now)
    except StoreError as error:
        raise CommandError(f"{error}\n{KEPT}") from error
    edited, whole = kept_files.copies(log, before, now)
    if tally.forgotten == 0 and not edited:
        if erase.journal_has_text(log):  # an earlier forget was held up before it emptied the journal
            try:
                erase.rebuild(log)
            except StoreError as error:
                raise CommandError(str(error)) from error
        print(f"No episodes started before {when}: there is nothing to forget.")
        for path in whole:
            print(
                f"Not looked at: {path} ({kept_files.what_beside_log(path, log)}); cooldown forget on its own erases it."
            )
        return OK
    if tally.forgotten:
        print(
            f"This forgets {kept_files.count(tally.forgotten, 'episode')} started before {when}, for good "
            f"({kept_files.count(tally.kept, 'later episode')} {'stays' if tally.kept == 1 else 'stay'}):"
        )
    else:
        print(f"The log holds no episodes started before {when}, but copies of it do. This forgets them, for good:")
    _print_list(
        [
            *(
                [
                    kept_files.Going(
                        log, "the episode log: they and their alerts are taken out, and it is rewritten without them"
                    )
                ]
                if tally.forgotten
                else []
            ),
            *(
                kept_files.Going(path, f"{kept_files.what_beside_log(path, log)}: they are taken out of it too")
                for path in edited
            ),
            *(
                kept_files.Going(
                    path, f"{kept_files.what_beside_log(path, log)}: it can't be edited, so it is erased whole"
                )
                for path in whole
            ),
        ]
    )
    if tally.running:
        print(
            "One of them is a cool-down still running: its background alarm stops too. Close cooldown first if it is open."
        )
    if (answer := _confirm(yes)) is not None:
        return answer
    with _uninterrupted():
        for copy in edited:
            try:
                erase.forget_before(copy, before)
            except StoreError:
                whole.append(copy)  # it was read a moment ago; if it can't be edited now, it goes whole
                continue
            whole += [
                path for path in erase.beside(copy) if kept_files.journal_of(path.name, erase.JOURNALS)[0] == copy.name
            ]
        results = [erase.erase_file(path) for path in whole]
        problems = [problem for result in results if (problem := _trouble(result))]
        removed: int | None = 0
        if tally.forgotten:
            try:
                removed = erase.forget_before(log, before)
            except erase.JournalBusy as busy:
                removed = busy.removed
                problems.append(f"{busy}. Close it, then run the same command again to clear them")
            except StoreError as error:
                problems.append(f"{error}. Nothing more was taken out of it")
                removed = None
        _wait_for_alarms(log, list(tally.running))
        for uid in tally.running:
            _remove_stale_lock(log, uid)
    if removed:
        print(f"Forgot {kept_files.count(removed, 'episode')} started before {when}.")
    elif removed == 0:
        print(f"Took the episodes started before {when} out of the copies beside the log.")
    for problem in problems:
        print(f"cooldown forget: {problem}.", file=sys.stderr)
    return FAILED if problems else OK


def _before(text: str, now: datetime) -> datetime:
    """DATE read as `--since` reads it: a day means its start (00:00)."""
    from cooldown.core.when import WhenError, parse_since

    try:
        return parse_since(text, now)
    except WhenError as error:
        if str(error).startswith("That's in the future"):
            message = (
                "that is still to come. To forget every episode and keep your settings, use --episodes-before now; "
                "cooldown forget on its own erases the settings too."
            )
        else:
            message = str(error)
        raise CommandError(f"--episodes-before: {message}", USAGE) from error


def _remove_stale_lock(log: Path, uid: str) -> None:
    """The lock file of a stopped alarm of a forgotten episode (the alarm removes its own; this is for one killed)."""
    from cooldown import alarm
    from cooldown.store import erase

    if not alarm.is_running(log, uid):
        erase.erase_file(Path(alarm.lock_path(log, uid)))


# Shared


# Shared


def _confirm(yes: bool) -> int | None:
    """None to go ahead; else the exit code to leave with (nothing erased, and said so)."""
    if yes:
        return None
    if sys.stdin is None or not sys.stdin.isatty():
        raise CommandError(
            f"{KEPT} It asks before erasing, and there is no terminal here to ask on: add --yes to erase without asking.",
            USAGE,
        )
    try:
        sys.stdout.write(QUESTION)
        sys.stdout.flush()
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        print(f"\n{KEPT}")
        return 130
    if answer.strip() == WORD:
        return None
    print(("" if answer.endswith("\n") else "\n") + KEPT)  # after Ctrl-D, on a line of its own
    return FAILED


def _wait_for_alarms(log: Path, uids: list[str]) -> None:
    """Give the background alarms of erased cool-downs the moment they need to see it and stop."""
    from cooldown import alarm

    deadline = time.monotonic() + ALARM_WAIT_SECONDS
    while any(alarm.is_running(log, uid) for uid in uids) and time.monotonic() < deadline:
        time.sleep(0.1)


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C is held back while files are being erased, so an erase is never left half done."""
    import signal

    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def _print_list(going: list[Going]) -> None:
    """One line a file or folder: its path, and what it is."""
    for item in going:
        shown = f"{item.path}{os.sep}" if item.folder else str(item.path)
        print(f"  {shown} ({item.what})")
