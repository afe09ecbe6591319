"""CooldownApp: wiring the protocol screens to the flow, the clock and the log."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from cooldown.clock import Clock, system_clock
from cooldown.core.episode import Status
from cooldown.core.returntime import format_clock
from cooldown.core.script import Wording
from cooldown.core.settings import Settings
from cooldown.paths import log_file
from cooldown.tui.flow import Flow
from cooldown.tui.screens.statement import StatementScreen


class CooldownApp(App[None]):
    """Opens straight onto statement 1, or resumes a cool-down left running."""

    TITLE = "cooldown"
    CSS_PATH = "app.tcss"
    MODES: ClassVar = {"protocol": lambda: StatementScreen(1)}
    DEFAULT_MODE = "protocol"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            priority=True,
            tooltip="Leave cooldown (a running cool-down keeps going)",
            id="quit",
        ),
    ]

    def __init__(
        self,
        *,
        clock: Clock = system_clock,
        log_path: Path | None = None,
        settings: Settings | None = None,
        wording: Wording | None = None,
    ) -> None:
        super().__init__()
        self.flow = Flow(
            log_path if log_path is not None else log_file(),
            settings if settings is not None else Settings(),
            wording if wording is not None else Wording(),
            clock,
        )
        self.theme = "nord"

    def on_mount(self) -> None:
        self.flow.report_to(self._show_problem)
        episode = self.flow.resume()
        if episode is None:
            return
        if episode.status is Status.COOLING and not episode.is_due(self.flow.clock()):
            from cooldown.tui.screens.cooldown import CoolDownScreen

            self.push_screen(CoolDownScreen())
        else:
            self.ask_outcome(resumed=True)

    def on_unmount(self) -> None:
        self.flow.close()

    def start_cooldown(self) -> None:
        """Leave the statements behind and show the running cool-down."""
        from cooldown.tui.screens.cooldown import CoolDownScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(CoolDownScreen())

    def ask_outcome(self, *, resumed: bool = False) -> None:
        """Ask how it went, in place of the current screen."""
        from cooldown.tui.screens.outcome import OutcomeScreen

        if len(self.screen_stack) > 1:
            self.switch_screen(OutcomeScreen(resumed=resumed))
        else:
            self.push_screen(OutcomeScreen(resumed=resumed))

    async def action_quit(self) -> None:
        """Quit; while a cool-down runs, ask first (it keeps running in the log)."""
        from cooldown.tui.dialogs.confirm_quit import ConfirmQuitDialog

        episode = self.flow.episode
        if not self.flow.cooling or episode is None or episode.return_at is None:
            self.flow.abandon()
            self.exit()
            return
        if isinstance(self.screen, ConfirmQuitDialog):
            self.exit()
            return

        def answered(quit: bool | None) -> None:
            if quit:
                self.exit()

        until = format_clock(episode.return_at, self.flow.clock())
        self.push_screen(ConfirmQuitDialog(until), answered)

    def _show_problem(self, message: str) -> None:
        self.notify(message, title="Not saved", severity="error", timeout=30, markup=False)
