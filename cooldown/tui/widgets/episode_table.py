"""The list of episodes, shown a page at a time as it scrolls; the screen hands it the pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.core.instant import moment_text

PREFETCH = 20
"""Fetch the next page when the cursor comes this close to the last loaded row."""

COLUMNS = ("When", "Outcome", "Activity", "Back at", "Came", "More time", "Anger", "Note")


def outcome_word(episode: Episode) -> str:
    if episode.outcome is Outcome.SIDESTEP:
        return "sidestep"
    if episode.outcome is Outcome.FIGHT:
        return "fight"
    if episode.status is Status.ABANDONED:
        return "abandoned"
    if episode.status is Status.TALK_LATER:
        return "talk later"
    return "unfinished"


def episode_label(episode: Episode) -> str:
    """How a person would name this episode: 'the fight on Sat 21 Nov 2026 18:02 (go for a walk)'."""
    kind = outcome_word(episode)
    if episode.outcome is None:
        kind += " episode"
    activity = f" ({episode.activity})" if episode.activity else ""
    return f"the {kind} on {moment_text(episode.started_at)}{activity}"


def _anger(episode: Episode) -> str:
    """'6→2', or '8→5→2' with a rating during the cool-down; '–' where before or after is missing."""
    if episode.anger_before is None and episode.anger_after is None and not episode.anger_during:
        return ""
    before = "–" if episode.anger_before is None else str(episode.anger_before)
    after = "–" if episode.anger_after is None else str(episode.anger_after)
    during = [str(reading.value) for reading in sorted(episode.anger_during, key=lambda r: r.at.timestamp())]
    return "→".join([before, *during, after])


def _clock(moment: datetime | None) -> str:
    return f"{moment:%H:%M}" if moment is not None else ""


def row(episode: Episode) -> tuple[Text, ...]:
    """The cells of one episode; user text stays literal."""
    note = episode.note.splitlines()[0] if episode.note else ""
    return tuple(
        Text(cell)
        for cell in (
            moment_text(episode.started_at),
            outcome_word(episode),
            episode.activity or ("(logged later)" if not episode.protocol_used else ""),
            _clock(episode.return_at),
            _clock(episode.returned_at),
            f"{episode.reschedules}×" if episode.reschedules else "",
            _anger(episode),
            note,
        )
    )


class EpisodeTable(DataTable[Text]):
    """Rows keyed by episode id; it asks for more (`NearEnd`) as the cursor nears the last row."""

    @dataclass
    class NearEnd(Message):
        """The cursor or the scroll is close to the last loaded row: add the next page, if any."""

        table: EpisodeTable

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.episodes: dict[int, Episode] = {}
        self._asked_at = -1
        """The row count when the last NearEnd was posted, so it is posted once per page."""

    def on_mount(self) -> None:
        self.add_columns(*COLUMNS)

    def start(self) -> None:
        """Empty the list, ready for a new first page."""
        self.episodes.clear()
        self._asked_at = -1
        self.clear()

    def add(self, page: list[Episode]) -> None:
        """Show another page of episodes below the ones shown."""
        for episode in page:
            assert episode.id is not None
            self.episodes[episode.id] = episode
            self.add_row(*row(episode), key=str(episode.id))

    def replace(self, episode: Episode) -> None:
        """Show an edited episode in place."""
        assert episode.id is not None
        self.episodes[episode.id] = episode
        for column, cell in zip(self.columns, row(episode), strict=True):
            self.update_cell(str(episode.id), column, cell)

    def forget(self, episode_id: int) -> None:
        self.episodes.pop(episode_id, None)
        self.remove_row(str(episode_id))

    @property
    def current(self) -> Episode | None:
        """The episode under the cursor."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self.episodes.get(int(key)) if key is not None else None

    def _near_end(self) -> None:
        if self._asked_at != self.row_count:
            self._asked_at = self.row_count
            self.post_message(self.NearEnd(self))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self.row_count - PREFETCH:
            self._near_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value >= self.max_scroll_y - PREFETCH:
            self._near_end()
