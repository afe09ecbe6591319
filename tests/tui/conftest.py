"""Helpers for driving the real app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets._footer import FooterKey

from cooldown.core.settings import Settings
from cooldown.tui.app import CooldownApp
from tests.conftest import FakeClock

SIZE = (80, 24)


def visible_text(app: App) -> str:
    """The characters on screen, as a person would read them."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


FRAME = {chr(code) for code in range(0x2500, 0x2580)} | set("▊▎▔▁")


def flat(text: str) -> str:
    """Screen text without frames, line breaks and runs of spaces folded, for phrase checks."""
    return " ".join("".join(" " if char in FRAME else char for char in text).split())


def footer_keys(app: App) -> list[str]:
    """Each footer entry as 'key description'."""
    return [flat(str(key.render())) for key in app.screen.query(FooterKey) if key.display]


AppFactory = Callable[..., CooldownApp]


@pytest.fixture
def make_app(clock: FakeClock, log_path: Path) -> AppFactory:
    """Build the app on the fake clock and the temp log; bell rings are counted."""

    def build(settings: Settings | None = None, path: Path | None = None) -> CooldownApp:
        alarms: list[str] = []
        app = CooldownApp(
            clock=clock,
            log_path=path or log_path,
            settings=settings,
            start_alarm=lambda uid: alarms.append(uid) or True,
        )
        app.bells = 0  # type: ignore[attr-defined]
        app.alarms_started = alarms  # type: ignore[attr-defined]  # the background alarm is a real process: not here

        def bell() -> None:
            app.bells += 1  # type: ignore[attr-defined]

        app.bell = bell  # type: ignore[method-assign]
        return app

    return build
