"""Statement 1 painted from a glance, before the session is loaded.

`CooldownApp` shows statement 1 with a `GlancedRun` in place of the protocol
run: the same screen, the same widgets, the words read by store/glance.py. Right
after that first frame the app loads the session and puts the real statement 1
in its place, carrying over a rating already chosen, or the statement already
said (a key pressed in between). Nothing is written to the log from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from textual.theme import BUILTIN_THEMES, Theme

from cooldown.paths import config_file, log_file, themes_dir
from cooldown.store.glance import Glance, glance, statement_one


@dataclass
class Said:
    """Statement 1 said on the glanced screen, with the rating chosen (if one was)."""

    anger: int | None


class GlancedRun:
    """What statement 1's screen asks of a protocol run, answered from a glance."""

    problem = None
    episode = None
    over = True
    carried_on = False
    overtaken = True
    """Nothing moves on from the glanced screen: a statement said there is said again once the session is loaded."""

    def __init__(self, seen: Glance) -> None:
        self.seen = seen
        self.settings = SimpleNamespace(plan=SimpleNamespace(signal=seen.signal))
        self.preferences = SimpleNamespace(problems=(), theme_problems=())
        self.said: Said | None = None

    def statement(self, number: int) -> str:
        return statement_one(self.seen)

    def say(self, number: int, *, anger: int | None = None) -> None:
        self.said = Said(anger)


def take_glance(config: Path | None, log: Path | None) -> Glance | None:
    """The glance at this person's files (see store/glance.py), or None to load everything first."""
    from cooldown import __file__ as package

    bundled = Path(package).parent / "themes"
    if not bundled.is_dir():  # a source checkout: the repository's own themes/
        bundled = Path(package).parents[1] / "themes"
    config = config if config is not None else config_file()
    log = log if log is not None else log_file()
    return glance(config, log, themes_dir(), bundled, frozenset(BUILTIN_THEMES))


def glanced_theme(seen: Glance) -> Theme | None:
    """The theme to show with the first frame: the file's, or None for one of Textual's own."""
    if seen.theme_fields is None:
        return None
    try:
        return Theme(**seen.theme_fields)
    except (TypeError, ValueError):
        return None
