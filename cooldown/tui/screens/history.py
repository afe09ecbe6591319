"""The conflict history: fights versus sidesteps, what works, every episode, and the weekly look back."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from cooldown.core.cues import Cues
from cooldown.core.episode import Episode, Outcome
from cooldown.core.stats import PERIODS, DayTally, Summary, monthly_bars, period_start, weekly_bars
from cooldown.session.history import ChangedElsewhere, History, Pages
from cooldown.store.episodes import Filter, StoreError
from cooldown.tui.widgets.episode_table import EpisodeTable
from cooldown.tui.widgets.outcome_chart import OutcomeChart
from cooldown.tui.widgets.review_panel import ReviewPanel
from cooldown.tui.widgets.summary_panel import SummaryPanel
from cooldown.tui.widgets.what_works import WhatWorks

EMPTY = (
    "Nothing recorded yet.\n\n"
    "The next time you feel anger rising, type cooldown (or press c here) and say the four statements.\n"
    "To record a fight or a sidestep that already happened, press l."
)

OUTCOME_FILTERS: tuple[tuple[str, Filter], ...] = (
    ("all outcomes", Filter()),
    ("sidesteps", Filter(outcome=Outcome.SIDESTEP)),
    ("fights", Filter(outcome=Outcome.FIGHT)),
    ("unfinished", Filter(unfinished=True)),
)


class HistoryScreen(Screen[None]):
    """Overview, what works, the episode list and the look back, one key each.

    Handed the history; `c` and `l` are the app's own actions (the protocol, logging afterwards).
    """

    DEFAULT_CSS = """
    HistoryScreen {
        #history-title {
            width: 100%;
            text-align: center;
            text-style: bold;
            color: $text-muted;
        }
        #history-empty {
            width: 100%;
            padding: 2 4;
            color: $text-muted;
        }
        #summary, #chart, #works, #review-panel {
            margin: 1 1 0 1;
        }
        #filters {
            color: $text-muted;
            padding: 0 1;
        }
        #episode-table {
            height: 1fr;
        }
        #episodes {
            overflow-y: hidden;
        }
        #history-tabs {
            height: 1fr;
        }
        #history-tabs ContentSwitcher {
            height: 1fr;
        }
        #history-tabs TabPane {
            height: 1fr;
            padding: 0;
            overflow-y: auto;
        }
    }
    """

    BINDINGS = [
        *(
            Binding(key, f"scroll_pane('{how}')", show=False)
            for key, how in (
                ("down", "down"),
                ("up", "up"),
                ("pagedown", "page_down"),
                ("pageup", "page_up"),
                ("home", "home"),
                ("end", "end"),
            )
        ),
        Binding(
            "o",
            "show_tab('overview')",
            "Overview",
            show=False,
            tooltip="Counts, streaks and the chart",
            id="tab-overview",
        ),
        Binding(
            "w",
            "show_tab('what-works')",
            "What works",
            show=False,
            tooltip="Activities and lengths that work",
            id="tab-works",
        ),
        Binding(
            "e",
            "show_tab('episodes')",
            "Episodes",
            show=False,
            tooltip="Every episode, newest first",
            id="tab-episodes",
        ),
        Binding(
            "k",
            "show_tab('review')",
            "Look back",
            show=False,
            tooltip="The last 7 days: what set it off, what helped",
            id="tab-review",
        ),
        Binding(
            "left_square_bracket",
            "earlier_week",
            "Earlier week",
            key_display="[",
            tooltip="The look back a week earlier",
            id="review-earlier",
        ),
        Binding(
            "right_square_bracket",
            "later_week",
            "Later week",
            key_display="]",
            tooltip="The look back a week later",
            id="review-later",
        ),
        Binding("r", "toggle_range", "Weeks/months", tooltip="Chart per week or per month", id="chart-range"),
        Binding("f", "next_outcome", "Outcome", tooltip="Show all, sidesteps, fights, unfinished", id="filter-outcome"),
        Binding("p", "next_period", "Period", tooltip="All time, this week, month, 3 months, year", id="filter-period"),
        Binding("s", "flip_order", "Oldest/newest", tooltip="List from the oldest or the newest", id="order"),
        Binding("l", "app.log_outcome", "Log", tooltip="Record a fight or sidestep that already happened", id="log"),
        Binding("c", "app.protocol", "Cool down", tooltip="Start the four statements now", id="cool-down"),
    ]

    def __init__(self, history: History, cues: Callable[[], Cues] = Cues) -> None:
        super().__init__()
        self.history = history
        self.cues = cues
        """The first signs offered (the settings' [cues], as they stand), for changing an episode's."""
        self._oldest_first = False
        self._pages: Pages | None = None
        self._monthly = False
        self._outcome = 0
        self._period = 0
        self._days: list[DayTally] = []
        self._summary: Summary | None = None
        self._seen_changes: tuple[int, int] | None = None
        """The history's write count when the figures were last read."""
        self._weeks_back = 0
        """Which seven days the look back shows: 0 the last seven, 1 the seven before, ..."""

    def compose(self) -> ComposeResult:
        yield Static("History", id="history-title")
        with TabbedContent(initial="overview", id="history-tabs"):
            with TabPane("Overview (o)", id="overview"):
                yield Static(EMPTY, id="history-empty", markup=False)
                yield SummaryPanel(id="summary")
                yield OutcomeChart(id="chart")
            with TabPane("What works (w)", id="what-works"):
                yield WhatWorks(id="works")
            with TabPane("Episodes (e)", id="episodes"):
                yield Static("", id="filters", markup=False)
                yield EpisodeTable(id="episode-table")
            with TabPane("Look back (k)", id="review"):
                yield ReviewPanel(id="review-panel")
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()

    def refresh_if_changed(self) -> None:
        """Read the figures again if anything was written since they were read."""
        if self._seen_changes != self.history.changes:
            self.reload()

    def action_scroll_pane(self, how: str) -> None:
        """The arrows and page keys scroll a tab taller than the terminal (the episode list has its own)."""
        pane = self.query_one(TabbedContent).active_pane
        if pane is not None:
            getattr(pane, f"scroll_{how}")(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = self.query_one(TabbedContent).active
        if action == "scroll_pane":
            return tab != "episodes"
        if action == "toggle_range":
            return tab == "overview" and self._summary is not None and not self._summary.empty
        if action in ("next_outcome", "next_period", "flip_order"):
            return tab == "episodes"
        if action == "earlier_week":
            return tab == "review"
        if action == "later_week":
            return tab == "review" and self._weeks_back > 0
        if action == "show_tab":
            return parameters[0] != tab
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        if event.pane.id == "review":
            self._show_review()
            self.history.mark_review_seen()  # opened: the closing screen waits another week to mention it

    def reload(self) -> None:
        """Read the summary and the first page of episodes again."""
        self._seen_changes = self.history.changes
        self._read_summary()
        self._load_table()
        if self.query_one(TabbedContent).active == "review":
            self._show_review()

    def _read_summary(self) -> None:
        read = self.history.summary()
        self._summary, self._days = read if read is not None else (None, [])
        self._show_summary()

    def _show_summary(self) -> None:
        summary = self._summary
        empty = summary is None or summary.empty
        problem = self.history.problem
        self.query_one("#history-empty", Static).update(
            f"Your history can't be shown right now.\n\n{problem_words(problem)}"
            if summary is None and problem
            else EMPTY
        )
        self.query_one("#history-empty").display = empty
        self.refresh_bindings()
        for widget in ("#summary", "#chart"):
            self.query_one(widget).display = not empty
        if summary is None or empty:
            self.query_one(WhatWorks).show_empty()
            return
        self.query_one(SummaryPanel).show(summary)
        self._show_chart()
        self.query_one(WhatWorks).show(summary)

    def _show_review(self) -> None:
        """The look back for the week chosen, read now (it is built only when its tab is open)."""
        panel = self.query_one(ReviewPanel)
        found = self.history.review(self._weeks_back)
        if found is None:
            problem = self.history.problem
            panel.show_unreadable(
                f"The look back can't be shown right now.\n\n{problem_words(problem)}" if problem else ""
            )
        else:
            panel.show(found)
        self.refresh_bindings()

    def _show_chart(self) -> None:
        today = self.history.today()
        chart = self.query_one(OutcomeChart)
        if self._monthly:
            chart.show(monthly_bars(self._days, today), "Sidesteps and fights per month, last 12 months")
        else:
            chart.show(weekly_bars(self._days, today), "Sidesteps and fights per week, last 12 weeks")

    def _load_table(self) -> None:
        """The episode list from its first page, for the filters as they stand."""
        label, outcome_filter = OUTCOME_FILTERS[self._outcome]
        period = PERIODS[self._period]
        where = Filter(
            outcome=outcome_filter.outcome,
            unfinished=outcome_filter.unfinished,
            since=period_start(period, self.history.clock()),
        )
        table = self.query_one(EpisodeTable)
        self._pages = self.history.pages(where, oldest_first=self._oldest_first)
        table.start()
        table.add(self._pages.next())
        count = self.history.count(where)
        if count == 0:
            line = f"No episodes: {label}, {period}."
        else:
            order = "oldest first" if self._oldest_first else "newest first"
            line = f"{count:,} episode{'s' if count != 1 else ''}: {label}, {period}, {order} · Enter opens one"
        self.query_one("#filters", Static).update(line)

    @on(EpisodeTable.NearEnd)
    def _next_page(self, event: EpisodeTable.NearEnd) -> None:
        if self._pages is not None and not self._pages.exhausted:
            event.table.add(self._pages.next())

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "episodes":
            self.query_one(EpisodeTable).focus()

    def action_earlier_week(self) -> None:
        self._weeks_back += 1
        self._show_review()

    def action_later_week(self) -> None:
        self._weeks_back = max(0, self._weeks_back - 1)
        self._show_review()

    def action_toggle_range(self) -> None:
        self._monthly = not self._monthly
        if self._summary is not None and not self._summary.empty:
            self._show_chart()

    def action_next_outcome(self) -> None:
        self._outcome = (self._outcome + 1) % len(OUTCOME_FILTERS)
        self._load_table()

    def action_flip_order(self) -> None:
        self._oldest_first = not self._oldest_first
        self._load_table()

    def action_next_period(self) -> None:
        self._period = (self._period + 1) % len(PERIODS)
        self._load_table()

    @on(DataTable.RowSelected, "#episode-table")
    def _open_episode(self) -> None:
        from cooldown.tui.dialogs.episode_details import EpisodeDetailsDialog

        table = self.query_one(EpisodeTable)
        episode = table.current
        if episode is None:
            return

        def closed(result: Episode | int | None) -> None:
            history = self.history
            if isinstance(result, Episode):
                saved = history.store(result, expected=episode)
                if isinstance(saved, ChangedElsewhere):
                    self.notify("It was changed in another cooldown window meanwhile; here it is as it is now.")
                    self.reload()
                    return
                if saved is not None:
                    table.replace(saved)
            elif isinstance(result, int) and history.delete(result):
                table.forget(result)
            if result is not None:
                self._seen_changes = history.changes
                self._read_summary()

        self.app.push_screen(EpisodeDetailsDialog(episode, self.cues(), self.history.topics()), closed)


def problem_words(error: StoreError) -> str:
    """A storage problem as the history says it."""
    return f"The log at {error.path} can't be read ({error.reason})."
