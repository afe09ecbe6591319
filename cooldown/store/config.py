"""config.toml: read with every problem named, written atomically.

Reading never fails. A missing file gives the defaults; a file that is not
UTF-8 or not TOML gives the defaults and one problem; a file with bad settings
gives one problem per bad key (the dotted TOML key and what it should be, in
TOML words) and keeps everything that was fine: a bad `cooldown.minimum_minutes`
falls back to its default and nothing else does. So the protocol always runs,
and the app or `cooldown config check` shows the problems.

Values are checked strictly, as TOML types them: `bell = "no"` is a problem,
not `true`, and `minutes = "30"` is not a number.

Writing goes through a temporary file in the same folder and `os.replace`, so
the file is the old one or the new one, never half of either. A config.toml that
is a pipe, a device or a symbolic link is written as store/files.py describes,
never replaced by a regular file and never waited on. A file with problems is
copied aside before it is overwritten, if the caller asks.
"""

from __future__ import annotations

import copy
import errno
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from cooldown.core.settings import DEFAULT_ACTIVITIES, Settings
from cooldown.paths import PRIVATE_FILE, ensure_private_dir
from cooldown.store.config_problems import ConfigProblem, dotted, message
from cooldown.store.files import write_file
from cooldown.store.toml_file import TomlFileError, read_toml

HEADER = """\
# cooldown's settings.
# Every key is optional: delete one and cooldown uses its default.
# What each key does is explained in the README, under "Settings".
"""

_RECOVERY_ROUNDS = 8
"""Rounds of dropping bad keys before giving up and using all the defaults."""

_BINARY = getattr(os, "O_BINARY", 0)
"""No newline translation on Windows."""

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
"""Opening a named pipe to copy it aside must never wait for a writer."""

_DROPPED = object()
"""Marks a list item to leave out, so the other items keep their places meanwhile."""


@dataclass(frozen=True)
class LoadedConfig:
    """The settings read from a config file, and what was wrong with it."""

    settings: Settings
    """Always usable: the defaults stand in for whatever was broken."""
    problems: tuple[ConfigProblem, ...]
    """Empty for a good (or missing) file."""
    exists: bool
    """The file was there."""


# Reading


def load_config(path: Path) -> LoadedConfig:
    """The settings in `path`, with every problem found; never raises."""
    try:
        data = read_toml(path)
    except FileNotFoundError:
        return LoadedConfig(Settings(), (), exists=False)
    except TomlFileError as error:
        return _unusable(path, str(error))
    settings, problems = _check(path, data)
    return LoadedConfig(settings, tuple(problems), exists=True)


def _unusable(path: Path, message: str) -> LoadedConfig:
    return LoadedConfig(Settings(), (ConfigProblem(path, None, message),), exists=True)


def _check(path: Path, data: dict[str, Any]) -> tuple[Settings, list[ConfigProblem]]:
    problems: list[ConfigProblem] = []
    data = _one_default_at_most(path, data, problems)
    try:
        return _validate(data), problems
    except ValidationError as error:
        details = _own_errors(error)
    problems += [ConfigProblem(path, dotted(detail["loc"]), message(detail)) for detail in details]
    settings = _recover(data)
    if isinstance(data.get("activities"), list) and data["activities"] and settings.activities == DEFAULT_ACTIVITIES:
        problems.append(ConfigProblem(path, "activities", "has no usable activity; using the default activities"))
    return settings, problems


def _own_errors(error: ValidationError) -> list[Any]:
    """The errors, less the echo of a bad activity: 'no activities left' once it is set aside.

    A list whose items fail also fails its own minimum length; that second error
    is a consequence, not a problem in the file, as long as some item was fine.
    """
    details = error.errors(include_url=False)
    in_items = {detail["loc"][:2] for detail in details if len(detail["loc"]) > 2}
    return [
        detail for detail in details if not (detail["type"] == "too_short" and len(detail["loc"]) == 1 and in_items)
    ]


def _validate(data: dict[str, Any]) -> Settings:
    return Settings.model_validate(_as_tuples(data), strict=True)


def _as_tuples(value: Any) -> Any:
    """TOML arrays as tuples, which strict validation wants for tuple fields."""
    if isinstance(value, dict):
        return {key: _as_tuples(item) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(_as_tuples(item) for item in value)
    return value


def _one_default_at_most(path: Path, data: dict[str, Any], problems: list[ConfigProblem]) -> dict[str, Any]:
    """`data` with only the first `default = true` activity kept as the default.

    Checked here rather than left to the model, whose check only runs once
    everything else is valid and would then count activities already left out.
    """
    activities = data.get("activities")
    if not isinstance(activities, list):
        return data
    defaults = [n for n, item in enumerate(activities) if isinstance(item, dict) and item.get("default") is True]
    if len(defaults) < 2:
        return data
    names = [f"activities[{n + 1}]" for n in defaults]
    problems.append(
        ConfigProblem(
            path,
            "activities",
            f"only one activity can be the default ({', '.join(names[:-1])} and {names[-1]} "
            "say default = true); the first one is kept",
        )
    )
    fixed = [{**item, "default": False} if n in defaults[1:] else item for n, item in enumerate(activities)]
    return {**data, "activities": fixed}


def _recover(data: dict[str, Any]) -> Settings:
    """The valid settings left after dropping, round by round, what was invalid.

    Each round drops the values the errors point at (a nested key, not its whole
    table); an activity missing its name is dropped whole, and an activity list
    left empty falls back to the defaults.
    """
    data = copy.deepcopy(data)
    for _ in range(_RECOVERY_ROUNDS):
        try:
            return _validate(data)
        except ValidationError as error:
            details = _own_errors(error)
        targets = [_target(data, detail) for detail in details]  # all found before any is dropped
        for loc, keep in targets:
            _drop(data, loc, keep)
        data = _compact(data)
    return Settings()


def _target(data: dict[str, Any], detail: Any) -> tuple[tuple[str | int, ...], int | None]:
    """Where to drop for an error: its value, or the table holding a missing key.

    The second item is how many list items to keep when a list is too long.
    """
    loc = detail["loc"]
    if tuple(loc[:2]) == ("notifications", "command"):
        return ("notifications", "command"), None  # part of a command is no command: all of it goes
    node: Any = data
    for depth, part in enumerate(loc):
        if not _has(node, part):
            return loc[:depth], None
        node = node[part]
    if detail["type"] == "too_long" and isinstance(node, list):
        return loc, detail["ctx"]["max_length"]
    return loc, None


def _drop(data: dict[str, Any], loc: tuple[str | int, ...], keep: int | None) -> None:
    if not loc:  # a check across the whole file
        data.clear()
        return
    node: Any = data
    for part in loc[:-1]:
        if not _has(node, part):
            return  # inside something already dropped
        node = node[part]
    if not _has(node, loc[-1]):
        return
    if keep is not None:
        del node[loc[-1]][keep:]
    elif isinstance(node, list):
        node[loc[-1]] = _DROPPED
    else:
        del node[loc[-1]]


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    if isinstance(node, list) and isinstance(part, int):
        return 0 <= part < len(node) and node[part] is not _DROPPED
    return False


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _compact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_compact(item) for item in value if item is not _DROPPED]
    return value


# Writing


def config_text(settings: Settings) -> str:
    """The settings as config.toml: every key written out, so the file shows what can be set."""
    data = settings.model_dump(mode="json", exclude_none=True, by_alias=True)
    activities = data.pop("activities")
    blocks = [HEADER, tomli_w.dumps(data)]
    for activity in activities:
        if not activity.get("default"):
            activity.pop("default", None)
        blocks.append("[[activities]]\n" + tomli_w.dumps(activity))
    return "\n".join(block.rstrip("\n") + "\n" for block in blocks)


def save_config(settings: Settings, path: Path, *, keep_broken: bool = False) -> Path | None:
    """Write `settings` to `path` atomically, readable by the user only.

    With `keep_broken` (pass `bool(loaded.problems)`), an existing regular file is
    first copied beside it as `config.toml.broken-YYYYmmdd-HHMMSS` (its own
    modification time), and the copy's path is returned; otherwise returns None.
    What `path` is decides how it is written (see store/files.py): a symlinked
    config is written through, so the link stays; a pipe or a device is written
    through and never replaced, and a pipe nobody reads is refused at once, never
    waited on. Raises OSError (`FileRefused` among them) when it can't be written.
    """
    ensure_private_dir(path.parent)
    kept = _keep_copy(path) if keep_broken else None
    _write_atomically(path, config_text(settings).encode("utf-8"))
    return kept


def _keep_copy(path: Path) -> Path | None:
    """Copy the regular file `path` is (or links to) aside, named for its modification time.

    Never over an earlier copy. None when there is no regular file to keep: nothing
    there, a pipe or a device (read without ever waiting on it), a link loop.
    """
    real = Path(os.path.realpath(path))
    try:
        source = os.open(real, os.O_RDONLY | _NONBLOCK | _BINARY)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ELOOP, errno.ENXIO):
            return None
        raise
    try:
        info = os.fstat(source)
        if not stat.S_ISREG(info.st_mode):
            return None
        return _copy_aside(source, real, info)
    finally:
        os.close(source)


def _copy_aside(source: int, path: Path, info: os.stat_result) -> Path:
    stem = f"{path.name}.broken-{datetime.fromtimestamp(info.st_mtime):%Y%m%d-%H%M%S}"
    number = 1
    while True:
        kept = path.with_name(stem if number == 1 else f"{stem}-{number}")
        try:
            descriptor = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, PRIVATE_FILE)
        except FileExistsError:
            number += 1
            continue
        with os.fdopen(descriptor, "wb") as handle:
            while chunk := os.read(source, 1024 * 1024):
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.utime(kept, ns=(info.st_atime_ns, info.st_mtime_ns))
        return kept


def _write_atomically(path: Path, content: bytes) -> None:
    write_file(path, lambda handle: handle.write(content), mode=PRIVATE_FILE)


__all__ = ["ConfigProblem", "LoadedConfig", "config_text", "load_config", "save_config"]
