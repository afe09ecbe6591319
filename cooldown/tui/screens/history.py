"""The conflict history: fights versus sidesteps, what works, every episode, and the weekly look back."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from cooldown.core.cues import Cues
from cooldown.core.episode import Episode
from cooldown.core.stats import DayTally, Summary, monthly_bars, weekly_bars
from cooldown.session.history import ChangedElsewhere, History, Listing, Pages
from cooldown.store.faults import LogSetAside
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.episode_table import EpisodeTable, open_words
from cooldown.tui.widgets.outcome_chart import OutcomeChart
from cooldown.tui.widgets.review_panel import ReviewPanel
from cooldown.tui.widgets.summary_panel import SummaryPanel
from cooldown.tui.widgets.what_works import WhatWorks

EMPTY = (
    "Nothing recorded yet.\n\n"
    "The next time you feel anger rising, type cooldown (or press c here) and say the four statements.\n"
    "To record a fight or a sidestep that already happened, press l."
)

NARROW_FOOTER = 72
"""Below this many columns the footer leaves out its "^p palette" hint, so every key of the screen fits."""


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
            &.-open {
                color: $accent;
            }
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
            Binding(
                key, f"scroll_pane('{how}')", show=False, tooltip=f"Scroll the tab {words}", id=f"history-scroll-{key}"
            )
            for key, how, words in (
                ("down", "down", "down"),
                ("up", "up", "up"),
                ("pagedown", "page_down", "a page down"),
                ("pageup", "page_up", "a page up"),
                ("home", "home", "to the top"),
                ("end", "end", "to the end"),
            )
        ),
        *(
            Binding(key, f"show_tab('{tab}')", name, show=False, tooltip=tooltip, id=binding_id)
            for key, tab, name, tooltip, binding_id in (
                ("o", "overview", "Overview", "Counts, streaks and the chart", "tab-overview"),
                ("w", "what-works", "What works", "Activities and lengths that work", "tab-works"),
                ("e", "episodes", "Episodes", "Every episode, newest first", "tab-episodes"),
                ("k", "review", "Look back", "The last 7 days: what set it off, what helped", "tab-review"),
            )
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
        # The episode list's own keys are named beside what they change, in the line above the list.
        Binding(
            "f",
            "next_outcome",
            "Outcome",
            show=False,
            tooltip="Show all, sidesteps, fights, unfinished",
            id="filter-outcome",
        ),
        Binding(
            "p",
            "next_period",
            "Period",
            show=False,
            tooltip="All time, this week, month, 3 months, year",
            id="filter-period",
        ),
        Binding(
            "s", "flip_order", "Oldest/newest", show=False, tooltip="List from the oldest or the newest", id="order"
        ),
        Binding("l", "app.log_outcome", "Log", tooltip="Record a fight or sidestep that already happened", id="log"),
        Binding(
            "c", "back_to_cool_down", "Back to it", tooltip="Back to the cool-down still open", id="back-to-cool-down"
        ),
        Binding("c", "app.protocol", "Cool down", tooltip="Start the four statements now", id="cool-down"),
    ]

    def __init__(self, history: History, cues: Callable[[], Cues] = Cues) -> None:
        super().__init__()
        self.history = history
        self.cues = cues
        """The first signs offered (the settings' [cues], as they stand), for changing an episode's."""
        self._listing = Listing()
        """What the episode list shows: the outcome, the period, the order."""
        self._pages: Pages | None = None
        self._monthly = False
        self._days: list[DayTally] = []
        self._summary: Summary | None = None
        self._seen_changes: tuple[int, int] | None = None
        """The history's write count when the figures were last read."""
        self._weeks_back = 0
        """Which seven days the look back shows: 0 the last seven, 1 the seven before, ..."""
        self._still_open: Episode | None = None
        """The cool-down still open, as last read (`c` goes back to it)."""

    def compose(self) -> ComposeResult:
        yield Static("History", id="history-title", markup=False)
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

    def on_resize(self) -> None:
        # On a narrow terminal the footer keeps to the screen's keys (Ctrl+P still opens the palette).
        self.query_one(Footer).show_command_palette = self.size.width >= NARROW_FOOTER

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
        if action == "back_to_cool_down":
            return self._still_open is not None
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        if event.pane.id == "review":
            self._show_review()
            self.history.mark_review_seen()  # opened: the closing screen waits another week to mention it

    def reload(self) -> None:
        """Read the summary and the first page of episodes again."""
        if not self.query("#episode-table") or not self.query("#history-empty"):
            self.call_after_refresh(self.reload)  # the tabs' contents are still being built: once they are
            return
        self._seen_changes = self.history.changes
        self._read_open()
        self._read_summary()
        self._load_table()
        if self.query_one(TabbedContent).active == "review":
            self._show_review()

    def _read_open(self) -> None:
        """Which cool-down is still open, said beside the title: "History · running, back at 19:30: c goes back to it"."""
        self._still_open = found = self.history.running()
        title = "History" if found is None else f"History · {open_words(found, self.history.clock())}"
        self.query_one("#history-title", Static).update(title)
        self.query_one("#history-title").set_class(found is not None, "-open")
        self.refresh_bindings()

    def _read_summary(self) -> None:
        read = self.history.summary()
        self._summary, self._days = read if read is not None else (None, [])
        self._show_summary()

    def _show_summary(self) -> None:
        summary = self._summary
        empty = summary is None or summary.empty
        problem = self.history.problem
        if summary is None and problem:
            words = f"Your history can't be shown right now.\n\n{self.history.problem_words}"
        elif isinstance(problem, LogSetAside):
            words = f"Nothing recorded in the new log yet.\n\n{self.history.problem_words}"
        else:
            words = EMPTY
        self.query_one("#history-empty", Static).update(words)
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
                f"The look back can't be shown right now.\n\n{self.history.problem_words}" if problem else ""
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
        table = self.query_one(EpisodeTable)
        self._pages = self.history.pages(
            self._listing.where(self.history.clock()), oldest_first=self._listing.oldest_first
        )
        table.start(self.history.clock(), self._still_open.id if self._still_open is not None else None)
        table.add(self._pages.next())
        self._show_count()

    def _show_count(self) -> None:
        """How many episodes the list's choices find, read now (after a delete too)."""
        count = self.history.count(self._pages.where) if self._pages is not None else 0
        self.query_one("#filters", Static).update(self._listing.line(count))

    @on(EpisodeTable.NearEnd)
    def _next_page(self, event: EpisodeTable.NearEnd) -> None:
        if self._pages is not None and not self._pages.exhausted:
            event.table.add(self._pages.next())

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "episodes":
            self.query_one(EpisodeTable).focus()

    async def action_back_to_cool_down(self) -> None:
        """To the protocol, where the running cool-down is on show."""
        await self.app.run_action("app.protocol")

    @on(StepScreen.ProblemMet)
    def _problem_met(self, message: StepScreen.ProblemMet) -> None:
        """A storage problem, told in the history's own words (not the protocol's)."""
        message.stop()
        problem = self.history.problem
        if problem is None or not self.query("#history-empty"):
            return  # not built yet: the overview says it once it is
        self._read_summary()
        if self.query_one(TabbedContent).active == "overview" and self.query_one("#history-empty").display:
            return  # the overview says it in full, in place of the figures
        words = self.history.problem_words
        if isinstance(problem, LogSetAside):
            self.notify(words or "", title="History", severity="warning", timeout=15, markup=False)
        else:
            words = f"{words} Changes made here are not kept until it can be used again."
            self.notify(words, title="History", severity="error", timeout=15, markup=False)

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
        self._listing.next_outcome()
        self._load_table()

    def action_flip_order(self) -> None:
        self._listing.flip_order()
        self._load_table()

    def action_next_period(self) -> None:
        self._listing.next_period()
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
                self._read_open()
                table.running = self._still_open.id if self._still_open is not None else None
                self._show_count()
                self._read_summary()

        running = self._still_open is not None and self._still_open.id == episode.id
        details = EpisodeDetailsDialog(
            episode, self.cues(), self.history.topics(), now=self.history.clock(), running=running
        )
        self.app.push_screen(details, closed)
