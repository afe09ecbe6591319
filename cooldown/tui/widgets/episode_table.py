"""The list of episodes, shown a page at a time as it scrolls; the screen hands it the pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.core.instant import WEEKDAYS, format_clock, moment_text, time_of_day

PREFETCH = 20
"""Fetch the next page when the cursor comes this close to the last loaded row."""

COLUMNS = ("When", "Outcome", "Activity", "Back at", "Came back", "Anger", "Note")
"""How often more time was asked is in an episode's details: the list keeps to what fits 80 columns."""
NARROW_COLUMNS = ("When", "Outcome", "Activity", "Anger", "Note")
"""Under `WIDE` columns the return times go (they are in the details), so the anger and the note stay in sight."""
WIDE = 78
ACTIVITY_WIDTH = 14
"""An activity longer than this is cut short with "…" (the details show it whole)."""
ANGER_WIDTH = 9
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_and_time(moment: datetime, now: datetime, *, short: bool = False) -> str:
    """A time with its day, as said on `now`'s day: "today 18:02", "tomorrow 00:10", "Fri 18:02" within the
    last six days, "12 Nov 18:02" this year, else "12 Nov 2025 18:02" ("12 Nov 2025" when `short`).

    The time is the moment's own recorded wall time, as `moment_text` shows it."""
    day, today = moment.date(), now.date()
    clock = time_of_day(moment)
    if day == today:
        return f"today {clock}"
    if day == today + timedelta(days=1):
        return f"tomorrow {clock}"
    if today - timedelta(days=6) <= day < today:
        return f"{WEEKDAYS[day.weekday()]} {clock}"
    date = f"{day.day} {MONTHS[day.month - 1]}"
    if day.year == today.year:
        return f"{date} {clock}"
    return f"{date} {day.year}" if short else f"{date} {day.year} {clock}"


def outcome_word(episode: Episode, *, running: bool = False) -> str:
    """The outcome column's word; `running` for the cool-down still under way."""
    if episode.outcome is Outcome.SIDESTEP:
        return "sidestep"
    if episode.outcome is Outcome.FIGHT:
        return "fight"
    if episode.status is Status.ABANDONED:
        return "abandoned"
    if episode.status is Status.TALK_LATER:
        return "talk later"
    if running and episode.status is Status.COOLING:
        return "running"
    return "unfinished"


def episode_label(episode: Episode, *, running: bool = False) -> str:
    """How a person would name this episode: 'the fight on Sat 21 Nov 2026 18:02 (go for a walk)'."""
    kind = outcome_word(episode, running=running)
    if kind == "running":
        kind = "running cool-down"
    elif episode.outcome is None:
        kind += " episode"
    activity = f" ({episode.activity})" if episode.activity else ""
    return f"the {kind} on {moment_text(episode.started_at)}{activity}"


def open_words(episode: Episode, now: datetime) -> str:
    """What stands of the episode still open, and that `c` goes back to it: "running, back at 19:30: c goes
    back to it" (short: it shares the history's title line)."""
    if episode.status is Status.COOLING and episode.return_at is not None:
        back = format_clock(episode.return_at, now)
        if episode.return_at <= now:
            return f"time to go back and talk ({back}): c goes back to it"
        return f"running, back at {back}: c goes back to it"
    if episode.status is Status.TALK_LATER and episode.talk_at is not None:
        if episode.talk_at <= now:
            return f"how did the talk at {format_clock(episode.talk_at, now)} go? c goes back to it"
        return f"talk at {format_clock(episode.talk_at, now)}: c goes back to it"
    return "how did the talk go? c goes back to it"


def _anger(episode: Episode) -> str:
    """'6→2', or '8→5→2' with a rating during the cool-down; '–' where before or after is missing."""
    if episode.anger_before is None and episode.anger_after is None and not episode.anger_during:
        return ""
    before = "–" if episode.anger_before is None else str(episode.anger_before)
    after = "–" if episode.anger_after is None else str(episode.anger_after)
    during = [str(reading.value) for reading in sorted(episode.anger_during, key=lambda r: r.at.timestamp())]
    return "→".join([before, *during, after])


def _clock(moment: datetime | None, started: datetime) -> str:
    """A return time: "18:30" on the day the episode started (the When column's day), else "Sat 00:10"."""
    if moment is None:
        return ""
    if moment.date() == started.date():
        return time_of_day(moment)
    if abs(moment.date() - started.date()) < timedelta(days=7):
        return f"{WEEKDAYS[moment.weekday()]} {time_of_day(moment)}"
    return f"{moment.day} {MONTHS[moment.month - 1]} {time_of_day(moment)}"


def _cut(text: str, width: int) -> Text:
    cell = Text(text)
    cell.truncate(width, overflow="ellipsis")
    return cell


def row(episode: Episode, now: datetime, *, running: bool = False) -> tuple[Text, ...]:
    """The cells of one episode, its times said as on `now`'s day; user text stays literal."""
    note = episode.note.splitlines()[0] if episode.note else ""
    activity = episode.activity or ("(logged later)" if not episode.protocol_used else "")
    return (
        Text(day_and_time(episode.started_at, now, short=True)),
        Text(outcome_word(episode, running=running)),
        _cut(activity, ACTIVITY_WIDTH),
        Text(_clock(episode.return_at, episode.started_at)),
        Text(_clock(episode.returned_at, episode.started_at)),
        _cut(_anger(episode), ANGER_WIDTH),
        Text(note),
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
        self.now: datetime | None = None
        """The moment the times are said from ("today 18:02"): handed down with each first page (`start`)."""
        self.running: int | None = None
        """The id of the cool-down still under way, listed as running."""
        self._asked_at = -1
        """The row count when the last NearEnd was posted, so it is posted once per page."""
        self._shown = COLUMNS
        """The columns on show: all of them, or `NARROW_COLUMNS` on a narrow terminal."""

    def on_mount(self) -> None:
        self._shown = self._columns_for(self.app.size.width)
        self.add_columns(*self._shown)

    def on_resize(self) -> None:
        wanted = self._columns_for(self.size.width or self.app.size.width)
        if wanted == self._shown:
            return
        cursor = self.cursor_row
        self._shown = wanted
        self.clear(columns=True)
        self.add_columns(*wanted)
        for episode in self.episodes.values():
            self.add_row(*self._row(episode), key=str(episode.id))
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1), animate=False)

    @staticmethod
    def _columns_for(width: int) -> tuple[str, ...]:
        return COLUMNS if width >= WIDE else NARROW_COLUMNS

    def start(self, now: datetime, running: int | None = None) -> None:
        """Empty the list, ready for a new first page: times said as on `now`'s day, `running` the id of
        the cool-down still under way (if any)."""
        self.now = now
        self.running = running
        self.episodes.clear()
        self._asked_at = -1
        self.clear()

    def add(self, page: list[Episode]) -> None:
        """Show another page of episodes below the ones shown."""
        for episode in page:
            assert episode.id is not None
            self.episodes[episode.id] = episode
            self.add_row(*self._row(episode), key=str(episode.id))

    def replace(self, episode: Episode) -> None:
        """Show an edited episode in place."""
        assert episode.id is not None
        self.episodes[episode.id] = episode
        for column, cell in zip(self.columns, self._row(episode), strict=True):
            self.update_cell(str(episode.id), column, cell)

    def _row(self, episode: Episode) -> tuple[Text, ...]:
        assert self.now is not None, "start() hands the table its moment before any page"
        cells = row(episode, self.now, running=episode.id is not None and episode.id == self.running)
        return tuple(cell for name, cell in zip(COLUMNS, cells, strict=True) if name in self._shown)

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
