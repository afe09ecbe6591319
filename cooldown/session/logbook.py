"""The episode log as the session layer holds it: opened once, every storage problem caught here.

The protocol and the history both go through one `Logbook`. A problem (the file
can't be opened, a write fails) is kept and handed to whoever listens, once; the
caller then carries on without the log, so the person mid-argument still gets
the script and the timer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Self, TypeVar

from cooldown.core.episode import Episode
from cooldown.store.episodes import EpisodeLog, StoreError

T = TypeVar("T")
Listener = Callable[[StoreError], None]
Watcher = Callable[[Episode], None]


class Logbook:
    """The open log (or None), the first problem met, and how many writes were made."""

    def __init__(self, path: Path, *, create: bool = True, listener: Listener | None = None) -> None:
        self.path = path
        self.problem: StoreError | None = None
        """The first storage problem, kept for as long as this logbook is open."""
        self.changes = 0
        """How many writes went through here; readers reload when it moves."""
        self._listener = listener
        self._watchers: list[Watcher] = []
        self.log: EpisodeLog | None = None
        if not create and not path.exists():
            return  # nothing recorded yet: reads find nothing, and nothing is created
        try:
            self.log = EpisodeLog(path)
        except StoreError as error:
            self.report(error)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def listen(self, listener: Listener) -> None:
        """Hand storage problems to `listener`, including one already met."""
        self._listener = listener
        if self.problem is not None:
            listener(self.problem)

    def watch(self, watcher: Watcher) -> None:
        """Call `watcher` with every episode written through this logbook."""
        self._watchers.append(watcher)

    @property
    def saving(self) -> bool:
        """False once the log has failed: what happens now may not survive a restart."""
        return self.log is not None and self.problem is None

    def read(self, query: Callable[[EpisodeLog], T], default: T) -> T:
        """`query(log)`, or `default` if there is no log or it fails (the problem is reported)."""
        if self.log is None:
            return default
        try:
            return query(self.log)
        except StoreError as error:
            self.report(error)
            return default

    def write(self, change: Callable[[EpisodeLog], T]) -> T | None:
        """`change(log)`, counted as a write; None if there is no log or it fails (the problem is reported)."""
        if self.log is None:
            self.report(self.missing())
            return None
        try:
            result = change(self.log)
        except StoreError as error:
            self.report(error)
            return None
        self.changes += 1
        return result

    def written(self, episode: Episode) -> Episode:
        """Count a write and tell the watchers; returns `episode`."""
        self.changes += 1
        for watcher in self._watchers:
            watcher(episode)
        return episode

    def report(self, error: StoreError) -> None:
        """Keep the first problem and hand it on (once)."""
        if self.problem is not None:
            return
        self.problem = error
        if self._listener is not None:
            self._listener(error)

    def missing(self) -> StoreError:
        """The problem to report when a write finds no log open."""
        return self.problem or StoreError(self.path, "the log is not open")

    def close(self) -> None:
        if self.log is not None:
            self.log.close()


Key = tuple[str, float, str]
"""(episode uid, due time in epoch seconds, channel)."""


class LogClaims:
    """Alerts sent, kept in the log through a logbook; while the log can't be used, in memory."""

    def __init__(self, logbook: Logbook) -> None:
        from cooldown.session.notifiers import InMemory

        self.logbook = logbook
        self._memory = InMemory()

    def sent(self, key: Key) -> tuple[int, float | None]:
        if not self.logbook.saving or self.logbook.log is None:
            return self._memory.sent(key)
        return self.logbook.read(lambda log: log.alerts_sent(*key), self._memory.sent(key))

    def claim(self, key: Key, number: int, now_ts: float) -> bool:
        log = self.logbook.log
        if not self.logbook.saving or log is None:
            return self._memory.claim(key, number, now_ts)
        uid, due_ts, channel = key
        try:
            return log.claim_alert(uid, due_ts, number, now_ts, channel)
        except StoreError as error:  # the log failed just now: from here on this process counts alone
            self.logbook.report(error)
            self._memory.counts[key] = (number, now_ts)
            return True
