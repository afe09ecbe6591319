"""Shared fixtures: a private COOLDOWN_HOME per test, a clock that never sleeps."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings

# Speed is measured by benchmarks/, never by a test: no per-example deadline on a shared machine.
settings.register_profile("cooldown", deadline=None)
settings.load_profile("cooldown")

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


XDG_FOLDERS = {
    "XDG_CONFIG_HOME": ".config",
    "XDG_DATA_HOME": ".local/share",
    "XDG_STATE_HOME": ".local/state",
    "XDG_CACHE_HOME": ".cache",
    "XDG_RUNTIME_DIR": ".run",
}


@pytest.fixture(autouse=True)
def user_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets an empty home folder of its own (beside its tmp_path): HOME and the XDG folders.

    No test sees (or writes to) the machine's own user folders.
    """
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    for variable, folder in XDG_FOLDERS.items():
        monkeypatch.setenv(variable, str(home / folder))
    for variable in ("XDG_CONFIG_DIRS", "XDG_DATA_DIRS"):
        monkeypatch.setenv(variable, str(home / ".system" / variable.lower()))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # No desktop of the machine's own: a test never shows a real notification (tests that want one start a bus).
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    return home


@pytest.fixture(autouse=True)
def clock_style(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test reads times on the 24-hour clock, whatever the machine's locale, and leaks no style."""
    from cooldown.core.instant import use_clock_style

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_TIME", "C")
    before = use_clock_style("24h")
    yield
    use_clock_style(before)


@pytest.fixture(autouse=True)
def cooldown_home(user_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own empty COOLDOWN_HOME and a steady text cursor."""
    home = tmp_path / "home"
    monkeypatch.setenv("COOLDOWN_HOME", str(home))
    monkeypatch.setattr("textual.widgets.Input.cursor_blink", False)
    yield home
    stop_alarms(tmp_path)
    stop_alarms(user_home)


def stop_alarms(folder: Path) -> None:
    """End any background alarm a test started for a log in `folder` (they follow the real clock)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return
    for entry in proc.glob("[0-9]*"):
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"cooldown.alarm" in argv and any(str(folder).encode() in part for part in argv):
            with contextlib.suppress(OSError):
                os.kill(int(entry.name), signal.SIGKILL)


@pytest.fixture
def clock() -> FakeClock:
    """18:00 on a Saturday in Berlin."""
    return FakeClock(datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN))


@pytest.fixture
def log_path(cooldown_home: Path) -> Path:
    return cooldown_home / "episodes.sqlite3"
