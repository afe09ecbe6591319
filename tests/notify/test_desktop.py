"""The desktop notifier against a real notification server on a private session bus, and its fallbacks.

Each test that needs the bus starts `dbus-run-session` with a bus of its own
(no service activation, so nothing on the machine answers in its place) running
tests/notify/notification_server.py, which records every call it gets.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.alerting import Alert
from cooldown.notify import NotifierError
from cooldown.notify.desktop import DesktopNotifier, applescript_notification, applescript_string

SERVER = Path(__file__).with_name("notification_server.py")
DBUS_RUN_SESSION = shutil.which("dbus-run-session")
BERLIN = ZoneInfo("Europe/Berlin")
WORDS = "It's 19:30: time to go back and talk."
NO_SERVICE = "no desktop notification service here (no D-Bus session bus and no notify-send)"

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

needs_bus = pytest.mark.skipif(
    DBUS_RUN_SESSION is None or not sys.platform.startswith("linux"),
    reason="dbus-run-session is not installed (the D-Bus tests need it to run a private session bus)",
)


def an_alert(words: str = WORDS, number: int = 1) -> Alert:
    return Alert("ep-1", datetime(2026, 11, 21, 19, 30, tzinfo=BERLIN), words, "go for a walk", "due", number)


class Service:
    """The test notification server, running on a session bus of its own."""

    def __init__(self, address: str, record: Path) -> None:
        self.address = address
        self.record = record
        self.environ = {"DBUS_SESSION_BUS_ADDRESS": address, "PATH": os.defpath}

    def calls(self, method: str = "Notify") -> list[dict]:
        if not self.record.exists():
            return []
        lines = self.record.read_text(encoding="utf-8").splitlines()
        return [call for call in map(json.loads, lines) if call["method"] == method]

    def control(self, method: str, signature: str | None = None, body: tuple = ()) -> None:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        control = DBusAddress("/org/freedesktop/Notifications", "org.freedesktop.Notifications", "org.cooldown.Test")
        with open_dbus_connection(bus=self.address) as connection:
            connection.send_and_get_reply(new_method_call(control, method, signature, body), timeout=5)

    def emit(self, notification_id: int, key: str, delay: float = 0.0) -> None:
        """Have the server say the person pressed `key` on `notification_id`, `delay` seconds from now."""
        self.control("Emit", "usd", (notification_id, key, delay))

    def release(self) -> None:
        """The notification service goes away; the bus stays."""
        self.control("Release")


@pytest.fixture
def start_service(tmp_path: Path) -> Iterator[Callable[..., Service]]:
    processes: list[subprocess.Popen[bytes]] = []

    def start(*flags: str) -> Service:
        folder = tmp_path / f"bus-{len(processes)}"
        folder.mkdir()
        config = folder / "bus.conf"
        config.write_text(BUS_CONFIG.format(folder="/tmp"), encoding="utf-8")
        record, ready = folder / "calls.jsonl", folder / "ready"
        process = subprocess.Popen(
            [DBUS_RUN_SESSION, f"--config-file={config}", "--", sys.executable, SERVER, record, ready, *flags],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        processes.append(process)
        deadline = time.monotonic() + 15
        while not ready.exists() or not ready.read_text(encoding="utf-8"):
            if process.poll() is not None:
                pytest.fail(f"the notification server did not start: {process.stderr.read().decode()}")
            if time.monotonic() > deadline:
                pytest.fail("the notification server did not own its name within 15 s")
            time.sleep(0.02)
        return Service(ready.read_text(encoding="utf-8"), record)

    yield start
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        process.stderr.close()


# Over D-Bus


@needs_bus
def test_two_alerts_show_one_notification_the_repeat_replacing_the_first(start_service) -> None:
    service = start_service()
    notifier = DesktopNotifier(environ=service.environ, platform="linux")
    assert notifier.unavailable() is None
    notifier.alert(an_alert())
    notifier.alert(an_alert("It's time to go back and talk (since 19:30).", number=2))
    first, second = service.calls()
    assert first == {
        "method": "Notify",
        "app_name": "cooldown",
        "replaces_id": 0,
        "app_icon": "",
        "summary": "cooldown",
        "body": WORDS,
        "actions": ["back", "I'm back"],
        "hints": {"urgency": ["y", 2], "category": ["s", "x-cooldown.alert"]},
        "expire_timeout": 0,
        "id": 1,
    }
    assert second["replaces_id"] == 1
    assert second["id"] == 1
    assert second["body"] == "It's time to go back and talk (since 19:30)."
    assert notifier.notification_id == 1
    notifier.close()


@needs_bus
def test_a_server_without_actions_gets_no_buttons_and_the_wait_is_a_sleep(start_service) -> None:
    service = start_service("--no-actions")
    notifier = DesktopNotifier(environ=service.environ, platform="linux")
    notifier.alert(an_alert())
    assert service.calls()[0]["actions"] == []
    started = time.monotonic()
    assert notifier.wait_for_action(0.3) is False
    assert 0.3 <= time.monotonic() - started < 1.5


@needs_bus
def test_a_markup_server_gets_the_words_escaped(start_service) -> None:
    service = start_service("--markup")
    notifier = DesktopNotifier(environ=service.environ, platform="linux")
    notifier.alert(an_alert("Back <now> & talk"))
    assert service.calls()[0]["body"] == "Back &lt;now&gt; &amp; talk"


@needs_bus
def test_wait_for_action_returns_when_the_person_presses_im_back(start_service) -> None:
    service = start_service()
    notifier = DesktopNotifier(environ=service.environ, platform="linux")
    notifier.alert(an_alert())
    service.emit(1, "back", delay=0.3)
    started = time.monotonic()
    assert notifier.wait_for_action(10) is True
    assert 0.25 <= time.monotonic() - started < 5
    started = time.monotonic()
    assert notifier.wait_for_action(0.5) is False  # the press was taken once
    assert 0.5 <= time.monotonic() - started < 1.5


@needs_bus
def test_a_press_before_the_wait_is_kept_and_the_default_action_counts(start_service) -> None:
    service = start_service()
    notifier = DesktopNotifier(environ=service.environ, platform="linux")
    notifier.alert(an_alert())
    service.emit(1, "default")
    time.sleep(0.2)
    notifier.alert(an_alert(number=2))  # the signal arrives while this call waits for its answer
    assert notifier.wait_for_action(5) is True


@needs_bus
def test_other_notifications_and_other_keys_are_not_the_person_coming_back(start_service) -> None:
    service = start_service()
    notifier = DesktopNotifier(environ=service.environ, platform="linux")
    notifier.alert(an_alert())
    service.emit(8, "back")
    service.emit(1, "snooze")
    started = time.monotonic()
    assert notifier.wait_for_action(0.6) is False
    assert 0.6 <= time.monotonic() - started < 2


@needs_bus
def test_the_connection_is_made_again_once_it_dropped(start_service) -> None:
    service = start_service()
    notifier = DesktopNotifier(environ=service.environ, platform="linux")
    notifier.alert(an_alert())
    notifier._session.connection.sock.shutdown(socket.SHUT_RDWR)
    notifier.alert(an_alert(number=2))
    assert [call["replaces_id"] for call in service.calls()] == [0, 1]


@needs_bus
def test_the_wait_connects_again_too_and_still_hears_the_press(start_service) -> None:
    service = start_service()
    notifier = DesktopNotifier(environ=service.environ, platform="linux")
    notifier.alert(an_alert())
    notifier.close()  # as if the connection had dropped; the notification stays on screen
    service.emit(1, "back", delay=0.5)
    assert notifier.wait_for_action(10) is True


@needs_bus
def test_withdraw_closes_the_notification_and_the_next_alert_is_a_new_one(start_service) -> None:
    service = start_service()
    notifier = DesktopNotifier(environ=service.environ, platform="linux")
    notifier.alert(an_alert())
    notifier.withdraw()
    notifier.withdraw()  # nothing left to close
    assert service.calls("CloseNotification") == [{"method": "CloseNotification", "id": 1}]
    notifier.alert(an_alert())
    assert [call["replaces_id"] for call in service.calls()] == [0, 0]


@needs_bus
def test_a_bus_without_the_service_is_a_clean_error(start_service) -> None:
    service = start_service()
    notifier = DesktopNotifier(environ=service.environ, platform="linux")
    notifier.alert(an_alert())
    service.release()
    with pytest.raises(NotifierError, match=r"^the desktop notification service does not answer: .*ServiceUnknown"):
        notifier.alert(an_alert(number=2))
    reason = notifier.unavailable()
    assert reason is not None and reason.startswith("the desktop notification service does not answer: ")
    assert "\n" not in reason
    started = time.monotonic()
    assert notifier.wait_for_action(0.2) is False
    assert 0.2 <= time.monotonic() - started < 1.5


@needs_bus
def test_the_bus_is_found_in_the_runtime_folder_without_the_variable(start_service, tmp_path: Path) -> None:
    service = start_service()
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    path = dict(part.split("=", 1) for part in service.address.split(":", 1)[1].split(","))["path"]
    (runtime / "bus").symlink_to(path)
    notifier = DesktopNotifier(environ={"XDG_RUNTIME_DIR": str(runtime), "PATH": os.defpath}, platform="linux")
    notifier.alert(an_alert())
    assert len(service.calls()) == 1


# Without a session bus


def fake_program(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    program.chmod(0o755)
    return program


posix_only = pytest.mark.skipif(os.name != "posix", reason="the fake programs are shell scripts")


@posix_only
def test_notify_send_stands_in_where_there_is_no_session_bus(tmp_path: Path) -> None:
    record = tmp_path / "argv"
    fake_program(tmp_path / "bin", "notify-send", f"printf '%s\\n' \"$@\" > '{record}'\n")
    notifier = DesktopNotifier(environ={"PATH": str(tmp_path / "bin")}, platform="linux")
    assert notifier.unavailable() is None
    notifier.alert(an_alert("-x It's 19:30"))
    assert record.read_text(encoding="utf-8").splitlines() == [
        "--app-name=cooldown",
        "--urgency=critical",
        "--category=x-cooldown.alert",
        "--",
        "cooldown",
        "-x It's 19:30",
    ]


@posix_only
def test_notify_send_failing_is_a_clean_error(tmp_path: Path) -> None:
    fake_program(tmp_path / "bin", "notify-send", "echo 'GDBus.Error: no way' >&2\nexit 1\n")
    notifier = DesktopNotifier(environ={"PATH": str(tmp_path / "bin")}, platform="linux")
    with pytest.raises(NotifierError, match=r"^notify-send failed with exit status 1: GDBus.Error: no way$"):
        notifier.alert(an_alert())


def test_no_bus_and_no_notify_send_is_unavailable(tmp_path: Path) -> None:
    notifier = DesktopNotifier(environ={"PATH": str(tmp_path)}, platform="linux")
    assert notifier.unavailable() == NO_SERVICE
    with pytest.raises(NotifierError) as raised:
        notifier.alert(an_alert())
    assert str(raised.value) == NO_SERVICE
    started = time.monotonic()
    assert notifier.wait_for_action(0.1) is False
    assert time.monotonic() - started >= 0.1


def test_a_bus_address_that_leads_nowhere_says_so(tmp_path: Path) -> None:
    environ = {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-bus", "PATH": str(tmp_path)}
    reason = DesktopNotifier(environ=environ, platform="linux").unavailable()
    assert reason == (
        "no desktop notification service here (the D-Bus session bus can't be reached: "
        "no such file or directory; no notify-send either)"
    )


def test_platforms_without_a_service_say_so() -> None:
    notifier = DesktopNotifier(environ={}, platform="win32")
    assert notifier.unavailable() == "no desktop notification service cooldown can use on win32"
    assert notifier.wait_for_action(0) is False


# macOS


@posix_only
def test_macos_uses_osascript(tmp_path: Path) -> None:
    record = tmp_path / "argv"
    fake_program(tmp_path / "bin", "osascript", f"printf '%s\\n' \"$@\" > '{record}'\n")
    notifier = DesktopNotifier(environ={"PATH": str(tmp_path / "bin")}, platform="darwin")
    assert notifier.unavailable() is None
    notifier.alert(an_alert('Say "back" \\ now'))
    assert record.read_text(encoding="utf-8").splitlines() == [
        "-e",
        'display notification "Say \\"back\\" \\\\ now" with title "cooldown"',
    ]


def test_macos_without_osascript_is_unavailable(tmp_path: Path) -> None:
    notifier = DesktopNotifier(environ={"PATH": str(tmp_path)}, platform="darwin")
    assert notifier.unavailable() == "no desktop notification service here (osascript is missing)"


def test_applescript_strings_are_escaped_and_plain() -> None:
    assert applescript_string('a "b" \\c\nd\x07') == '"a \\"b\\" \\\\c d"'
    assert applescript_notification("hi") == 'display notification "hi" with title "cooldown"'
