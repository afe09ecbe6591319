"""An input for the return time that explains, as they type, what it understood."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static
from textual.widgets.input import Selection

from cooldown.clock import Clock
from cooldown.core.instant import utc
from cooldown.core.returntime import (
    TEXT_LIMIT,
    ReturnTime,
    ReturnTimeError,
    clock_reading,
    describe,
    format_clock,
    parse_return_time,
)
from cooldown.core.settings import CooldownLimits
from cooldown.tui.widgets.limited_input import LimitedInput

PLACEHOLDER = "19:30, 7pm, 20m, in 45 minutes"


class ReturnTimeInput(LimitedInput):
    """An Input whose Enter is shown in the footer: agreeing the time is the step."""

    BINDINGS = [
        Binding("enter", "submit", "Agree this time", tooltip="Agree this return time", id="agree-time"),
    ]


class ReturnTimeField(Vertical):
    """Input, a live preview ("back at 19:30, in 1 h 12 min") and a message line.

    Posts `Changed` on every edit and `Chosen` when Enter is pressed on a usable
    time: the very time the preview shows then ("+2m" shown as 19:32 is agreed as
    19:32, however the seconds have moved since). A refused time leaves the text as
    typed and says what is wrong below it. For a bare "7" (7 minutes) the preview
    also offers the clock reading ("or did you mean 19:00? Type at 7").
    """

    DEFAULT_CSS = """
    ReturnTimeField {
        height: auto;
        width: 100%;
    }
    ReturnTimeField #return-time-preview {
        height: auto;
        color: $text-success;
        padding: 0 1;
    }
    ReturnTimeField #return-time-message {
        height: 2;
        padding: 0 1;
        color: $text-muted;
    }
    ReturnTimeField #return-time-message.-warning {
        color: $text-warning;
    }
    ReturnTimeField #return-time-message.-error {
        color: $text-error;
        text-style: bold;
    }
    """

    @dataclass
    class Changed(Message):
        """The text changed; `return_time` is None while it cannot be used."""

        field: ReturnTimeField
        return_time: ReturnTime | None

        @property
        def control(self) -> ReturnTimeField:
            return self.field

    @dataclass
    class Chosen(Message):
        """Enter was pressed on a usable return time."""

        field: ReturnTimeField
        return_time: ReturnTime

        @property
        def control(self) -> ReturnTimeField:
            return self.field

    def __init__(
        self,
        value: str,
        clock: Clock,
        limits: CooldownLimits,
        *,
        later_than: datetime | None = None,
        talk: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._value = value
        self._clock = clock
        self._limits = limits
        self.later_than = later_than
        """Asking for more time: the time must be after this one (and no "under 20 minutes" nudge)."""
        self.talk = talk
        """A time to talk rather than to be back: "Talk at ..." and a clock time just passed is refused."""
        self._last: ReturnTime | None = None
        """The time the preview shows, if any."""
        self._last_text: str | None = None
        """The text `_last` was read from."""

    def compose(self) -> ComposeResult:
        yield ReturnTimeInput(self._value, placeholder=PLACEHOLDER, id="return-time-input", max_length=TEXT_LIMIT)
        yield Static("", id="return-time-preview", markup=False)
        yield Static("", id="return-time-message", markup=False)

    def on_mount(self) -> None:
        self._evaluate(self._value, submitted=False)
        self.set_interval(1, self._refresh_preview)

    @property
    def input(self) -> Input:
        return self.query_one("#return-time-input", Input)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, self._evaluate(event.value, submitted=False)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def set_value(self, text: str) -> None:
        """Put `text` in the input (a suggestion), selected so that typing replaces it."""
        self.input.value = text
        self.input.selection = Selection(0, len(text))

    def submit(self) -> None:
        """Agree the time on show; otherwise say why the typed text cannot be used, beside the input.

        The time on show is agreed as shown while it still lies ahead. One that no longer does (a clock
        time that passed while it was on show) is read again and shown, and waits for another Enter."""
        text, shown = self.input.value, self._last if self._last_text == self.input.value else None
        now = self._clock()
        if shown is not None and utc(shown.at) > utc(now):
            self.post_message(self.Chosen(self, shown.model_copy(update={"wait": utc(shown.at) - utc(now)})))
            return
        return_time = self._evaluate(text, submitted=True)
        if return_time is None:
            return
        if shown is not None and utc(return_time.at) != utc(shown.at):
            self.post_message(self.Changed(self, return_time))
            return
        self.post_message(self.Chosen(self, return_time))

    def _refresh_preview(self) -> None:
        """Keep "in 1 h 12 min" true while they wait on this screen, and say so if what it means changed."""
        if self.query_one("#return-time-message", Static).has_class("-error"):
            return
        before = self._last
        after = self._evaluate(self.input.value, submitted=False)
        if (before is None) != (after is None) or (before and after and before.at != after.at):
            self.post_message(self.Changed(self, after))

    def _evaluate(self, text: str, *, submitted: bool) -> ReturnTime | None:
        preview = self.query_one("#return-time-preview", Static)
        message = self.query_one("#return-time-message", Static)
        now = self._clock()
        message.remove_class("-warning", "-error")
        limits = {
            "minimum": self._limits.minimum if self.later_than is None else timedelta(0),
            "maximum": self._limits.maximum,
            "later_than": self.later_than,
            "refuse_just_passed": self.talk,
        }
        self._last_text = text
        try:
            return_time = parse_return_time(text, now, **limits)  # type: ignore[arg-type]
        except ReturnTimeError as error:
            self._last = None
            preview.update("")
            message.update(str(error))
            message.set_class(submitted, "-error")
            self.input.set_class(submitted, "-invalid")
            return None
        self._last = return_time
        self.input.remove_class("-invalid")
        said = describe(return_time, now)
        if self.talk:
            said = "talk" + said.removeprefix("back")
        other = clock_reading(text, now, **limits)
        if other is not None and utc(other.at) != utc(return_time.at):
            said += f" · or did you mean {format_clock(other.at, now)}? Type at {text.strip()}"
        preview.update(said[:1].upper() + said[1:])
        message.update(return_time.warning or "")
        message.set_class(return_time.warning is not None, "-warning")
        return return_time
