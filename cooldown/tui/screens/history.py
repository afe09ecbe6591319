"""The conflict history: fights versus sidesteps, what works, and every episode."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from cooldown.core.episode import Episode, Outcome
from cooldown.core.stats import PERIODS, DayTally, Summary, monthly_bars, period_start, weekly_bars
from cooldown.store.episodes import Filter, StoreError
from cooldown.store.tallies import summary as read_summary
from cooldown.tui.widgets.episode_table import EpisodeTable
from cooldown.tui.widgets.outcome_chart import OutcomeChart
from cooldown.tui.widgets.summary_panel import SummaryPanel
from cooldown.tui.widgets.what_works import WhatWorks

if TYPE_CHECKING:
    from cooldown.tui.app import CooldownApp

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
    """Overview, what works, and the episode list, one key each."""

    BINDINGS = [
        Binding("o", "show_tab('overview')", "Overview", show=False, tooltip="Counts, streaks and the chart", id="tab-overview"),
        Binding("w", "show_tab('what-works')", "What works", show=False, tooltip="Activities and lengths that work", id="tab-works"),
        Binding("e", "show_tab('episodes')", "Episodes", show=False, tooltip="Every episode, newest first", id="tab-episodes"),
        Binding("r", "toggle_range", "Weeks/months", tooltip="Chart per week or per month", id="chart-range"),
        Binding("f", "next_outcome", "Outcome", tooltip="Show all, sidesteps, fights, unfinished", id="filter-outcome"),
        Binding("p", "next_period", "Period", tooltip="All time, this week, month, 3 months, year", id="filter-period"),
        Binding("s", "flip_order", "Oldest/newest", tooltip="List from the oldest or the newest", id="order"),
        Binding("l", "log_outcome", "Log", tooltip="Record a fight or sidestep that already happened", id="log"),
        Binding("c", "cool_down", "Cool down", tooltip="Start the four statements now", id="cool-down"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._monthly = False
        self._outcome = 0
        self._period = 0
        self._days: list[DayTally] = []
        self._summary: Summary | None = None
        self._seen_changes = -1
        """The flow's write count when the figures were last read."""

    @property
    def cooldown_app(self) -> CooldownApp:
        return cast("CooldownApp", self.app)

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
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()

    def refresh_if_changed(self) -> None:
        """Read the figures again if anything was written since they were read."""
        if self._seen_changes != self.cooldown_app.flow.changes:
            self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = self.query_one(TabbedContent).active
        if action == "toggle_range":
            return tab == "overview" and self._summary is not None and not self._summary.empty
        if action in ("next_outcome", "next_period", "flip_order"):
            return tab == "episodes"
        if action == "show_tab":
            return parameters[0] != tab
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def reload(self) -> None:
        """Read the summary and the first page of episodes again."""
        self._seen_changes = self.cooldown_app.flow.changes
        self._read_summary()
        self._reload_table()

    def _read_summary(self) -> None:
        flow = self.cooldown_app.flow
        self._summary, self._days = None, []
        if flow.log is not None:
            try:
                self._summary, self._days = read_summary(flow.log, flow.clock().date())
            except StoreError as error:
                flow.report(error)
        self._show_summary()

    def _show_summary(self) -> None:
        summary = self._summary
        empty = summary is None or summary.empty
        problem = self.cooldown_app.flow.problem
        self.query_one("#history-empty", Static).update(
            f"Your history can't be shown right now.\n\n{problem}" if summary is None and problem else EMPTY
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

    def _show_chart(self) -> None:
        today = self.cooldown_app.flow.clock().date()
        chart = self.query_one(OutcomeChart)
        if self._monthly:
            chart.show(monthly_bars(self._days, today), "Sidesteps and fights per month, last 12 months")
        else:
            chart.show(weekly_bars(self._days, today), "Sidesteps and fights per week, last 12 weeks")

    def _load_table(self) -> None:
        label, outcome_filter = OUTCOME_FILTERS[self._outcome]
        period = PERIODS[self._period]
        where = Filter(
            outcome=outcome_filter.outcome,
            unfinished=outcome_filter.unfinished,
            since=period_start(period, self.cooldown_app.flow.clock()),
        )
        table = self.query_one(EpisodeTable)
        flow = self.cooldown_app.flow
        table.load(flow.log, where, on_error=flow.report)
        count = flow.log.count(where) if flow.log is not None else 0
        if count == 0:
            line = f"No episodes: {label}, {period}."
        else:
            order = "oldest first" if table.oldest_first else "newest first"
            line = f"{count:,} episode{'s' if count != 1 else ''}: {label}, {period}, {order} · Enter opens one"
        self.query_one("#filters", Static).update(line)

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "episodes":
            self.query_one(EpisodeTable).focus()

    def action_toggle_range(self) -> None:
        self._monthly = not self._monthly
        if self._summary is not None and not self._summary.empty:
            self._show_chart()

    def action_next_outcome(self) -> None:
        self._outcome = (self._outcome + 1) % len(OUTCOME_FILTERS)
        self._reload_table()

    def action_flip_order(self) -> None:
        table = self.query_one(EpisodeTable)
        table.oldest_first = not table.oldest_first
        self._reload_table()

    def action_next_period(self) -> None:
        self._period = (self._period + 1) % len(PERIODS)
        self._reload_table()

    def _reload_table(self) -> None:
        try:
            self._load_table()
        except StoreError as error:
            self.cooldown_app.flow.report(error)

    @on(DataTable.RowSelected, "#episode-table")
    def _open_episode(self) -> None:
        from cooldown.tui.dialogs.episode_details import EpisodeDetailsDialog

        table = self.query_one(EpisodeTable)
        episode = table.current
        if episode is None:
            return

        def closed(result: Episode | int | None) -> None:
            flow = self.cooldown_app.flow
            if isinstance(result, Episode):
                if (saved := flow.store(result, expected=episode)) is not None:
                    table.replace(saved)
                elif flow.problem is None:
                    self.notify("It was changed in another cooldown window meanwhile; here it is as it is now.")
                    self.reload()
                    return
            elif isinstance(result, int) and flow.delete(result):
                table.forget(result)
            if result is not None:
                self._seen_changes = flow.changes
                self._read_summary()

        self.app.push_screen(EpisodeDetailsDialog(episode), closed)

    def action_log_outcome(self) -> None:
        self.cooldown_app.action_log_outcome()

    async def action_cool_down(self) -> None:
        await self.cooldown_app.action_protocol()
