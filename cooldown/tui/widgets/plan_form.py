"""The calm-time plan, edited in place: one field per answer, with the printed page below.

Like the settings forms, each field is checked as it is typed; a usable answer
is posted as `SettingsForm.Changed` once Enter is pressed or the field is left
(the screen saves it), an unusable one gets a kind message beside it and is not
used. What the person types is shown literally, never read as markup.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static, Switch

from cooldown.core.plan import FIELD_LIMIT, NO_FOLLOWING, plan_markdown
from cooldown.core.settings import NAME_LIMIT, Settings
from cooldown.tui.widgets.limited_input import LimitedInput
from cooldown.tui.widgets.settings_forms import SettingsForm, kebab, snake

LONGEST_BREAK = 24 * 60
"""The usual length's upper end, in minutes: a break of more than a day feels like a punishment."""

ANSWERS = (
    ("signal", "Our signal: a phrase or gesture either of us can use", "“Time out”, with a T of the hands"),
    ("my_place", "Where I go during a break", "a walk round the block"),
    ("partner_place", "", "the spare room"),
    ("activity", "What I usually do then (statement 3; empty: your default activity)", ""),
    ("minutes", "How long a break usually is, in minutes (1-1440)", ""),
    ("return_sentence", "What I say when I come back", "I'm back. Is now a good time to talk?"),
    ("not_ready", "If one of us is not ready at the return time", "We ask for a specific extra time"),
    ("agreed_on", "When we agreed it", "1 December 2026"),
)
"""The plan's text fields in the order asked: field, label, an example shown while the field is empty."""


def partner_place_label(partner: str) -> str:
    """'Where Sam goes during a break' (or 'my partner' without a name)."""
    return f"Where {partner.strip() or 'my partner'} goes during a break (as they said it)"


class PlanForm(SettingsForm):
    """The partner's name and every answer of `Settings.plan`; the page `cooldown plan --print` writes, below."""

    DEFAULT_CSS = """
    PlanForm {
        Label { margin-top: 0; }
        #partner-name-label { margin-top: 1; }
        #plan-no-following-row { height: auto; }
        #plan-no-following-row Label { width: 1fr; margin: 1 0 0 1; color: $foreground; }
        .field-message.gentle { color: $text-muted; }
        #plan-preview-label { margin-top: 2; }
        #plan-preview { padding: 0 1; border-left: thick $primary; }
    }
    """

    def compose(self) -> ComposeResult:
        settings = self.settings
        plan = settings.plan
        yield Label(
            "Your partner's name (optional; it also fills {partner} in the statements)",
            id="partner-name-label",
            markup=False,
        )
        yield LimitedInput(settings.partner_name, id="partner-name", max_length=NAME_LIMIT)
        yield Static("", id="partner-name-message", classes="field-message", markup=False)
        for field, label, example in ANSWERS:
            if field == "partner_place":
                label = partner_place_label(settings.partner_name)
            if field == "activity":
                example = settings.activities[settings.default_activity].name
            yield Label(label, id=f"plan-{kebab(field)}-label", markup=False)
            if field == "minutes":
                yield LimitedInput(str(plan.minutes), id="plan-minutes", type="integer", max_length=5)
            else:
                yield LimitedInput(
                    getattr(plan, field), placeholder=example, id=f"plan-{kebab(field)}", max_length=FIELD_LIMIT
                )
            yield Static("", id=f"plan-{kebab(field)}-message", classes="field-message", markup=False)
            if field == "minutes":
                with Horizontal(id="plan-no-following-row"):
                    yield Switch(plan.no_following, id="plan-no-following")
                    yield Label(f"We agree: {NO_FOLLOWING[:1].lower()}{NO_FOLLOWING[1:]}", markup=False)
                yield Static("", id="plan-no-following-message", classes="field-message", markup=False)
        yield Label("The page `cooldown plan --print` writes, to print and keep", id="plan-preview-label")
        yield Static("", id="plan-preview", markup=False)

    def on_mount(self) -> None:
        self.after_change(self.settings)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input.id == "partner-name":
            self.query_one("#plan-partner-place-label", Label).update(partner_place_label(event.value))
        self.check(event.input, save=False)

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _done(self, event: Input.Submitted | Input.Blurred) -> None:
        self.check(event.input, save=True)

    @on(Switch.Changed, "#plan-no-following")
    def _no_following(self, event: Switch.Changed) -> None:
        self.update_settings(
            "plan_no_following", {"plan": {**self.settings.plan.model_dump(), "no_following": event.value}}
        )

    def check(self, field_input: Input, *, save: bool) -> None:
        """Check an answer as it is typed; use it on Enter or on leaving the field (`save`)."""
        change = self._change(field_input)
        if change is None:
            return
        field, changes = change
        self.update_settings(field, changes, save=save)
        if field == "plan_minutes":
            self._gentle_about(changes["plan"]["minutes"])

    def unsaved(self) -> Settings | None:
        """The settings with the field being typed in now, if it is usable and not saved yet.

        For leaving the screen: a screen that is no longer shown gets no messages, so this is asked directly.
        """
        focused = self.screen.focused
        change = self._change(focused) if isinstance(focused, Input) and focused in self.query(Input) else None
        if change is None:
            return None
        try:
            settings = Settings.model_validate({**self.settings.model_dump(), **change[1]})
        except ValidationError:
            return None
        return None if settings == self.settings else settings

    def _change(self, field_input: Input) -> tuple[str, dict[str, Any]] | None:
        """(the field's name for its message, the change to the settings); None if the minutes are unusable."""
        widget_id = field_input.id or ""
        if widget_id == "partner-name":
            return "partner_name", {"partner_name": field_input.value}
        field = snake(widget_id.removeprefix("plan-"))
        value: str | int = field_input.value
        if field == "minutes":
            minutes = self._minutes(field_input.value)
            if minutes is None:
                return None
            value = minutes
        return f"plan_{field}", {"plan": {**self.settings.plan.model_dump(), field: value}}

    def _minutes(self, typed: str) -> int | None:
        """The usual length typed, or None with a kind word beside the field."""
        note = self.query_one("#plan-minutes-message", Static)
        note.remove_class("gentle")
        text = typed.strip()
        if not text.lstrip("-").isdigit():
            note.update("A whole number of minutes, please (30 is a good start).")
            return None
        minutes = int(text)
        if minutes < 1:
            note.update("At least 1 minute, please.")
            return None
        if minutes > LONGEST_BREAK:
            note.update("At most 1440 minutes (a day): a break longer than that feels like a punishment.")
            return None
        return minutes

    def _gentle_about(self, minutes: int) -> None:
        """Below the settings' minimum: a quiet word that the body needs longer (the length is still kept)."""
        minimum = self.settings.cooldown.minimum_minutes
        if minutes < minimum:
            note = self.query_one("#plan-minutes-message", Static)
            note.add_class("gentle")
            note.update(f"A body usually needs at least {minimum} minutes to settle, but it's your call.")

    def after_change(self, settings: Settings) -> None:
        """The printed page as it will read with this answer."""
        self.query_one("#plan-preview", Static).update(plan_markdown(settings).rstrip("\n"))
