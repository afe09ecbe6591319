"""What every protocol screen shares: the flow, and a calm centred layout."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from cooldown.tui.app import CooldownApp
    from cooldown.tui.flow import Flow


class StepScreen(Screen[Any]):
    """A screen of the protocol: a small step label, the step's body, the footer."""

    step_label: str = ""
    """Shown above the card, e.g. "1 of 4"."""
    LEAVE_KEYS = True
    """Offer h (history) and S (settings) here; off on screens busy with a choice or typing."""

    @property
    def cooldown_app(self) -> CooldownApp:
        return cast("CooldownApp", self.app)

    @property
    def flow(self) -> Flow:
        return self.cooldown_app.flow

    def compose(self) -> ComposeResult:
        banner = Static(self.flow.problem or "", id="problem", markup=False)
        banner.display = self.flow.problem is not None
        yield banner
        with Vertical(id="stage"):
            yield Static(self.step_label, id="step-label", markup=False)
            with Center(id="body"):
                yield from self.compose_body()
        yield Footer(show_command_palette=False)

    def on_screen_resume(self) -> None:
        self.show_problem()

    def show_problem(self) -> None:
        """A storage problem, shown in one quiet line at the top for as long as it lasts."""
        banner = self.query_one("#problem", Static)
        banner.update(self.flow.problem or "")
        banner.display = self.flow.problem is not None

    def compose_body(self) -> ComposeResult:
        """The widgets of this step, centred on the stage."""
        yield from ()
