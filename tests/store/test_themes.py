"""Tests for cooldown.store.themes: the bundled themes, the person's own, and broken files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError
from textual.app import App
from textual.color import Color
from textual.theme import Theme

from cooldown.store.themes import (
    DEFAULT_THEME,
    ThemeError,
    ThemeProblem,
    ThemeSpec,
    bundled_themes_dir,
    load_all_themes,
    load_theme_file,
    load_themes,
)

BUNDLED = {"cooldown-dusk", "cooldown-linen", "cooldown-contrast", "cooldown-sixteen"}
COLOUR_FIELDS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
GOOD = 'name = "{name}"\nprimary = "#7fb3a6"\nbackground = "#1f2630"\n'


def bundled() -> dict[str, ThemeSpec]:
    specs, problems = load_themes(bundled_themes_dir())
    assert problems == []
    return {spec.name: spec for spec in specs}


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two opaque colours, from 1 to 21."""

    def luminance(colour: str) -> float:
        def channel(value: int) -> float:
            value_ = value / 255
            return value_ / 12.92 if value_ <= 0.04045 else ((value_ + 0.055) / 1.055) ** 2.4

        red, green, blue = Color.parse(colour).rgb
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# The bundled themes


def test_the_four_bundled_themes_load_without_problems() -> None:
    assert set(bundled()) == BUNDLED
    assert DEFAULT_THEME in BUNDLED


def test_bundled_themes_come_from_the_repository_in_a_source_checkout() -> None:
    assert bundled_themes_dir() == Path(__file__).resolve().parents[2] / "themes"


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_each_bundled_theme_registers_with_textual(name: str) -> None:
    spec = bundled()[name]
    theme = spec.to_theme()
    assert isinstance(theme, Theme)
    assert theme.name == name
    assert theme.variables == spec.variables
    app = App()
    app.register_theme(theme)
    assert name in app.available_themes


@pytest.mark.parametrize("name", sorted(BUNDLED))
async def test_each_bundled_theme_applies_in_a_running_app(name: str) -> None:
    """Textual only parses the variables when the theme is used: a bad one would break the app here."""
    spec = bundled()[name]
    app = App()
    async with app.run_test(size=(80, 24)) as pilot:
        app.register_theme(spec.to_theme())
        app.theme = name
        await pilot.pause()
        assert app.current_theme.name == name
        assert app.screen.styles.background == Color.parse(spec.background or "ansi_default")


def test_the_sixteen_colour_theme_uses_only_ansi_colours() -> None:
    spec = bundled()["cooldown-sixteen"]
    assert spec.ansi is True
    for field in COLOUR_FIELDS:
        value = getattr(spec, field)
        assert value is not None, field
        assert value.startswith("ansi_"), f"{field} = {value!r}"
    for key, value in spec.variables.items():
        if "style" not in key.split("-"):
            assert value.startswith("ansi_"), f"variables.{key} = {value!r}"


def test_the_contrast_theme_passes_wcag_aaa_for_text() -> None:
    spec = bundled()["cooldown-contrast"]
    assert spec.foreground is not None and spec.background is not None
    assert contrast_ratio(spec.foreground, spec.background) >= 7


def test_the_contrast_theme_tells_error_from_success_by_brightness_too() -> None:
    spec = bundled()["cooldown-contrast"]
    assert spec.error is not None and spec.success is not None
    assert contrast_ratio(spec.error, spec.success) >= 1.5
    assert contrast_ratio(spec.error, spec.background) >= 4.5
    assert contrast_ratio(spec.success, spec.background) >= 4.5


@pytest.mark.parametrize("name", ["cooldown-dusk", "cooldown-linen"])
def test_the_calm_themes_are_readable_but_not_harsh(name: str) -> None:
    spec = bundled()[name]
    assert spec.foreground is not None and spec.background is not None
    assert contrast_ratio(spec.foreground, spec.background) >= 7
    assert spec.background not in ("#000000", "#ffffff")
    assert spec.foreground not in ("#000000", "#ffffff")


# The person's own themes


def test_user_themes_appear_beside_the_bundled_ones(tmp_path: Path) -> None:
    user = tmp_path / "user-themes"
    write(user, "my-calm.toml", GOOD.format(name="my-calm"))
    specs, problems = load_themes(bundled_themes_dir(), user)
    assert problems == []
    assert {spec.name for spec in specs} == BUNDLED | {"my-calm"}


def test_a_user_theme_overrides_a_bundled_one_by_name(tmp_path: Path) -> None:
    user = tmp_path / "user-themes"
    write(user, "cooldown-dusk.toml", 'name = "cooldown-dusk"\nprimary = "#aabbcc"\n')
    specs, problems = load_themes(bundled_themes_dir(), user)
    assert problems == []
    by_name = {spec.name: spec for spec in specs}
    assert len(specs) == len(BUNDLED)
    assert by_name["cooldown-dusk"].primary == "#aabbcc"
    assert by_name["cooldown-dusk"].background is None  # replaced whole, not merged


def test_load_all_themes_reads_the_themes_folder_in_cooldown_home(cooldown_home: Path) -> None:
    write(cooldown_home / "themes", "night-walk.toml", GOOD.format(name="night-walk"))
    specs, problems = load_all_themes()
    assert problems == []
    assert {spec.name for spec in specs} == BUNDLED | {"night-walk"}


def test_missing_folders_are_skipped(tmp_path: Path) -> None:
    assert load_themes(tmp_path / "nowhere") == ([], [])
    specs, problems = load_themes(tmp_path / "nowhere", bundled_themes_dir())
    assert problems == []
    assert len(specs) == len(BUNDLED)


def test_only_toml_files_are_read(tmp_path: Path) -> None:
    write(tmp_path, "calm.toml", GOOD.format(name="calm"))
    write(tmp_path, "notes.txt", "not a theme")
    write(tmp_path, "calm.toml.bak", "primery = 1")
    write(tmp_path, ".#calm.toml", "editor lock file")
    (tmp_path / "folder").mkdir()
    specs, problems = load_themes(tmp_path)
    assert [spec.name for spec in specs] == ["calm"]
    assert problems == []


# Things in the themes folder that are not theme files are named, not skipped in silence


def test_a_folder_named_like_a_theme_file_is_named(tmp_path: Path) -> None:
    write(tmp_path, "calm.toml", GOOD.format(name="calm"))
    (tmp_path / "x.toml").mkdir()
    specs, problems = load_themes(tmp_path)
    assert [spec.name for spec in specs] == ["calm"]
    assert [str(problem) for problem in problems] == [
        f"{tmp_path / 'x.toml'}: is a folder, not a theme file (a theme is one .toml file; move or rename the folder)"
    ]


def test_a_link_that_leads_back_to_itself_is_named(tmp_path: Path) -> None:
    write(tmp_path, "calm.toml", GOOD.format(name="calm"))
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    specs, problems = load_themes(tmp_path)
    assert [spec.name for spec in specs] == ["calm"]
    assert [str(problem) for problem in problems] == [
        f"{tmp_path / name}: is a symbolic link that leads back to itself" for name in ("a.toml", "b.toml", "loop.toml")
    ]


def test_a_link_to_nothing_is_named(tmp_path: Path) -> None:
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    specs, problems = load_themes(tmp_path)
    assert specs == []
    assert [str(problem) for problem in problems] == [
        f"{tmp_path / 'gone.toml'}: is a symbolic link to a file that is not there"
    ]


def test_a_bad_theme_name_says_what_a_theme_name_may_hold(tmp_path: Path) -> None:
    write(tmp_path, "My Theme.toml", 'name = "My Theme"\nprimary = "#7fb3a6"\n')
    specs, problems = load_themes(tmp_path)
    assert specs == []
    (problem,) = problems
    assert problem.message == (
        'name: "My Theme" is not a theme name (use lowercase letters, digits, - and _, '
        'like "my-theme", and name the file the same: my-theme.toml)'
    )
    assert "variable" not in problem.message


def test_a_too_long_colour_says_its_own_limit(tmp_path: Path) -> None:
    write(tmp_path, "long.toml", 'name = "long"\nprimary = "' + "a" * 120 + '"\n')
    (problem,) = load_themes(tmp_path)[1]
    assert problem.message == "primary: is too long: at most 100 characters (got 120)"


# Broken files


BROKEN = {
    "bad TOML": ("bad-toml.toml", 'name = "bad-toml"\nprimary = \n', ["is not valid TOML", "line 2"]),
    "unknown key": (
        "typo.toml",
        'name = "typo"\nprimery = "#7fb3a6"\n',
        ["primery: is not a theme setting", "did you mean primary?"],
    ),
    "bad colour": (
        "colour.toml",
        'name = "colour"\nprimary = "not-a-colour"\n',
        ['primary: "not-a-colour" is not a colour'],
    ),
    "bad variable": (
        "variable.toml",
        'name = "variable"\nprimary = "#7fb3a6"\n[variables]\nfooter-key-foreground = "loud"\n',
        ['variables.footer-key-foreground: "loud" is neither a colour'],
    ),
    "name mismatch": (
        "mismatch.toml",
        'name = "something-else"\nprimary = "#7fb3a6"\n',
        ['name: "something-else" must match the file name', 'name = "mismatch"'],
    ),
    "not UTF-8": (
        "latin.toml",
        b'name = "latin"\nprimary = "#7fb3a6"\n# caf\xe9\n',
        ["is not UTF-8 text", "0xe9", "line 3"],
    ),
    "wrong type": (
        "types.toml",
        'name = "types"\nprimary = "#7fb3a6"\ndark = "yes"\n',
        ['dark: must be true or false (got "yes")'],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_is_skipped_with_a_problem_and_the_rest_still_load(tmp_path: Path, case: str) -> None:
    file_name, text, expected = BROKEN[case]
    write(tmp_path, "aa-good.toml", GOOD.format(name="aa-good"))
    broken = write(tmp_path, file_name, text)
    write(tmp_path, "zz-good.toml", GOOD.format(name="zz-good"))

    specs, problems = load_themes(tmp_path)

    assert [spec.name for spec in specs] == ["aa-good", "zz-good"]
    assert len(problems) == 1
    (problem,) = problems
    assert problem.path == broken
    assert str(problem).startswith(f"{broken}: ")
    for fragment in expected:
        assert fragment in problem.message


def test_a_broken_user_theme_leaves_the_bundled_one_of_the_same_name(tmp_path: Path) -> None:
    write(tmp_path, "cooldown-dusk.toml", 'name = "cooldown-dusk"\nprimary = "beige-ish"\n')
    specs, problems = load_themes(bundled_themes_dir(), tmp_path)
    assert len(problems) == 1
    assert {spec.name for spec in specs} == BUNDLED
    assert next(spec for spec in specs if spec.name == "cooldown-dusk") == bundled()["cooldown-dusk"]


def test_a_typo_for_a_required_key_is_reported_once(tmp_path: Path) -> None:
    path = write(tmp_path, "typo.toml", 'name = "typo"\nprimery = "#7fb3a6"\n')
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    assert caught.value.problem == ThemeProblem(path, "primery: is not a theme setting (did you mean primary?)")


def test_every_problem_in_a_file_is_named(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "many.toml",
        'primary = "ansi_blak"\ntext_alpha = 2\n[variables]\nBad_Key = "#fff"\n',
    )
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    message = caught.value.problem.message
    assert 'name: is missing (every theme needs one, here name = "many")' in message
    assert 'primary: "ansi_blak" is not a colour (did you mean "ansi_black"?)' in message
    assert "text_alpha: must be a number from 0 to 1 (got 2)" in message
    assert "variables.Bad_Key: is not a variable name" in message


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ThemeError) as caught:
        load_theme_file(tmp_path / "gone.toml")
    assert caught.value.problem.path == tmp_path / "gone.toml"
    assert "can't be read" in str(caught.value)


# The model


def test_the_spec_mirrors_textual_themes_fields() -> None:
    assert set(ThemeSpec.model_fields) == set(Theme.__dataclass_fields__)


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "", "primary": "#fff"},
        {"name": "x" * 41, "primary": "#fff"},
        {"name": "calm"},
        {"name": "calm", "primary": "#fff", "dark": "yes"},
        {"name": "calm", "primary": "#fff", "luminosity_spread": -0.1},
        {"name": "calm", "primary": "#fff", "variables": {"block-cursor-text-style": "#fff"}},
        {"name": "calm", "primary": "#fff", "variables": {"border": "bold"}},
    ],
)
def test_the_spec_refuses_bad_values(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ThemeSpec.model_validate(fields)


def test_variables_take_colours_with_opacity_and_text_styles() -> None:
    spec = ThemeSpec(
        name="calm",
        primary="#fff",
        variables={
            "input-selection-background": "#7fb3a6 30%",
            "text": "auto 87%",
            "link-style-hover": "bold not underline",
            "block-cursor-text-style": "none",
            "border": "rgb(127, 179, 166)",
        },
    )
    assert spec.to_theme().variables["text"] == "auto 87%"


def test_importing_the_module_does_not_import_textual() -> None:
    code = "import sys, cooldown.store.themes; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_theme_names_are_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text('name = "[b]x"\nprimary = "#123456"\n')
    themes, found = load_themes(tmp_path)
    assert themes == []
    assert "name" in str(found[0])


def test_a_deeply_nested_or_huge_theme_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000)
    (tmp_path / "huge.toml").write_text("# " + "x" * 400_000)
    themes, found = load_themes(tmp_path)
    assert themes == []
    assert sorted(str(problem).split(": ", 1)[1][:20] for problem in found) == [
        "is not valid TOML: i",
        "is too large (400,00",
    ]
