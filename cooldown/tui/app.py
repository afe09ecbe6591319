"""CooldownApp: the session objects, the modes, the themes and the alarm, wired together.

The app builds the session layer once (the logbook, the preferences, the
protocol run, the history), hands each mode's screen what it needs, and passes
the protocol screens' messages to the navigator. It decides nothing about the
order of the protocol (that is `navigator.STEPS`) and shows nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from cooldown.clock import Clock, system_clock
from cooldown.clock_style import clock_style_for
from cooldown.core.instant import use_clock_style
from cooldown.paths import config_file, log_file
from cooldown.tui import colour
from cooldown.tui.reach import Reachable
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.theming import Themed

if TYPE_CHECKING:
    from cooldown.core.episode import Episode
    from cooldown.core.settings import Settings
    from cooldown.session.history import History
    from cooldown.store.episodes import StoreError
    from cooldown.store.glance import Glance
    from cooldown.tui.alerts import OnScreenAlert

FOLLOW_TICKS = 5
"""Every this many seconds the app reads the episode in hand again, to follow a change made elsewhere."""
ALARM_CHECK_TICKS = 30
"""Every this many seconds the app makes sure the background alarm still runs."""


def background_alarm(uid: str, log_path: Path, config_path: Path) -> bool:
    from cooldown.alarm import ensure_running

    return ensure_running(uid, log_path, config_path)


class CooldownApp(Reachable, Themed, App[None]):
    """Opens straight onto statement 1 (or resumes a running cool-down), or onto the history."""

    TITLE = "cooldown"
    CSS_PATH = "app.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            priority=True,
            tooltip="Leave cooldown (a running cool-down keeps going)",
            id="quit",
        ),
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
        start_alarm: Callable[[str], bool] | None = None,
        glance: bool = False,
    ) -> None:
        """`glance`: paint statement 1 from a glance at the files before loading the session (see
        tui/first_frame.py), when the glance finds nothing to pick up; the console script asks for it."""
        # Set before App builds its screen stacks: the first mode shown, and what each mode's screen is handed.
        self.DEFAULT_MODE = mode
        self._screen_built = False
        self.MODES = {
            "protocol": self._unrefreshed(self._first_statement),
            "history": self._history_screen,
            "settings": self._settings_screen,
            "plan": self._plan_screen,
        }
        super().__init__()
        colour.follow_no_color(self)  # NO_COLOR: the terminal's own colours, whatever the theme
        self._signals: list[tuple[int, object]] = []
        self.signalled: int | None = None
        """The signal (SIGTERM, SIGHUP) that ended the app, if one did."""
        self._glance: Glance | None = None
        self._history: History | None = None
        self.loaded = False
        """True once the session is loaded (at once, or right after the first frame when glanced)."""
        if glance and mode == "protocol" and settings is None and clock is system_clock:
            from cooldown.tui.first_frame import take_glance

            self._glance = take_glance(config_path, log_path)
        if self._glance is None:
            self._load(clock, log_path, settings, config_path, start_alarm)
        else:
            self._load_later = lambda: self._load(clock, log_path, settings, config_path, start_alarm)
            self._show_glanced_theme(self._glance)

    def _load(
        self,
        clock: Clock,
        log_path: Path | None,
        settings: Settings | None,
        config_path: Path | None,
        start_alarm: Callable[[str], bool] | None,
    ) -> None:
        """Build the session: the log, the settings and themes, the protocol run, the history, the alarm."""
        from cooldown.session.logbook import Logbook, LogClaims
        from cooldown.session.notifiers import ReturnAlarm, schedule_of
        from cooldown.session.preferences import Preferences
        from cooldown.session.protocol import ProtocolRun
        from cooldown.tui.alerts import AwayNotifiers, OnScreenAlert, TerminalBell, TerminalNotices
        from cooldown.tui.navigator import Navigator

        log_path = log_path if log_path is not None else log_file()
        config_path = config_path if config_path is not None else config_file()
        self.logbook = Logbook(log_path, clock=clock)
        self.preferences = Preferences(config_path, settings)
        self._clock_style_before = use_clock_style(lambda: clock_style_for(self.preferences.settings.clock))
        self.protocol_run = ProtocolRun(self.logbook, self.preferences, clock)
        self._clock = clock
        self.navigator = Navigator(self, self.protocol_run)
        notifications = lambda: self.preferences.settings.notifications  # noqa: E731 - as they stand now
        self.terminal = TerminalNotices(self._write_to_terminal, lambda: notifications().terminal)
        self.away = AwayNotifiers(notifications)
        self.alarm = ReturnAlarm(
            [TerminalBell(self, lambda: self.preferences.settings.bell), OnScreenAlert(self), self.terminal, self.away],
            claims=LogClaims(self.logbook),
            schedule=lambda: schedule_of(notifications()),
        )
        if start_alarm is None and clock is system_clock:
            start_alarm = lambda uid: background_alarm(uid, log_path, config_path)  # noqa: E731
        self.start_alarm = start_alarm or (lambda uid: False)
        """Starts the background alarm for an episode unless one runs; True if one runs.
        (A real process, following the wall clock: never on a clock of the tests' own.)"""
        self._desktop_answers: bool | None = None
        """Whether a desktop notification service answers here (asked once, off the UI thread)."""
        self._ticks = 0
        self.logbook.watch(self._keep_alarm)  # a cool-down agreed, more time asked, a talk put off
        self._shown_theme = ""
        self._quit_question: Screen[bool] | None = None
        glanced = self.get_theme(self._shown_theme) if self._glance is not None else None
        for spec in self.preferences.themes:
            self.register_theme(spec.to_theme())
        self._use_theme(self.preferences.theme)
        if glanced is not None and self.theme == glanced.name and self.get_theme(glanced.name) != glanced:
            self.refresh_css(animate=False)  # the theme shown first read differently in full
        self._use_keymap()
        self.loaded = True

    def _first_statement(self) -> StepScreen:
        """The protocol mode's base screen: statement 1, painted from the glance while the session loads."""
        if self.loaded:
            return self.navigator.first()
        from cooldown.tui.first_frame import GlancedRun
        from cooldown.tui.screens.statement import StatementScreen

        assert self._glance is not None
        return StatementScreen(GlancedRun(self._glance), step="statement-1", number=1)  # type: ignore[arg-type]

    # Modes: each screen is built when first opened, so start-up loads only what statement 1 needs.

    def _unrefreshed(self, build: Callable[[], Screen[None]]) -> Callable[[], Screen[None]]:
        """`build`, for statement 1: Textual refreshes the CSS for a mode's first screen (parsing it all again)
        unless the screen is marked up to date, and before the first frame statement 1 is, as nothing has been
        parsed yet. (The history's first screen counts on that refresh.)"""

        def first() -> Screen[None]:
            screen = build()
            if not self._screen_built:
                self._screen_built = True
                screen._css_update_count = self._css_update_count
            return screen

        return first

    @property
    def history(self) -> History:
        """The history: its queries and reports, loaded when first asked for (the protocol never needs them)."""
        if self._history is None:
            from cooldown.session.history import History

            self._history = History(self.logbook, self._clock)
        return self._history

    def _history_screen(self) -> Screen[None]:
        from cooldown.tui.screens.history import HistoryScreen

        return HistoryScreen(self.history, lambda: self.preferences.settings.cues)

    def _settings_screen(self) -> Screen[None]:
        from cooldown.tui.screens.settings import SettingsScreen

        theme = self.preferences.settings.theme if self.no_color else self.theme
        names = self.preferences.theme_names(self.available_themes)
        return SettingsScreen(self.preferences, names, theme, no_color=self.no_color)

    def _plan_screen(self) -> Screen[None]:
        from cooldown.tui.screens.plan import PlanScreen

        return PlanScreen(self.preferences)

    def on_mount(self) -> None:
        self._listen_for_signals()
        if self.loaded:
            self._start()
        else:
            self.call_after_refresh(self._load_after_first_frame)

    def _load_after_first_frame(self) -> None:
        """Statement 1 is on screen: load the session, and let the statement go on with the real run."""
        from cooldown.tui.widgets.anger_scale import AngerScale

        statement = self.screen
        glanced = statement.run
        self._load_later()
        statement.take_run(self.protocol_run)
        self._start()
        if glanced.said is not None and self.screen is statement:  # said before the session was there
            statement.query_one(AngerScale).rating = glanced.said.anger
            statement.action_next()

    def _start(self) -> None:
        # Settings that could not be used: statements 1 and 2 say so in a quiet line at the top and the
        # settings show each problem; the history or the plan, opened first, has a notification (nothing of
        # the protocol is on show to cover).
        if self.current_mode in ("history", "plan") and (notice := self.preferences.problem_notice()):
            self.notify(notice, title="Settings", severity="warning", timeout=10, markup=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.logbook.listen(self._problem_met)
        self.protocol_run.follow_with(lambda episode: self.call_later(self.navigator.follow, episode))
        self.set_interval(1, self.tick)
        if self.current_mode == "protocol":
            self.navigator.start()
        self.alarm.settle(self.protocol_run.episode, self.protocol_run.clock())
        self._keep_alarm()
        self._tell_alarm_problems()

    def on_unmount(self) -> None:
        self._stop_listening_for_signals()
        self._leave_even_if_stuck()
        if self.loaded:
            use_clock_style(self._clock_style_before)
            self.terminal.show(None)
            self.logbook.close()

    def tick(self) -> None:
        """Once a second: alert when the return time has come (once per due time); keep the alarm and title."""
        episode = self.protocol_run.episode
        self.alarm.check(episode, self.protocol_run.clock())
        self._ticks += 1
        if self._ticks % FOLLOW_TICKS == 0:
            self.protocol_run.refresh()  # another window, or `cooldown back` in a shell, may have moved it on
            if refresh := getattr(self.screen, "refresh_if_changed", None):
                refresh()  # the history follows what another process wrote
        if self._ticks % ALARM_CHECK_TICKS == 0:
            self._keep_alarm()
        self.away.follow(self.protocol_run.status())
        self.terminal.show(self._title())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("history", "settings"):
            return self.current_mode != action and getattr(self.screen, "LEAVE_KEYS", True)
        return True

    # The protocol's moves, read from the navigator's table

    @on(StepScreen.Forward)
    def _forward(self, message: StepScreen.Forward) -> None:
        self.navigator.forward(message.step)

    @on(StepScreen.Back)
    def _back(self) -> None:
        self.navigator.back()

    @on(StepScreen.GoTo)
    def _go(self, message: StepScreen.GoTo) -> None:
        self.navigator.go(message.step)

    # Problems and alerts that no screen in front shows itself

    def _problem_met(self, error: StoreError) -> None:
        self.screen.post_message(StepScreen.ProblemMet(self.protocol_run.problem or str(error)))

    @on(StepScreen.ProblemMet)
    def _problem_unshown(self, message: StepScreen.ProblemMet) -> None:
        self.notify(message.text, title="Log problem", severity="error", timeout=15, markup=False)

    def on_on_screen_alert_arrived(self, message: OnScreenAlert.Arrived) -> None:
        self.notify(message.alert.words, timeout=30, markup=False)

    # The command palette and the app's own keys

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Under NO_COLOR no theme is shown, so Textual's theme picker is left out.
        for command in super().get_system_commands(screen):
            if not (self.no_color and command.title == "Theme"):
                yield command
        if self.current_mode != "history":
            yield SystemCommand("History", "Fights, sidesteps and what works", self.action_history)
        else:
            yield SystemCommand("Cool down", "Start the four statements now", self.action_protocol)
        if self.current_mode != "settings":
            yield SystemCommand("Settings", "Activities, wording, limits, theme", self.action_settings)
        if self.current_mode != "plan":
            yield SystemCommand("Our time-out plan", "The plan agreed together at a calm time", self.action_plan)
        yield SystemCommand("Log a fight", "Record a fight that happened without the protocol", self.action_log_outcome)
        yield SystemCommand(
            "Log a sidestep", "Record a sidestep that happened without the protocol", self.action_log_sidestep
        )

    async def action_history(self) -> None:
        await self.switch_mode("history")

    async def action_settings(self) -> None:
        await self.switch_mode("settings")

    async def action_plan(self) -> None:
        if self.current_mode != "plan":
            self._before_plan = self.current_mode
        await self.switch_mode("plan")

    async def leave_plan(self) -> None:
        """Back from the plan to where it was opened (the settings when it was opened on its own)."""
        before = getattr(self, "_before_plan", "settings")
        if before == "protocol":
            await self.action_protocol()
        else:
            await self.switch_mode(before)

    async def action_protocol(self) -> None:
        """To the protocol: where it was left, or statement 1 afresh once an episode is over."""
        # Statement 1 with nothing said yet (a rating may be chosen) is kept as it is.
        untouched = self.protocol_run.episode is None and len(self._screen_stacks.get("protocol", ())) == 1
        if self.protocol_run.over and not untouched and self.current_mode != "protocol" and self.navigator.started:
            await self.remove_mode("protocol")
            self.add_mode("protocol", self.navigator.first)
            self.protocol_run.begin_afresh_abandoning_stale()
        await self.switch_mode("protocol")
        if self.navigator.started:
            self.navigator.sync()
        else:
            self.navigator.start()
        self.alarm.settle(self.protocol_run.episode, self.protocol_run.clock())

    def action_log_outcome(self, outcome: str = "fight") -> None:
        from cooldown.core.episode import Outcome
        from cooldown.tui.dialogs.log_outcome import LogOutcomeDialog

        def logged(episode: Episode | None) -> None:
            if episode is not None and self.history.log_afterwards(episode):
                kind = "fight" if episode.outcome is Outcome.FIGHT else "sidestep"
                self.notify(f"Logged a {kind}.", timeout=4)

        self.push_screen(LogOutcomeDialog(self.protocol_run.clock, Outcome(outcome)), logged)

    def action_log_sidestep(self) -> None:
        self.action_log_outcome("sidestep")

    async def action_quit(self) -> None:
        """Quit; while a cool-down runs, ask first (it keeps running in the log)."""
        from cooldown.core.episode import OPEN_STATUSES
        from cooldown.tui.dialogs.confirm import ConfirmDialog

        if not self.loaded:
            self.exit()
            return
        episode = self.protocol_run.episode
        if episode is None or episode.status not in OPEN_STATUSES:
            self.protocol_run.abandon()
            self.exit()
            return
        if self._quit_question is not None and self.screen is self._quit_question:
            self.exit()  # ctrl+q twice: yes
            return

        def answered(quit: bool | None) -> None:
            self._quit_question = None
            if quit:
                self.exit()

        self._quit_question = ConfirmDialog("Leave for now?", self.leaving_words(), yes="Quit", no="Stay")
        self.push_screen(self._quit_question, answered)

    def leaving_words(self) -> str:
        """What happens to a cool-down in progress when the app closes now, and what will alert the person."""
        if not self.loaded:
            return ""
        return self.protocol_run.leaving_words(self._away_words)
