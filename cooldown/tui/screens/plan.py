"""The calm-time plan: how a time-out will go, agreed together on a calm day (`cooldown plan`)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from cooldown.core.plan import SAFETY, TITLE
from cooldown.core.settings import Settings
from cooldown.session.preferences import Preferences
from cooldown.tui.screens.breakpoints import FitsHeight
from cooldown.tui.widgets.plan_form import PlanForm
from cooldown.tui.widgets.settings_forms import SettingsForm

INTRO = "Fill it in together, on a calm day. Tab moves on; Enter (or moving on) saves."


class PlanScreen(FitsHeight, Screen[None]):
    """The plan's form; every answer is saved to config.toml's [plan] through the preferences it is handed.

    It is a plan for oneself: nothing here tracks, locates or messages the partner.
    """

    DEFAULT_CSS = """
    PlanScreen {
        #plan-title {
            width: 100%;
            text-align: center;
            text-style: bold;
            color: $text-muted;
        }
        #plan-intro {
            width: 100%;
            padding: 0 1;
            color: $text-muted;
        }
        #plan-scroll {
            height: 1fr;
        }
        #plan-form {
            padding: 0 2;
        }
        #plan-safety {
            width: 100%;
            height: auto;
            padding: 0 1;
            color: $text-muted;
            border-top: hkey $primary-muted;
        }
        /* A short terminal: the form keeps the room (the keys to move are in the footer) */
        &.-short #plan-intro { display: none; }
    }
    """

    BINDINGS = [
        Binding("escape", "leave", "Back", tooltip="Save and go back", id="plan-back"),
        Binding(
            "ctrl+o",
            "show_page",
            "Printed page",
            tooltip="Show the page `cooldown plan --print` writes",
            id="plan-page",
        ),
        Binding(
            "c", "app.protocol", "Cool down", show=False, tooltip="Start the four statements now", id="plan-cool-down"
        ),
    ]

    def __init__(self, preferences: Preferences) -> None:
        super().__init__()
        self.preferences = preferences
        self._left_with: Settings | None = None
        """The settings when this screen was last left; changed meanwhile (in Settings), it is shown afresh."""

    def compose(self) -> ComposeResult:
        yield Static(TITLE, id="plan-title")
        yield Static(INTRO, id="plan-intro")
        with VerticalScroll(id="plan-scroll"):
            yield PlanForm(lambda: self.preferences.settings, id="plan-form")
        yield Static(SAFETY, id="plan-safety", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(PlanForm).query(Input).first().focus()  # a form: typing goes into its first answer

    def on_screen_suspend(self) -> None:
        self._left_with = self.preferences.settings

    async def on_screen_resume(self) -> None:
        """Back again: if the settings changed meanwhile (the partner's name, the activities), show them."""
        if self._left_with is not None and self._left_with != self.preferences.settings:
            await self.recompose()
            self.query_one(PlanForm).query(Input).first().focus()

    @on(SettingsForm.Changed)
    def _changed(self, event: SettingsForm.Changed) -> None:
        event.stop()
        self._use(event.settings)

    def _use(self, settings: Settings) -> None:
        """Use and save `settings`; say so if the file could not be written."""
        notice = self.preferences.update(settings)
        if notice is not None:
            severity = "error" if notice.error else "information"
            self.notify(notice.text, severity=severity, timeout=12, markup=False)

    @property
    def LEAVE_KEYS(self) -> bool:  # noqa: N802 - read by the app as the screens' class flag of that name
        """h and S are offered only while no answer is being typed (there they are letters)."""
        return not isinstance(self.focused, Input)

    def on_descendant_focus(self) -> None:
        self.app.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.app.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letter keys act only while no field is being typed in (there they are letters)."""
        return True

    def action_show_page(self) -> None:
        scroll = self.query_one("#plan-scroll", VerticalScroll)
        scroll.focus()
        scroll.scroll_to_widget(self.query_one("#plan-preview-label"), animate=False, top=True)

    async def action_leave(self) -> None:
        """Keep the answer being typed, then back where the plan was opened from (the settings, at first)."""
        if (settings := self.query_one(PlanForm).unsaved()) is not None:
            self._use(settings)
        await self.app.leave_plan()  # type: ignore[attr-defined]
