"""Shared fixtures: a private COOLDOWN_HOME per test, a clock that never sleeps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass
class FakeClock:
    """A clock the test moves by hand."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now = self.now + timedelta(**delta)
        return self.now


@pytest.fixture(autouse=True)
def cooldown_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own empty COOLDOWN_HOME and a steady text cursor."""
    home = tmp_path / "home"
    monkeypatch.setenv("COOLDOWN_HOME", str(home))
    monkeypatch.setattr("textual.widgets.Input.cursor_blink", False)
    yield home


@pytest.fixture
def clock() -> FakeClock:
    """18:00 on a Saturday in Berlin."""
    return FakeClock(datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN))


@pytest.fixture
def log_path(cooldown_home: Path) -> Path:
    return cooldown_home / "episodes.sqlite3"
