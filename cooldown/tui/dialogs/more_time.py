"""Ask for more time: a later return time, read by the same rules as statement 4, and the words to say."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from cooldown.clock import Clock
from cooldown.core.instant import elapsed
from cooldown.core.returntime import format_clock, format_wait, suggest_return
from cooldown.core.settings import CooldownLimits
from cooldown.tui.alerts import OnScreenAlert
from cooldown.tui.dialogs.dialog import Dialog
from cooldown.tui.widgets.return_time_field import ReturnTimeField

EXTRA_MINUTES = (15, 30)
"""The two suggested extensions, after the agreed time (or after now, if that has passed)."""
SAY = "I need a little longer. I'll be back at {time}."


class MoreTimeDialog(Dialog[datetime | None]):
    """Dismisses with the new, later return time, or None if they keep the one agreed."""

    BINDINGS = [
        Binding("up", "suggest(0)", f"+{EXTRA_MINUTES[0]} min", tooltip="Suggest a little more time", id="more-15"),
        Binding("down", "suggest(1)", f"+{EXTRA_MINUTES[1]} min", tooltip="Suggest more time still", id="more-30"),
        Binding("escape", "cancel", "Keep the time", tooltip="Keep the return time you agreed", id="cancel"),
    ]

    def __init__(self, return_at: datetime, clock: Clock, limits: CooldownLimits) -> None:
        super().__init__()
        self.return_at = return_at
        """The return time agreed now, which the new one must come after."""
        self.clock = clock
        self.limits = limits

    def suggestions(self) -> list[str]:
        """The return time plus 15 and plus 30 minutes (from now, once it has passed), as typed."""
        now = self.clock()
        base = max(timedelta(0), elapsed(now, self.return_at))
        return [
            suggest_return(now, self.limits.suggestion_minutes(base // timedelta(minutes=1) + extra))
            for extra in EXTRA_MINUTES
        ]

    def _choices(self, first: str, second: str) -> str:
        """The two suggestions, or, with the return time already at the limit, that there is no later one."""
        now = self.clock()
        if elapsed(now, self.return_at) >= self.limits.maximum - timedelta(minutes=5):
            return (
                f"{format_clock(self.return_at, now)} is already as far ahead as a return can be "
                f"({format_wait(self.limits.maximum)} from now): Escape keeps it."
            )
        return f"↑ +{EXTRA_MINUTES[0]} min: {first}    ↓ +{EXTRA_MINUTES[1]} min: {second}    or type a time"

    def compose(self) -> ComposeResult:
        now = self.clock()
        agreed = format_clock(self.return_at, now)
        first, second = self.suggestions()
        with Vertical(id="dialog"):
            yield Static(f"More time is fine. You said you'd be back at {agreed}.", id="dialog-title", markup=False)
            yield Static(self._choices(first, second), id="more-time-choices", markup=False)
            yield ReturnTimeField(first, self.clock, self.limits, later_than=self.return_at, id="new-return-time")
            yield Static("", id="more-time-say", markup=False)
            yield Static(f"Enter to set it · Escape to keep {agreed}", id="dialog-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ReturnTimeField).input.focus()  # the suggestion is selected: typing replaces it
        self.set_interval(5, self._refresh_choices)

    def _refresh_choices(self) -> None:
        """Keep the suggestions true while the dialog stays open (the arrows put in these very texts)."""
        self.query_one("#more-time-choices", Static).update(self._choices(*self.suggestions()))

    @on(OnScreenAlert.Arrived)
    def _alert_arrived(self, event: OnScreenAlert.Arrived) -> None:
        """The return time came while they ask for more: this dialog already says so, no toast over it."""
        event.stop()
        self._refresh_choices()

    @on(ReturnTimeField.Changed)
    def _changed(self, event: ReturnTimeField.Changed) -> None:
        say = self.query_one("#more-time-say", Static)
        if event.return_time is None:
            say.update("")
        else:
            time = format_clock(event.return_time.at, self.clock())
            say.update(f"Say: “{SAY.format(time=time)}”")

    def action_suggest(self, which: int) -> None:
        self.query_one(ReturnTimeField).set_value(self.suggestions()[which])

    @on(ReturnTimeField.Chosen)
    def _chosen(self, event: ReturnTimeField.Chosen) -> None:
        self.dismiss(event.return_time.at)

    def action_cancel(self) -> None:
        self.dismiss(None)
