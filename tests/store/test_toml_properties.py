"""Property tests of config.toml and theme files: whatever is in the file, a value or a named problem.

load_config never raises: any bytes give usable settings and problems with words.
load_theme_file gives a checked theme or a ThemeError naming the file; load_themes
gives the good themes and one problem per bad file. Files are real, in a temporary
folder; no Hypothesis example database is kept.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cooldown.core.settings import Settings
from cooldown.store.config import LoadedConfig, config_text, load_config
from cooldown.store.themes import ThemeError, ThemeSpec, load_theme_file, load_themes
from cooldown.store.toml_file import SIZE_LIMIT

QUICK = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def folder() -> Iterator[Path]:
    """A temporary folder of this test's own, reused by each example (the file in it is rewritten)."""
    with tempfile.TemporaryDirectory(prefix="cooldown-toml-") as name:
        yield Path(name)


# --- what goes in the file --------------------------------------------------------------

SCALARS = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.sampled_from([0, 1, -1, 24, 25, 1440, 1441, 10**6]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["", " ", "\x1b[31m", "{partner}", "{time}", "{activity}", "#7fb3a6", "teal", "auto 87%", "bold"]),
    st.dates(date(1, 1, 1), date(9999, 12, 31)),
    st.times(),
    st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30), timezones=st.sampled_from([None, UTC])),
)
values = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)


def leaf_paths(data: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every dotted key in a nested table, tables included."""
    paths = []
    for key, value in data.items():
        paths.append((*prefix, key))
        if isinstance(value, dict):
            paths += leaf_paths(value, (*prefix, key))
    return paths


DEFAULTS = Settings().model_dump(mode="json", by_alias=True, exclude_none=True) | {"theme": "cooldown-dusk"}
CONFIG_KEYS = leaf_paths(DEFAULTS) + [("activities", "0", "name"), ("activities", "0", "minutes"), ("colour",)]


@st.composite
def config_tables(draw: st.DrawFn) -> dict[str, Any]:
    """The default settings with a few keys set to anything TOML can hold, or dropped, or misspelled."""
    data: dict[str, Any] = _copy(DEFAULTS)
    for path in draw(st.lists(st.sampled_from(CONFIG_KEYS), max_size=5)):
        _set(data, path, draw(st.one_of(values, st.just(_DROP))))
    if draw(st.booleans()):
        data[draw(st.text(max_size=12))] = draw(values)
    return data


THEME_KEYS = [*ThemeSpec.model_fields, "variables.text", "variables.link-style", "variables.Bad Name", "colour"]
colour_texts = st.one_of(
    st.sampled_from(["#7fb3a6", "#fff", "#ffffff80", "teal", "rgb(1, 2, 3)", "hsl(0, 50%, 50%)", "ansi_cyan"]),
    st.sampled_from(["auto 87%", "#7fb3a6 30%", "bold", "none", "bold underline", "initial", "rgb(", "#12345"]),
    st.text(max_size=20),
)


@st.composite
def theme_tables(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "drawn", "primary": "#7fb3a6"}
    for key in draw(st.lists(st.sampled_from(THEME_KEYS), max_size=6)):
        value = draw(st.one_of(colour_texts, values, st.just(_DROP)))
        _set(data, tuple(key.split(".", 1)), value)
    return data


_DROP = object()


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_copy(value) for value in data]
    return data


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Set (or with _DROP, delete) `path` in nested tables, making tables on the way; list indexes as digits."""
    node: Any = data
    for part in path[:-1]:
        if isinstance(node, list):
            if not node:
                node.append({})
            node = node[int(part) % len(node)]
            if not isinstance(node, dict):
                return
            continue
        if not isinstance(node.get(part), (dict, list)):
            node[part] = {}
        node = node[part]
    if isinstance(node, list):
        return
    if value is _DROP:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


def toml_text(data: dict[str, Any]) -> str:
    """`data` as TOML (NaN and infinities included: TOML has them)."""
    return tomli_w.dumps(data)


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    return path


# --- config.toml -----------------------------------------------------------------------------


def assert_loaded(loaded: LoadedConfig, path: Path) -> None:
    """Usable settings, and each problem names this file and says something."""
    assert isinstance(loaded, LoadedConfig)
    assert isinstance(loaded.settings, Settings)
    assert loaded.exists
    for problem in loaded.problems:
        assert str(path) in str(problem)
        assert str(problem).strip() != str(path)


raw_bytes = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [b"\xef\xbb\xbf", b"[[activities]]\n" * 50, b"a = [" * 2000, b"a = {" * 2000, b"x" * (SIZE_LIMIT + 1)]
    ),
)


@QUICK
@given(content=raw_bytes)
@example(content=b"[cooldown]\nminimum_minutes = 99999999999999999999\n")
@example(content=b"\xff\xfe")
def test_any_bytes_in_the_config_give_settings_and_named_problems(folder: Path, content: bytes) -> None:
    path = write(folder / "config.toml", content)
    assert_loaded(load_config(path), path)


@settings(QUICK, max_examples=100)
@given(data=config_tables())
@example(data={"cooldown": {"maximum_hours": float("nan")}})
@example(data={"activities": []})
@example(data={"activities": [{"name": "", "minutes": -1}] * 3})
def test_any_toml_table_in_the_config_gives_settings_that_save_and_read_back(folder: Path, data: dict) -> None:
    """Whatever was set, what is kept can be written out and read again without a problem."""
    path = write(folder / "config.toml", toml_text(data))
    loaded = load_config(path)
    assert_loaded(loaded, path)
    again = write(folder / "again.toml", config_text(loaded.settings))
    reread = load_config(again)
    assert reread.problems == ()
    assert reread.settings == loaded.settings


# --- theme files ---------------------------------------------------------------------------


def assert_theme_or_problem(path: Path) -> ThemeSpec | None:
    try:
        spec = load_theme_file(path)
    except ThemeError as error:
        assert error.problem.path == path
        assert error.problem.message.strip()
        return None
    assert spec.name == path.stem
    spec.to_theme()  # Textual takes it as it is
    return spec


@QUICK
@given(content=raw_bytes)
@example(content=b'name = "drawn"\nprimary = "#7fb3a6"\n')
def test_any_bytes_in_a_theme_file_give_a_theme_or_a_problem(folder: Path, content: bytes) -> None:
    assert_theme_or_problem(write(folder / "drawn.toml", content))


@QUICK
@given(data=theme_tables())
@example(data={"name": "drawn", "primary": "#7fb3a6", "variables": {"text": "auto 87%", "link-style": "bold"}})
@example(data={"name": "drawn", "primary": "#7fb3a6", "luminosity_spread": math.inf})
@example(data={"name": "drawn", "primary": "#7fb3a6", "variables": {"border": "#7fb3a6 1e400%"}})
def test_any_theme_table_gives_a_theme_textual_takes_or_a_problem(folder: Path, data: dict) -> None:
    assert_theme_or_problem(write(folder / "drawn.toml", toml_text(data)))


@QUICK
@given(files=st.lists(st.one_of(theme_tables().map(toml_text), raw_bytes), min_size=1, max_size=4))
def test_a_folder_of_any_theme_files_gives_each_file_a_theme_or_a_problem(folder: Path, files: list) -> None:
    themes = folder / "themes"
    themes.mkdir(exist_ok=True)
    for old in themes.iterdir():
        old.unlink()
    for index, content in enumerate(files):
        write(
            themes / f"drawn{index}.toml",
            content if isinstance(content, bytes) else content.replace('"drawn"', f'"drawn{index}"', 1),
        )
    specs, problems = load_themes(themes)
    assert len(specs) + len(problems) == len(files)
    assert {problem.path for problem in problems} <= set(themes.iterdir())
    for spec in specs:
        spec.to_theme()


def test_the_cap_comes_before_parsing(folder: Path) -> None:
    """A file one byte over the size limit is refused by its size, whatever it holds."""
    path = write(folder / "config.toml", b"#" * (SIZE_LIMIT + 1))
    (problem,) = load_config(path).problems
    assert "too large" in str(problem)
    with pytest.raises(ThemeError, match="too large"):
        load_theme_file(write(folder / "drawn.toml", b"#" * (SIZE_LIMIT + 1)))
