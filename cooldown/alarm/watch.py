"""The alarm's watch over one episode: when to send, what to say, when to stop (see the package's docstring)."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime, timedelta

from cooldown.core import alerting
from cooldown.core.instant import format_local_clock
from cooldown.store import alerts, pending

CHECK_SECONDS = 2.0
"""The longest the alarm sleeps before looking at the clock and the log again."""
DEFER_SECONDS = 2.5
"""How long after a due time the alarm waits before claiming it: an open app (checking every second) goes first,
and sends the desktop notification and the command itself; still well inside the 5 s promised."""
LATE_START_SECONDS = 60.0
"""A due time that had passed this long when the alarm started is not alerted by it: someone opened cooldown
(or a status bar re-armed it after a reboot) and is at the machine, where the app asks how it went."""
LATE_WORDS = timedelta(minutes=5)
"""After this long, the alert says since when (as the app's `ON_TIME_GRACE`)."""
RECHECK_NOTIFIERS_SECONDS = 60.0
"""How often notifiers that could not work (no desktop yet, say) are asked again."""
GIVE_UP_SECONDS = 600.0
"""After this long of nothing but errors (a damaged log), the alarm stops; the next `cooldown` starts another."""


class Alarm:
    """Watches one episode in the log and alerts at its due times, on the `AWAY` channel."""

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
        self._log_identity: tuple[int, int] | None = None
        self._config_stamp: tuple[float, int] | None = None
        self._checked_at: float | None = None
        self._failing_since: float | None = None
        self.settings = None
        self.notifiers: list = []
        self.working: list = []
        """The notifiers that can reach the person here (asked again every minute)."""
        self.desktop = None
        self.sent: list[alerting.Alert] = []
        """Every alert this process sent (for a look in tests)."""
        self._noted: set[tuple[float, str]] = set()
        """(due time, notifier) problems already noted: each is told once."""

    # The loop

    def run(self) -> int:
        """Watch until the episode needs no more alerts; 0."""
        while (wait := self.step()) is not None:
            self.wait(wait)
        self.withdraw()  # they are back (or the episode ended): the notification has done its work
        return 0

    def step(self) -> float | None:
        """Look once: send what is due; the seconds to wait before the next look, or None to stop.

        Never raises: a problem (a busy or damaged log, an odd stored value) is looked at again
        shortly, and only after `GIVE_UP_SECONDS` of nothing else does the alarm stop.
        """
        now = self.clock()
        try:
            wait = self._step(now)
        except Exception:  # noqa: BLE001 - nobody to tell: the alarm has no terminal; it tries again
            self._close()
            if self._failing_since is None:
                self._failing_since = now
            return None if now - self._failing_since > GIVE_UP_SECONDS else CHECK_SECONDS
        self._failing_since = None
        return wait

    def _step(self, now: float) -> float | None:
        if not self._log_still_there():
            return None  # the log was deleted or replaced: nothing of this episode is left to alert
        episode = self._episode()
        moment = datetime.fromtimestamp(now).astimezone()
        if episode is None or not episode.is_open or not episode.recent(moment):
            return None
        stage = episode.stage(moment)
        if stage == pending.RETURNED:
            return None
        if stage in (pending.COOLING, pending.TALK_LATER):
            coming = episode.return_at if stage == pending.COOLING else episode.talk_at
            if coming is None:
                return CHECK_SECONDS  # a talk put off without a time: nothing to alert
            return self._until(coming.timestamp() + DEFER_SECONDS, now)
        due = episode.return_at if stage == pending.DUE else episode.talk_at
        assert due is not None  # a due stage has its time
        return self._due(episode, stage, due, now)

    def _due(self, episode: pending.Pending, stage: str, due: datetime, now: float) -> float:
        assert self.db is not None
        due_ts = due.timestamp()
        found = alerts.sent(self.db, self.uid, due_ts, alerts.AWAY)
        count, last = found.count, found.last_ts
        if count >= alerts.ACKNOWLEDGED:
            self.withdraw()  # seen (`cooldown back` for a talk, say): take it off the screen
            return CHECK_SECONDS
        if count == 0 and due_ts < self.started - LATE_START_SECONDS:
            return CHECK_SECONDS  # long past when this alarm started: someone is at the machine
        self._read_config(now)
        assert self.settings is not None
        schedule = alerting.Schedule(self.settings.repeat_minutes, self.settings.repeat_times)
        when = schedule.next_send(due_ts, count, last)
        if when is None:
            return CHECK_SECONDS  # all sent: watch on, in case more time is asked or the episode ends
        when += DEFER_SECONDS
        if now < when:
            return self._until(when, now)
        if not self.working:
            app_alerted = alerts.sent(self.db, self.uid, due_ts, alerts.HERE).count > 0  # someone was at cooldown
            if not app_alerted and (due_ts, "none") not in self._noted:
                self._noted.add((due_ts, "none"))
                why = (
                    "; ".join(_why_not(notifier) for notifier in self.notifiers)
                    or "desktop is off and no command is set"
                )
                self._note(
                    f"The alert at {format_local_clock(due, datetime.fromtimestamp(now).astimezone())} "
                    f"could not reach you once cooldown was closed ({why})."
                )
            return CHECK_SECONDS  # nothing here could reach them: leave the claim to an app that can
        if alerts.claim(self.db, self.uid, due_ts, count + 1, now, alerts.AWAY):
            self.send(self._alert(episode, stage, due, now, count + 1))
        return CHECK_SECONDS

    def _until(self, moment: float, now: float) -> float:
        return max(0.05, min(CHECK_SECONDS, moment - now))

    def wait(self, seconds: float) -> None:
        """Sleep, or wait for the notification's "I'm back" (which records the return)."""
        desktop = self.desktop
        if desktop is not None and self.sent:
            if desktop.wait_for_action(seconds):
                self.acknowledge()
            return
        time.sleep(seconds)

    # Alerts

    def _alert(self, episode: pending.Pending, stage: str, due: datetime, now: float, number: int) -> alerting.Alert:
        moment = datetime.fromtimestamp(now).astimezone()
        shown = format_local_clock(due, moment)  # each moment in the offset in force at it, across DST
        if stage == pending.DUE:
            words = alerting.return_words(shown, late=moment - due >= LATE_WORDS)
            state = "due"
        else:
            words = alerting.talk_words(shown)
            state = "talk_due"
        return alerting.Alert(episode.uid, due, words, episode.activity, state, number)

    def send(self, alert: alerting.Alert) -> None:
        """Send to every notifier that works here; one failing never stops the others or the alarm."""
        self.sent.append(alert)
        for notifier in self.working:
            try:
                notifier.alert(alert)
            except Exception as error:  # noqa: BLE001 - noted for the next launch: the alarm has no terminal
                key = (alert.due_at.timestamp(), notifier.name)
                if key not in self._noted:
                    self._noted.add(key)
                    self._note(
                        f"The alert at {format_local_clock(alert.due_at, alert.due_at)}: {notifier.name} failed ({error})."
                    )

    def acknowledge(self) -> None:
        """ "I'm back" pressed on the notification: record the return as `cooldown back` does."""
        from cooldown.session.back import come_back

        try:
            come_back(self.log_path, uid=self.uid)
        except Exception:  # noqa: BLE001 - the alarm must never crash over it
            return

    def _note(self, line: str) -> None:
        from cooldown.alarm import note_problem

        note_problem(self.log_path, line)

    def withdraw(self) -> None:
        """Take this alarm's desktop notification off the screen, if it showed one."""
        if self.desktop is not None and self.sent:
            self.desktop.withdraw()

    # The log and the settings

    def _log_still_there(self) -> bool:
        """False once the log file is gone or another file has taken its place."""
        try:
            stat = os.stat(self.log_path)
        except OSError:
            return False
        identity = (stat.st_dev, stat.st_ino)
        if self._log_identity is None:
            self._log_identity = identity
        return identity == self._log_identity

    def _episode(self) -> pending.Pending | None:
        if self.db is None:
            name = self.log_path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
            self.db = sqlite3.connect(f"file:{name}?mode=rw", uri=True, isolation_level=None, timeout=5)
        return pending.episode(self.db, self.uid)

    def _close(self) -> None:
        db, self.db = self.db, None
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass

    def _read_config(self, now: float) -> None:
        """(Re)read [notifications] when config.toml changed; find which notifiers work here, every minute."""
        try:
            stat = os.stat(self.config_path)
            stamp: tuple[float, int] | None = (stat.st_mtime, stat.st_size)
        except OSError:
            stamp = None
        if self.settings is None or stamp != self._config_stamp:
            from cooldown.notify import build
            from cooldown.notify.config import read_notifications

            self._config_stamp = stamp
            self.settings = read_notifications(self.config_path)
            from cooldown.clock_style import clock_style_for, read_clock_setting
            from cooldown.core.instant import use_clock_style

            use_clock_style(clock_style_for(read_clock_setting(os.fspath(self.config_path))))
            self.notifiers = build(self.settings)
            self.desktop = next((notifier for notifier in self.notifiers if notifier.name == "desktop"), None)
            self._checked_at = None
        if (
            self._checked_at is None or not 0 <= now - self._checked_at < RECHECK_NOTIFIERS_SECONDS
        ):  # or the clock went back
            self._checked_at = now
            self.working = [notifier for notifier in self.notifiers if _works(notifier)]


def _works(notifier: object) -> bool:
    unavailable = getattr(notifier, "unavailable", None)
    try:
        return unavailable is None or unavailable() is None
    except Exception:  # noqa: BLE001 - a notifier that can't even say is taken for one that can't work
        return False


def _why_not(notifier: object) -> str:
    unavailable = getattr(notifier, "unavailable", None)
    try:
        reason = unavailable() if unavailable is not None else None
    except Exception:  # noqa: BLE001
        reason = None
    return f"{getattr(notifier, 'name', 'a notifier')}: {reason or 'unavailable'}"
