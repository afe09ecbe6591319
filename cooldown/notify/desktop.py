"""A desktop notification through the platform's own service, also once cooldown is closed.

- Linux and the BSDs: the freedesktop notification service on the D-Bus session
  bus, through jeepney (loaded on first use). The bus is the one
  DBUS_SESSION_BUS_ADDRESS names, else `$XDG_RUNTIME_DIR/bus` if it is there.
  The connection stays open between alerts and is made again once if it
  dropped. Each repeat replaces the notification before it instead of piling
  up. Where the service offers actions, the notification has an "I'm back"
  button, and `wait_for_action` waits for it.
- No session bus, but `notify-send` on PATH: notify-send.
- macOS: `osascript`'s "display notification".
- Anywhere else: none; `unavailable()` says so.

The notification is critical (urgency 2) and never expires (expire_timeout 0).
It is a time the person promised someone: Do Not Disturb must not hold it back,
and GNOME and KDE only keep critical notifications on screen until dismissed
(normal ones slip into the tray after a few seconds, whatever the timeout).
"""

from __future__ import annotations

import os
import stat
import sys
import time

from cooldown.core.alerting import Alert
from cooldown.notify import NotifierError, last_line, plain

TYPE_CHECKING = False  # True for type checkers only: typing and friends are not imported at run time

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
APP_NAME = "cooldown"
SUMMARY = "cooldown"
"""The notification's title."""
CATEGORY = "x-cooldown.alert"
CRITICAL = 2
"""The freedesktop urgency level (a byte): 0 low, 1 normal, 2 critical."""
BACK = "back"
"""The action key of the "I'm back" button."""
BACK_LABEL = "I'm back"
ACTION_KEYS = (BACK, "default")
"""Action keys that mean the person is back ("default": a server's click on the notification itself)."""
CALL_TIMEOUT = 5.0
"""Seconds a D-Bus call may take."""
AUTH_TIMEOUT = 1.0
"""Seconds the session bus may take to let cooldown in."""
RUN_TIMEOUT = 10.0
"""Seconds notify-send or osascript may take."""
LONGEST_WAIT = 24 * 60 * 60.0
"""`wait_for_action` waits at most this long, whatever it is asked."""
NO_BUS = "no D-Bus session bus"
DBUS_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos")
"""`sys.platform` prefixes where the notification service is found on D-Bus."""


class DesktopNotifier:
    """A desktop notification at each alert, through the platform's own notification service."""

    name = "desktop"

    def __init__(
        self, *, environ: Mapping[str, str] | None = None, platform: str = sys.platform, buttons: bool = True
    ) -> None:
        self._environ = environ
        self._buttons = buttons
        """Offer "I'm back" where the service shows buttons (only where someone waits for the press: the alarm)."""
        """Where the bus address and PATH are found; None for this process's environment."""
        self._platform = platform
        self._session: _Session | None = None
        self.notification_id: int | None = None
        """The service's id of the last notification shown over D-Bus; the next one replaces it."""

    def unavailable(self) -> str | None:
        """None if a notification service can be reached, else a sentence saying why not."""
        try:
            self._way()
        except NotifierError as error:
            return str(error)
        return None

    def alert(self, alert: Alert) -> None:
        """Show `alert`'s words as a desktop notification; raises NotifierError if it can't be shown."""
        self._way()(plain(alert.words))

    def wait_for_action(self, timeout: float) -> bool:
        """Wait `timeout` seconds (at most a day) for "I'm back" on the notification shown; True if it came.

        Meant as the alarm's sleep between checks: without an action to wait for,
        or on any problem, it sleeps out the time and returns False. Never raises.
        """
        timeout = min(timeout, LONGEST_WAIT) if timeout > 0 else 0.0
        deadline = time.monotonic() + timeout
        try:
            if self.notification_id is not None and self._platform.startswith(DBUS_PLATFORMS):
                if self._session is None:
                    self._connect(deadline)
                session = self._session
                if session is not None and session.actions and session.wait(self.notification_id, deadline):
                    return True
        except Exception:  # whatever went wrong, this is the alarm's sleep: it must not raise
            self.close()
        _sleep_until(deadline)
        return False

    def withdraw(self) -> None:
        """Take the notification shown off the screen (the person is back). Never raises."""
        shown, self.notification_id = self.notification_id, None
        if shown is None or self._session is None:
            return
        try:
            self._session.call("CloseNotification", "u", (shown,))
        except Exception:  # it may be gone already; nothing to tell anyone
            self.close()

    def close(self) -> None:
        """Close the connection to the session bus, if one is open."""
        session, self._session = self._session, None
        if session is not None:
            session.close()

    # Finding the way to the person's desktop

    def _way(self) -> Callable[[str], None]:
        """What shows a notification here, given its words; raises NotifierError if nothing can."""
        if self._platform == "darwin":
            osascript = self._which("osascript")
            if osascript is None:
                raise NotifierError("no desktop notification service here (osascript is missing)")
            return lambda words: self._run("osascript", [osascript, "-e", applescript_notification(words)])
        if not self._platform.startswith(DBUS_PLATFORMS):
            raise NotifierError(f"no desktop notification service cooldown can use on {self._platform}")
        problem = self._connect()
        if problem is None:
            return self._notify
        notify_send = self._which("notify-send")
        if notify_send is None:
            joined = f"{problem} and no notify-send" if problem == NO_BUS else f"{problem}; no notify-send either"
            raise NotifierError(f"no desktop notification service here ({joined})")
        return lambda words: self._run("notify-send", notify_send_argv(notify_send, words))

    def _connect(self, deadline: float | None = None) -> str | None:
        """Connect to the session bus unless connected: None, or what keeps the bus out of reach.

        Raises NotifierError if the bus is there but its notification service does not answer
        (by `deadline`, a `time.monotonic()` time, if one is given).
        """
        if self._session is not None:
            return None
        address = self._bus_address()
        if address is None:
            return NO_BUS
        try:
            connection = _open_connection(address, _within(deadline, AUTH_TIMEOUT))
        except Exception as error:  # jeepney raises OSError, TimeoutError, RuntimeError, ValueError...
            return f"the D-Bus session bus can't be reached: {describe(error)}"
        try:
            self._session = _Session(connection, deadline, buttons=self._buttons)
        except Exception as error:
            connection.close()
            raise NotifierError(f"the desktop notification service does not answer: {describe(error)}") from None
        return None

    def _bus_address(self) -> str | None:
        environ = self._env()
        address = environ.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
        if address:
            return address
        runtime = environ.get("XDG_RUNTIME_DIR", "")
        try:
            if runtime and stat.S_ISSOCK(os.stat(os.path.join(runtime, "bus")).st_mode):
                return "unix:path=" + os.path.join(runtime, "bus")
        except OSError:
            pass
        return None

    def _notify(self, words: str) -> None:
        """Show `words` over D-Bus, replacing the notification before; once more on a new connection if it fails."""
        for attempt in (1, 2):
            session = self._session
            assert session is not None  # _way connected, or the retry did
            try:
                self.notification_id = session.notify(self.notification_id or 0, words)
                return
            except Exception as error:  # a dropped connection, a refusal, no answer in time
                self.close()
                if attempt == 2 or self._connect() is not None:
                    raise NotifierError(f"the desktop notification was not shown: {describe(error)}") from None

    def _run(self, program: str, argv: list[str]) -> None:
        import subprocess

        try:
            done = subprocess.run(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=dict(self._env()),
                timeout=RUN_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise NotifierError(f"{program} was stopped after {RUN_TIMEOUT:g} s") from None
        except OSError as error:
            raise NotifierError(f"{program} could not be started: {describe(error)}") from None
        if done.returncode != 0:
            line = last_line(done.stderr or b"")
            raise NotifierError(f"{program} failed with exit status {done.returncode}" + (f": {line}" if line else ""))

    def _which(self, program: str) -> str | None:
        import shutil

        return shutil.which(program, path=self._env().get("PATH", os.defpath))

    def _env(self) -> Mapping[str, str]:
        return os.environ if self._environ is None else self._environ


class _Session:
    """One connection to the session bus, and what its notification service can do."""

    def __init__(self, connection: Any, deadline: float | None = None, *, buttons: bool = True) -> None:
        from collections import deque

        from jeepney import DBusAddress, MatchRule, message_bus
        from jeepney.io.blocking import Proxy

        self.connection = connection
        self.service = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)
        capabilities = self.call("GetCapabilities", deadline=deadline)[0]
        self.actions = buttons and "actions" in capabilities
        """The service shows buttons, so "I'm back" can be offered."""
        self.markup = "body-markup" in capabilities
        """The service reads the body as markup, so & and < must be escaped."""
        self.signals: deque[Any] = deque(maxlen=64)
        """ActionInvoked signals received and not yet looked at (also those that came during other calls)."""
        if self.actions:
            rule = MatchRule(type="signal", interface=INTERFACE, member="ActionInvoked", path=OBJECT_PATH)
            connection.filter(rule, queue=self.signals)
            Proxy(message_bus, connection, timeout=_within(deadline, CALL_TIMEOUT)).AddMatch(rule)

    def call(
        self, method: str, signature: str | None = None, body: tuple[Any, ...] = (), deadline: float | None = None
    ) -> tuple[Any, ...]:
        """Call `method` of the notification service and return its answer; raises if it fails or is late."""
        from jeepney import new_method_call
        from jeepney.wrappers import unwrap_msg

        message = new_method_call(self.service, method, signature, body)
        return unwrap_msg(self.connection.send_and_get_reply(message, timeout=_within(deadline, CALL_TIMEOUT)))

    def notify(self, replaces: int, words: str) -> int:
        """Show `words`, replacing notification `replaces` (0: none); the new notification's id."""
        actions = [BACK, BACK_LABEL] if self.actions else []
        hints = {"urgency": ("y", CRITICAL), "category": ("s", CATEGORY)}
        body = escape_markup(words) if self.markup else words
        return self.call("Notify", "susssasa{sv}i", (APP_NAME, replaces, "", SUMMARY, body, actions, hints, 0))[0]

    def wait(self, notification_id: int, deadline: float) -> bool:
        """Until `deadline` (monotonic), wait for the person to say they are back on `notification_id`."""
        while True:
            while self.signals:
                body = self.signals.popleft().body
                if len(body) >= 2 and body[0] == notification_id and body[1] in ACTION_KEYS:
                    return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            try:
                self.connection.recv_messages(timeout=remaining)
            except TimeoutError:
                return False

    def close(self) -> None:
        try:
            self.connection.close()
        except OSError:
            pass


def _open_connection(address: str, auth_timeout: float) -> Any:
    from jeepney.io.blocking import open_dbus_connection

    return open_dbus_connection(bus=address, auth_timeout=auth_timeout)


def _within(deadline: float | None, longest: float) -> float:
    """A timeout of at most `longest` seconds that ends by `deadline` (monotonic), if there is one."""
    if deadline is None:
        return longest
    return max(0.001, min(longest, deadline - time.monotonic()))


def notify_send_argv(program: str, words: str) -> list[str]:
    """The notify-send command for `words`: as urgent as over D-Bus; `--` so words can't be read as options."""
    return [program, f"--app-name={APP_NAME}", "--urgency=critical", f"--category={CATEGORY}", "--", SUMMARY, words]


def applescript_notification(words: str) -> str:
    """The AppleScript that shows `words` as a notification titled "cooldown"."""
    return f"display notification {applescript_string(words)} with title {applescript_string(SUMMARY)}"


def applescript_string(text: str) -> str:
    """`text` as an AppleScript string literal: in double quotes, with backslashes and quotes escaped."""
    return '"' + plain(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def escape_markup(text: str) -> str:
    """`text` for a notification body read as markup (a small part of HTML)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def describe(error: BaseException) -> str:
    """A D-Bus or system error in a few words."""
    name = getattr(error, "name", None)
    data = getattr(error, "data", None)
    if isinstance(name, str):  # jeepney's DBusErrorResponse
        said = data[0] if isinstance(data, tuple) and data and isinstance(data[0], str) else ""
        return f"{name}: {plain(said)}" if said else name
    if isinstance(error, TimeoutError) and not str(error):
        return "no answer in time"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return plain(str(error)) or type(error).__name__


def _sleep_until(deadline: float) -> None:
    while (remaining := deadline - time.monotonic()) > 0:
        time.sleep(remaining)


__all__ = ["DesktopNotifier"]
