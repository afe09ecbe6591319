"""The package itself: which notifiers the settings build, trying each for `cooldown notify --test`, its imports."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from cooldown.core.alerting import Alert
from cooldown.core.settings import Notifications
from cooldown.notify import NotifierError, build, last_line, plain, try_each
from cooldown.notify.command import CommandNotifier
from cooldown.notify.config import NotifySettings
from cooldown.notify.desktop import DesktopNotifier
from cooldown.notify.terminal import TerminalNotifier

ALERT = Alert("ep-1", datetime(2026, 11, 21, 19, 30, tzinfo=ZoneInfo("Europe/Berlin")), "It's 19:30.")


def test_build_gives_what_the_settings_switch_on() -> None:
    everything = NotifySettings(command=("say", "back"))
    notifiers = build(everything, write=print)
    assert [type(notifier) for notifier in notifiers] == [DesktopNotifier, CommandNotifier, TerminalNotifier]
    assert notifiers[1].argv == ("say", "back")
    assert [notifier.name for notifier in build(everything)] == ["desktop", "command"]
    assert build(NotifySettings(desktop=False, terminal=False), write=print) == []


def test_build_takes_the_apps_settings_too() -> None:
    names = [notifier.name for notifier in build(Notifications(desktop=False, command=("x",)), write=print)]
    assert names == ["command", "terminal"]


class Fake:
    def __init__(self, name: str, reason: str | None = None, error: Exception | None = None) -> None:
        self.name, self.reason, self.error, self.alerts = name, reason, error, []

    def unavailable(self) -> str | None:
        return self.reason

    def alert(self, alert: Alert) -> None:
        if self.error is not None:
            raise self.error
        self.alerts.append(alert)


def test_try_each_reports_sent_failed_and_skipped() -> None:
    fine, missing, failing = (
        Fake("fine"),
        Fake("desktop", reason="no service here"),
        Fake("x", error=NotifierError("boom")),
    )
    odd = Fake("odd", error=RuntimeError())
    assert try_each([fine, missing, failing, odd], ALERT) == [
        ("fine", True, "sent"),
        ("desktop", False, "skipped: no service here"),
        ("x", False, "boom"),
        ("odd", False, "RuntimeError"),
    ]
    assert fine.alerts == [ALERT]
    assert missing.alerts == []


def test_plain_drops_control_characters() -> None:
    assert plain(" a\tb\r\nc\x1b[0m\x07\x9b\x7fd\u00e9 ") == "a b  c[0mdé"


def test_last_line_is_the_last_non_blank_one_shortened() -> None:
    assert last_line(b"first\nlast \xff\n\n  \n") == "last \ufffd"
    assert last_line(b"") == ""
    assert last_line(b"x" * 300) == "x" * 199 + "…"


def test_importing_the_package_loads_neither_pydantic_nor_textual_nor_jeepney() -> None:
    code = (
        "import cooldown.notify, cooldown.notify.desktop, cooldown.notify.command, cooldown.notify.terminal, "
        "cooldown.notify.config; import sys; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'textual', 'jeepney')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_package_uses_nothing_of_the_app() -> None:
    code = (
        "import cooldown.notify, cooldown.notify.desktop, cooldown.notify.command, cooldown.notify.terminal, "
        "cooldown.notify.config; import sys; "
        "print(sorted(m for m in sys.modules if m.startswith('cooldown.') and not m.startswith('cooldown.notify')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['cooldown.core', 'cooldown.core.alerting']"
