"""The terminal height below which a screen rearranges to keep its words and its keys in view.

A screen built with `FitsHeight` has the class `-short` on a terminal of fewer
than `SHORT_BELOW` rows (`-tall` otherwise); its DEFAULT_CSS says what changes
then (tighter margins, a list that scrolls in the room left).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

SHORT_BELOW = 20
"""Rows: below this, a screen cannot show everything with its usual margins."""

HEIGHTS = [(0, "-short"), (SHORT_BELOW, "-tall")]
"""Textual's breakpoints for `-short` and `-tall` (followed as the terminal is resized)."""


class FitsHeight:
    """For a Screen: `-short` or `-tall` as the terminal's height says, also when it comes back to the front
    after a resize made while it was hidden (Textual follows breakpoints only on the screen in front)."""

    VERTICAL_BREAKPOINTS = HEIGHTS

    def on_screen_resume(self: Screen) -> None:  # type: ignore[misc]
        short = self.app.size.height < SHORT_BELOW
        self.set_class(short, "-short")
        self.set_class(not short, "-tall")
