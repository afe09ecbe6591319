"""The cool-down itself: time left, the activity, paced breathing, what helps now, check-ins, the alert."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center
from textual.widgets import Digits, ProgressBar, Static

from cooldown.core.checkins import pulse_words
from cooldown.core.guidance import line_at
from cooldown.core.instant import elapsed
from cooldown.core.plan import SAFETY
from cooldown.session.protocol import ProtocolRun
from cooldown.tui.alerts import OnScreenAlert
from cooldown.tui.screens.breakpoints import FitsHeight
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.breathing_guide import BreathingGuide
from cooldown.tui.widgets.statement_card import StatementCard

SAFETY_LINE = SAFETY
ASK_ANGER = "How angry are you now? 0 calm … 9 furious · Esc skips"
NOTED_FOR = timedelta(seconds=20)
"""How long a "noted" line stays under the guidance."""
PROGRESS_STEPS = 100
"""The progress bar's steps: a bar of 50 cells drawn in half cells."""
BREATHING_SAVED_EVERY = timedelta(minutes=1)
"""Breathing time is written down at least this often while the guide is shown."""
BREATHING_COUNTED_AT_MOST = 2 * BREATHING_SAVED_EVERY
"""The most breathing time one write counts (the rest of a longer gap was not spent breathing)."""

NOW_BINDINGS = [
    Binding(str(n), f"rate_now({n})", "Rate anger", show=False, tooltip="How angry are you now?", id=f"now-{n}")
    for n in range(10)
]


class CoolDownScreen(FitsHeight, StepScreen):
    """Counts down to the return time from the wall clock, so it never drifts, and helps the time pass well."""

    DEFAULT_CSS = """
    CoolDownScreen {
        #step-label { margin-bottom: 0; }
        #activity, #return-at, #guidance, #check-in {
            width: 100%;
            text-align: center;
        }
        #activity {
            color: $text-muted;
        }
        #time-left {
            width: auto;
            color: $accent;
            text-style: bold;
        }
        #progress {
            width: auto;
        }
        #progress Bar {
            width: 50;
        }
        BreathingGuide {
            margin-top: 1;
        }
        #guidance {
            margin-top: 1;
            height: auto;
        }
        #check-in {
            height: auto;
            margin-top: 1;
            color: $text-warning;
            text-style: bold;
        }
        #alert {
            border: round $warning;
        }
        #safety {
            width: 100%;
            height: auto;
            padding: 0 2;
            text-align: center;
            color: $text-muted;
            text-style: italic;
        }
        /* A short terminal: the return time in words ("Back at 19:30, in 25 min") stands for the big digits
           and the bar, so the alert and the guidance stay in view */
        &.-short {
            #time-left, #progress-row { display: none; }
            #alert { padding: 0 1; }
            BreathingGuide, #guidance, #check-in { margin-top: 0; }
        }
    }
    """

    step_label = "Cooling down"

    BINDINGS = [
        Binding("b", "back_now", "I'm back", tooltip="End the cool-down and say how it went", id="back-now"),
        Binding("m", "more_time", "More time", tooltip="Set a later return time", id="more-time"),
        Binding("p", "toggle_breathing", "Breathing", tooltip="Show or hide the breathing guide", id="breathing"),
        Binding("g", "next_line", "Next tip", tooltip="Another line of what helps right now", id="next-tip"),
        Binding("k", "pulse", "Pulse", show=False, tooltip="Count your pulse for 15 seconds", id="pulse"),
        Binding("a", "ask_anger", "Anger now", show=False, tooltip="Rate how angry you are now, 0-9", id="anger-now"),
        Binding("escape", "skip_question", "Skip", show=False, tooltip="Skip the question", id="skip-question"),
        Binding("question_mark", "keys", "Keys", key_display="?", tooltip="Every key of this screen", id="keys"),
        Binding("h", "app.history", "History", show=False, tooltip="Fights, sidesteps and what works", id="cd-history"),
        Binding("S", "app.settings", "Settings", show=False, tooltip="Activities, wording, limits", id="cd-settings"),
        *NOW_BINDINGS,
    ]

    def __init__(self, run: ProtocolRun, *, step: str, resumed: bool = False) -> None:
        super().__init__(run, step=step, resumed=resumed)
        self._due: bool | None = None
        """Whether the alert is on show (None before the first redraw)."""
        self._skipped = 0
        """Lines of guidance moved on with g."""
        self._asking = False
        """The anger question is on show: the number keys answer it."""
        self._asked = False
        """The halfway question came (answered or skipped): it is not asked again."""
        self._noted_until: datetime | None = None
        self._breathing_since: datetime | None = None
        """When the breathing guide came on screen (None while hidden)."""
        self._shown: dict[str, str] = {}
        """What each line shows now, so an unchanged line is never redrawn."""

    def compose_body(self) -> ComposeResult:
        status = self.run.status()
        start = status.start if status is not None else self.run.clock()
        yield Static("", id="activity", markup=False)
        with Center():
            yield Digits("", id="time-left")
        yield Static("", id="return-at", markup=False)
        with Center(id="progress-row"):
            yield ProgressBar(show_eta=False, show_percentage=False, id="progress")
        yield StatementCard("", id="alert")
        yield BreathingGuide(self.run.settings.breathing, start, self.run.clock, id="breathing-guide")
        yield Static("", id="guidance", markup=False)
        yield Static("", id="check-in", markup=False)

    def compose_bottom(self) -> ComposeResult:
        yield Static(SAFETY_LINE, id="safety", markup=False)

    def on_mount(self) -> None:
        self.query_one(BreathingGuide).show(self.run.settings.breathing.enabled)
        self.show_episode()
        self.set_interval(1, self.tick)

    def show_episode(self) -> None:
        """Show the episode afresh (on mount, back in front, after more time, after another window's change)."""
        episode = self.run.episode
        if episode is not None and episode.activity:
            self._update("#activity", self.run.activity_line(episode.activity))
        if self.query_one(BreathingGuide).display and self._breathing_since is None:
            self._breathing_since = self.run.clock()
        self.tick()

    def tick(self) -> None:
        """Redraw what changed, from the clock; the alert shows once the return time has come."""
        status = self.run.status()
        if status is None:
            return
        now = status.now
        self._update("#time-left", status.face)
        self._update("#return-at", status.return_line)
        done, total = status.progress
        self._show_progress(done, total)
        if status.due != self._due:
            self._set_due(status.due)
        if status.due:
            self._update("#alert", f"{status.alert_words}\nb  I'm back    ·    m  I need more time")
        lines = self.run.settings.guidance.for_activity(status.episode.activity)
        self._update("#guidance", line_at(lines, status.start, now, self._skipped))
        if status.halfway and not status.due and not self._asked and not status.rated_since_halfway:
            self._ask()
        if self._noted_until is not None and now >= self._noted_until:
            self._noted_until = None
            self._update("#check-in", "")
        if self._breathing_since is not None and elapsed(self._breathing_since, now) >= BREATHING_SAVED_EVERY:
            self._save_breathing()

    def _show_progress(self, done: float, total: float) -> None:
        """Move the bar only when it would look different (100 steps: its half cells)."""
        step = int(done / total * PROGRESS_STEPS)
        if self._shown.get("#progress") != str(step):
            self._shown["#progress"] = str(step)
            self.query_one(ProgressBar).update(total=PROGRESS_STEPS, progress=step)

    def _update(self, selector: str, text: str) -> None:
        """Show `text` in the line `selector`, if it is not what the line shows already."""
        if self._shown.get(selector) == text:
            return
        self._shown[selector] = text
        widget = self.query_one(selector)
        if isinstance(widget, Digits):
            widget.update(text)
        else:
            widget.update(text, layout=selector in ("#guidance", "#check-in", "#alert"))  # type: ignore[attr-defined]

    @on(OnScreenAlert.Arrived)
    def _alert_arrived(self, event: OnScreenAlert.Arrived) -> None:
        """The alarm went off: it shows here, in place of the progress bar."""
        event.stop()
        self.tick()

    def _set_due(self, due: bool) -> None:
        """Once it is time, the alert takes the progress bar's place (and back, after more time)."""
        self._due = due
        self.query_one("#alert").display = due
        self.query_one("#progress-row").display = not due
        self.query_one("#step-label", Static).update("Time to go back" if due else self.step_label)
        if due and self._asking:
            self.action_skip_question()

    # Keys

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("rate_now", "skip_question"):
            return self._asking
        return True

    def action_back_now(self) -> None:
        self._save_breathing()
        self.run.come_back()
        self.forward()

    def action_more_time(self) -> None:
        from cooldown.tui.dialogs.more_time import MoreTimeDialog

        def rescheduled(return_at: datetime | None) -> None:
            if return_at is not None:
                self.run.reschedule(return_at)
                self.show_episode()

        episode = self.run.episode
        assert episode is not None and episode.return_at is not None
        limits = self.run.settings.cooldown
        self.app.push_screen(MoreTimeDialog(episode.return_at, self.run.clock, limits), rescheduled)

    def action_toggle_breathing(self) -> None:
        guide = self.query_one(BreathingGuide)
        if guide.display:
            self._save_breathing()
            self._breathing_since = None
        else:
            self._breathing_since = self.run.clock()
        guide.show(not guide.display)

    def action_next_line(self) -> None:
        self._skipped += 1
        self.tick()

    def action_ask_anger(self) -> None:
        self._ask()

    def action_rate_now(self, value: int) -> None:
        self._asking = False
        self.run.rate_anger_now(value)
        self._note(f"Noted: {value}. Thank you.")
        self.refresh_bindings()

    def action_skip_question(self) -> None:
        self._asking = False
        self._update("#check-in", "")
        self.refresh_bindings()

    def action_pulse(self) -> None:
        from cooldown.tui.dialogs.pulse import PulseDialog

        def counted(beats: int | None) -> None:
            if beats is None:
                return
            bpm, flooded = self.run.count_pulse(beats)
            self._note(f"Pulse {bpm} a minute, noted. {pulse_words(bpm, flooded)}".rstrip())

        bell = self.app.bell if self.run.settings.bell else None
        self.app.push_screen(PulseDialog(self.run.clock, bell), counted)

    def action_keys(self) -> None:
        from cooldown.tui.dialogs.keys import KeysDialog

        self.app.push_screen(KeysDialog("Keys during the cool-down", self.key_list()))

    def key_list(self) -> list[tuple[str, str]]:
        """Every key this screen offers now, with what it does (the number keys as one line)."""
        keys: dict[str, tuple[str, str]] = {}
        for _, binding, enabled, tooltip in self.active_bindings.values():
            if not enabled or binding.system or binding.id is None or binding.action == "keys":
                continue  # Textual's own focus and copy keys have no id; the app's all do
            if binding.action.startswith("rate_now"):
                keys["rate_now"] = ("0-9", "Answer: how angry are you now?")
                continue
            keys.setdefault(binding.action, (self.app.get_key_display(binding), tooltip or binding.description))
        return list(keys.values())

    def _ask(self) -> None:
        self._asked = True
        self._asking = True
        self._noted_until = None
        self._update("#check-in", ASK_ANGER)
        self.refresh_bindings()

    def _note(self, words: str) -> None:
        self._update("#check-in", words)
        self._noted_until = self.run.clock() + NOTED_FOR

    # Breathing time

    def _save_breathing(self) -> None:
        """Write down the time the guide has been on screen since it was last written."""
        if self._breathing_since is None:
            return
        now = self.run.clock()
        seconds = int(elapsed(self._breathing_since, now).total_seconds())
        if seconds != 0:  # a clock set back starts counting again from now
            self._breathing_since = now
        if seconds > 0:  # written at least every minute: a longer gap is a clock jump or a laptop asleep
            self.run.breathed(min(seconds, int(BREATHING_COUNTED_AT_MOST.total_seconds())))

    def on_screen_suspend(self) -> None:
        """Out of sight (a dialog, another mode): the guide's time so far is written down; it counts again on return."""
        self._save_breathing()
        self._breathing_since = None
