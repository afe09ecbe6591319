"""The glance at config.toml, the theme and the log that lets statement 1 be painted before the rest loads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cooldown.core.episode import Episode
from cooldown.store.episodes import EpisodeLog
from cooldown.store.glance import DEFAULT_THEME, Glance, glance, statement_one

BUNDLED = Path(__file__).resolve().parents[2] / "themes"
BUILTIN = frozenset({"textual-dark", "nord"})


def look(home: Path) -> Glance | None:
    return glance(home / "config.toml", home / "episodes.sqlite3", home / "themes", BUNDLED, BUILTIN)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def test_a_new_home_shows_the_protocol_s_own_words_in_the_default_theme(home: Path) -> None:
    seen = look(home)
    assert seen is not None
    assert statement_one(seen) == "I recognize that I am getting angry."
    assert seen.theme == DEFAULT_THEME
    assert seen.theme_fields is not None and seen.theme_fields["background"] == "#1f2630"
    assert not (home / "episodes.sqlite3").exists()  # a glance never creates the log


def test_the_person_s_own_wording_partner_and_signal_are_shown(home: Path) -> None:
    (home / "config.toml").write_text(
        'partner_name = "Sam"\n[statements]\nrecognize = "{partner}, I can feel myself getting angry."\n'
        '[plan]\nsignal = "a hand on the heart"\n'
    )
    seen = look(home)
    assert seen is not None
    assert statement_one(seen) == "Sam, I can feel myself getting angry."
    assert seen.signal == "a hand on the heart"


def test_without_a_partner_the_placeholder_goes_with_its_comma(home: Path) -> None:
    (home / "config.toml").write_text('[statements]\nrecognize = "{partner}, I am getting angry."\n')
    seen = look(home)
    assert seen is not None and statement_one(seen) == "I am getting angry."


@pytest.mark.parametrize(
    "wording",
    [
        'recognize = ""',
        'recognize = "I am {activity}"',
        'recognize = "a lone { brace"',
        'recognize = "line one\\nline two"',
        "recognize = 42",
        f'recognize = "{"x" * 201}"',
    ],
)
def test_wording_that_does_not_look_sound_is_shown_as_the_protocol_s_own(home: Path, wording: str) -> None:
    (home / "config.toml").write_text(f"[statements]\n{wording}\n")
    seen = look(home)
    assert seen is not None and statement_one(seen) == "I recognize that I am getting angry."


@pytest.mark.parametrize("text", ["this is = not toml [", b"\xff\xfe not utf-8"])
def test_a_config_that_does_not_read_cleanly_leaves_it_to_the_full_reading(home: Path, text: str | bytes) -> None:
    path = home / "config.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    assert look(home) is None


def test_keys_of_the_person_s_own_leave_it_to_the_full_reading(home: Path) -> None:
    (home / "config.toml").write_text('[keymap]\nnext = "n"\n')
    assert look(home) is None


def test_a_theme_of_their_own_is_read_from_its_file_and_replaces_a_bundled_one(home: Path) -> None:
    (home / "themes").mkdir()
    (home / "themes" / "cooldown-dusk.toml").write_text('name = "cooldown-dusk"\nprimary = "#ff0000"\n')
    seen = look(home)
    assert seen is not None and seen.theme_fields == {"name": "cooldown-dusk", "primary": "#ff0000"}


@pytest.mark.parametrize(
    ("theme", "found"),
    [("nord", True), ("cooldown-linen", True), ("no-such-theme", False), ("../etc/passwd", False)],
)
def test_a_named_theme_is_found_among_textual_s_and_the_bundled_ones(home: Path, theme: str, found: bool) -> None:
    (home / "config.toml").write_text(f'theme = "{theme}"\n')
    seen = look(home)
    assert (seen is not None) is found
    if found:
        assert seen is not None and seen.theme == theme


def test_a_theme_file_that_is_not_a_theme_leaves_it_to_the_full_reading(home: Path) -> None:
    (home / "themes").mkdir()
    (home / "themes" / "mine.toml").write_text('name = "mine"\nprimary = "#123456"\nsparkle = true\n')
    (home / "config.toml").write_text('theme = "mine"\n')
    assert look(home) is None


NOW = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)


def test_a_log_of_finished_episodes_is_quiet(home: Path) -> None:
    with EpisodeLog(home / "episodes.sqlite3") as log:
        log.save(Episode.begin(NOW - timedelta(days=1)).abandon())
    assert look(home) is not None


@pytest.mark.parametrize("stage", ["statements", "cooling"])
def test_anything_under_way_in_the_log_leaves_it_to_the_full_reading(home: Path, stage: str) -> None:
    episode = Episode.begin(NOW)
    if stage == "cooling":
        episode = episode.choose_activity("go for a walk").agree_return(NOW + timedelta(minutes=30), NOW)
    with EpisodeLog(home / "episodes.sqlite3") as log:
        log.save(episode)
    assert look(home) is None


def test_a_damaged_or_older_log_leaves_it_to_the_full_reading(home: Path) -> None:
    (home / "episodes.sqlite3").write_bytes(b"not a database at all" * 100)
    assert look(home) is None
    (home / "episodes.sqlite3").unlink()
    (home / "episodes.sqlite3").symlink_to(home / "nowhere")
    assert look(home) is None
