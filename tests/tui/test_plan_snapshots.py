"""Snapshots of the calm-time plan screen at 80x24."""

from __future__ import annotations

from pathlib import Path

from cooldown.store.config import load_config
from cooldown.tui.app import CooldownApp
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE

FULL_CONFIG = Path(__file__).resolve().parent.parent / "data" / "config-full.toml"


def test_plan_empty(snap_compare, clock: FakeClock, log_path: Path) -> None:
    app = CooldownApp(clock=clock, log_path=log_path, mode="plan")
    assert snap_compare(app, terminal_size=SIZE)


def test_plan_filled_in_printed_page(snap_compare, clock: FakeClock, log_path: Path) -> None:
    """The plan of tests/data/config-full.toml, scrolled to the page `cooldown plan --print` writes."""
    settings = load_config(FULL_CONFIG).settings
    app = CooldownApp(clock=clock, log_path=log_path, settings=settings, mode="plan")
    assert snap_compare(app, terminal_size=SIZE, press=["ctrl+o"])
