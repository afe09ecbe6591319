"""The background alarm: one small process per cool-down that alerts at the return time, terminal or not.

Started (detached, in its own session, with no terminal and every standard
stream on /dev/null) when a cool-down starts, and again by `cooldown` and
`cooldown status` whenever one should be running and is not (after a reboot).
At most one runs per episode: each holds an exclusive lock on
`alarms/<uid>.lock` beside the log for as long as it lives.

It follows the wall clock, looking at the log at least every `CHECK_SECONDS`,
so a suspend, a clock change or a laptop waking after the time alerts at once.
At a due time (the return time, or a put-off talk's time) it sends the alert to
the notifiers that work without a terminal (desktop and the person's own
command), claiming each send in the log first: an open app, which checks every
second and rings its bell too, gets there first and this process stays quiet.
Unacknowledged alerts repeat on the `[notifications]` schedule. It stops by
itself once the episode is finished, deleted, abandoned, back with only the
outcome missing, or older than the resume window.

Run as `python -m cooldown.alarm UID LOG [CONFIG]`. It imports neither Textual nor pydantic
(only when a notification's "I'm back" is pressed does it load the session
layer to record the return).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from datetime import datetime, timedelta

from cooldown.core import alerting
from cooldown.core.instant import format_clock
from cooldown.store import alerts, pending

CHECK_SECONDS = 2.0
"""The longest the alarm sleeps before looking at the clock and the log again."""
DEFER_SECONDS = 1.5
"""How long after a due time the alarm waits before claiming it: an open app (checking every second) goes first."""
LATE_START_SECONDS = 60.0
"""A due time that had passed this long when the alarm started is not alerted by it: someone opened cooldown
(or a status bar re-armed it after a reboot) and is at the machine, where the app asks how it went."""
LATE_WORDS = timedelta(minutes=5)
"""After this long, the alert says since when (as the app's `ON_TIME_GRACE`)."""
LOCKS = "alarms"


def can_run() -> bool:
    """True where a background alarm can run (it needs POSIX file locks and sessions; not Windows for now)."""
    return os.name == "posix"


def lock_path(log_path: str | os.PathLike[str], uid: str) -> str:
    """The lock of `uid`'s alarm: `alarms/<uid>.lock` in the log's folder."""
    return os.path.join(os.path.dirname(os.path.abspath(log_path)), LOCKS, f"{uid}.lock")


def take_lock(log_path: str | os.PathLike[str], uid: str) -> int | None:
    """Take the episode's alarm lock; the open file descriptor (keep it open), or None if another alarm holds it."""
    import fcntl

    path = lock_path(log_path, uid)
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        return None
    return handle


def is_running(log_path: str | os.PathLike[str], uid: str) -> bool:
    """True if an alarm for `uid` holds its lock now."""
    import fcntl

    try:
        handle = os.open(lock_path(log_path, uid), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(handle)
    return False


def ensure_running(
    uid: str, log_path: str | os.PathLike[str], config_path: str | os.PathLike[str] | None = None
) -> bool:
    """Start the alarm for `uid` (in the log at `log_path`) unless one runs already; True if one runs now.

    Without `config_path` the alarm finds config.toml where cooldown keeps it.

    Cheap enough to call every second (a lock probe); never raises.
    """
    if not can_run():
        return False
    try:
        if is_running(log_path, uid):
            return True
        import subprocess

        log_path = os.path.abspath(log_path)
        config = [] if config_path is None else [os.path.abspath(config_path)]
        subprocess.Popen(
            [sys.executable, "-m", "cooldown.alarm", uid, log_path, *config],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=os.path.dirname(log_path),
            start_new_session=True,
            close_fds=True,
        )
    except (OSError, ValueError):
        return False
    return True


class Alarm:
    """Watches one episode in the log and alerts at its due times."""

    def __init__(
        self,
        uid: str,
        log_path: str | os.PathLike[str],
        config_path: str | os.PathLike[str],
        *,
        clock=time.time,  # noqa: ANN001 - () -> epoch seconds
    ) -> None:
        self.uid = uid
        self.log_path = os.fspath(log_path)
        self.config_path = os.fspath(config_path)
        self.clock = clock
        self.started = clock()
        self.db: sqlite3.Connection | None = None
        self._config_stamp: tuple[float, int] | None = None
        self.settings = None
        self.notifiers: list = []
        self.desktop = None
        self.sent: list[alerting.Alert] = []
        """Every alert this process sent (for a look in tests)."""

    # The loop

    def run(self) -> int:
        """Watch until the episode needs no more alerts; 0."""
        while (wait := self.step()) is not None:
            self.wait(wait)
        return 0

    def step(self) -> float | None:
        """Look once: send what is due; the seconds to wait before the next look, or None to stop."""
        now = self.clock()
        try:
            episode = self._episode()
        except sqlite3.Error:
            self.db = None  # the log is busy or was replaced: look again soon
            return CHECK_SECONDS
        moment = datetime.fromtimestamp(now).astimezone()
        if episode is None or not episode.is_open or not episode.recent(moment):
            return None
        stage = episode.stage(moment)
        if stage == pending.RETURNED:
            return None
        if stage in (pending.COOLING, pending.TALK_LATER):
            coming = episode.return_at if stage == pending.COOLING else episode.talk_at
            assert coming is not None
            return self._until(coming.timestamp() + DEFER_SECONDS, now)
        due = episode.return_at if stage == pending.DUE else episode.talk_at
        assert due is not None
        return self._due(episode, stage, due, now)

    def _due(self, episode: pending.Pending, stage: str, due: datetime, now: float) -> float:
        assert self.db is not None
        due_ts = due.timestamp()
        count, last = _sent(self.db, self.uid, due_ts)
        if count == 0 and due_ts < self.started - LATE_START_SECONDS:
            return CHECK_SECONDS  # long past when this alarm started: someone is at the machine
        self._read_config()
        schedule = alerting.Schedule(self.settings.repeat_minutes, self.settings.repeat_times)
        when = schedule.next_send(due_ts, count, last)
        if when is None:
            return CHECK_SECONDS  # all sent: watch on, in case more time is asked or the episode ends
        when += DEFER_SECONDS
        if now < when:
            return self._until(when, now)
        if alerts.claim(self.db, self.uid, due_ts, count + 1, now):
            self.send(self._alert(episode, stage, due, now, count + 1))
        return CHECK_SECONDS

    def _until(self, moment: float, now: float) -> float:
        return max(0.05, min(CHECK_SECONDS, moment - now))

    def wait(self, seconds: float) -> None:
        """Sleep, or wait for the notification's "I'm back" (which records the return)."""
        desktop = self.desktop
        if desktop is not None and getattr(desktop, "wait_for_action", None) is not None and self.sent:
            if desktop.wait_for_action(seconds):
                self.acknowledge()
            return
        time.sleep(seconds)

    # Alerts

    def _alert(self, episode: pending.Pending, stage: str, due: datetime, now: float, number: int) -> alerting.Alert:
        moment = datetime.fromtimestamp(now).astimezone()
        shown = format_clock(due.astimezone(moment.tzinfo), moment)
        if stage == pending.DUE:
            words = alerting.return_words(shown, late=moment - due >= LATE_WORDS)
            state = "due"
        else:
            words = alerting.talk_words(shown)
            state = "talk_due"
        return alerting.Alert(episode.uid, due, words, episode.activity, state, number)

    def send(self, alert: alerting.Alert) -> None:
        """Send to every notifier; one failing never stops the others or the alarm."""
        self.sent.append(alert)
        for notifier in self.notifiers:
            try:
                notifier.alert(alert)
            except Exception:  # noqa: BLE001, S112 - nobody to tell: the alarm has no terminal
                continue

    def acknowledge(self) -> None:
        """ "I'm back" pressed on the notification: record the return as `cooldown back` does."""
        from cooldown.session.back import come_back

        try:
            come_back(self.log_path, uid=self.uid)
        except Exception:  # noqa: BLE001 - the alarm must never crash over it
            return

    # The log and the settings

    def _episode(self) -> pending.Pending | None:
        if self.db is None:
            if not os.path.isfile(self.log_path):
                return None
            name = self.log_path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
            self.db = sqlite3.connect(f"file:{name}?mode=rw", uri=True, isolation_level=None, timeout=5)
        return pending.episode(self.db, self.uid)

    def _read_config(self) -> None:
        """(Re)read [notifications] when config.toml changed, and build the notifiers it asks for."""
        try:
            stat = os.stat(self.config_path)
            stamp: tuple[float, int] | None = (stat.st_mtime, stat.st_size)
        except OSError:
            stamp = None
        if self.settings is not None and stamp == self._config_stamp:
            return
        from cooldown.notify import build
        from cooldown.notify.config import read_notifications

        self._config_stamp = stamp
        self.settings = read_notifications(self.config_path)
        self.notifiers = build(self.settings)
        self.desktop = next((notifier for notifier in self.notifiers if notifier.name == "desktop"), None)


def _sent(db: sqlite3.Connection, uid: str, due_ts: float) -> tuple[int, float | None]:
    found = alerts.sent(db, uid, due_ts)
    return found.count, found.last_ts


def main(argv: list[str] | None = None) -> int:
    """`python -m cooldown.alarm UID LOG [CONFIG]`: watch that episode; exits at once if another alarm holds it."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3) or not args[0] or os.sep in args[0] or not can_run():
        print("usage: python -m cooldown.alarm UID LOG [CONFIG] (cooldown starts it by itself)", file=sys.stderr)
        return 2
    uid, log_path = args[:2]
    if len(args) == 3:
        config_path = args[2]
    else:
        from cooldown.paths import config_file

        config_path = str(config_file())
    os.umask(0o077)
    try:
        handle = take_lock(log_path, uid)
    except OSError:
        return 1
    if handle is None:
        return 0  # another alarm watches this episode
    try:
        code = Alarm(uid, log_path, config_path).run()
        with contextlib.suppress(OSError):  # the episode needs no alarm any more: leave no lock file behind
            os.unlink(lock_path(log_path, uid))
        return code
    except KeyboardInterrupt:
        return 0
    finally:
        os.close(handle)


if __name__ == "__main__":
    sys.exit(main())
