"""One run of the protocol: the episode in hand, kept in step with the log.

Screens call these methods when the person confirms something. Each applies a
step from the core and writes the result to the log straight away. If the log
cannot be written the protocol goes on in memory and the problem is reported
once (through the logbook), with the file's path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from cooldown.clock import Clock
from cooldown.core.checkins import per_minute
from cooldown.core.cues import Cue
from cooldown.core.episode import Episode, Outcome, Status
from cooldown.core.settings import Settings
from cooldown.core.stats import month_start, outcome_summary
from cooldown.session.logbook import Logbook
from cooldown.session.preferences import Preferences
from cooldown.session.status import CARRY_ON_WITHIN, CoolDownStatus, leaving_words, running, status_of
from cooldown.store.episodes import EpisodeChanged, EpisodeLog, StoreError

Follower = Callable[[Episode], None]

OVER = (Status.DONE, Status.ABANDONED)
"""An episode in one of these statuses is finished: the next statement 1 starts a new one."""


class ProtocolRun:
    """The protocol's state for one launch of the app."""

    def __init__(self, logbook: Logbook, preferences: Preferences, clock: Clock) -> None:
        self.logbook = logbook
        self.preferences = preferences
        self.clock = clock
        self.episode: Episode | None = None
        self._saved: Episode | None = None
        """The episode as last read from or written to the log."""
        self._follower: Follower | None = None
        self._usual_minutes: int | None = None
        """The chosen activity's usual length, as the person chose it."""
        self.carried_on = False
        """True while the episode in hand is statements an earlier launch left half done (see `resume`);
        saying statement 1 again then starts afresh."""
        self.overtaken = False
        """True when the last step was not written because another window had moved the episode on
        (the episode in hand is then the stored one, and the follower has been told)."""
        logbook.watch(self._written)
        logbook.watch_deletes(self._deleted)

    @property
    def settings(self) -> Settings:
        """The settings as they stand (held once, by the preferences)."""
        return self.preferences.settings

    @property
    def saving(self) -> bool:
        return self.logbook.saving

    @property
    def problem(self) -> str | None:
        """The storage problem (or a damaged log moved aside) in the protocol's words, or None."""
        error = self.logbook.failure
        if error is not None:
            advice = f" {error.advice}." if error.advice else ""
            return (
                f"Not saved: the log at {error.path} can't be used ({error.reason}).{advice} "
                "The statements and the timer still work."
            )
        if self.logbook.set_aside is not None:
            return f"{self.logbook.set_aside} The statements and the timer work as usual."
        return None

    def follow_with(self, follower: Follower) -> None:
        """Call `follower` when another window has moved the episode on."""
        self._follower = follower

    def refresh(self) -> bool:
        """Read the episode in hand again; if it was changed elsewhere (another window, `cooldown back`),
        hold the stored one and tell the follower. True if it had changed."""
        episode = self.episode
        if episode is None or episode.id is None or not self.saving:
            return False
        stored = self.logbook.read(lambda log: log.get(episode.id), None)
        if stored is None or stored == self._saved:
            return False
        self.episode = self._saved = stored
        if self._follower is not None:
            self._follower(stored)
        return True

    @property
    def over(self) -> bool:
        """True when there is no episode in hand, or it is finished."""
        return self.episode is None or self.episode.status in OVER

    # Starting

    def resume(self) -> Episode | None:
        """Pick up what an earlier launch left: a cool-down still running, or statements whose last step
        was confirmed within `CARRY_ON_WITHIN` (the newer of the two). Only reads."""
        now = self.clock()
        found = self.logbook.read(lambda log: _newest(running(log, now), _left_statements(log, now)), None)
        if found is not None:
            self.episode = self._saved = found
            self.carried_on = found.status is Status.STATEMENTS
        return found

    def abandon_stale_statements(self) -> None:
        """Statements left more than `CARRY_ON_WITHIN` ago are marked abandoned (on starting the protocol).

        Newer ones are carried on by `resume` (another open window may also be in the middle of them).
        """
        before = self.clock() - CARRY_ON_WITHIN
        if self.logbook.log is not None:
            self.logbook.write(lambda log: log.abandon_unfinished(before=before))

    def begin_afresh_abandoning_stale(self) -> None:
        """A new run starts at statement 1, with no episode in hand; stale statements are abandoned."""
        self.episode = self._saved = None
        self._usual_minutes = None
        self.carried_on = False
        self.abandon_stale_statements()

    # The words to say, in the person's own wording.

    def statement(self, number: int, *, activity: str | None = None, time: str | None = None) -> str:
        partner = self.settings.partner_name
        return self.settings.statements.statement(number, activity=activity, time=time, partner=partner)

    def script(self, activity: str, time: str) -> list[str]:
        return self.settings.statements.script(activity, time, self.settings.partner_name)

    def activity_line(self, activity: str) -> str:
        return self.settings.statements.activity_line(activity, self.settings.partner_name)

    def usual_minutes(self) -> int:
        """The usual length of the chosen activity (the default length for one typed in)."""
        if self._usual_minutes is not None:
            return self._usual_minutes
        chosen = self.episode.activity if self.episode is not None else None
        for activity in self.settings.activities:
            if activity.name == chosen:
                return activity.minutes
        return self.settings.cooldown.default_minutes

    # Where it stands

    def status(self) -> CoolDownStatus | None:
        """The cool-down in hand as it stands now, if a return time is agreed."""
        return status_of(self.episode, self.clock())

    def leaving_words(self, away: Callable[[str], str] | None = None) -> str:
        """What happens to a cool-down in progress when the app closes now (and, with `away`, what alerts)."""
        return leaving_words(self.episode, self.clock(), saving=self.saving, away=away)

    def month_summary(self) -> str | None:
        """'3 sidesteps, 1 fight this month', or None if the log cannot be read."""
        since = month_start(self.clock())
        counts = self.logbook.read(lambda log: log.outcome_counts(since=since), None)
        return None if counts is None else outcome_summary(counts)

    # Steps of the protocol, in order.

    def say(self, statement: int, anger: int | None = None) -> Episode:
        """Statement 1 or 2 has been said (with statement 1, the optional anger rating).

        Statement 1 said again over statements carried on from an earlier launch starts afresh: the
        earlier ones are marked abandoned."""
        if statement == 1 and self.carried_on:
            self.carried_on = False
            self.abandon()
        if self.over:
            return self._keep(Episode.begin(self.clock(), anger))
        episode = self._current().reach(statement)
        if statement == 1:
            episode = episode.rate_anger(anger)
        return self._keep(episode)

    def choose_activity(self, activity: str, minutes: int | None = None) -> Episode:
        """Statement 3: what they will do, and (if known) for how long it usually takes."""
        self._usual_minutes = minutes
        return self._keep(self._current().choose_activity(activity))

    def agree_return(self, return_at: datetime) -> Episode:
        return self._keep(self._current().agree_return(return_at, self.clock()))

    def reconsider(self) -> Episode:
        """Back from the script to statement 4: the return time is open again."""
        return self._keep(self._current().reconsider())

    def reschedule(self, return_at: datetime) -> Episode:
        """More time: a later return time, kept with when it was asked."""
        return self._keep(self._current().reschedule(return_at, self.clock()))

    def put_off_talk(self, talk_at: datetime) -> Episode:
        """Back, but not now: the talk is agreed for `talk_at`."""
        return self._keep(self._current().put_off_talk(talk_at))

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

    # Check-ins during the cool-down: optional, never in the way

    def rate_anger_now(self, value: int) -> Episode:
        """'How angry are you now?' during the cool-down, kept with its time."""
        return self._keep(self._current().rate_anger_during(value, self.clock()))

    def count_pulse(self, beats: int) -> tuple[int, bool]:
        """A pulse counted by hand for 15 seconds: kept as beats a minute. Returns (bpm, still flooded)."""
        bpm = per_minute(beats)
        self._keep(self._current().count_pulse(bpm, self.clock()))
        return bpm, bpm > self.settings.pulse.flooded_above

    def breathed(self, seconds: int) -> None:
        """The breathing guide was on screen for `seconds` more."""
        if seconds > 0 and self.episode is not None:
            self._keep(self.episode.breathe(seconds))

    def reflect(self, anger_after: int | None, note: str) -> Episode:
        return self._keep(self._current().reflect(anger_after, note))

    def notice(self, topic: str, cues: tuple[Cue, ...]) -> Episode:
        """What set it off and the first signs noticed (asked after the outcome; nothing is written if both are empty)."""
        episode = self._current()
        if not topic.strip() and not cues and not episode.topic and not episode.cues:
            return episode
        earlier = {known.casefold(): known for known in reversed(self.topics())}
        topic = earlier.get(topic.strip().casefold(), topic)  # "Money" after "money" is the same topic
        return self._keep(episode.notice(topic, cues))

    def topics(self) -> tuple[str, ...]:
        """Topics of earlier episodes, the most recent first: suggestions for what set this one off."""
        return self.logbook.read(lambda log: log.topics(), ())

    def abandon(self) -> None:
        """Leaving during the statements: keep what was said, marked abandoned."""
        if self.episode is not None and self.episode.status is Status.STATEMENTS:
            self._keep(self.episode.abandon())

    # Keeping in step with the log

    def _current(self) -> Episode:
        if self.episode is None:
            raise RuntimeError("no episode is under way")
        return self.episode

    def _keep(self, episode: Episode) -> Episode:
        """Hold `episode` and write it to the log, unless another window moved it on."""
        self.overtaken = False
        self.episode = episode
        log = self.logbook.log
        if log is None:
            return episode
        try:
            saved = self._save(log, episode)
        except EpisodeChanged as changed:
            self.episode = self._saved = changed.stored
            self.overtaken = True
            if self._follower is not None:
                self._follower(changed.stored)
            return changed.stored
        except StoreError as error:  # reported once; the protocol goes on in memory
            self.logbook.report(error)
            return episode
        self.episode = self._saved = saved
        self.logbook.written(saved)
        return saved

    def _save(self, log: EpisodeLog, episode: Episode) -> Episode:
        try:
            return log.save(episode, expected=self._saved, touched=self.clock())
        except EpisodeChanged as changed:
            if not self._only_taken_for_abandoned(changed.stored):
                raise
            # Another window, launched much later, took these statements for abandoned: they are not.
            return log.save(episode, expected=changed.stored, touched=self.clock())

    def _only_taken_for_abandoned(self, stored: Episode) -> bool:
        """True if the one change made elsewhere is marking the statements in hand abandoned."""
        saved = self._saved
        if saved is None or saved.status is not Status.STATEMENTS or stored.status is not Status.ABANDONED:
            return False
        return stored == saved.model_copy(update={"status": Status.ABANDONED})

    def _written(self, episode: Episode) -> None:
        """Any write of the episode in hand (here, or an edit from the history) is the one to hold."""
        if self.episode is not None and episode.id is not None and episode.id == self.episode.id:
            self.episode = self._saved = episode

    def _deleted(self, episode_id: int) -> None:
        """The episode in hand deleted (from the history) is dropped: no countdown, no alert, statement 1 next."""
        if self.episode is not None and self.episode.id == episode_id:
            self.episode = self._saved = None
            self._usual_minutes = None
            self.carried_on = False


def _left_statements(log: EpisodeLog, now: datetime) -> Episode | None:
    """The newest statements whose last step was confirmed within `CARRY_ON_WITHIN`."""
    return log.left_statements(since=now - CARRY_ON_WITHIN)


def _newest(*episodes: Episode | None) -> Episode | None:
    found = [episode for episode in episodes if episode is not None]
    return max(found, key=lambda episode: episode.started_at, default=None)
