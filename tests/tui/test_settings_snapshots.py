"""Snapshots of the settings screen at 80x24."""

from __future__ import annotations

from pathlib import Path

from cooldown.tui.app import CooldownApp
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE

SHOWN_PATH = Path("/home/you/.config/cooldown/config.toml")
"""A fixed path to show (nothing is saved in these snapshots), so the picture never varies."""


def test_settings_activities(snap_compare, clock: FakeClock, log_path: Path) -> None:
    assert snap_compare(CooldownApp(clock=clock, log_path=log_path, config_path=SHOWN_PATH, mode="settings"), terminal_size=SIZE)


def test_settings_theme_light(snap_compare, clock: FakeClock, log_path: Path) -> None:
    app = CooldownApp(clock=clock, log_path=log_path, config_path=SHOWN_PATH, mode="settings")
    assert snap_compare(app, terminal_size=SIZE, press=["4", "down"])
