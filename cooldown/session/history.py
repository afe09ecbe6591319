"""The history: every read and write of past episodes goes through here.

Storage errors are caught once, in the logbook, and reported; callers get an
empty answer or None and show what they can. Paging through a long list is a
cursor (`Pages`), so a widget showing the list never touches the log.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cooldown.core.stats import PERIODS, DayTally, Summary, period_start, summarize
from cooldown.paths import PRIVATE_FILE, ensure_private_dir, review_seen_file
from cooldown.store.episodes import EpisodeChanged, Filter, StoreError
from cooldown.store.faults import LogSetAside
from cooldown.store.tallies import summary as read_summary

if TYPE_CHECKING:  # the episode model (pydantic), the look back and the running stage load when first used
    from cooldown.clock import Clock
    from cooldown.core.episode import Episode
    from cooldown.core.review import WeekReview
    from cooldown.session.logbook import Logbook

PAGE = 100
"""Episodes fetched at a time."""


OUTCOME_CHOICES: tuple[tuple[str, str | None, bool], ...] = (
    ("all outcomes", None, False),
    ("sidesteps", "sidestep", False),
    ("fights", "fight", False),
    ("unfinished", None, True),
)
"""What `f` steps through: its words, the `Outcome` value listed (None for any) and whether only unfinished ones."""


@dataclass
class Listing:
    """Which episodes the list shows (`f` the outcome, `p` the period, `s` the order), and the line saying so."""

    outcome: int = 0
    """An index into `OUTCOME_CHOICES`."""
    period: int = 0
    """An index into `core.stats.PERIODS`."""
    oldest_first: bool = False

    def next_outcome(self) -> None:
        self.outcome = (self.outcome + 1) % len(OUTCOME_CHOICES)

    def next_period(self) -> None:
        self.period = (self.period + 1) % len(PERIODS)

    def flip_order(self) -> None:
        self.oldest_first = not self.oldest_first

    def where(self, now: datetime) -> Filter:
        """The filter for the choices as they stand, the period counted back from `now`."""
        from cooldown.core.episode import Outcome

        _, outcome, unfinished = OUTCOME_CHOICES[self.outcome]
        since = period_start(PERIODS[self.period], now)
        return Filter(outcome=None if outcome is None else Outcome(outcome), unfinished=unfinished, since=since)

    def line(self, count: int) -> str:
        """'12 episodes · f sidesteps · p this month · s newest first · Enter opens one': each key beside its choice."""
        choices = f"f {OUTCOME_CHOICES[self.outcome][0]} · p {PERIODS[self.period]}"
        if count == 0:
            return f"No episodes · {choices}"
        order = "oldest first" if self.oldest_first else "newest first"
        return f"{count:,} episode{'s' if count != 1 else ''} · {choices} · s {order} · Enter opens one"


@dataclass(frozen=True)
class ChangedElsewhere:
    """An edit that was not written: another window changed the episode since it was read."""

    stored: Episode
    """The episode as it is now."""


class Pages:
    """The matching episodes, a page at a time, newest (or oldest) first."""

    def __init__(self, history: History, where: Filter, *, oldest_first: bool) -> None:
        self._history = history
        self.where = where
        self.oldest_first = oldest_first
        self._last: Episode | None = None
        self.exhausted = history.logbook.log is None
        """True once every matching episode has been handed out (or nothing can be read)."""

    def next(self) -> list[Episode]:
        """The next page; empty once exhausted or if the log can't be read."""
        if self.exhausted:
            return []
        after, oldest_first = self._last, self.oldest_first
        page = self._history.logbook.read(
            lambda log: log.page(self.where, after=after, limit=PAGE, oldest_first=oldest_first), None
        )
        if page is None:
            self.exhausted = True
            return []
        self.exhausted = len(page) < PAGE
        if page:
            self._last = page[-1]
        return page


class History:
    """Past episodes: the summary, the list, edits, deletions and episodes logged afterwards."""

    def __init__(self, logbook: Logbook, clock: Clock) -> None:
        self.logbook = logbook
        self.clock = clock

    @property
    def changes(self) -> tuple[int, int]:
        """Moves whenever anything is written, here or by another process; a view reloads when it has moved."""
        return self.logbook.changes, self.logbook.read(lambda log: log.data_version(), 0)

    @property
    def problem(self) -> StoreError | None:
        return self.logbook.problem

    @property
    def problem_words(self) -> str | None:
        """The storage problem (or a damaged log moved aside) in the history's words, or None: what is wrong,
        where the log (or the damaged one) is, and what to do. The protocol has its own (`ProtocolRun.problem`)."""
        error = self.problem
        if error is None:
            return None
        if isinstance(error, LogSetAside):
            return f"{error} What is shown here is the new log, from then on. Keep that file if you want them back."
        advice = f" {error.advice}." if error.advice else ""
        return f"The log at {error.path} can't be used ({error.reason}).{advice}"

    def today(self) -> date:
        return self.clock().date()

    def summary(self) -> tuple[Summary, list[DayTally]] | None:
        """The figures for today and the day tallies behind them; None if the log can't be read."""
        today = self.today()
        if self.logbook.log is None and self.logbook.problem is None:
            return summarize([], first_day=None, today=today), []
        return self.logbook.read(lambda log: read_summary(log, today), None)

    def review(self, weeks_back: int = 0) -> WeekReview | None:
        """The look back over seven local days (`weeks_back` weeks before the last seven); None if unreadable."""
        from cooldown.core.review import bounds, window
        from cooldown.core.review import review as look_back

        now = self.clock()
        zone = now.tzinfo
        assert zone is not None, "the clock gives aware times"
        first, last = window(now.date(), weeks_back)
        since, until = bounds(first, last, zone)
        if self.logbook.log is None and self.logbook.problem is None:
            found: list[Episode] | None = []  # nothing recorded yet
        else:
            found = self.logbook.read(lambda log: list(log.episodes(Filter(since=since, until=until))), None)
        if found is None:
            return None
        return look_back(found, today=now.date(), zone=zone, weeks_back=weeks_back)

    @property
    def review_seen_path(self) -> Path:
        """Where the day the look back was last opened is kept: beside the log."""
        return review_seen_file(self.logbook.path)

    def review_seen(self) -> date | None:
        """The day the look back was last opened; None if never (or the file can't be read)."""
        try:
            return date.fromisoformat(self.review_seen_path.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            return None

    def mark_review_seen(self) -> bool:
        """Keep today as the day the look back was opened; False if it could not be written (never raised)."""
        path = self.review_seen_path
        try:
            ensure_private_dir(path.parent)
            _write_private(path, f"{self.today().isoformat()}\n")
        except OSError:
            return False
        return True

    def review_due(self) -> bool:
        """Whether to mention the look back: a week since it was last opened, or never opened and a week to see."""
        from cooldown.core.review import bounds, review_due, window

        now = self.clock()
        today = now.date()
        last_seen = self.review_seen()
        if last_seen is not None:
            return review_due(last_seen, today, week_of_history=True)
        assert now.tzinfo is not None
        window_start, _ = bounds(*window(today), now.tzinfo)
        return review_due(None, today, week_of_history=self.count(Filter(until=window_start)) > 0)

    def running(self) -> Episode | None:
        """The cool-down still open (as the protocol would resume it), or None; only reads."""
        from cooldown.session.status import running

        now = self.clock()
        return self.logbook.read(lambda log: running(log, now), None)

    def topics(self) -> tuple[str, ...]:
        """Topics of earlier episodes, the most recent first (suggestions when one is changed)."""
        return self.logbook.read(lambda log: log.topics(), ())

    def pages(self, where: Filter = Filter(), *, oldest_first: bool = False) -> Pages:
        return Pages(self, where, oldest_first=oldest_first)

    def count(self, where: Filter = Filter()) -> int:
        return self.logbook.read(lambda log: log.count(where), 0)

    def episodes(self, where: Filter = Filter()) -> Iterator[Episode]:
        """Every matching episode, oldest first, streamed. Raises StoreError (for the export to report)."""
        if self.logbook.log is None:
            if self.logbook.problem is not None:
                raise self.logbook.problem
            return iter(())
        return self.logbook.log.episodes(where)

    def exported(self, where: Filter = Filter()) -> Iterator[dict[str, Any]]:
        """`episodes` as an export writes them (the same values, without building models). Raises StoreError."""
        if self.logbook.log is None:
            if self.logbook.problem is not None:
                raise self.logbook.problem
            return iter(())
        return self.logbook.log.exported(where)

    def store(self, episode: Episode, *, expected: Episode | None = None) -> Episode | ChangedElsewhere | None:
        """Save an edited or newly logged episode.

        Returns it as saved; `ChangedElsewhere` if another window changed it since
        `expected` was read (then nothing is written); None if it could not be written.
        """
        log = self.logbook.log
        if log is None:
            self.logbook.report(self.logbook.missing())
            return None
        try:
            saved = log.save(episode, expected=expected)
        except EpisodeChanged as changed:
            return ChangedElsewhere(changed.stored)
        except StoreError as error:
            self.logbook.report(error)
            return None
        return self.logbook.written(saved)

    def log_afterwards(self, episode: Episode) -> Episode | None:
        """Record a fight or sidestep that happened without the protocol."""
        saved = self.store(episode)
        return None if saved is None or isinstance(saved, ChangedElsewhere) else saved

    def delete(self, episode_id: int) -> bool:
        """Delete an episode for good; False if it could not be done."""
        return self.logbook.delete(episode_id)

    def add_new(self, episodes: Iterable[Episode]) -> int | None:
        """Add every episode not in the log yet, all or nothing; how many were added, None on failure."""
        return self.logbook.write(lambda log: log.add_new(episodes))


def _write_private(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file beside it, readable by the user only: never half a file."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, PRIVATE_FILE)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
