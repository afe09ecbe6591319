"""The screen after the outcome that asks what set it off and the first signs, at 80x24 (snapshots)."""

from __future__ import annotations

from cooldown.core.settings import Settings
from tests.tui.conftest import SIZE, AppFactory


def test_notice_screen(snap_compare, make_app: AppFactory) -> None:
    app = make_app(Settings())
    keys = ["enter", "enter", "1", "enter", "enter", "b", "w", "s", "enter", "1", "3", "down", "down", "2"]
    assert snap_compare(app, terminal_size=SIZE, press=keys)
