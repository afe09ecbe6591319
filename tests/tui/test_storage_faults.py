"""The app on a log that fails: the statements and the timer run, one plain banner says what happened."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from cooldown.core.episode import Episode, Status
from cooldown.store.episodes import EpisodeLog, StoreError
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.screens.statement import StatementScreen
from tests.tui.conftest import SIZE, AppFactory, flat, visible_text

GARBAGE = b"this is not an SQLite database\x00\xff" * 100


def banner(app) -> str | None:  # noqa: ANN001 - the running app
    """The storage banner's words, or None if it is hidden."""
    shown = app.screen.query_one("#problem", Static)
    return str(shown.render()) if shown.display else None


async def walk_to_the_cool_down(pilot) -> None:  # noqa: ANN001 - the Pilot
    for key in ("enter", "enter", "1", "enter", "enter"):
        await pilot.press(key)
        await pilot.pause()


async def test_a_garbage_log_is_moved_aside_and_the_protocol_runs_with_one_plain_banner(
    make_app: AppFactory, log_path: Path
) -> None:
    log_path.parent.mkdir(parents=True)
    log_path.write_bytes(GARBAGE)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        assert "I recognize that I am getting angry." in flat(visible_text(app))
        [moved] = [path for path in log_path.parent.iterdir() if ".damaged-" in path.name]
        words = banner(app)
        assert words is not None
        assert f"The log at {log_path} was damaged (file is not a database), so it was moved to {moved}" in words
        assert "Not saved" not in words
        await walk_to_the_cool_down(pilot)
        assert isinstance(app.screen, CoolDownScreen)
        assert app.protocol_run.saving
    assert moved.read_bytes() == GARBAGE
    with EpisodeLog(log_path) as log:
        [episode] = log.episodes()
    assert episode.status is Status.COOLING and episode.return_at is not None


async def test_the_banner_goes_once_a_write_goes_through_again(make_app: AppFactory, log_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        log = app.logbook.log
        assert log is not None
        real_save = log.save
        failures = [StoreError(log_path, "database or disk is full", "Free some space on that disk")]

        def save(episode: Episode, **options: object) -> Episode:
            if failures:
                raise failures.pop()
            return real_save(episode, **options)  # type: ignore[arg-type]

        log.save = save  # type: ignore[method-assign]
        await pilot.press("enter")  # statement 1 said: the disk is full
        await pilot.pause()
        words = banner(app)
        assert words is not None and f"Not saved: the log at {log_path}" in words
        await pilot.press("enter")  # statement 2 said: there is room again
        await pilot.pause()
        assert banner(app) is None
        assert app.protocol_run.saving
        assert "will not be there next time" not in app.leaving_words()
    with EpisodeLog(log_path) as log:
        [episode] = log.episodes()
    assert episode.statement == 2
