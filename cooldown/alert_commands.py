"""The commands about alerts and coming back: `cooldown back` and `cooldown notify --test`."""

from __future__ import annotations

import argparse
import sys

from cooldown.cli import FAILED, OK, CommandError


def come_back(args: argparse.Namespace) -> int:
    """`cooldown back`: the return recorded from any shell; the alert stops repeating."""
    from cooldown.paths import log_file
    from cooldown.session.back import come_back as record
    from cooldown.store.episodes import StoreError

    try:
        back = record(log_file())
    except StoreError as error:
        raise CommandError(str(error)) from error
    print(back.words)
    return OK if back.done else FAILED


def notify_test(args: argparse.Namespace) -> int:
    """`cooldown notify --test`: every notifier in [notifications] fired once, and which worked.

    Exit 0 when each one that can work here worked (and at least one reaches the person once
    cooldown is closed, where an alarm can run), 1 otherwise.
    """
    from cooldown import alarm
    from cooldown.clock import system_clock
    from cooldown.core.alerting import Alert, return_words
    from cooldown.core.instant import time_of_day
    from cooldown.notify import build, try_each
    from cooldown.paths import config_file
    from cooldown.store.config import load_config

    loaded = load_config(config_file())
    notifications = loaded.settings.notifications
    problems = {
        str(problem.key).split(".")[1].split("[")[0]: problem
        for problem in loaded.problems
        if str(problem.key).startswith("notifications.")
    }
    now = system_clock()
    words = f"Test from cooldown: {return_words(time_of_day(now), late=False)}"
    test = Alert("test", now, words, "go for a walk", "test")  # COOLDOWN_STATE=test: a script can tell
    failed = False

    def say(name: str, what: str) -> None:
        problem = problems.get(name)
        print(f"{name}: {what}" + (f" (config.toml: {problem.message}; the default stands in)" if problem else ""))

    here = sys.stdout.isatty()
    if not notifications.bell:
        say("bell", "off")
    elif here:
        sys.stdout.write("\a")
        say("bell", "rang (in this terminal; while cooldown is open it rings at the time)")
    else:
        say("bell", "on (rings in the terminal while cooldown is open; not tried: no terminal here)")
    if not notifications.terminal:
        say("terminal", "off")
    else:
        from cooldown.notify.terminal import TerminalNotifier

        terminal = TerminalNotifier(sys.stdout.write)
        if not here:
            say("terminal", "on (while cooldown is open; not tried: no terminal here)")
        elif reason := terminal.unavailable():
            say("terminal", f"skipped: {reason} (the bell and the on-screen alert still come)")
        else:
            terminal.alert(test)
            sys.stdout.flush()
            say("terminal", "sent (look for this terminal's notification)")
    if not notifications.desktop:
        say("desktop", "off")
    if not notifications.command:
        say("command", "none set")
    results = try_each(build(notifications, buttons=False), test)
    for name, worked, detail in results:
        if worked:
            say(name, "worked")
        elif detail.startswith("skipped"):
            say(name, detail)
        else:
            failed = True
            say(name, f"failed: {detail}")
    working = [name for name, worked, _ in results if worked]
    if not alarm.can_run():
        print("On this system nothing alerts once cooldown is closed: the alert comes only while it is open.")
    elif working:
        print(f"Once cooldown is closed, the background alarm sends: {' and '.join(working)}.")
    else:
        failed = True
        wanted = [name for name, _, _ in results]
        advice = "fix the one above" if wanted else "turn on desktop or set a command in [notifications]"
        print(f"Once cooldown is closed, nothing here will alert you: {advice}.")
    return FAILED if failed else OK
