"""Statement 1 painted from a glance at the files, then the session loaded behind it without a change on screen."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from cooldown.clock import system_clock
from cooldown.core.episode import Episode
from cooldown.store.episodes import EpisodeLog
from cooldown.tui import app as app_module
from cooldown.tui.app import CooldownApp
from cooldown.tui.screens.statement import StatementScreen
from tests.tui.conftest import SIZE, flat, visible_text


class Watched(CooldownApp):
    """The app as the console script starts it, noting what was on screen when the session began to load."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))

    def __init__(self, home: Path) -> None:
        super().__init__(
            log_path=home / "episodes.sqlite3",
            config_path=home / "config.toml",
            start_alarm=lambda uid: False,
            glance=True,
        )
        self.before_load: str | None = None
        self.press_before_load: tuple[int, bool] | None = None

    def _load_after_first_frame(self) -> None:
        self.before_load = flat(visible_text(self))
        if self.press_before_load is not None:
            rating, said = self.press_before_load
            self.screen.action_rate(rating)
            if said:
                self.screen.action_next()
        super()._load_after_first_frame()


async def test_statement_one_is_on_screen_before_the_session_loads_and_stays_as_it_was(cooldown_home: Path) -> None:
    cooldown_home.mkdir()
    (cooldown_home / "config.toml").write_text('[statements]\nrecognize = "I can feel the anger rising."\n')
    app = Watched(cooldown_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.before_load is not None and "I can feel the anger rising." in app.before_load
        assert "1 of 4 · say it out loud" in app.before_load
        assert app.loaded
        screen = app.screen
        assert isinstance(screen, StatementScreen) and screen.run is app.protocol_run
        assert flat(visible_text(app)) == app.before_load  # the same screen, with the session behind it
        await pilot.press("6", "enter")
        await pilot.pause()
        assert "I care about the relationship." in flat(visible_text(app))
    with EpisodeLog(cooldown_home / "episodes.sqlite3") as log:
        (episode,) = log.episodes()
    assert episode.anger_before == 6 and episode.statement == 1


async def test_a_statement_said_before_the_session_loaded_is_said_once_it_has(cooldown_home: Path) -> None:
    app = Watched(cooldown_home)
    app.press_before_load = (8, True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "I care about the relationship." in flat(visible_text(app))
    with EpisodeLog(cooldown_home / "episodes.sqlite3") as log:
        (episode,) = log.episodes()
    assert episode.anger_before == 8


async def test_a_rating_chosen_before_the_session_loaded_is_kept(cooldown_home: Path) -> None:
    app = Watched(cooldown_home)
    app.press_before_load = (3, False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    with EpisodeLog(cooldown_home / "episodes.sqlite3") as log:
        (episode,) = log.episodes()
    assert episode.anger_before == 3


async def test_settings_the_full_reading_refuses_are_said_once_it_has_read_them(cooldown_home: Path) -> None:
    cooldown_home.mkdir()
    (cooldown_home / "config.toml").write_text("[cooldown]\nminimum_minutes = -5\n[plan]\nsignal = 'a raised hand'\n")
    app = Watched(cooldown_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.before_load is not None and "can't be used" not in app.before_load
        assert "Our agreed signal: a raised hand" in app.before_load
        banner = flat(str(app.screen.query_one("#settings-problem", Static).render()))
        assert "config.toml can't be used" in banner
        assert "Our agreed signal: a raised hand" in flat(visible_text(app))


async def test_wording_the_glance_leaves_to_the_full_reading_is_shown_once_read(cooldown_home: Path) -> None:
    cooldown_home.mkdir()
    (cooldown_home / "config.toml").write_text('[statements]\nrecognize = "I am getting angry {{really}}."\n')
    app = Watched(cooldown_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.before_load is not None and "I recognize that I am getting angry." in app.before_load
        assert "I am getting angry {really}." in flat(visible_text(app))


async def test_a_cool_down_running_is_loaded_before_the_first_frame(cooldown_home: Path) -> None:
    cooldown_home.mkdir()
    now = system_clock()
    episode = Episode.begin(now).choose_activity("go for a walk").agree_return(now + timedelta(minutes=40), now)
    with EpisodeLog(cooldown_home / "episodes.sqlite3") as log:
        log.save(episode)
    app = Watched(cooldown_home)
    assert app.loaded  # nothing glanced: the session is there from the start
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.before_load is None
        assert "Cooling down" in flat(visible_text(app))


FIRST_FRAME_IMPORTS = r"""
import json, sys
from cooldown.tui.app import CooldownApp

class Probe(CooldownApp):
    CSS_PATH = CooldownApp.CSS_PATH and __import__("cooldown.tui.app").tui.app.__file__.replace("app.py", "app.tcss")
    def _load_after_first_frame(self):
        self.first = sorted(sys.modules)
        super()._load_after_first_frame()
        self.loaded_with = sorted(sys.modules)
        self.exit()

app = Probe(glance=True, start_alarm=lambda uid: False)
app.run(headless=True, size=(80, 24))
print(json.dumps({"first": app.first, "loaded": app.loaded_with}))
"""

NOT_BEFORE_THE_FIRST_FRAME = (
    "pydantic",
    "pydantic_core",
    "cooldown.core.episode",
    "cooldown.core.settings",
    "cooldown.core.stats",
    "cooldown.session.protocol",
    "cooldown.session.history",
    "cooldown.store.episodes",
    "cooldown.store.themes",
    "tomli_w",
    "email",
    "importlib.metadata",
)
"""What statement 1 does not need, so must not be imported before it is painted."""


def test_statement_one_is_painted_before_the_models_and_the_session_are_imported(cooldown_home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_IMPORTS], capture_output=True, text=True, timeout=120, check=True
    )
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    first, loaded = set(modules["first"]), set(modules["loaded"])
    assert "cooldown.tui.screens.statement" in first
    assert sorted(first & set(NOT_BEFORE_THE_FIRST_FRAME)) == []
    assert {"pydantic", "cooldown.session.protocol", "cooldown.store.episodes"} <= loaded  # the probe can see them
