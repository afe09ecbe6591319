"""Tests for cooldown.core.stats: pure arithmetic on hand-built aggregates."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.episode import Outcome
from cooldown.core.stats import (
    DELAY_BUCKETS,
    Bar,
    DayTally,
    Result,
    Streaks,
    Summary,
    Tally,
    activity_results,
    bucket_label,
    delay_results,
    facts_line,
    median_minutes,
    month_start,
    monthly_bars,
    outcome_summary,
    percent,
    plural,
    streaks,
    summarize,
    total,
    week_start,
    weekly_bars,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

SATURDAY = date(2026, 11, 21)
"""The conftest clock's day: Saturday 21 November 2026."""


def fight(day: date, count: int = 1) -> DayTally:
    return DayTally(day, Tally(fights=count))


def sidestep(day: date, count: int = 1) -> DayTally:
    return DayTally(day, Tally(sidesteps=count))


def summary_with(streak: Streaks, *, on_time: int = 0, returned: int = 0, typical: int | None = None) -> Summary:
    return Summary(
        today=SATURDAY,
        week=Tally(),
        month=Tally(),
        all_time=Tally(1, 0),
        streaks=streak,
        on_time=on_time,
        returned=returned,
        typical_minutes=typical,
    )


# --- Tally ----------------------------------------------------------------------


def test_tally_total_and_rate() -> None:
    tally = Tally(sidesteps=3, fights=1)
    assert tally.total == 4
    assert tally.rate == 0.75


def test_empty_tally_has_no_rate() -> None:
    assert Tally().total == 0
    assert Tally().rate is None


def test_tally_rate_extremes() -> None:
    assert Tally(sidesteps=0, fights=2).rate == 0.0
    assert Tally(sidesteps=5, fights=0).rate == 1.0


def test_tallies_add_up() -> None:
    assert Tally(1, 2) + Tally(3, 4) == Tally(4, 6)
    assert Tally() + Tally(0, 1) == Tally(0, 1)


# --- total ------------------------------------------------------------------------


def test_total_of_all_days() -> None:
    days = [sidestep(date(2026, 11, 1), 2), fight(date(2026, 11, 10)), sidestep(date(2026, 11, 20))]
    assert total(days) == Tally(3, 1)


def test_total_since_includes_the_day_itself() -> None:
    days = [sidestep(date(2026, 11, 1), 2), fight(date(2026, 11, 10)), sidestep(date(2026, 11, 20))]
    assert total(days, since=date(2026, 11, 10)) == Tally(1, 1)
    assert total(days, since=date(2026, 11, 11)) == Tally(1, 0)
    assert total(days, since=date(2026, 11, 21)) == Tally()


def test_total_of_nothing() -> None:
    assert total([]) == Tally()
    assert total([], since=SATURDAY) == Tally()


# --- streaks ----------------------------------------------------------------------


def test_no_records_means_no_streaks() -> None:
    assert streaks([], None, SATURDAY) == Streaks(None, None, None)


def test_no_fights_counts_from_the_first_record() -> None:
    days = [sidestep(date(2026, 11, 1)), sidestep(date(2026, 11, 15))]
    assert streaks(days, date(2026, 11, 1), SATURDAY) == Streaks(20, 20, None)


def test_no_fights_and_first_record_today() -> None:
    assert streaks([sidestep(SATURDAY)], SATURDAY, SATURDAY) == Streaks(0, 0, None)


def test_fights_on_several_days() -> None:
    days = [
        sidestep(date(2026, 10, 1)),
        fight(date(2026, 10, 5)),  # 4 days after the first record
        sidestep(date(2026, 10, 8)),
        fight(date(2026, 10, 15)),  # 10 days later
        fight(date(2026, 10, 18)),  # 3 days later
        sidestep(date(2026, 10, 20)),
    ]
    result = streaks(days, date(2026, 10, 1), date(2026, 10, 24))  # 6 days after the last fight
    assert result == Streaks(current=6, longest=10, last_fight=date(2026, 10, 18))


def test_longest_run_can_be_before_the_first_fight() -> None:
    days = [sidestep(date(2026, 9, 1)), fight(date(2026, 10, 1)), fight(date(2026, 10, 5))]
    result = streaks(days, date(2026, 9, 1), date(2026, 10, 10))
    assert result == Streaks(current=5, longest=30, last_fight=date(2026, 10, 5))


def test_longest_run_can_be_the_current_one() -> None:
    days = [fight(date(2026, 10, 1)), fight(date(2026, 10, 3))]
    result = streaks(days, date(2026, 10, 1), SATURDAY)
    assert result == Streaks(current=49, longest=49, last_fight=date(2026, 10, 3))


def test_a_fight_today_resets_the_current_streak() -> None:
    days = [sidestep(date(2026, 11, 1)), fight(date(2026, 11, 11)), fight(SATURDAY)]
    result = streaks(days, date(2026, 11, 1), SATURDAY)
    assert result == Streaks(current=0, longest=10, last_fight=SATURDAY)


def test_a_day_with_only_sidesteps_does_not_break_a_streak() -> None:
    days = [
        fight(date(2026, 11, 1)),
        DayTally(date(2026, 11, 5), Tally(3, 0)),
        DayTally(date(2026, 11, 7), Tally(1, 1)),
    ]
    result = streaks(days, date(2026, 11, 1), date(2026, 11, 10))
    assert result == Streaks(current=3, longest=6, last_fight=date(2026, 11, 7))


def test_streak_across_midnight() -> None:
    # A fight at 23:59 and the next check at 00:01 is one calendar day later.
    last_night = datetime(2026, 11, 20, 23, 59, tzinfo=BERLIN)
    this_morning = datetime(2026, 11, 21, 0, 1, tzinfo=BERLIN)
    days = [fight(last_night.date())]
    result = streaks(days, last_night.date(), this_morning.date())
    assert result == Streaks(current=1, longest=1, last_fight=date(2026, 11, 20))


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        # Europe springs forward on Sunday 29 March 2026 (a 23-hour day).
        (BERLIN, datetime(2026, 3, 28, 21, 0), datetime(2026, 3, 30, 21, 0)),
        # Europe falls back on Sunday 25 October 2026 (a 25-hour day).
        (BERLIN, datetime(2026, 10, 24, 21, 0), datetime(2026, 10, 26, 21, 0)),
        # The US falls back on Sunday 1 November 2026.
        (NEW_YORK, datetime(2026, 10, 31, 21, 0), datetime(2026, 11, 2, 21, 0)),
        # The US springs forward on Sunday 8 March 2026.
        (NEW_YORK, datetime(2026, 3, 7, 21, 0), datetime(2026, 3, 9, 21, 0)),
    ],
)
def test_a_dst_weekend_changes_nothing(zone: ZoneInfo, before: datetime, after: datetime) -> None:
    fought = before.replace(tzinfo=zone)
    now = after.replace(tzinfo=zone)
    assert fought.utcoffset() != now.utcoffset()  # the weekend really changes the clock
    days = [sidestep(fought.date() - timedelta(days=1)), fight(fought.date())]
    result = streaks(days, fought.date() - timedelta(days=1), now.date())
    assert result == Streaks(current=2, longest=2, last_fight=fought.date())


def test_streaks_through_the_skipped_and_repeated_hours() -> None:
    # A fight at 01:30 on the spring-forward Sunday and a check at 03:30 the same
    # day: 1 real hour later, same calendar day, current streak 0.
    fought = datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN)
    checked = datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN)
    result = streaks([fight(fought.date())], date(2026, 3, 1), checked.date())
    assert result == Streaks(current=0, longest=28, last_fight=date(2026, 3, 29))
    # The repeated 01:30 on the US fall-back Sunday is on 1 November either way.
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=0)
    second = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=1)
    assert first.date() == second.date() == date(2026, 11, 1)
    result = streaks([fight(second.date())], date(2026, 10, 1), date(2026, 11, 8))
    assert result == Streaks(current=7, longest=31, last_fight=date(2026, 11, 1))


# --- week_start and month_start ------------------------------------------------------


def test_week_starts_on_monday() -> None:
    assert week_start(date(2026, 11, 16)) == date(2026, 11, 16)  # a Monday
    assert week_start(date(2026, 11, 21)) == date(2026, 11, 16)  # Saturday
    assert week_start(date(2026, 11, 22)) == date(2026, 11, 16)  # Sunday
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)  # the next Monday
    assert week_start(date(2027, 1, 1)) == date(2026, 12, 28)  # across the year


def test_month_start_is_local_midnight_on_the_first() -> None:
    now = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
    assert month_start(now) == datetime(2026, 11, 1, 0, 0, tzinfo=BERLIN)
    assert month_start(now).utcoffset() == timedelta(hours=1)
    # In April the first is in summer time although the clock changed in March.
    april = datetime(2026, 4, 15, 9, 0, tzinfo=BERLIN)
    assert month_start(april).utcoffset() == timedelta(hours=2)


# --- weekly_bars ------------------------------------------------------------------------


def test_twelve_weekly_bars_oldest_first_starting_monday() -> None:
    bars = weekly_bars([], SATURDAY)
    assert len(bars) == 12
    assert [bar.start for bar in bars] == [date(2026, 8, 31) + timedelta(weeks=n) for n in range(12)]
    assert all(bar.start.weekday() == 0 for bar in bars)
    assert bars[0].label == "Aug 31"
    assert bars[1].label == "Sep 7"
    assert bars[-1].label == "Nov 16"
    assert bars[-1].start == date(2026, 11, 16)
    assert all(bar.tally == Tally() for bar in bars)


def test_weekly_bars_count_each_week() -> None:
    days = [
        sidestep(date(2026, 11, 16)),  # Monday of this week
        fight(date(2026, 11, 21)),  # today
        DayTally(date(2026, 11, 15), Tally(2, 1)),  # Sunday: last week
        sidestep(date(2026, 9, 3), 4),  # in the week of Aug 31
        fight(date(2026, 8, 30)),  # Sunday before the first week: too old
        sidestep(date(2026, 1, 5), 7),  # far too old
    ]
    bars = weekly_bars(days, SATURDAY)
    by_label = {bar.label: bar.tally for bar in bars}
    assert by_label["Nov 16"] == Tally(1, 1)
    assert by_label["Nov 9"] == Tally(2, 1)
    assert by_label["Aug 31"] == Tally(4, 0)
    assert [bar.tally for bar in bars[1:10]] == [Tally()] * 9
    assert sum((bar.tally for bar in bars), Tally()) == Tally(7, 2)


def test_weekly_bars_when_today_is_monday() -> None:
    bars = weekly_bars([sidestep(date(2026, 11, 23))], date(2026, 11, 23))
    assert bars[-1] == Bar("Nov 23", date(2026, 11, 23), Tally(1, 0))
    assert bars[0].start == date(2026, 9, 7)


def test_weekly_bars_all_fights() -> None:
    days = [fight(SATURDAY - timedelta(weeks=n)) for n in range(12)]
    bars = weekly_bars(days, SATURDAY)
    assert [bar.tally for bar in bars] == [Tally(0, 1)] * 12


def test_weekly_bars_all_sidesteps() -> None:
    days = [sidestep(SATURDAY - timedelta(weeks=n), 2) for n in range(12)]
    bars = weekly_bars(days, SATURDAY)
    assert [bar.tally for bar in bars] == [Tally(2, 0)] * 12


def test_weekly_bars_other_week_count() -> None:
    bars = weekly_bars([fight(SATURDAY)], SATURDAY, weeks=3)
    assert [bar.label for bar in bars] == ["Nov 2", "Nov 9", "Nov 16"]
    assert [bar.tally for bar in bars] == [Tally(), Tally(), Tally(0, 1)]


# --- monthly_bars -----------------------------------------------------------------------


def test_twelve_monthly_bars_across_the_year_boundary() -> None:
    bars = monthly_bars([], date(2026, 2, 10))
    assert [bar.start for bar in bars] == [
        date(2025, 3, 1), date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1),
        date(2025, 7, 1), date(2025, 8, 1), date(2025, 9, 1), date(2025, 10, 1),
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1),
    ]  # fmt: skip
    assert [bar.label for bar in bars] == [
        "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb"
    ]  # fmt: skip


def test_monthly_bars_count_each_month() -> None:
    today = date(2026, 2, 10)
    days = [
        fight(date(2025, 2, 28)),  # one month too old
        sidestep(date(2025, 3, 1)),
        DayTally(date(2025, 12, 31), Tally(2, 1)),
        sidestep(date(2026, 1, 1)),
        fight(date(2026, 2, 10)),
    ]
    bars = monthly_bars(days, today)
    assert bars[0].tally == Tally(1, 0)
    assert bars[9].tally == Tally(2, 1)
    assert bars[10].tally == Tally(1, 0)
    assert bars[11].tally == Tally(0, 1)
    assert [bar.tally for bar in bars[1:9]] == [Tally()] * 8


def test_monthly_bars_in_december() -> None:
    bars = monthly_bars([], date(2026, 12, 31))
    assert bars[0].start == date(2026, 1, 1)
    assert bars[-1].start == date(2026, 12, 1)


# --- median_minutes ---------------------------------------------------------------------


def test_median_of_an_odd_total() -> None:
    assert median_minutes([(30, 1), (10, 1), (20, 1)]) == 20
    assert median_minutes([(45, 1)]) == 45
    assert median_minutes([(10, 3), (90, 2)]) == 10
    assert median_minutes([(10, 2), (90, 3)]) == 90


def test_median_of_an_even_total_is_the_middle_two_averaged_halves_up() -> None:
    assert median_minutes([(10, 1), (20, 1)]) == 15
    assert median_minutes([(10, 2), (30, 1), (40, 1)]) == 20
    assert median_minutes([(10, 1), (30, 2), (40, 1)]) == 30
    assert median_minutes([(10, 1), (11, 1)]) == 11  # 10.5


def test_median_of_nothing() -> None:
    assert median_minutes([]) is None
    assert median_minutes([(20, 0), (30, 0)]) is None


def test_median_ignores_zero_counts() -> None:
    assert median_minutes([(5, 0), (25, 1), (35, 1), (45, 1), (500, 0)]) == 35
    assert median_minutes([(1, 0), (2, 0), (99, 1)]) == 99


# --- activity_results -------------------------------------------------------------------


def test_activities_best_rate_first_then_most_used_then_name() -> None:
    rows = [
        ("read", 2, 1, 1),  # 50%
        ("walk", 4, 4, 0),  # 100%, used 4
        ("breathe", 5, 5, 0),  # 100%, used 5
        ("Music", 2, 2, 0),  # 100%, used 2
        ("cook", 2, 2, 0),  # 100%, used 2: before "Music" by name, any case
        ("shower", 3, 0, 3),  # 0%
    ]
    results = activity_results(rows)
    assert [r.label for r in results] == ["breathe", "walk", "cook", "Music", "read", "shower"]
    assert results[0] == Result("breathe", 5, Tally(5, 0))
    assert results[-1].tally.rate == 0.0


def test_activities_with_no_outcome_yet() -> None:
    results = activity_results([("run", 1, 0, 0)])
    assert results == [Result("run", 1, Tally(0, 0))]
    assert results[0].tally.rate is None


def test_no_activities() -> None:
    assert activity_results([]) == []


# --- bucket_label and delay_results ------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "label"),
    [
        (0, "under 20 min"),
        (19, "under 20 min"),
        (20, "20-39 min"),
        (39, "20-39 min"),
        (40, "40-59 min"),
        (59, "40-59 min"),
        (60, "1-2 h"),
        (119, "1-2 h"),
        (120, "2 h or more"),
        (1440, "2 h or more"),
        (1441, "2 h or more"),
        (10_000, "2 h or more"),
    ],
)
def test_bucket_label(minutes: int, label: str) -> None:
    assert bucket_label(minutes) == label


def test_delay_results_group_and_skip_empty_buckets() -> None:
    rows = [
        (25, 2, 2, 0),
        (30, 1, 0, 1),
        (90, 3, 1, 2),
        (15, 1, 1, 0),
    ]
    assert delay_results(rows) == [
        Result("under 20 min", 1, Tally(1, 0)),
        Result("20-39 min", 3, Tally(2, 1)),
        Result("1-2 h", 3, Tally(1, 2)),
    ]


def test_delay_results_shortest_first_whatever_the_row_order() -> None:
    rows = [(300, 1, 0, 1), (45, 1, 1, 0), (5, 1, 1, 0)]
    assert [r.label for r in delay_results(rows)] == ["under 20 min", "40-59 min", "2 h or more"]
    assert [label for _, label in DELAY_BUCKETS] == [
        "under 20 min", "20-39 min", "40-59 min", "1-2 h", "2 h or more"
    ]  # fmt: skip


def test_no_delays() -> None:
    assert delay_results([]) == []


# --- summarize -------------------------------------------------------------------------------


def test_summarize_end_to_end() -> None:
    days = [
        fight(date(2026, 10, 20)),  # last month
        sidestep(date(2026, 11, 1), 2),  # this month (a Sunday: last week's)
        fight(date(2026, 11, 15)),  # Sunday: this month, not this week
        sidestep(date(2026, 11, 16)),  # Monday: this week
        DayTally(date(2026, 11, 21), Tally(1, 0)),  # today
    ]
    result = summarize(
        days,
        first_day=date(2026, 10, 10),
        today=SATURDAY,
        on_time=3,
        returned=4,
        lengths=[(25, 2), (40, 1), (70, 0)],
        activities=[("walk", 3, 2, 1), ("breathe", 2, 2, 0)],
        delays=[(30, 3, 2, 1), (45, 2, 2, 0)],
    )
    assert result.today == SATURDAY
    assert result.week == Tally(2, 0)
    assert result.month == Tally(4, 1)
    assert result.all_time == Tally(4, 2)
    assert result.streaks == Streaks(current=6, longest=26, last_fight=date(2026, 11, 15))
    assert result.on_time == 3
    assert result.returned == 4
    assert result.on_time_rate == 0.75
    assert result.typical_minutes == 25
    assert [r.label for r in result.activities] == ["breathe", "walk"]
    assert result.delays == [Result("20-39 min", 3, Tally(2, 1)), Result("40-59 min", 2, Tally(2, 0))]
    assert not result.empty


def test_summarize_on_the_first_of_the_month() -> None:
    today = date(2026, 12, 1)  # a Tuesday
    days = [fight(date(2026, 11, 30)), sidestep(date(2026, 12, 1))]
    result = summarize(days, first_day=date(2026, 11, 30), today=today)
    assert result.week == Tally(1, 1)  # Monday 30 November is this week
    assert result.month == Tally(1, 0)  # but last month
    assert result.all_time == Tally(1, 1)


def test_summarize_nothing() -> None:
    result = summarize([], first_day=None, today=SATURDAY)
    assert result.empty
    assert result.week == result.month == result.all_time == Tally()
    assert result.streaks == Streaks(None, None, None)
    assert result.on_time_rate is None
    assert result.typical_minutes is None
    assert result.activities == []
    assert result.delays == []
    assert facts_line(result) == ""


def test_summary_empty() -> None:
    assert summarize([], first_day=None, today=SATURDAY).empty
    assert not summarize([sidestep(SATURDAY)], first_day=SATURDAY, today=SATURDAY).empty
    assert not summarize([], first_day=SATURDAY, today=SATURDAY, returned=1).empty
    assert not summarize([], first_day=SATURDAY, today=SATURDAY, activities=[("walk", 1, 0, 0)]).empty


# --- percent, plural, facts_line, outcome_summary ------------------------------------------


def test_percent() -> None:
    assert percent(None) == "–"
    assert percent(0.5) == "50%"
    assert percent(0.0) == "0%"
    assert percent(1.0) == "100%"
    assert percent(2 / 3) == "67%"


def test_plural() -> None:
    assert plural(0, "day") == "0 days"
    assert plural(1, "day") == "1 day"
    assert plural(2, "fight") == "2 fights"
    assert plural(1, "sidestep") == "1 sidestep"


def test_facts_line_without_a_fight() -> None:
    line = facts_line(summary_with(Streaks(12, 12, None)))
    assert line == "No fight recorded in 12 days."


def test_facts_line_one_day_without_a_fight() -> None:
    assert facts_line(summary_with(Streaks(1, 1, None))) == "No fight recorded in 1 day."


def test_facts_line_last_fight_today() -> None:
    line = facts_line(summary_with(Streaks(0, 9, SATURDAY)))
    assert line == "Last fight today (longest run without one: 9 days)."


def test_facts_line_days_since_the_last_fight() -> None:
    line = facts_line(summary_with(Streaks(3, 14, date(2026, 11, 18))))
    assert line == "3 days since the last fight (longest: 14 days)."
    line = facts_line(summary_with(Streaks(1, 1, date(2026, 11, 20))))
    assert line == "1 day since the last fight (longest: 1 day)."


def test_facts_line_with_returns_and_typical_length() -> None:
    line = facts_line(summary_with(Streaks(3, 14, date(2026, 11, 18)), on_time=1, returned=2, typical=35))
    assert line == ("3 days since the last fight (longest: 14 days) · back on time 50% · typical cool-down 35 min.")


def test_facts_line_without_streaks() -> None:
    line = facts_line(summary_with(Streaks(None, None, None), on_time=2, returned=2))
    assert line == "Back on time 100%."


def test_outcome_summary() -> None:
    assert outcome_summary({Outcome.SIDESTEP: 3, Outcome.FIGHT: 1}) == "3 sidesteps, 1 fight this month"
    assert outcome_summary({}, "this week") == "No sidestep or fight recorded yet this week"
    assert outcome_summary({Outcome.SIDESTEP: 1}) == "1 sidestep this month"
