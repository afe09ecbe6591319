"""CooldownApp: wiring the protocol and the history to the flow, the clock and the log."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, InvalidThemeError, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from cooldown.clock import Clock, system_clock
from cooldown.core.episode import OPEN_STATUSES, Episode, Outcome, Status
from cooldown.core.returntime import format_clock
from cooldown.core.settings import Settings
from cooldown.paths import config_file, log_file
from cooldown.store.themes import DEFAULT_THEME
from cooldown.tui.flow import Flow
from cooldown.tui.preferences import Preferences
from cooldown.tui.screens.statement import StatementScreen


def _history_screen() -> Screen[None]:
    """Built when first opened, so start-up loads only what statement 1 needs."""
    from cooldown.tui.screens.history import HistoryScreen

    return HistoryScreen()


def _settings_screen() -> Screen[None]:
    from cooldown.tui.screens.settings import SettingsScreen

    return SettingsScreen()


class CooldownApp(App[None]):
    """Opens straight onto statement 1 (or resumes a running cool-down), or onto the history."""

    TITLE = "cooldown"
    CSS_PATH = "app.tcss"
    MODES: ClassVar = {
        "protocol": lambda: StatementScreen(1),
        "history": _history_screen,
        "settings": _settings_screen,
    }
    DEFAULT_MODE = "protocol"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Leave cooldown (a running cool-down keeps going)", id="quit"),
        Binding("h", "history", "History", tooltip="Fights, sidesteps and what works", id="history"),
        Binding("S", "settings", "Settings", tooltip="Activities, wording, limits, theme", id="settings"),
    ]

    def __init__(
        self,
        *,
        clock: Clock = system_clock,
        log_path: Path | None = None,
        settings: Settings | None = None,
        config_path: Path | None = None,
        mode: str = "protocol",
    ) -> None:
        self.DEFAULT_MODE = mode  # the first mode shown; set before App builds its screen stacks
        super().__init__()
        self.preferences = Preferences(config_path if config_path is not None else config_file(), settings)
        self.flow = Flow(log_path if log_path is not None else log_file(), self.preferences.settings, clock)
        self._resumed = False
        self._shown_theme = ""
        for spec in self.preferences.themes:
            self.register_theme(spec.to_theme())
        self._use_theme(self.preferences.theme)

    def _use_theme(self, name: str) -> None:
        if self.preferences.check_theme(self.available_themes) is not None:
            name = DEFAULT_THEME
        try:
            self.show_theme(name)
        except InvalidThemeError:
            self.show_theme(DEFAULT_THEME)

    def show_theme(self, name: str) -> None:
        """Show a theme without keeping it (a preview, the start-up choice, a fallback)."""
        self._shown_theme = name
        self.theme = name

    def on_mount(self) -> None:
        if notice := self.preferences.problem_notice():
            self.notify(notice, title="Settings", severity="warning", timeout=10, markup=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.flow.report_to(self._show_problem)
        self.flow.follow_with(lambda episode: self.call_later(self._follow, episode))
        if self.current_mode == "protocol":
            self._resume()

    def on_unmount(self) -> None:
        self.flow.close()

    def _resume(self) -> None:
        """Once per launch, on entering the protocol: pick up a cool-down left running."""
        if self._resumed:
            return
        self._resumed = True
        episode = self.flow.resume()
        if episode is None:
            return
        if episode.status is Status.COOLING and not episode.is_due(self.flow.clock()):
            from cooldown.tui.screens.cooldown import CoolDownScreen

            self.push_screen(CoolDownScreen())
        else:
            self.ask_outcome(resumed=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("history", "settings"):
            return self.current_mode != action and getattr(self.screen, "LEAVE_KEYS", True)
        return True

    # Settings and themes

    def update_settings(self, settings: Settings) -> None:
        """Use new settings now and save them to config.toml."""
        self.flow.settings = settings
        try:
            kept = self.preferences.save(settings)
        except OSError as error:
            reason = error.strerror or str(error)
            self.notify(
                f"Couldn't save {self.preferences.config_path} ({reason}). The change holds until you close cooldown.",
                severity="error",
                markup=False,
            )
            return
        if kept is not None:
            self.notify(f"Your earlier config.toml was kept as {kept}.", markup=False, timeout=12)

    def theme_names(self) -> list[str]:
        """The app's own themes first, then the rest, each group by name."""
        own = {spec.name for spec in self.preferences.themes}
        return sorted(self.available_themes, key=lambda name: (name not in own, name))

    def choose_theme(self, name: str) -> None:
        """Keep a theme: show it and save it."""
        self.show_theme(name)
        self.update_settings(self.flow.settings.model_copy(update={"theme": name}))

    def _theme_changed(self, theme: Theme) -> None:
        """A theme chosen in Textual's own picker is kept; one the app showed itself is not."""
        if theme.name == self._shown_theme or theme.name == self.flow.settings.theme:
            return
        self._shown_theme = theme.name
        self.update_settings(self.flow.settings.model_copy(update={"theme": theme.name}))

    def config_summary(self) -> str:
        """Where the settings are saved, and anything wrong with them when they were read."""
        path = self.preferences.config_path
        state = "" if path.exists() else " (not created yet: the defaults are in use)"
        report = self.preferences.problem_report()
        return f"Saved to {path}{state}" + (f"\n{report}" if report else "")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.current_mode != "history":
            yield SystemCommand("History", "Fights, sidesteps and what works", self.action_history)
        else:
            yield SystemCommand("Cool down", "Start the four statements now", self.action_protocol)
        if self.current_mode != "settings":
            yield SystemCommand("Settings", "Activities, wording, limits, theme", self.action_settings)
        yield SystemCommand("Log a fight", "Record a fight that happened without the protocol", self.action_log_outcome)
        yield SystemCommand(
            "Log a sidestep", "Record a sidestep that happened without the protocol", self.action_log_sidestep
        )

    async def action_history(self) -> None:
        await self.switch_mode("history")

    async def action_settings(self) -> None:
        await self.switch_mode("settings")

    async def action_protocol(self) -> None:
        """To the protocol: where it was left, or statement 1 afresh once an episode is over."""
        episode = self.flow.episode
        over = episode is None or episode.status in (Status.DONE, Status.ABANDONED)
        if over and self.current_mode != "protocol":
            await self.remove_mode("protocol")
            self.add_mode("protocol", lambda: StatementScreen(1))
        await self.switch_mode("protocol")
        self._resume()

    def action_log_outcome(self, outcome: str = "fight") -> None:
        from cooldown.tui.dialogs.log_outcome import LogOutcomeDialog

        def logged(episode: Episode | None) -> None:
            if episode is not None and self.flow.store(episode):
                kind = "fight" if episode.outcome is Outcome.FIGHT else "sidestep"
                self.notify(f"Logged a {kind}.", timeout=4)
                from cooldown.tui.screens.history import HistoryScreen

                if isinstance(self.screen, HistoryScreen):
                    self.screen.refresh_if_changed()

        self.push_screen(LogOutcomeDialog(Outcome(outcome)), logged)

    def action_log_sidestep(self) -> None:
        self.action_log_outcome("sidestep")

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
        from cooldown.tui.dialogs.confirm import ConfirmDialog

        episode = self.flow.episode
        if episode is None or episode.status not in OPEN_STATUSES:
            self.flow.abandon()
            self.exit()
            return
        if isinstance(self.screen, ConfirmDialog):
            self.exit()
            return

        def answered(quit: bool | None) -> None:
            if quit:
                self.exit()

        self.push_screen(ConfirmDialog("Leave for now?", self.leaving_words(), yes="Quit", no="Stay"), answered)

    def leaving_words(self) -> str:
        """What happens to a cool-down in progress when the app closes now."""
        episode = self.flow.episode
        if episode is None or episode.return_at is None or episode.status not in OPEN_STATUSES:
            return ""
        if not self.flow.saving:
            return "The log can't be written, so this cool-down will not be there next time."
        now = self.flow.clock()
        if episode.status is Status.COOLING and not episode.is_due(now):
            until = format_clock(episode.return_at, now)
            return f"Your cool-down keeps running until {until}. Type cooldown again to come back to it."
        return "Next time you type cooldown, it will ask how the talk went."

    def _show_problem(self, message: str) -> None:
        from cooldown.tui.screens.step import StepScreen

        if isinstance(self.screen, StepScreen):
            self.screen.show_problem()
        else:
            self.notify(message, title="Log problem", severity="error", timeout=15, markup=False)

    def _follow(self, episode: Episode) -> None:
        """Another window moved this episode on: show it as it now stands."""
        from cooldown.tui.screens.cooldown import CoolDownScreen
        from cooldown.tui.screens.summary import SummaryScreen

        self.notify("This cool-down was changed in another cooldown window.", timeout=8)
        if episode.status is Status.COOLING:
            if isinstance(self.screen, CoolDownScreen):
                self.screen.show_episode()
            else:
                self.start_cooldown()
        elif episode.status is Status.RETURNED:
            self.ask_outcome()
        elif episode.status is Status.DONE:
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.push_screen(SummaryScreen())
