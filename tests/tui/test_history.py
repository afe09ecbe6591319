"""The history screen driven through the real app: filters, edit, delete, quick log."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, TabbedContent

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.session.history import PAGE
from cooldown.store.episodes import EpisodeLog
from cooldown.tui.app import CooldownApp
from cooldown.tui.screens.history import HistoryScreen
from cooldown.tui.screens.statement import StatementScreen
from cooldown.tui.widgets.episode_table import EpisodeTable
from tests.conftest import BERLIN, FakeClock
from tests.tui.conftest import SIZE, flat, footer_keys, visible_text


def finished(at: datetime, outcome: Outcome | None, activity: str = "go for a walk", note: str = "") -> Episode:
    episode = Episode.begin(at, anger=6).choose_activity(activity).agree_return(at + timedelta(minutes=30))
    episode = episode.come_back(at + timedelta(minutes=32))
    if outcome is None:
        return episode
    return episode.record_outcome(outcome).reflect(2, note)


@pytest.fixture
def seeded(log_path: Path, clock: FakeClock) -> list[Episode]:
    """Three weeks of history ending today (Sat 21 Nov 2026, 18:00 Berlin)."""
    now = clock.now
    episodes = [
        finished(now - timedelta(days=20), Outcome.FIGHT, "watch a movie"),
        finished(now - timedelta(days=9), Outcome.SIDESTEP, "[bold]walk[/]", note="a note with [brackets]"),
        finished(now - timedelta(days=3), Outcome.FIGHT, "go for a walk"),
        finished(now - timedelta(days=1), Outcome.SIDESTEP, "go for a walk"),
        finished(now - timedelta(hours=5), None, "exercise"),
    ]
    with EpisodeLog(log_path) as log:
        return [log.save(episode) for episode in episodes]


def history_app(clock: FakeClock, log_path: Path) -> CooldownApp:
    return CooldownApp(clock=clock, log_path=log_path, mode="history")


def stored(log_path: Path) -> list[Episode]:
    with EpisodeLog(log_path) as log:
        return list(log.episodes())


async def test_empty_log_says_how_to_start(clock: FakeClock, log_path: Path) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = flat(visible_text(app))
        assert "Nothing recorded yet." in text
        assert "press l" in text
        assert "│" not in visible_text(app).split("Overview")[1].split("Nothing")[0]  # no empty chart frame
        assert not app.screen.query_one("#chart").display


async def test_summary_chart_and_what_works(clock: FakeClock, log_path: Path, seeded: list[Episode]) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Sidesteps 1 2 2" in text  # this week (from Mon 16 Nov), this month, all time
        assert "Fights 1 2 2" in text
        assert "Sidestep rate 50% 50% 50%" in text
        assert "3 days since the last fight (longest: 17 days)" in text
        assert "back on time 100%" in text
        assert "sidesteps" in text and "fights" in text  # the legend
        await pilot.press("r")
        await pilot.pause()
        assert "per month, last 12 months" in flat(visible_text(app))

        await pilot.press("w")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "[bold]walk[/] 1 too few to tell" in text  # user text shown literally; under 3, no verdict
        assert "go for a walk 2 too few to tell" in text
        assert "watch a movie 1 too few to tell" in text
        assert "Your promise to come back, last 12 weeks" in text


async def test_episode_list_filters_by_outcome_and_period(
    clock: FakeClock, log_path: Path, seeded: list[Episode]
) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        table = app.screen.query_one(EpisodeTable)
        assert table.row_count == 5
        assert table.current is not None and table.current.activity == "exercise"  # newest first
        assert "unfinished" in flat(visible_text(app))

        await pilot.press("f")  # sidesteps
        await pilot.pause()
        assert table.row_count == 2
        assert "2 episodes · f sidesteps · p all time · s newest first" in flat(visible_text(app))
        await pilot.press("f")  # fights
        await pilot.pause()
        assert {e.outcome for e in table.episodes.values()} == {Outcome.FIGHT}
        await pilot.press("p")  # this week (Mon 16 Nov onwards)
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("f")  # unfinished, this week
        await pilot.pause()
        assert [e.activity for e in table.episodes.values()] == ["exercise"]


async def test_edit_outcome_and_note(clock: FakeClock, log_path: Path, seeded: list[Episode]) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "down", "enter")  # the sidestep of yesterday
        await pilot.pause()
        assert "The sidestep on Fri 20 Nov 2026 18:00 (go for a walk)" in flat(visible_text(app))
        await pilot.press("f", "n")
        note = app.screen.query_one("#episode-note", Input)
        note.value = ""
        await pilot.press(*"it went badly [really]", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(EpisodeTable)
        row = [str(cell) for cell in table.get_row(str(seeded[3].id))]
        assert (row[1], row[5], row[6]) == ("fight", "6→2", "it went badly [really]")
    edited = next(e for e in stored(log_path) if e.id == seeded[3].id)
    assert (edited.outcome, edited.note, edited.status) == (Outcome.FIGHT, "it went badly [really]", Status.DONE)


async def test_delete_asks_first_and_names_the_episode(clock: FakeClock, log_path: Path, seeded: list[Episode]) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "down", "down", "enter", "d")
        await pilot.pause()
        assert "Delete the fight on Wed 18 Nov 2026 18:00 (go for a walk)?" in flat(visible_text(app))
        await pilot.press("n")  # keep it
        await pilot.pause()
        await pilot.press("d", "y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one(EpisodeTable).row_count == 4
    assert seeded[2].id not in {e.id for e in stored(log_path)}
    assert len(stored(log_path)) == 4


async def test_quick_fight_log_from_history(clock: FakeClock, log_path: Path) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("l")
        await pilot.pause()
        when = app.screen.query_one("#log-when", Input)
        when.value = "in a while"
        await pilot.press("enter")
        await pilot.pause()
        assert "couldn't read" in flat(visible_text(app))
        when.value = ""
        await pilot.press(*"yesterday 21:00", "tab", *"about the dishes", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "Fights 1 1 1" in flat(visible_text(app))  # yesterday is this week
    [episode] = stored(log_path)
    assert episode.started_at == datetime(2026, 11, 20, 21, 0, tzinfo=BERLIN)
    assert (episode.outcome, episode.protocol_used, episode.note) == (Outcome.FIGHT, False, "about the dishes")


async def test_history_is_one_key_from_the_protocol_and_back(clock: FakeClock, log_path: Path) -> None:
    app = CooldownApp(clock=clock, log_path=log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "h History" in footer_keys(app)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "h History" not in footer_keys(app)  # the key of the mode you are in is off
        assert app.screen.query_one(TabbedContent).active == "overview"
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)


async def test_long_history_loads_in_pages(clock: FakeClock, log_path: Path) -> None:
    start = clock.now - timedelta(days=400)
    with EpisodeLog(log_path) as log:
        log.add_new(finished(start + timedelta(hours=n * 8), Outcome.SIDESTEP) for n in range(PAGE * 2 + 30))
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        table = app.screen.query_one(EpisodeTable)
        assert table.row_count == PAGE
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count > PAGE
        for _ in range(3):
            await pilot.press("ctrl+end")
            await pilot.pause()
        assert table.row_count == PAGE * 2 + 30


async def test_clearing_an_outcome_does_not_make_it_resume(
    clock: FakeClock, log_path: Path, seeded: list[Episode]
) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "down", "enter", "u", "ctrl+s")
        await pilot.pause()
    edited = next(e for e in stored(log_path) if e.id == seeded[3].id)
    assert (edited.outcome, edited.status) == (None, Status.ABANDONED)  # not open: never resumed


async def test_history_reads_again_after_a_cool_down(clock: FakeClock, log_path: Path) -> None:
    app = CooldownApp(clock=clock, log_path=log_path)
    app.bell = lambda: None  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert "Nothing recorded yet." in flat(visible_text(app))
        await pilot.press("c", "enter", "enter", "1", "enter", "enter", "b", "w", "s", "enter", "enter")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert "Sidesteps 1 1 1" in flat(visible_text(app))


async def test_cool_down_from_history_after_a_finished_episode_starts_afresh(clock: FakeClock, log_path: Path) -> None:
    app = CooldownApp(clock=clock, log_path=log_path)
    app.bell = lambda: None  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter", "enter", "1", "enter", "enter", "b", "w", "f", "enter", "enter")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen) and app.screen.number == 1
        assert "I recognize that I am getting angry." in flat(visible_text(app))
        await pilot.press("enter")
        await pilot.pause()
    assert len(stored(log_path)) == 2  # a new episode, the finished one untouched


async def test_what_set_it_off_and_the_first_signs_are_changed_in_the_details(
    clock: FakeClock, log_path: Path, seeded: list[Episode]
) -> None:
    app = history_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")  # the newest: exercise
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "What set it off, and what you noticed first" in flat(visible_text(app))
        await pilot.press("2", "down", "1", "t", *"plans", "enter")
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Set off by plans" in text
        assert "Signs hot face, raising my voice" in text
        await pilot.press("enter")  # save the episode
        await pilot.pause()
    edited = next(episode for episode in stored(log_path) if episode.activity == "exercise")
    assert edited.topic == "plans"
    assert [(cue.group, cue.name) for cue in edited.cues] == [("body", "hot face"), ("actions", "raising my voice")]
