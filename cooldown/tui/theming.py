"""The app's keys and colours: config.toml's [keymap] and the theme shown, previewed and kept.

A part of `CooldownApp` (a mixin, used only there; `self` is the app).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import InvalidThemeError
from textual.theme import Theme

from cooldown.store.glance import DEFAULT_THEME
from cooldown.tui import colour

if TYPE_CHECKING:
    from cooldown.store.glance import Glance
    from cooldown.tui.widgets.theme_picker import ThemePicker


class Themed:
    """The app's side of keys and themes; `self` is the `CooldownApp`."""

    def _use_keymap(self) -> None:
        """config.toml's [keymap] in use; what can't be used of it is told with the other settings' problems."""
        from cooldown.tui.keymap import apply_keymap

        problems = apply_keymap(self, self.preferences.settings.keymap, self.preferences.config_path)
        self.preferences.problems = (*self.preferences.problems, *problems)

    def _use_theme(self, name: str) -> None:
        if self.preferences.check_theme(self.available_themes) is not None:
            name = DEFAULT_THEME
        try:
            self.show_theme(name)
        except InvalidThemeError:
            self.show_theme(DEFAULT_THEME)

    def show_theme(self, name: str) -> None:
        """Show a theme without keeping it (a preview, the start-up choice, a fallback); none under NO_COLOR."""
        if self.no_color:
            return
        if name not in self.available_themes:
            raise InvalidThemeError(f"theme {name!r} has not been registered")
        self._shown_theme = name
        if self._running:
            self.theme = name
        else:
            colour.show_before_start(self, name)  # the CSS is parsed once, with these colours

    def on_theme_picker_previewed(self, message: ThemePicker.Previewed) -> None:
        self.show_theme(message.name)

    def on_theme_picker_chosen(self, message: ThemePicker.Chosen) -> None:
        self.show_theme(message.name)
        self._save_theme(message.name)

    def _theme_changed(self, theme: Theme) -> None:
        """A theme chosen in Textual's own picker is kept; one the app showed itself is not."""
        if self.no_color or theme.name == self._shown_theme or theme.name == self.preferences.settings.theme:
            return
        self._shown_theme = theme.name
        self._save_theme(theme.name)

    def _save_theme(self, name: str) -> None:
        notice = self.preferences.update(self.preferences.settings.model_copy(update={"theme": name}))
        if notice is not None:
            self.notify(notice.text, severity="error" if notice.error else "information", timeout=12, markup=False)

    def _show_glanced_theme(self, seen: Glance) -> None:
        """The theme for the first frame, as the glance found it."""
        from cooldown.tui.first_frame import glanced_theme

        if (theme := glanced_theme(seen)) is not None:
            self.register_theme(theme)
        try:
            self.show_theme(seen.theme)
        except InvalidThemeError:
            self.show_theme(DEFAULT_THEME)
