"""The episode log as the session layer holds it: opened once, every storage problem caught here.

The protocol and the history both go through one `Logbook`. A problem (the file
can't be opened, a write fails) is kept and handed to whoever listens, once; the
caller then carries on without the log, so the person mid-argument still gets
the script and the timer. A problem lasts only until a write goes through again
(the disk had room again, the folder was made writable): while it lasts, each
write first tries to open the log afresh.

A log found damaged on opening is never deleted or written over: it is moved
aside, whole, to a dated name beside it (see `store.faults.set_aside`) and a new
log starts; `set_aside` then tells where it went, for as long as the logbook is open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Self, TypeVar

from cooldown.clock import Clock, system_clock
from cooldown.store.episodes import EpisodeLog, StoreError
from cooldown.store.faults import DamagedLog, LogSetAside, plain_reason, set_aside

if TYPE_CHECKING:
    from cooldown.core.episode import Episode

T = TypeVar("T")
Listener = Callable[[StoreError], None]
Watcher = Callable[["Episode"], None]
Forgetter = Callable[[int], None]


class Logbook:
    """The open log (or None), the storage problem as it stands, and how many writes were made."""

    def __init__(
        self, path: Path, *, create: bool = True, listener: Listener | None = None, clock: Clock = system_clock
    ) -> None:
        self.path = path
        self.failure: StoreError | None = None
        """The storage problem met since the last write that went through (None while all is well)."""
        self.set_aside: LogSetAside | None = None
        """A damaged log found on opening and moved aside (where it went), kept while this logbook is open."""
        self.changes = 0
        """How many writes went through here; readers reload when it moves."""
        self._create = create
        self._clock = clock
        self._listener = listener
        self._watchers: list[Watcher] = []
        self._forgetters: list[Forgetter] = []
        self._log: EpisodeLog | None = None
        if not create and not path.exists():
            return  # nothing recorded yet: reads find nothing, and nothing is created
        self._open()

    def _open(self) -> None:
        """Open the log; a damaged one (only where the logbook may create one) is moved aside first."""
        try:
            self._log = EpisodeLog(self.path)
        except DamagedLog as damaged:
            if not self._create:
                self.report(damaged)  # a reader changes nothing: it says what is wrong and what will happen
                return
            try:
                moved_to = set_aside(self.path, self._clock(), damaged.identity)
            except OSError as error:
                self.report(
                    StoreError(
                        self.path,
                        f"{damaged.reason} and can't be moved aside ({plain_reason(error)})",
                        "It is left exactly as it is. Make its folder writable, then start cooldown again",
                    )
                )
                return
            self.set_aside = LogSetAside(self.path, moved_to, damaged.cause)
            try:
                self._log = EpisodeLog(self.path)
            except StoreError as error:
                self.report(error)
        except StoreError as error:
            self.report(error)

    @property
    def log(self) -> EpisodeLog | None:
        """The open log, or None; while it could not be opened, asking tries again (the folder may be writable now)."""
        if self._log is None and self.failure is not None and self._create:
            self._open()
        return self._log

    @property
    def problem(self) -> StoreError | None:
        """What to tell the person about the log now: the storage problem, else a damaged log moved aside."""
        return self.failure or self.set_aside

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def listen(self, listener: Listener) -> None:
        """Hand storage problems to `listener`, including one already met (or a damaged log moved aside)."""
        self._listener = listener
        if self.problem is not None:
            listener(self.problem)

    def watch(self, watcher: Watcher) -> None:
        """Call `watcher` with every episode written through this logbook."""
        self._watchers.append(watcher)

    def watch_deletes(self, forgetter: Forgetter) -> None:
        """Call `forgetter` with the id of every episode deleted through this logbook."""
        self._forgetters.append(forgetter)

    @property
    def saving(self) -> bool:
        """False while the log is failing: what happens now may not survive a restart."""
        return self._log is not None and self.failure is None

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
        """`change(log)`, counted as a write; None if there is no log or it fails (the problem is reported).

        A write that goes through ends the problem met before it."""
        log = self.log
        if log is None:
            self.report(self.missing())
            return None
        try:
            result = change(log)
        except StoreError as error:
            self.report(error)
            return None
        self.failure = None
        self.changes += 1
        return result

    def written(self, episode: Episode) -> Episode:
        """Count a write (which ends the problem met before it) and tell the watchers; returns `episode`."""
        self.failure = None
        self.changes += 1
        for watcher in self._watchers:
            watcher(episode)
        return episode

    def delete(self, episode_id: int) -> bool:
        """Delete an episode for good; False if it could not be done, or was not there.

        Once it is gone (here, or already by another window), those watching deletes are told."""
        deleted = self.write(lambda log: log.delete(episode_id))
        if deleted is None:
            return False
        for forgetter in self._forgetters:
            forgetter(episode_id)
        return deleted

    def report(self, error: StoreError) -> None:
        """Keep the problem as it stands now; hand it on when it begins (once, until a write goes through)."""
        beginning = self.failure is None
        self.failure = error
        if beginning and self._listener is not None:
            self._listener(error)

    def missing(self) -> StoreError:
        """The problem to report when a write finds no log open."""
        return self.failure or StoreError(self.path, "the log is not open")

    def close(self) -> None:
        if self._log is not None:
            self._log.close()


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
