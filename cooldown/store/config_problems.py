"""The words for what is wrong in a config file: dotted TOML keys, ranges, suggestions.

Pydantic's errors speak Python ("Input should be a valid integer"); these speak
TOML ("must be a whole number from 1 to 1440 (got "ten")") and say where a
misplaced or misspelled key belongs.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import tomli_w
from pydantic import BaseModel

from cooldown.core.settings import Activity, Settings
from cooldown.store.toml_file import lower_first


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


def dotted(loc: tuple[str | int, ...]) -> str | None:
    """("activities", 1, "minutes") -> "activities[2].minutes"."""
    key = ""
    for part in loc:
        key += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if key else part)
    return key or None


def message(detail: Any) -> str:
    loc: tuple[str | int, ...] = detail["loc"]
    message = _in_toml_words(detail["type"], loc, detail["input"], detail.get("ctx", {}), str(detail["msg"]))
    field = _fields(Activity).get(str(loc[-1])) if _model_at(loc[:-1]) is Activity else None
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
    if kind == "string_type" and loc[:1] == ("keymap",):
        bare = str(loc[-1]).replace("-", "").replace("_", "")
        name = str(loc[-1]) if bare.isascii() and bare.isalnum() else _show(loc[-1])
        return f'must be its keys as text, like {name} = "n" or "enter,space" {got}'
    if kind == "string_type":
        return f"must be text {got}"
    if kind == "literal_error":
        return _not_a_choice(loc, value, got)
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
        return f"must be a table, written [{dotted(loc)}] {got}"
    if kind in {"tuple_type", "list_type"} and _holds_text(loc):
        return f'must be a list of text lines, like {loc[-1]} = ["...", "..."] {got}'
    if kind in {"tuple_type", "list_type"}:
        return f"must be a list of tables, each written [[{dotted(loc)}]] {got}"
    if kind == "too_short":  # also when every activity was bad
        return f"{'has no usable activity' if value else 'needs at least one activity'}; using the default activities"
    if kind == "too_long":
        limit = ctx["max_length"]
        things = "activities" if loc[:1] == ("activities",) else "items"
        return f"can have at most {limit} {things} (got {ctx['actual_length']}); only the first {limit} are used"
    if kind == "value_error":
        return lower_first(pydantic.removeprefix("Value error, "))
    return pydantic  # e.g. the placeholder checks of [statements], already in plain words


def _not_a_choice(loc: tuple[str | int, ...], value: Any, got: str) -> str:
    """'must be "12h" or "24h" (got "12"); did you mean "12h"?' for a setting with a few allowed values."""
    choices = _choices(loc)
    words = " or ".join(_show(choice) for choice in choices)
    close = _closest_choice(value, choices)
    return f"must be {words} {got}" + (f"; did you mean {_show(close)}?" if close is not None else "")


def _choices(loc: tuple[str | int, ...]) -> tuple[Any, ...]:
    """The values a setting allows, from its Literal type (the first one found in it)."""
    model = _model_at(loc[:-1])
    field = _fields(model).get(str(loc[-1])) if model is not None else None
    pending = [field.annotation] if field is not None else []
    while pending:
        annotation = pending.pop(0)
        if get_origin(annotation) is Literal:
            return get_args(annotation)
        pending += get_args(annotation)
    return ()


def _closest_choice(value: Any, choices: tuple[Any, ...]) -> Any:
    """The allowed value `value` was most likely meant to be: "12H", "12 h", "12hr", 12 or "12-hour" -> "12h"."""
    typed = "".join(char for char in str(value).casefold() if char.isalnum())
    texts = {str(choice): choice for choice in choices}
    for text, choice in texts.items():
        if typed == text or typed[:2].isdigit() and typed[:2] == text[:2]:
            return choice
    close = difflib.get_close_matches(typed, list(texts), n=1)
    return texts[close[0]] if close else None


def _unknown(loc: tuple[str | int, ...], value: Any) -> str:
    name = str(loc[-1])
    model = _model_at(loc[:-1])
    here = list(_fields(model)) if model is not None else []
    table = isinstance(value, dict) or isinstance(value, tuple) and value and isinstance(value[0], dict)
    what = "is not a settings table" if table else "is not a setting"
    close = difflib.get_close_matches(name, here, n=1)
    if close:
        return f"{what}; did you mean {close[0]!r}?"
    home = _home_of(name, model)
    return f"{what} here; it belongs {home}" if home else what


def _home_of(name: str, besides: type[BaseModel] | None) -> str | None:
    """Where a key called `name` does belong, in words, if anywhere else."""
    if besides is not Settings and name in _fields(Settings):
        return "at the top of the file, before the first [table]"
    for table, field in _fields(Settings).items():
        model = _model_in(field.annotation)
        if model is None or model is besides or name not in _fields(model):
            continue
        return f"in each [[{table}]] table" if model is Activity else f"in [{table}]"
    return None


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model checking the table at `loc` (Settings for the top of the file)."""
    model: type[BaseModel] | None = Settings
    for part in loc:
        if isinstance(part, int):
            continue
        field = _fields(model).get(part) if model is not None else None
        model = _model_in(field.annotation) if field is not None else None
    return model


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    """A model's fields by the names config.toml uses for them (an alias such as "return", else the name)."""
    return {field.alias or name: field for name, field in model.model_fields.items()}


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        model = _model_in(argument)
        if model is not None:
            return model
    return None


def _holds_text(loc: tuple[str | int, ...]) -> bool:
    """True if the setting at `loc` is a list of text (like [guidance] lines), not of tables."""
    model = _model_at(loc[:-1])
    field = _fields(model).get(str(loc[-1])) if model is not None else None
    return field is not None and _model_in(field.annotation) is None


def _range(loc: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    model = _model_at(loc[:-1])
    field = _fields(model).get(str(loc[-1])) if model is not None else None
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
