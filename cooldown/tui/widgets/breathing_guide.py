"""The breathing guide: a bar that fills on the in-breath and empties on the out-breath, with its words.

It works out the phase from the clock each frame, so it never drifts. It redraws
itself only (never the layout), at most 10 frames a second, and only when what it
shows has changed; with reduced motion it shows the words alone, redrawn once
per phase.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.timer import Timer
from textual.widget import Widget

from cooldown.clock import Clock
from cooldown.core.breathing import Breathing, BreathPhase, phase_at

FRAME = 0.1
"""Seconds between frames of the moving bar (10 a second at most)."""
WIDTH = 40
"""Cells of the bar when the lungs are full."""
EIGHTHS = " ▏▎▍▌▋▊▉"


class BreathingGuide(Widget):
    """'Breathe in' / 'Hold' / 'Breathe out' and, unless motion is reduced, a bar that breathes."""

    DEFAULT_CSS = """
    BreathingGuide {
        width: 100%;
        height: 2;
        color: $text-muted;
        text-align: center;
    }
    BreathingGuide.-still {
        height: 1;
    }
    BreathingGuide > .breathing-guide--bar {
        color: $accent;
    }
    """

    COMPONENT_CLASSES = {"breathing-guide--bar"}

    def __init__(self, pace: Breathing, start: datetime, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pace = pace
        self.start = start
        """The guide's first in-breath began here."""
        self.clock = clock
        self._shown: tuple[str, int] | None = None
        """(words, filled eighths) last drawn, so an unchanged frame draws nothing."""
        self._timer: Timer | None = None
        self.set_class(pace.reduced_motion, "-still")

    @property
    def phase(self) -> BreathPhase:
        return phase_at(self.pace, self.start, self.clock())

    def on_mount(self) -> None:
        self._schedule()

    def show(self, shown: bool) -> None:
        """Show or hide the guide. Hidden, it spends nothing; shown again, it picks up the phase from the clock."""
        self.display = shown
        if self.is_mounted:
            self._schedule()

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.display:
            return
        if self.pace.reduced_motion:
            self._timer = self.set_timer(max(0.05, self.phase.remaining), self._next_phase)
        else:
            self._timer = self.set_interval(FRAME, self.frame)
        self.frame()

    def _next_phase(self) -> None:
        self._schedule()

    def frame(self) -> None:
        """Draw the phase as it is now, if it differs from what is on screen."""
        phase = self.phase
        shown = (phase.words, 0 if self.pace.reduced_motion else round(phase.fullness * WIDTH * 8))
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def render(self) -> Text:
        words, eighths = self._shown or (self.phase.words, 0)
        if self.pace.reduced_motion:
            return Text(words)
        full, part = divmod(eighths, 8)
        bar = "█" * full + (EIGHTHS[part] if part else "")
        return Text.assemble(f"{words}\n", (bar.ljust(WIDTH), self.get_component_rich_style("breathing-guide--bar")))
