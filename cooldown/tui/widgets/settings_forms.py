"""The cool-down limits, the bell and the wording of the statements, edited in place.

Each field is checked as it is typed; a usable value is posted as
`SettingsForm.Changed` (and saved by the screen), an unusable one gets a message
beside it and is not used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static, Switch

from cooldown.core.coming_back import CARD_LIMIT, LINE_LIMIT, LINES
from cooldown.core.script import Wording
from cooldown.core.settings import Settings
from cooldown.store.config_problems import message
from cooldown.tui.widgets.limited_input import LimitedInput

Current = Callable[[], Settings]
"""The settings as they stand now (other tabs may have changed them)."""

LIMITS = (
    ("default_minutes", "Minutes for an activity typed on the spot (1-1440)"),
    ("minimum_minutes", "Gentle warning below this many minutes (0-1440; 0 turns it off)"),
    ("maximum_hours", "Refuse return times more than this many hours ahead (1-24)"),
)
STATEMENTS = (
    ("recognize", "Statement 1"),
    ("care", "Statement 2"),
    ("withdraw", "Statement 3"),
    ("activity", "After statement 3 ({activity} is what you'll do)"),
    ("come_back", "Statement 4 ({time} is the return time)"),
)
EXAMPLE = ("go for a walk", "19:30")


def kebab(field: str) -> str:
    """A settings field's widget id: default_minutes -> default-minutes."""
    return field.replace("_", "-")


def snake(widget_id: str) -> str:
    return widget_id.replace("-", "_")


def first_problem(error: ValidationError) -> str:
    """The first problem of a validation error, in the same words as config.toml's problems."""
    text = message(error.errors(include_url=False)[0])
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?")) else ".")


class SettingsForm(Vertical):
    """Shared plumbing: read the settings, post an update, say what is wrong beside a field."""

    @dataclass
    class Changed(Message):
        """Use and save these settings."""

        settings: Settings

    DEFAULT_CSS = """
    SettingsForm { height: auto; padding: 0 1; }
    SettingsForm Label { margin-top: 1; color: $text-muted; }
    SettingsForm .field-message { color: $text-error; height: auto; }
    """

    def __init__(self, current: Current, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._current = current

    @property
    def settings(self) -> Settings:
        return self._current()

    def update_settings(self, field: str, changes: dict[str, Any], *, save: bool = True) -> None:
        """Validate `changes` to the settings; post them (if `save`), or explain beside `field`."""
        note = self.query_one(f"#{kebab(field)}-message", Static)
        try:
            settings = Settings.model_validate({**self.settings.model_dump(), **changes})
        except ValidationError as error:
            note.update(first_problem(error))
            return
        note.update("")
        self.after_change(settings)
        if save and settings != self.settings:
            self.post_message(self.Changed(settings))

    def after_change(self, settings: Settings) -> None:
        """Refresh anything derived from the settings (a preview)."""


class LimitsForm(SettingsForm):
    """Default, minimum and maximum lengths, and the bell."""

    def compose(self) -> ComposeResult:
        limits = self.settings.cooldown
        for field, label in LIMITS:
            yield Label(label)
            yield LimitedInput(str(getattr(limits, field)), id=kebab(field), type="integer", max_length=7)
            yield Static("", id=f"{kebab(field)}-message", classes="field-message", markup=False)
        yield Label("Ring the terminal bell when it is time to go back")
        yield Switch(self.settings.bell, id="bell")
        yield Static("", id="bell-message", classes="field-message")

    @on(Input.Changed)
    def _limit_typed(self, event: Input.Changed) -> None:
        self._limit_changed(event.input, save=False)

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _limit_done(self, event: Input.Submitted | Input.Blurred) -> None:
        self._limit_changed(event.input, save=True)

    def _limit_changed(self, field_input: Input, *, save: bool) -> None:
        """Check the number as it is typed; use it once Enter is pressed or the field is left."""
        field = snake(field_input.id or "")
        value = field_input.value
        note = self.query_one(f"#{kebab(field)}-message", Static)
        if not value.strip().lstrip("-").isdigit():
            note.update("A whole number, please.")
            return
        limits = {**self.settings.cooldown.model_dump(), field: int(value)}
        self.update_settings(field, {"cooldown": limits}, save=save)

    @on(Switch.Changed, "#bell")
    def _bell_changed(self, event: Switch.Changed) -> None:
        self.update_settings("bell", {"notifications": {"bell": event.value}})


class WordingForm(SettingsForm):
    """The four statements with a live preview of the whole script; Ctrl+R resets one."""

    BINDINGS = [
        Binding("ctrl+r", "reset", "Reset statement", tooltip="Back to the default wording", id="wording-reset"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Your partner's name (fills {partner}; optional)")
        yield LimitedInput(self.settings.partner_name, id="partner-name", max_length=80)
        yield Static("", id="partner-name-message", classes="field-message", markup=False)
        for field, label in STATEMENTS:
            yield Label(label)
            yield LimitedInput(getattr(self.settings.statements, field), id=kebab(field), max_length=200)
            yield Static("", id=f"{kebab(field)}-message", classes="field-message", markup=False)
        yield Label("The script, as it will read")
        yield Static("", id="script-preview", markup=False)

    def on_mount(self) -> None:
        self.after_change(self.settings)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._changed(event.input, save=False)

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _done(self, event: Input.Submitted | Input.Blurred) -> None:
        self._changed(event.input, save=True)

    def _changed(self, field_input: Input, *, save: bool) -> None:
        """Check the wording as it is typed (the preview follows); save it on Enter or on leaving."""
        field = snake(field_input.id or "")
        if field == "partner_name":
            changes: dict[str, Any] = {"partner_name": field_input.value}
        else:
            changes = {"statements": {**self.settings.statements.model_dump(), field: field_input.value}}
        self.update_settings(field, changes, save=save)

    def action_reset(self) -> None:
        focused = self.screen.focused
        field = snake(focused.id or "") if isinstance(focused, Input) else ""
        if isinstance(focused, Input) and field in Wording.model_fields:
            focused.value = Wording.model_fields[field].default
            self._changed(focused, save=True)

    def after_change(self, settings: Settings) -> None:
        """Preview what is typed in every field (where it is usable), saved or not yet."""
        typed = {snake(field.id or ""): field.value for field in self.query(Input)}
        partner = typed.pop("partner_name", settings.partner_name)
        try:
            wording = Wording.model_validate({**settings.statements.model_dump(), **typed})
        except ValidationError:
            wording = settings.statements
        activity, time = EXAMPLE
        script = wording.script(activity, time, partner.strip())
        self.query_one("#script-preview", Static).update("\n".join(script))


class ReturnCardForm(SettingsForm):
    """The coming-back card's lines, one field each; Ctrl+R puts the defaults back."""

    BINDINGS = [
        Binding("ctrl+r", "reset", "Defaults", tooltip="Back to the default lines", id="card-reset"),
    ]

    def compose(self) -> ComposeResult:
        lines = self.settings.return_card.shown
        for number in range(CARD_LIMIT):
            yield LimitedInput(
                lines[number] if number < len(lines) else "", id=f"card-line-{number}", max_length=LINE_LIMIT
            )
        yield Static("", id="return-card-message", classes="field-message", markup=False)

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _done(self, event: Input.Submitted | Input.Blurred) -> None:
        self._save()

    def _typed(self) -> tuple[str, ...]:
        return tuple(value for field in self.query(Input) if (value := field.value.strip()))

    def _save(self) -> None:
        lines = self._typed()
        own = () if lines == LINES else lines  # the defaults as they are: kept as "the defaults"
        self.update_settings("return_card", {"return_card": {"lines": own}})

    def action_reset(self) -> None:
        for number, field in enumerate(self.query(Input)):
            field.value = LINES[number] if number < len(LINES) else ""
        self._save()
