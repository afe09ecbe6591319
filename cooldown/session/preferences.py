"""The person's settings as the session holds them: read from config.toml, saved back on change.

Also the colour themes: the bundled ones and the person's own, with the problems
of any file that could not be used. The settings are held here once; the
protocol run reads them from here, so a change is used at once everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cooldown.core.settings import Settings
from cooldown.paths import themes_dir
from cooldown.store.config import ConfigProblem, load_config, save_config
from cooldown.store.themes import (
    DEFAULT_THEME,
    ThemeProblem,
    ThemeSpec,
    bundled_themes_dir,
    load_themes,
    missing_theme,
)


@dataclass(frozen=True)
class Notice:
    """Something to tell the person after a save."""

    text: str
    error: bool = False


class Preferences:
    """Settings, where they are kept, and what was wrong with them when read."""

    def __init__(self, config_path: Path, settings: Settings | None = None) -> None:
        self.config_path = config_path
        self.problems: tuple[ConfigProblem, ...] = ()
        if settings is None:
            loaded = load_config(config_path)
            settings, self.problems = loaded.settings, loaded.problems
        self.settings = settings
        self._broken = bool(self.problems)
        """The file on disk has problems: keep a copy of it before the first save."""
        self._stamp = _stamp(config_path)
        """The file as read; if it changes meanwhile (edited by hand), it is kept before a save."""
        self.kept: Path | None = None
        """Where the earlier config.toml was kept by the last save that had to keep one."""
        self.themes: list[ThemeSpec]
        self.theme_problems: list[ThemeProblem]
        self.themes, self.theme_problems = load_themes(bundled_themes_dir(), themes_dir())

    # Themes

    def check_theme(self, available: Iterable[str]) -> str | None:
        """A message if the chosen theme is not among `available` (it is then added to the problems)."""
        problem = missing_theme(self.config_path, self.settings.theme, available)
        if problem is None:
            return None
        self.theme_problems.append(problem)
        return problem.message

    @property
    def theme(self) -> str:
        """The theme to show: the chosen one, or the default."""
        return self.settings.theme or DEFAULT_THEME

    def theme_names(self, available: Iterable[str]) -> list[str]:
        """The app's own themes first, then the rest, each group by name."""
        own = {spec.name for spec in self.themes}
        return sorted(available, key=lambda name: (name not in own, name))

    # Saving

    def save(self, settings: Settings) -> Path | None:
        """Write `settings` to config.toml (atomically). Returns where a broken old file was kept.

        Raises OSError if the file cannot be written; the settings hold in memory regardless.
        """
        theme_before = self.settings.theme
        self.settings = settings
        edited_meanwhile = _stamp(self.config_path) != self._stamp
        kept = save_config(settings, self.config_path, keep_broken=self._broken or edited_meanwhile)
        self._broken = False
        self._stamp = _stamp(self.config_path)
        # The file now holds these settings, every one of them usable: its old problems are gone.
        self.problems = ()
        if settings.theme != theme_before:
            self.theme_problems = [problem for problem in self.theme_problems if problem.path != self.config_path]
        if kept is not None:
            self.kept = kept
        return kept

    def update(self, settings: Settings) -> Notice | None:
        """Use `settings` at once and save them; what to tell the person, if anything."""
        try:
            kept = self.save(settings)
        except OSError as error:
            reason = error.strerror or str(error)
            return Notice(
                f"Couldn't save {shown_path(self.config_path)} ({reason}). The change holds until you close cooldown.",
                error=True,
            )
        if kept is not None:
            return Notice(f"Your earlier config.toml was kept as {kept}.")
        return None

    # What is wrong, in words

    def file_summary(self) -> str:
        """Where the settings are saved, and anything wrong with them when they were read."""
        path = self.config_path
        state = "" if path.exists() else " (not created yet: the defaults are in use)"
        lines = [f"Saved to {shown_path(path)}{state}"]
        if self.kept is not None:
            lines.append(f"Your earlier config.toml was kept as {shown_path(self.kept)}.")
        if report := self.problem_report():
            lines.append(report)
        return "\n".join(lines)

    def problem_report(self) -> str | None:
        """Everything wrong with config.toml and the theme files, one line each; None if all is well."""
        lines = [_in_words(problem) for problem in (*self.problems, *self.theme_problems)]
        if not lines:
            return None
        return "Some settings could not be used; the defaults stand in for them:\n" + "\n".join(lines)

    def problem_notice(self) -> str | None:
        """A short note for the start: which files have problems, and where to read more."""
        files = sorted({str(problem.path) for problem in (*self.problems, *self.theme_problems)})
        if not files:
            return None
        return (
            f"Some settings in {', '.join(files)} could not be used; the defaults stand in. "
            "Settings (S) or `cooldown config check` says what is wrong."
        )


def shown_path(path: Path) -> str:
    """`path` as a person reads it: inside the home folder it starts with ~."""
    home = os.environ.get("HOME")
    if home and home != "/" and os.name != "nt":
        try:
            return str(Path("~") / path.relative_to(home))
        except ValueError:
            pass
    return str(path)


def _in_words(problem: ConfigProblem | ThemeProblem) -> str:
    """One problem on one line, its file named as a person reads it (~/... inside the home folder)."""
    return f"{shown_path(problem.path)}: {str(problem).removeprefix(f'{problem.path}: ')}"


def _stamp(path: Path) -> tuple[int, int] | None:
    """When the file was last written and how big it is; None if it is not there."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size
