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
the file is the old one or the new one, never half of either. A file with
problems is copied aside before it is overwritten, if the caller asks.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import os
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, get_args

import tomli_w
from pydantic import BaseModel, ValidationError

from cooldown.core.settings import Activity, Settings
from cooldown.paths import PRIVATE_FILE, ensure_private_dir

HEADER = """\
# cooldown's settings.
# Every key is optional: delete one and cooldown uses its default.
# What each key does is explained in the README, under "Settings".
"""

_RECOVERY_ROUNDS = 8
"""Rounds of dropping bad keys before giving up and using all the defaults."""

_BINARY = getattr(os, "O_BINARY", 0)
"""No newline translation on Windows."""

_DROPPED = object()
"""Marks a list item to leave out, so the other items keep their places meanwhile."""


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong in a config file."""

    path: Path
    """The config file."""
    key: str | None
    """The dotted TOML key, e.g. "cooldown.minimum_minutes" or "activities[2].minutes"; None for the whole file."""
    message: str
    """What is wrong, in TOML words, e.g. "must be true or false (got "no")"."""

    def __str__(self) -> str:
        if self.key is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}: {self.key}: {self.message}"


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
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedConfig(Settings(), (), exists=False)
    except OSError as error:
        reason = (error.strerror or str(error) or type(error).__name__).lower()
        return _unusable(path, f"can't be read: {reason}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        return _unusable(
            path,
            f"is not UTF-8 text: byte 0x{raw[error.start]:02x} at line {line}, column {column} "
            "can't be read; save the file as UTF-8",
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _unusable(path, f"is not valid TOML: {_lower_first(str(error))}")
    except RecursionError:
        return _unusable(path, "is not valid TOML: it is nested too deeply")
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
        details = error.errors(include_url=False)
    problems += [ConfigProblem(path, _dotted(detail["loc"]), _message(detail)) for detail in details]
    return _recover(data), problems


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
            details = error.errors(include_url=False)
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


# Problems in TOML words


def _dotted(loc: tuple[str | int, ...]) -> str | None:
    """("activities", 1, "minutes") -> "activities[2].minutes"."""
    key = ""
    for part in loc:
        key += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if key else part)
    return key or None


def _message(detail: Any) -> str:
    loc: tuple[str | int, ...] = detail["loc"]
    message = _in_toml_words(detail["type"], loc, detail["input"], detail.get("ctx", {}), str(detail["msg"]))
    field = Activity.model_fields.get(str(loc[-1])) if _model_at(loc[:-1]) is Activity else None
    if field is not None and field.is_required():
        message += "; this activity is left out"
    return message


def _in_toml_words(kind: str, loc: tuple[str | int, ...], value: Any, ctx: dict[str, Any], pydantic: str) -> str:
    got = f"(got {_show(value)})"
    if kind == "extra_forbidden":
        return _unknown(loc, value)
    if kind in {"int_type", "int_parsing", "int_from_float", "greater_than_equal", "less_than_equal"}:
        low, high = _range(loc)
        return f"must be a whole number from {low} to {high} {got}" if high else f"must be a whole number {got}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"must be true or false {got}"
    if kind == "string_type":
        return f"must be text {got}"
    if kind == "string_too_short":
        return "must not be empty" if ctx["min_length"] == 1 else f"needs at least {ctx['min_length']} characters"
    if kind == "string_too_long":
        return f"can be at most {ctx['max_length']} characters long (got {len(value)})"
    if kind == "missing":
        return "is missing"
    if kind in {"model_type", "dict_type"} and isinstance(loc[-1], int):
        return (
            f"must be a table, like {{ name = {_show(value)} }}" if isinstance(value, str) else f"must be a table {got}"
        )
    if kind in {"model_type", "dict_type"}:
        return f"must be a table, written [{_dotted(loc)}] {got}"
    if kind in {"tuple_type", "list_type"}:
        return f"must be a list of tables, each written [[{_dotted(loc)}]] {got}"
    if kind == "too_short":  # also when every activity was bad
        return f"{'has no usable activity' if value else 'needs at least one activity'}; using the default activities"
    if kind == "too_long":
        limit = ctx["max_length"]
        return f"can have at most {limit} activities (got {ctx['actual_length']}); only the first {limit} are used"
    if kind == "value_error":
        return _lower_first(pydantic.removeprefix("Value error, "))
    return pydantic  # e.g. the placeholder checks of [statements], already in plain words


def _unknown(loc: tuple[str | int, ...], value: Any) -> str:
    name = str(loc[-1])
    model = _model_at(loc[:-1])
    here = list(model.model_fields) if model is not None else []
    table = isinstance(value, dict) or isinstance(value, tuple) and value and isinstance(value[0], dict)
    what = "is not a settings table" if table else "is not a setting"
    close = difflib.get_close_matches(name, here, n=1)
    if close:
        return f"{what}; did you mean {close[0]!r}?"
    home = _home_of(name, model)
    return f"{what} here; it belongs {home}" if home else what


def _home_of(name: str, besides: type[BaseModel] | None) -> str | None:
    """Where a key called `name` does belong, in words, if anywhere else."""
    if besides is not Settings and name in Settings.model_fields:
        return "at the top of the file, before the first [table]"
    for table, field in Settings.model_fields.items():
        model = _model_in(field.annotation)
        if model is None or model is besides or name not in model.model_fields:
            continue
        return f"in each [[{table}]] table" if model is Activity else f"in [{table}]"
    return None


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model checking the table at `loc` (Settings for the top of the file)."""
    model: type[BaseModel] | None = Settings
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if model is not None else None
        model = _model_in(field.annotation) if field is not None else None
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        model = _model_in(argument)
        if model is not None:
            return model
    return None


def _range(loc: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    model = _model_at(loc[:-1])
    field = model.model_fields.get(str(loc[-1])) if model is not None else None
    metadata = field.metadata if field is not None else []
    low = next((m.ge for m in metadata if hasattr(m, "ge")), None)
    high = next((m.le for m in metadata if hasattr(m, "le")), None)
    return low, high


def _show(value: Any, limit: int = 40) -> str:
    """A value as TOML writes it, e.g. "ten", 100000, true."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list of tables" if value and isinstance(value[0], dict) else "a list"
    try:
        text = tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")
    except TypeError:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# Writing


def config_text(settings: Settings) -> str:
    """The settings as config.toml: every key written out, so the file shows what can be set."""
    data = settings.model_dump(mode="json", exclude_none=True)
    activities = data.pop("activities")
    blocks = [HEADER, tomli_w.dumps(data)]
    for activity in activities:
        if not activity.get("default"):
            activity.pop("default", None)
        blocks.append("[[activities]]\n" + tomli_w.dumps(activity))
    return "\n".join(block.rstrip("\n") + "\n" for block in blocks)


def save_config(settings: Settings, path: Path, *, keep_broken: bool = False) -> Path | None:
    """Write `settings` to `path` atomically, readable by the user only.

    With `keep_broken` (pass `bool(loaded.problems)`), an existing file is first
    copied beside it as `config.toml.broken-YYYYmmdd-HHMMSS` (its own modification
    time), and the copy's path is returned; otherwise returns None. A symlinked
    config is written through, so the link stays.
    """
    target = Path(os.path.realpath(path))
    ensure_private_dir(target.parent)
    kept = _keep_copy(target) if keep_broken and target.exists() else None
    _write_atomically(target, config_text(settings).encode("utf-8"))
    return kept


def _keep_copy(path: Path) -> Path:
    """Copy `path` aside, named for its modification time; never over an earlier copy."""
    content = path.read_bytes()
    stat = path.stat()
    stem = f"{path.name}.broken-{datetime.fromtimestamp(stat.st_mtime):%Y%m%d-%H%M%S}"
    number = 1
    while True:
        kept = path.with_name(stem if number == 1 else f"{stem}-{number}")
        try:
            descriptor = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, PRIVATE_FILE)
        except FileExistsError:
            number += 1
            continue
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.utime(kept, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        return kept


def _write_atomically(path: Path, content: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, PRIVATE_FILE)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


__all__ = ["ConfigProblem", "LoadedConfig", "config_text", "load_config", "save_config"]
