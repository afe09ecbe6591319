"""A small freedesktop notification server for the tests, on the session bus, written with jeepney.

    python notification_server.py RECORD READY [--no-actions] [--markup]

It owns org.freedesktop.Notifications, answers GetCapabilities,
GetServerInformation, Notify and CloseNotification, and writes each call it
gets as a JSON line to RECORD. Notify answers with ids 1, 2, ... (a
replaces_id of a notification it showed keeps that id). Once it owns the name,
it writes the bus address to READY.

For the tests to drive it, at the same path on interface org.cooldown.Test:
    Emit(u id, s key, d delay)  emit ActionInvoked(id, key) after `delay` seconds
    Release()                   give up the name (the service is gone, the bus stays)
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from jeepney import DBusAddress, HeaderFields, Message, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import Proxy, open_dbus_connection

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
CONTROL = "org.cooldown.Test"


def main(record: Path, ready: Path, actions: bool, markup: bool) -> None:
    connection = open_dbus_connection(bus="SESSION")
    owned = Proxy(message_bus, connection, timeout=5).RequestName(NAME, 4)  # 4: do not queue
    if owned != (1,):
        sys.exit(f"could not own {NAME}: {owned}")
    ready.write_text(os.environ["DBUS_SESSION_BUS_ADDRESS"], encoding="utf-8")
    emitter = DBusAddress(PATH, interface=NAME)
    capabilities = ["body"] + (["actions"] if actions else []) + (["body-markup"] if markup else [])
    shown: set[int] = set()
    pending: list[tuple[float, int, str]] = []
    last_id = 0
    releasing: tuple[int, Message] | None = None

    def note(call: dict) -> None:
        with record.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(call) + "\n")

    while True:
        now = time.monotonic()
        for due in [item for item in pending if item[0] <= now]:
            pending.remove(due)
            connection.send(new_signal(emitter, "ActionInvoked", "us", (due[1], due[2])))
        timeout = min((item[0] for item in pending), default=now + 60) - now
        try:
            message = connection.receive(timeout=max(timeout, 0))
        except TimeoutError:
            continue
        fields = message.header.fields
        if releasing and fields.get(HeaderFields.reply_serial) == releasing[0]:
            connection.send(new_method_return(releasing[1]))  # the name is gone: now the test may go on
            releasing = None
        if message.header.message_type != MessageType.method_call:
            continue
        member, interface = fields.get(HeaderFields.member), fields.get(HeaderFields.interface)
        if member == "GetCapabilities":
            reply = new_method_return(message, "as", (capabilities,))
        elif member == "GetServerInformation":
            reply = new_method_return(message, "ssss", ("test-server", "cooldown tests", "1.0", "1.2"))
        elif member == "Notify" and interface == NAME:
            app_name, replaces_id, icon, summary, body, actions_list, hints, expire = message.body
            if replaces_id in shown:
                notification_id = replaces_id
            else:
                last_id += 1
                notification_id = last_id
            shown.add(notification_id)
            note(
                {
                    "method": "Notify",
                    "app_name": app_name,
                    "replaces_id": replaces_id,
                    "app_icon": icon,
                    "summary": summary,
                    "body": body,
                    "actions": actions_list,
                    "hints": {key: list(value) for key, value in hints.items()},
                    "expire_timeout": expire,
                    "id": notification_id,
                }
            )
            reply = new_method_return(message, "u", (notification_id,))
        elif member == "CloseNotification" and interface == NAME:
            (notification_id,) = message.body
            note({"method": "CloseNotification", "id": notification_id})
            shown.discard(notification_id)
            connection.send(new_signal(emitter, "NotificationClosed", "uu", (notification_id, 3)))
            reply = new_method_return(message)
        elif member == "Emit" and interface == CONTROL:
            notification_id, key, delay = message.body
            pending.append((time.monotonic() + delay, notification_id, key))
            reply = new_method_return(message)
        elif member == "Release" and interface == CONTROL:
            serial = next(connection.outgoing_serial)
            connection.send(message_bus.ReleaseName(NAME), serial=serial)
            releasing = (serial, message)  # answered once the bus has taken the name back
            continue
        else:
            reply = new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (f"no {member} here",))
        connection.send(reply)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), "--no-actions" not in sys.argv, "--markup" in sys.argv)
