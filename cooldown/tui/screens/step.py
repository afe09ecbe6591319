"""What every protocol screen shares: the run it is handed, a calm centred layout, and its messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from cooldown.session.protocol import ProtocolRun

PROBLEM_CHECK_SECONDS = 1.0
"""How often a step on show looks again at the storage problem: it clears once a write goes through."""


class StepScreen(Screen[Any]):
    """A screen of the protocol: a small step label, the step's body, the footer.

    It is handed the protocol run; when its step is done it posts `Forward`, and
    the navigator shows what comes next.
    """

    DEFAULT_CSS = """
    StepScreen {
        #stage {
            width: 100%;
            height: 1fr;
            align: center middle;
            padding: 0 2;
            overflow-y: auto;
        }
        /* One centred column: Textual aligns children as a group, so all share its width. It grows
           with the terminal up to a comfortable reading width, never wider than the screen. */
        #step-label, #body {
            width: 90;
            max-width: 100%;
        }
        #step-label {
            text-align: center;
            color: $text-muted;
            margin-bottom: 1;
        }
        #body {
            height: auto;
        }
        #hint {
            width: 100%;
            text-align: center;
            color: $text-muted;
            margin-top: 1;
        }
        AngerScale {
            margin-top: 1;
        }
        /* Problems, shown quietly at the top for as long as they last: never over the protocol */
        #banners {
            dock: top;
            width: 100%;
            height: auto;
        }
        #problem {
            width: 100%;
            height: auto;
            padding: 0 1;
            background: $error-muted;
            color: $text;
        }
        #settings-problem {
            width: 100%;
            height: auto;
            padding: 0 1;
            color: $text-muted;
        }
    }
    """

    step_label: str = ""
    """Shown above the card, e.g. "1 of 4"."""
    LEAVE_KEYS = True
    """Offer h (history) and S (settings) here; off on screens busy with a choice or typing."""
    SAYS_SETTINGS_PROBLEMS = False
    """Say at the top, quietly, that some settings could not be used (on the first steps, where there is room)."""

    @dataclass
    class Forward(Message):
        """This step is done: on to the next."""

        step: str

    class Back(Message):
        """Back one step."""

    @dataclass
    class GoTo(Message):
        """Show another step (e.g. back to the cool-down from the outcome question)."""

        step: str

    class EpisodeMoved(Message):
        """Another window changed the episode; the step on show stays and shows it afresh."""

    @dataclass
    class ProblemMet(Message):
        """A storage problem: shown in the banner here; elsewhere it bubbles up to a notification."""

        text: str

    def __init__(self, run: ProtocolRun, *, step: str, resumed: bool = False) -> None:
        super().__init__()
        self.run = run
        self.step = step
        """This screen's entry in the navigator's table."""
        self.resumed = resumed
        """True when a new launch picked the episode up here."""
        self._moving = False
        """Set once this screen has asked to move on; its keys rest until it is in front again."""
        self._problem_shown: str | None = None
        self._settings_problem_shown: str | None = None

    def compose(self) -> ComposeResult:
        self._problem_shown = self.run.problem
        self._settings_problem_shown = self.settings_problem()
        with Vertical(id="banners"):
            for id, text in (("problem", self._problem_shown), ("settings-problem", self._settings_problem_shown)):
                banner = Static(text or "", id=id, markup=False)
                banner.display = text is not None
                yield banner
        with Vertical(id="stage"):
            yield Static(self.step_label, id="step-label", markup=False)
            with Center(id="body"):
                yield from self.compose_body()
        yield from self.compose_bottom()
        yield Footer(show_command_palette=False)

    def compose_body(self) -> ComposeResult:
        """The widgets of this step, centred on the stage."""
        yield from ()

    def compose_bottom(self) -> ComposeResult:
        """Widgets kept in view under the stage, above the footer, however small the terminal (none by default).

        The stage takes the height that is left, and scrolls if its step needs more."""
        yield from ()

    def on_mount(self) -> None:
        """A problem that clears (space freed, the folder writable again) leaves the banner within a second.

        Steps that stay on screen for long (the cool-down) write without moving on, so the banner is looked
        at again on a timer; it changes only when the words do."""
        self.set_interval(PROBLEM_CHECK_SECONDS, self.show_problem)

    def on_resize(self, event: events.Resize) -> None:
        """Below 80 columns the footer packs its keys closer, so they all stay in view."""
        self.query_one(Footer).compact = self.app.size.width < 80

    # Moving on: one move per visit, and none when another window got there first

    def forward(self) -> None:
        """This step is done: on to the next, unless another window moved the episode on (that is followed)."""
        if not self.run.overtaken:
            self._move(self.Forward(self.step))

    def back(self) -> None:
        self._move(self.Back())

    def go_to(self, step: str) -> None:
        if not self.run.overtaken:
            self._move(self.GoTo(step))

    def _move(self, message: Message) -> None:
        self._moving = True
        self.post_message(message)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No step's key acts twice: a quick second press lands before the next screen is shown."""
        if self._moving:
            return False
        return self.allows(action, parameters)

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether `action` is offered here (the footer follows); every action by default."""
        return True

    def on_screen_resume(self) -> None:
        """Back in front (from a dialog, the history, the settings): show things as they stand now."""
        self._moving = False
        self.show_problem()
        self.show_episode()

    def on_step_screen_problem_met(self, message: ProblemMet) -> None:
        message.stop()
        self.show_problem()

    def on_step_screen_episode_moved(self, message: EpisodeMoved) -> None:
        message.stop()
        self.show_episode()

    def show_episode(self) -> None:
        """Show the episode afresh (back in front, or after another window's change); most steps have nothing to redo."""

    def show_problem(self) -> None:
        """A storage problem, and settings that could not be used, each in a quiet line at the top while they last."""
        text = self.run.problem
        if text != self._problem_shown:
            self._problem_shown = text
            self._show_banner("#problem", text)
        settings = self.settings_problem()
        if settings != self._settings_problem_shown:
            self._settings_problem_shown = settings
            self._show_banner("#settings-problem", settings)

    def _show_banner(self, selector: str, text: str | None) -> None:
        banner = self.query_one(selector, Static)
        banner.update(text or "")
        banner.display = text is not None

    def settings_problem(self) -> str | None:
        """Which files hold settings that could not be used, and where to see why; None when all are usable."""
        if not self.SAYS_SETTINGS_PROBLEMS:
            return None
        preferences = self.run.preferences
        problems = (*preferences.problems, *preferences.theme_problems)
        if not problems:
            return None
        from cooldown.session.preferences import shown_path

        files = sorted({shown_path(problem.path) for problem in problems})
        return f"Some settings in {', '.join(files)} can't be used, so the defaults stand in: S or `cooldown config check` says why."
