"""One run of the protocol: the episode in hand, kept in step with the log.

Screens call these methods when the person confirms something. Each applies a
step from the core and writes the result to the log straight away. If the log
cannot be written the protocol goes on in memory and the problem is reported
once, with the file's path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from cooldown.clock import Clock
from cooldown.core.episode import Episode, Outcome, Status
from cooldown.core.settings import Settings
from cooldown.core.stats import month_start, outcome_summary
from cooldown.store.episodes import EpisodeChanged, EpisodeLog, StoreError

Reporter = Callable[[str], None]
Follower = Callable[[Episode], None]

STALE_STATEMENTS = timedelta(hours=1)
"""Statements left this long ago are abandoned; newer ones may belong to another window."""
RESUME_WINDOW = timedelta(hours=48)
"""Only cool-downs started this recently are resumed (an old one is left in the history)."""



class Flow:
    """The protocol's state for one launch of the app."""

    def __init__(self, log_path: Path, settings: Settings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock
        self.log_path = log_path
        self.episode: Episode | None = None
        self.problem: str | None = None
        """The first storage problem, kept until the app can show it."""
        self._reporter: Reporter | None = None
        self._follower: Follower | None = None
        self._saved: Episode | None = None
        """The episode as last read from or written to the log."""
        self._log: EpisodeLog | None = None
        self.changes = 0
        """How many writes this launch has made; the history reloads when it moves."""
        try:
            self._log = EpisodeLog(log_path)
        except StoreError as error:
            self.report(error)

    def report_to(self, reporter: Reporter) -> None:
        """Send storage problems to `reporter` (shown once), including one already met."""
        self._reporter = reporter
        if self.problem is not None:
            reporter(self.problem)

    def follow_with(self, follower: Follower) -> None:
        """Call `follower` when another window has moved the episode on."""
        self._follower = follower

    def close(self) -> None:
        if self._log is not None:
            self._log.close()

    def resume(self) -> Episode | None:
        """Pick up a cool-down left running by an earlier launch, if there is one."""
        if self._log is None:
            return None
        now = self.clock()
        try:
            self._log.abandon_unfinished(before=now - STALE_STATEMENTS)
            self.episode = self._saved = self._log.open_episode(since=now - RESUME_WINDOW)
        except StoreError as error:
            self.report(error)
        return self.episode

    # The words to say, in the person's own wording.

    def statement(self, number: int, *, activity: str | None = None, time: str | None = None) -> str:
        partner = self.settings.partner_name
        return self.settings.statements.statement(number, activity=activity, time=time, partner=partner)

    def script(self, activity: str, time: str) -> list[str]:
        return self.settings.statements.script(activity, time, self.settings.partner_name)

    def activity_line(self, activity: str) -> str:
        return self.settings.statements.activity_line(activity, self.settings.partner_name)

    # Steps of the protocol, in order.

    def say(self, statement: int, anger: int | None = None) -> Episode:
        """Statement 1 or 2 has been said (with statement 1, the optional anger rating)."""
        if self.episode is None or self.episode.status in (Status.DONE, Status.ABANDONED):
            return self._keep(Episode.begin(self.clock(), anger))
        episode = self.episode.reach(statement)
        if statement == 1:
            episode = episode.rate_anger(anger)
        return self._keep(episode)

    def choose_activity(self, activity: str) -> Episode:
        return self._keep(self._current().choose_activity(activity))

    def agree_return(self, return_at: datetime) -> Episode:
        return self._keep(self._current().agree_return(return_at, self.clock()))

    def reconsider(self) -> Episode:
        """Back from the script to statement 4: the return time is open again."""
        return self._keep(self._current().reconsider())

    def reschedule(self, return_at: datetime) -> Episode:
        return self._keep(self._current().reschedule(return_at))

    def come_back(self) -> Episode:
        return self._keep(self._current().come_back(self.clock()))

    def keep_cooling(self) -> Episode:
        """Undo coming back: the cool-down runs on to its return time."""
        return self._keep(self._current().keep_cooling())

    def record_outcome(self, outcome: Outcome) -> Episode:
        episode = self._current()
        if episode.returned_at is None:
            episode = episode.come_back(self.clock())
        return self._keep(episode.record_outcome(outcome))

    def reflect(self, anger_after: int | None, note: str) -> Episode:
        return self._keep(self._current().reflect(anger_after, note))

    def abandon(self) -> None:
        """Leaving during the statements: keep what was said, marked abandoned."""
        if self.episode is not None and self.episode.status is Status.STATEMENTS:
            self._keep(self.episode.abandon())

    # The history: episodes other than the one in hand.

    @property
    def saving(self) -> bool:
        """False once the log has failed: nothing may survive a restart."""
        return self._log is not None and self.problem is None

    @property
    def log(self) -> EpisodeLog | None:
        """The open log, or None if it could not be opened."""
        return self._log

    def store(self, episode: Episode, *, expected: Episode | None = None) -> Episode | None:
        """Save an edited or newly logged episode.

        Returns it as saved; None if it could not be written, or if another
        window changed it since `expected` was read (then nothing is written).
        """
        if self._log is None:
            self.report(StoreError(self.log_path, "the log is not open"))
            return None
        try:
            saved = self._log.save(episode, expected=expected)
        except EpisodeChanged:
            return None
        except StoreError as error:
            self.report(error)
            return None
        self.changes += 1
        if self.episode is not None and self.episode.id == saved.id:
            self.episode = self._saved = saved
        return saved

    def delete(self, episode_id: int) -> bool:
        """Delete an episode for good; False if it could not be done."""
        if self._log is None:
            return False
        try:
            deleted = self._log.delete(episode_id)
        except StoreError as error:
            self.report(error)
            return False
        self.changes += 1
        return deleted

    def month_summary(self) -> str | None:
        """'3 sidesteps, 1 fight this month', or None if the log cannot be read."""
        if self._log is None:
            return None
        try:
            counts = self._log.outcome_counts(since=month_start(self.clock()))
        except StoreError as error:
            self.report(error)
            return None
        return outcome_summary(counts)

    def _current(self) -> Episode:
        if self.episode is None:
            raise RuntimeError("no episode is under way")
        return self.episode

    def _keep(self, episode: Episode) -> Episode:
        """Hold `episode` and write it to the log, unless another window moved it on."""
        self.episode = episode
        if self._log is not None:
            try:
                self.episode = self._saved = self._save(episode)
                self.changes += 1
            except EpisodeChanged as changed:
                self.episode = self._saved = changed.stored
                if self._follower is not None:
                    self._follower(changed.stored)
            except StoreError as error:
                self.report(error)
        return self.episode

    def _save(self, episode: Episode) -> Episode:
        assert self._log is not None
        try:
            return self._log.save(episode, expected=self._saved)
        except EpisodeChanged as changed:
            if changed.stored.status is not Status.ABANDONED or episode.status is not Status.STATEMENTS:
                raise
            # Another window, launched much later, took these statements for abandoned: they are not.
            return self._log.save(episode, expected=changed.stored)

    def report(self, error: StoreError) -> None:
        """Keep the first storage problem and show it (once)."""
        if self.problem is not None:
            return
        self.problem = (
            f"Not saved: the log at {error.path} can't be used ({error.reason}). "
            "The statements and the timer still work."
        )
        if self._reporter is not None:
            self._reporter(self.problem)
