"""Snapshots of the settings screen at 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest

from cooldown.tui.app import CooldownApp
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE


@pytest.fixture
def home_app(user_home: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> CooldownApp:
    """The settings, kept inside the (temporary) home folder, so the header reads ~/cooldown/config.toml."""
    monkeypatch.setenv("COOLDOWN_HOME", str(user_home / "cooldown"))
    return CooldownApp(clock=clock, mode="settings")


def test_settings_activities(snap_compare, home_app: CooldownApp) -> None:
    assert snap_compare(home_app, terminal_size=SIZE)


def test_settings_theme_light(snap_compare, home_app: CooldownApp) -> None:
    assert snap_compare(home_app, terminal_size=SIZE, press=["4", "down"])


def test_the_shown_path_is_the_real_one_shortened(home_app: CooldownApp, user_home: Path) -> None:
    assert home_app.preferences.config_path == user_home / "cooldown" / "config.toml"
    assert home_app.preferences.file_summary().startswith("Saved to ~/cooldown/config.toml (not created yet")
