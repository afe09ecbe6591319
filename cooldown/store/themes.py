"""Colour themes: one TOML file per theme, checked before Textual sees it.

A theme file's keys mirror `textual.theme.Theme`; the file `cooldown-dusk.toml`
holds `name = "cooldown-dusk"`. Themes come from two folders: the ones shipped
with cooldown (`bundled_themes_dir()`) and the person's own (`paths.themes_dir()`),
where a theme with the same name as a bundled one replaces it. A broken file is
skipped and reported as a `ThemeProblem` naming the file, the dotted key and what
is wrong; the other themes still load.

Importing this module does not import Textual: colours are parsed with
`textual.color.Color` only while a file is checked.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from cooldown import paths
from cooldown.store.toml_file import TomlFileError, lower_first, read_toml

if TYPE_CHECKING:
    from textual.theme import Theme

DEFAULT_THEME = "cooldown-dusk"
"""The theme used when the config names none (or names one that is missing)."""

NAME_LIMIT = 40
"""The longest theme name, in characters."""

MAX_PROBLEMS = 5
"""How many problems with one file are spelled out; the rest are counted."""

_VARIABLE_NAME = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
_THEME_NAME = r"^[a-z0-9][a-z0-9_-]*$"
"""Lower-case letters, digits, - and _: a theme's name is shown and typed, never read as markup."""
_STYLE_KEY = re.compile(r"(^|-)style(-|$)")
"""Variables holding text styles: "block-cursor-text-style", "link-style", "link-style-hover"."""
_ALPHA = re.compile(r"^(?P<colour>.*?\S)(?:\s+(?P<alpha>\d+(?:\.\d+)?%))?$")
"""A colour with an optional alpha ("#7fb3a6 30%"); the colour ends on a non-space, so a run of
spaces is tried once, never in every split (linear, however long the value)."""
VALUE_LIMIT = 100
"""The longest colour or variable value read: CSS colours are a few dozen characters."""
FOLDER = "is a folder, not a theme file (a theme is one .toml file; move or rename the folder)"
_COLOUR_HINT = 'write e.g. "#7fb3a6", "teal", "rgb(127, 179, 166)" or "ansi_cyan"'


def _colour(value: str) -> str:
    """`value` if Textual can parse it as a colour, else a ValueError saying why."""
    from textual.color import Color, ColorParseError

    try:
        Color.parse(value)
    except ColorParseError as error:
        hint = f"did you mean {_show(error.suggested_color)}?" if error.suggested_color else _COLOUR_HINT
        raise ValueError(f"{_show(value)} is not a colour ({hint})") from None
    return value


def _is_style(value: str) -> bool:
    from textual.css.constants import VALID_STYLE_FLAGS

    words = value.split()
    return bool(words) and all(word in VALID_STYLE_FLAGS for word in words)


def _variable_value(value: str) -> str:
    """A colour with an optional alpha ("#7fb3a6 30%", "auto 87%"), or text style words ("bold underline")."""
    if _is_style(value):
        return value
    match = _ALPHA.match(value.strip())
    colour = match["colour"] if match else value
    if colour in ("auto", "initial"):
        return value
    try:
        _colour(colour)
    except ValueError:
        raise ValueError(
            f"{_show(value)} is neither a colour (optionally with an opacity, like "
            '"#7fb3a6 30%" or "auto 87%") nor text style words (like "bold" or "none")'
        ) from None
    return value


Colour = Annotated[str, StringConstraints(max_length=VALUE_LIMIT), AfterValidator(_colour)]
VariableName = Annotated[str, StringConstraints(pattern=_VARIABLE_NAME)]
VariableValue = Annotated[str, StringConstraints(max_length=VALUE_LIMIT), AfterValidator(_variable_value)]


class ThemeSpec(BaseModel):
    """One theme file, checked. The fields mirror `textual.theme.Theme`."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    name: Annotated[str, StringConstraints(min_length=1, max_length=NAME_LIMIT, pattern=_THEME_NAME)]
    """The theme's name, as chosen in the config (`theme = "..."`); the same as the file name without .toml."""
    primary: Colour
    """The main colour: focus, borders, the cursor, buttons."""
    secondary: Colour | None = None
    """A second colour for less important highlights."""
    warning: Colour | None = None
    """Cautions, such as the cool-down running long."""
    error: Colour | None = None
    """Errors and fights."""
    success: Colour | None = None
    """Confirmations and sidesteps."""
    accent: Colour | None = None
    """Draws the eye to keys in the footer and to links."""
    foreground: Colour | None = None
    """The default text colour."""
    background: Colour | None = None
    """The screen's background."""
    surface: Colour | None = None
    """The background of widgets on the screen."""
    panel: Colour | None = None
    """The background of panels, the header and the footer."""
    boost: Colour | None = None
    """A colour laid over others to lift them slightly."""
    dark: bool = True
    """True for a dark theme (light text on a dark background)."""
    luminosity_spread: float = Field(default=0.15, ge=0.0, le=1.0)
    """How far the generated lighter and darker shades stray from each colour."""
    text_alpha: float = Field(default=0.95, ge=0.0, le=1.0)
    """The opacity of text on backgrounds."""
    variables: dict[VariableName, VariableValue] = {}
    """Textual design variables to set directly, e.g. "footer-key-foreground" or "block-cursor-background".

    A variable with "style" as one of its words ("block-cursor-text-style", "link-style-hover") holds
    text style words ("bold", "none"); any other holds a colour, optionally with an opacity
    ("#7fb3a6 30%", "auto 87%").
    """
    ansi: bool = False
    """True when the theme uses the terminal's ANSI colours (ansi_blue, ansi_default, ...)."""

    @field_validator("variables")
    @classmethod
    def _variable_kinds(cls, variables: dict[str, str]) -> dict[str, str]:
        for key, value in variables.items():
            holds_style = bool(_STYLE_KEY.search(key))
            if holds_style and not _is_style(value):
                raise PydanticCustomError(
                    "theme_variable",
                    "{message}",
                    {"key": key, "message": f'{_show(value)} is not text style words (write e.g. "bold" or "none")'},
                )
            if not holds_style and _is_style(value):
                raise PydanticCustomError(
                    "theme_variable",
                    "{message}",
                    {"key": key, "message": f"{_show(value)} is a text style, but this variable holds a colour"},
                )
        return variables

    def to_theme(self) -> Theme:
        """The Textual theme, ready for `App.register_theme`."""
        from textual.theme import Theme

        return Theme(**self.model_dump())


@dataclass(frozen=True)
class ThemeProblem:
    """Why one theme file (or folder) was skipped."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ThemeError(Exception):
    """A theme file can't be used; `problem` says which and why."""

    def __init__(self, problem: ThemeProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def bundled_themes_dir() -> Path:
    """The themes shipped with cooldown.

    In an installed wheel they sit inside the package (cooldown/themes); in a source
    checkout or an editable install they are the repository's top-level themes/.
    """
    packaged = Path(str(resources.files("cooldown") / "themes"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "themes"


def load_theme_file(path: Path) -> ThemeSpec:
    """The theme in `path`, checked. Raises `ThemeError` if it can't be used."""

    def fail(message: str) -> ThemeError:
        return ThemeError(ThemeProblem(path, message))

    try:
        data = read_toml(path)
    except TomlFileError as error:
        raise fail(str(error)) from error
    except FileNotFoundError as error:
        raise fail(
            "is a symbolic link to a file that is not there" if path.is_symlink() else "can't be read: no such file"
        ) from error
    try:
        spec = ThemeSpec.model_validate(data)
    except ValidationError as error:
        raise fail(_describe(error, path)) from error
    if spec.name != path.stem:
        raise fail(
            f"name: {_show(spec.name)} must match the file name "
            f"(set name = {_show(path.stem)} or rename the file to {spec.name}.toml)"
        )
    return spec


def load_themes(*folders: Path) -> tuple[list[ThemeSpec], list[ThemeProblem]]:
    """Every theme in the *.toml files of `folders`, and the problems with those that failed.

    Files are read in name order; a folder that does not exist is skipped, and so are
    names that do not end in .toml or that start with a dot (editor and backup files).
    Anything else named *.toml that is not a theme file (a folder, a link that leads
    back to itself or to nothing, a pipe) is named as a problem. A theme in a later
    folder replaces one of the same name from an earlier folder, so pass the bundled
    folder first and the person's own last.
    """
    themes: dict[str, ThemeSpec] = {}
    problems: list[ThemeProblem] = []
    for folder in folders:
        if not folder.exists():
            continue
        try:
            entries = sorted(folder.iterdir())
        except OSError as error:
            reason = (error.strerror or str(error) or type(error).__name__).lower()
            problems.append(ThemeProblem(folder, f"can't be read as a themes folder: {reason}"))
            continue
        for path in entries:
            if path.suffix != ".toml" or path.name.startswith("."):
                continue
            if path.is_dir():
                problems.append(ThemeProblem(path, FOLDER))
                continue
            try:
                spec = load_theme_file(path)
            except ThemeError as error:
                problems.append(error.problem)
                continue
            themes[spec.name] = spec
    return list(themes.values()), problems


def load_all_themes() -> tuple[list[ThemeSpec], list[ThemeProblem]]:
    """The bundled themes and the person's own (from `paths.themes_dir()`), which win on a name clash."""
    return load_themes(bundled_themes_dir(), paths.themes_dir())


# Messages in TOML words

_FIELDS = tuple(ThemeSpec.model_fields)
_KINDS = {
    "string_type": "text in quotes",
    "bool_type": "true or false",
    "float_type": "a number",
    "dict_type": "a table, like [variables]",
}


def _describe(error: ValidationError, path: Path) -> str:
    details = error.errors(include_url=False)
    suggested = {
        suggestion
        for detail in details
        if detail["type"] == "extra_forbidden"
        for suggestion in difflib.get_close_matches(str(detail["loc"][-1]), _FIELDS, n=1)
    }
    messages = []
    for detail in details:
        loc = list(detail["loc"])
        if detail["type"] == "missing" and loc and loc[0] in suggested:
            continue  # "primery" already says "did you mean 'primary'?"
        if loc[-1:] == ["[key]"]:
            loc.pop()
        if detail["type"] == "theme_variable":
            loc.append(detail["ctx"]["key"])
        messages.append(f"{_dotted(loc)}: {_in_toml_words(detail, path)}")
    shown = messages[:MAX_PROBLEMS]
    if len(messages) > MAX_PROBLEMS:
        shown.append(f"and {len(messages) - MAX_PROBLEMS} more")
    return "; ".join(shown)


def _in_toml_words(detail: Any, path: Path) -> str:
    kind = detail["type"]
    loc = detail["loc"]
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(loc[-1]), _FIELDS, n=1)
        suggestion = f" (did you mean {close[0]}?)" if close else ""
        return f"is not a theme setting{suggestion}"
    if kind == "missing":
        if loc == ("name",):
            return f"is missing (every theme needs one, here name = {_show(path.stem)})"
        return "is missing (every theme needs a primary colour)" if loc == ("primary",) else "is missing"
    if kind == "string_pattern_mismatch" and loc == ("name",):
        return (
            f"{_show(detail['input'])} is not a theme name (use lowercase letters, digits, - and _, "
            'like "my-theme", and name the file the same: my-theme.toml)'
        )
    if kind == "string_pattern_mismatch":
        return "is not a variable name (write lowercase words joined by hyphens, like footer-key-foreground)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long: at most {detail['ctx']['max_length']} characters (got {len(detail['input'])})"
    if kind in _KINDS:
        return f"must be {_KINDS[kind]} (got {_show(detail['input'])})"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"must be a number from 0 to 1 (got {_show(detail['input'])})"
    if kind == "value_error":
        return str(detail["ctx"]["error"])
    return f"{lower_first(str(detail['msg']))} (got {_show(detail['input'])})"


def _dotted(loc: list[Any]) -> str:
    if not loc:
        return "file"
    return ".".join(str(part) if re.fullmatch(r"[A-Za-z0-9_-]+", str(part)) else json.dumps(str(part)) for part in loc)


def _show(value: Any, limit: int = 40) -> str:
    """`value` as written in TOML, shortened."""
    if isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dict):
        text = "a table"
    elif isinstance(value, list):
        text = "an array"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


__all__ = [
    "DEFAULT_THEME",
    "ThemeError",
    "ThemeProblem",
    "ThemeSpec",
    "bundled_themes_dir",
    "load_all_themes",
    "load_theme_file",
    "load_themes",
]


def missing_theme(path: Path, name: str | None, available: Iterable[str]) -> ThemeProblem | None:
    """A problem naming `name` if it is set and not one of the `available` themes, with a suggestion."""
    names = list(available)
    if name is None or name in names:
        return None
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; using {DEFAULT_THEME}"
    return ThemeProblem(path, f"theme: “{name}” is not an installed theme{hint}")
