"""Tests for cooldown.session.preferences: settings held once, saved to a real config.toml in tmp."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from cooldown.core.settings import Activity, CooldownLimits, Settings
from cooldown.session.preferences import Notice, Preferences, shown_path
from cooldown.store.config import load_config
from cooldown.store.themes import DEFAULT_THEME

BROKEN = b'partner_name = "Sam"\n[cooldown]\nminimum_minute = 5\n'
"""A config with one unknown key: the rest of it is still used."""


def changed(settings: Settings, **changes: object) -> Settings:
    return Settings.model_validate({**settings.model_dump(), **changes})


# --- update -------------------------------------------------------------------


def test_update_saves_and_another_preferences_reads_the_change(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    preferences = Preferences(path)
    assert preferences.settings == Settings()
    wanted = changed(
        preferences.settings,
        partner_name="Alex",
        activities=(Activity(name="make tea", minutes=15, default=True),),
    )
    assert preferences.update(wanted) is None
    assert preferences.settings == wanted
    assert path.is_file()
    again = Preferences(path)
    assert again.settings == wanted
    assert again.problems == ()
    assert load_config(path).settings.partner_name == "Alex"


def test_a_second_update_replaces_the_first(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    preferences = Preferences(path)
    preferences.update(changed(preferences.settings, partner_name="Alex"))
    preferences.update(changed(preferences.settings, cooldown=CooldownLimits(default_minutes=25)))
    again = Preferences(path).settings
    assert again.partner_name == "Alex"
    assert again.cooldown.default_minutes == 25


def test_update_onto_an_unwritable_place_returns_an_error_notice_and_holds_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a regular file where the config folder should be\n")
    path = blocker / "config.toml"
    preferences = Preferences(path)
    wanted = changed(preferences.settings, partner_name="Alex")
    notice = preferences.update(wanted)
    assert isinstance(notice, Notice)
    assert notice.error is True
    assert str(path) in notice.text
    assert "The change holds until you close cooldown." in notice.text
    assert preferences.settings == wanted
    assert blocker.read_text() == "a regular file where the config folder should be\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_a_broken_config_is_kept_aside_on_the_first_save(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(BROKEN)
    mtime = datetime(2026, 11, 21, 18, 4, 5).timestamp()
    os.utime(path, (mtime, mtime))
    preferences = Preferences(path)
    assert preferences.problems
    assert preferences.settings.partner_name == "Sam"
    notice = preferences.update(changed(preferences.settings, partner_name="Alex"))
    copy = tmp_path / "config.toml.broken-20261121-180405"
    assert notice == Notice(f"Your earlier config.toml was kept as {copy}.")
    assert notice.error is False
    assert copy.read_bytes() == BROKEN
    assert Preferences(path).settings.partner_name == "Alex"
    assert Preferences(path).problems == ()
    # The next save has nothing broken to keep.
    assert preferences.update(changed(preferences.settings, partner_name="Kim")) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml", copy.name]


def test_a_config_edited_by_hand_meanwhile_is_kept_before_a_save(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    preferences = Preferences(path)
    preferences.update(changed(preferences.settings, partner_name="Alex"))
    by_hand = b'partner_name = "Written by hand, meanwhile"\n'
    path.write_bytes(by_hand)
    notice = preferences.update(changed(preferences.settings, partner_name="Kim"))
    assert notice is not None
    assert notice.error is False
    [copy] = [p for p in tmp_path.iterdir() if p.name.startswith("config.toml.broken-")]
    assert notice.text == f"Your earlier config.toml was kept as {copy}."
    assert copy.read_bytes() == by_hand
    assert Preferences(path).settings.partner_name == "Kim"


def test_given_settings_are_used_without_reading_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(BROKEN)
    given = Settings(partner_name="Given")
    preferences = Preferences(path, given)
    assert preferences.settings is given
    assert preferences.problems == ()


# --- file_summary and the problems --------------------------------------------


def test_file_summary_shows_a_path_under_home_with_a_tilde(user_home: Path) -> None:
    path = user_home / "settings" / "cooldown" / "config.toml"
    preferences = Preferences(path)
    assert preferences.file_summary() == (
        "Saved to ~/settings/cooldown/config.toml (not created yet: the defaults are in use)"
    )
    preferences.update(preferences.settings)
    assert preferences.file_summary() == "Saved to ~/settings/cooldown/config.toml"


def test_file_summary_shows_a_path_elsewhere_in_full(tmp_path: Path, user_home: Path) -> None:
    path = tmp_path / "config.toml"
    assert not path.is_relative_to(user_home)
    assert Preferences(path).file_summary() == (f"Saved to {path} (not created yet: the defaults are in use)")


def test_a_folder_beside_home_that_starts_with_its_name_is_not_under_home(user_home: Path) -> None:
    beside = user_home.parent / f"{user_home.name}-other" / "config.toml"
    assert shown_path(beside) == str(beside)
    assert shown_path(user_home / "config.toml") == "~/config.toml"


def test_file_summary_of_a_broken_config_lists_the_problems(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(BROKEN)
    preferences = Preferences(path)
    lines = preferences.file_summary().splitlines()
    assert lines[0] == f"Saved to {path}"
    assert lines[1] == "Some settings could not be used; the defaults stand in for them:"
    assert len(lines) == 3
    assert lines[2].startswith(f"{path}: cooldown.minimum_minute: ")


def test_problem_report_and_notice_of_a_good_config(tmp_path: Path) -> None:
    preferences = Preferences(tmp_path / "config.toml")
    assert preferences.problem_report() is None
    assert preferences.problem_notice() is None


def test_problem_notice_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"this is = = not toml\n")
    preferences = Preferences(path)
    notice = preferences.problem_notice()
    assert notice is not None
    assert notice.startswith(f"Some settings in {path} could not be used; the defaults stand in.")
    report = preferences.problem_report()
    assert report is not None
    assert "is not valid TOML" in report
    assert preferences.settings == Settings()


# --- themes -------------------------------------------------------------------


def test_theme_names_put_the_apps_own_first(tmp_path: Path) -> None:
    preferences = Preferences(tmp_path / "config.toml")
    own = sorted(spec.name for spec in preferences.themes)
    assert DEFAULT_THEME in own
    available = ["textual-dark", *reversed(own), "nord"]
    assert preferences.theme_names(available) == [*own, "nord", "textual-dark"]


def test_theme_falls_back_to_the_default(tmp_path: Path) -> None:
    preferences = Preferences(tmp_path / "config.toml")
    assert preferences.theme == DEFAULT_THEME
    preferences.update(changed(preferences.settings, theme="nord"))
    assert preferences.theme == "nord"
    assert Preferences(tmp_path / "config.toml").theme == "nord"


def test_check_theme_reports_a_missing_one(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "no-such-theme"\n')
    preferences = Preferences(path)
    assert preferences.check_theme(["nord", DEFAULT_THEME]) is not None
    assert preferences.problem_report() is not None
    assert Preferences(tmp_path / "config.toml", Settings(theme="nord")).check_theme(["nord"]) is None


def test_a_missing_config_folder_gives_the_defaults_and_the_first_save_makes_it_private(tmp_path: Path) -> None:
    path = tmp_path / "gone" / "deeper" / "config.toml"  # neither folder exists yet
    preferences = Preferences(path)
    assert preferences.settings == Settings()
    assert preferences.problems == ()
    assert "not created yet" in preferences.file_summary()
    assert not path.parent.exists()  # reading creates nothing
    assert preferences.update(changed(preferences.settings, partner_name="Alex")) is None
    assert load_config(path).settings.partner_name == "Alex"
    assert os.stat(path.parent).st_mode & 0o777 == 0o700
    assert os.stat(path).st_mode & 0o777 == 0o600
