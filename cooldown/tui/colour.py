"""Colour as the person's terminal asks for it: NO_COLOR (https://no-color.org) honoured.

When NO_COLOR is set and not empty, cooldown adds no colour of its own: the
terminal's own default colours are used (Textual's ANSI mode, with every colour
taken out), and what needs to stand out does so by bold and reverse (see the
`:nocolor` rules in app.tcss). The app's themes are not shown then; one chosen
in the settings is kept for when colour is back.

Textual reads NO_COLOR itself, but even when it is empty, and it paints the
screen in greys rather than in the terminal's own colours; this corrects both.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from textual.app import App
from textual.filter import Monochrome, NoColor

NO_COLOR_THEME = "ansi-dark"
"""Textual's theme of plain terminal colours, shown while NO_COLOR is set."""

NO_COLOR_WORDS = "NO_COLOR is set, so cooldown shows no colours. A theme chosen here is kept for when it is not."
"""Said in the settings' theme tab while NO_COLOR is set."""


def no_color_asked(environ: Mapping[str, str] | None = None) -> bool:
    """True when NO_COLOR is set and not empty (an empty NO_COLOR asks for nothing)."""
    environ = os.environ if environ is None else environ
    return bool(environ.get("NO_COLOR"))


def follow_no_color(app: App[object], environ: Mapping[str, str] | None = None) -> bool:
    """Set the app's colour filters as NO_COLOR asks, once, when the app is built; True if colour is off.

    Off: the terminal's default colours (ANSI mode, the plain theme, every colour
    removed, bold and reverse kept). On: none of Textual's own NO_COLOR filtering.
    """
    off = no_color_asked(environ)
    app._filters[:] = [kept for kept in app._filters if not isinstance(kept, Monochrome | NoColor)]
    app.no_color = off
    if off:
        app.ansi_color = True
        app.theme = NO_COLOR_THEME
        app._filters.append(NoColor())
    return off


def show_before_start(app: App[object], name: str) -> None:
    """Show theme `name` on an app that is not running yet, before its CSS is first parsed.

    Setting `App.theme` parses the whole stylesheet again (twice on start-up: once
    for the change and once for the first screen, built with the old theme). Set
    before anything is parsed, the CSS is parsed once, with this theme's colours.
    This does what Textual's theme watcher does, less the parsing.
    """
    app.set_reactive(App.theme, name)
    dark = app.current_theme.dark
    classes = {name: False for name in app.classes if name.startswith("-theme-")}
    app.update_classes({**classes, f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False)
    app._refresh_truecolor_filter(app.ansi_theme)
    app.stylesheet.set_variables(app.get_css_variables())
