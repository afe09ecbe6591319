"""Every file and folder cooldown keeps, found and named in plain words, for `cooldown forget`.

Found where the app writes them: the log (`paths.log_file`) and everything beside it
whose name starts with the log's (its SQLite journals, the copies made before a schema
change, damaged logs put aside), the day the look back was last seen
(`paths.review_seen_file`), config.toml and the copies kept of a broken one
(`paths.config_file`), and the background alarms' lock files and notes (`alarms/`
beside the log). Temporary files a save cut short can leave (`.name.*.tmp`) count
too. The person's own themes are theirs: they are found, to be named, never listed to go.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cooldown import alarm, paths
from cooldown.store import erase
from cooldown.store.episodes import StoreError


@dataclass(frozen=True)
class Going:
    """One file or folder in the list, with what it is in plain words."""

    path: Path
    what: str
    folder: bool = False


@dataclass(frozen=True)
class Kept:
    """What `cooldown forget` would erase, and what it leaves."""

    going: list[Going]
    """In the order they are erased: the log and its journals first, folders last."""
    running: list[str]
    """The uids of the background alarms running now."""
    themes: list[Path]
    """The person's own theme files, left alone."""


def everything(log: Path) -> Kept:
    """Every file and folder cooldown keeps for the log at `log` and the config where cooldown keeps it."""
    going: list[Going] = []
    if log.exists() or log.is_symlink():
        try:
            what = f"the episode log: {count(erase.count_episodes(log), 'episode')}"
        except StoreError:
            what = "the episode log (it can't be read, so its episodes can't be counted)"
        going.append(_listed(log, what))
    going += [_listed(path, what_beside_log(path, log)) for path in erase.beside(log)]
    seen = paths.review_seen_file()
    if seen.is_file() or seen.is_symlink():
        going.append(_listed(seen, "the day you last looked back"))
    going += [_listed(path, "left by a save that was cut short") for path in erase.beside(seen)]
    config = paths.config_file()
    if config.is_file() or config.is_symlink():
        going.append(_listed(config, "your settings"))
    going += [_listed(path, _what_beside_config(path)) for path in erase.beside(config)]
    alarms = log.absolute().parent / alarm.LOCKS
    running: list[str] = []
    for path in _files_in(alarms):
        if path.name == alarm.PROBLEMS:
            going.append(_listed(path, "what a background alarm could not send"))
        elif path.suffix == ".lock":
            if alarm.is_running(log, path.stem):
                running.append(path.stem)
            going.append(_listed(path, "a background alarm's lock"))
    folders = sorted({alarms, paths.themes_dir(), paths.data_dir(), paths.config_dir()}, key=lambda p: -len(p.parts))
    for folder in folders:
        if folder.is_dir() and not folder.is_symlink() and _empties(folder, going):
            going.append(Going(folder, "folder, once emptied", folder=True))
    return Kept(going, running, _own_themes(paths.themes_dir()))


def _listed(path: Path, what: str) -> Going:
    """A file in the list; a symbolic link says that only the link goes."""
    if path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "somewhere else"
        return Going(path, f"{what}; a link to {target}: only the link goes")
    return Going(path, what)


def _empties(folder: Path, going: list[Going]) -> bool:
    """True if erasing `going` leaves `folder` empty."""
    gone = {item.path for item in going}
    try:
        return all(Path(entry.path) in gone for entry in os.scandir(folder))
    except OSError:
        return False


def _files_in(folder: Path) -> list[Path]:
    try:
        return sorted(Path(entry.path) for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False))
    except OSError:
        return []


def _own_themes(folder: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(folder)]
    except OSError:
        return []


def is_log_file(path: Path, log: Path) -> bool:
    """The log itself or one of its journals: erased first, so a background alarm sees the log gone."""
    return path == log or path.name in {f"{log.name}{journal}" for journal in erase.JOURNALS}


def what_beside_log(path: Path, log: Path) -> str:
    name = path.name
    journals = {"-wal": "write-ahead journal", "-shm": "journal index", "-journal": "journal"}
    base, ending = journal_of(name, erase.JOURNALS)
    if base == log.name and ending:
        return f"the log's {journals[ending]}"
    if ending:
        return f"the {journals[ending]} of {base}"
    if erase.SCHEMA_BACKUP.search(name):
        return "a copy of the log made before an upgrade"
    if name.startswith(f"{log.name}.damaged-"):
        return "a damaged log put aside"
    if name.startswith("."):
        return "left by a save that was cut short"
    return "a file beside the log"


def _what_beside_config(path: Path) -> str:
    if ".broken-" in path.name:
        return "a copy kept of a config.toml that could not be read"
    return "left by a save that was cut short"


def journal_of(name: str, journals: tuple[str, ...]) -> tuple[str, str]:
    """(`name` without a journal's ending, that ending or "")."""
    for ending in journals:
        if name.endswith(ending):
            return name[: -len(ending)], ending
    return name, ""


def copies(log: Path, before: datetime, now: datetime) -> tuple[list[Path], list[Path]]:
    """The files beside the log that may hold episodes started before `before`: (to edit, to erase whole).

    A file that opens as a log (a copy made before an upgrade, or one the person made) and
    holds such episodes is edited, its journals folded into it; one that holds none is left.
    A file that can't be read as a log (a damaged log put aside, a link) goes whole, with its
    journals. The log's own journals are SQLite's, and left to it.
    """
    edited: list[Path] = []
    whole: list[Path] = []
    found = erase.beside(log)
    bases = {path.name for path in found}
    for path in found:
        base, ending = journal_of(path.name, erase.JOURNALS)
        if base == log.name:
            continue
        if ending:
            if base not in bases:  # a journal whose file is gone
                whole.append(path)
            continue  # with its file: folded into it when edited, erased whole with it otherwise
        try:
            if path.is_symlink():
                raise StoreError(path, "a link")
            holds = erase.tally_before(path, before, now).forgotten
        except StoreError:
            whole.append(path)
            whole += [
                other for other in found if other != path and journal_of(other.name, erase.JOURNALS)[0] == path.name
            ]
            continue
        if holds:
            edited.append(path)
    return edited, whole


def count(number: int, noun: str) -> str:
    """ "1 episode", "2 episodes"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
