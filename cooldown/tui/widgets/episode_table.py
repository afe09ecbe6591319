"""The list of episodes, newest first, loaded a page at a time as it scrolls."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.core.instant import moment_text
from cooldown.store.episodes import EpisodeLog, Filter, StoreError

PAGE = 100
"""Rows fetched at a time."""
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
    return "unfinished"


def episode_label(episode: Episode) -> str:
    """How a person would name this episode: 'the fight on Sat 21 Nov 2026 18:02 (go for a walk)'."""
    kind = outcome_word(episode)
    if episode.outcome is None:
        kind += " episode"
    activity = f" ({episode.activity})" if episode.activity else ""
    return f"the {kind} on {moment_text(episode.started_at)}{activity}"


def _anger(episode: Episode) -> str:
    before = "–" if episode.anger_before is None else str(episode.anger_before)
    after = "–" if episode.anger_after is None else str(episode.anger_after)
    return "" if episode.anger_before is None and episode.anger_after is None else f"{before}→{after}"


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
    """Rows keyed by episode id; more rows load as the cursor nears the end."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._log: EpisodeLog | None = None
        self._filter = Filter()
        self._last: Episode | None = None
        self._exhausted = False
        self._on_error: Callable[[StoreError], None] | None = None
        self.oldest_first = False
        """List from the first episode instead of the newest."""
        self.episodes: dict[int, Episode] = {}

    def on_mount(self) -> None:
        self.add_columns(*COLUMNS)

    def load(
        self, log: EpisodeLog | None, where: Filter, on_error: Callable[[StoreError], None] | None = None
    ) -> None:
        """Start over with a new filter: show the first page. Read errors go to `on_error`."""
        self._log = log
        self._on_error = on_error
        self._filter = where
        self._last = None
        self._exhausted = log is None
        self.episodes.clear()
        self.clear()
        self.load_more()

    def load_more(self) -> None:
        if self._exhausted or self._log is None:
            return
        try:
            page = self._log.page(self._filter, after=self._last, limit=PAGE, oldest_first=self.oldest_first)
        except StoreError as error:
            self._exhausted = True
            if self._on_error is None:
                raise
            self._on_error(error)
            return
        self._exhausted = len(page) < PAGE
        for episode in page:
            assert episode.id is not None
            self.episodes[episode.id] = episode
            self.add_row(*row(episode), key=str(episode.id))
        if page:
            self._last = page[-1]

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

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self.row_count - PREFETCH:
            self.load_more()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value >= self.max_scroll_y - PREFETCH:
            self.load_more()
