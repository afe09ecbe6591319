"""One rule for every figure the person reads: halves up, zero parts left out, the same words everywhere."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cooldown.core.episode import Outcome
from cooldown.core.insights import Effect, Ledger, LedgerWeek
from cooldown.core.review import Helped, helped_words, outcome_words
from cooldown.core.stats import (
    DayTally,
    Result,
    Streaks,
    Summary,
    Tally,
    facts_line,
    median_minutes,
    outcome_summary,
    summarize,
)
from cooldown.core.wording import counted, half_up, percent, plural, points, whole_minutes
from cooldown.report import as_text

SATURDAY = date(2026, 11, 21)


def summary(streak: Streaks, **changes: object) -> Summary:
    values: dict[str, object] = {
        "today": SATURDAY,
        "week": Tally(),
        "month": Tally(),
        "all_time": Tally(1, 0),
        "streaks": streak,
        "on_time": 0,
        "returned": 0,
        "typical_minutes": None,
    }
    values.update(changes)
    return Summary(**values)  # type: ignore[arg-type]


# --- the rounding rule --------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "shown"),
    [
        (1 / 8, "13%"),  # 12.5: Python's round() says 12
        (5 / 8, "63%"),  # 62.5: round() says 62
        (7 / 8, "88%"),
        (57 / 200, "29%"),  # 28.5, which 0.285 * 100 misses by a hair
        (2 / 3, "67%"),
        (1 / 3, "33%"),
        (0.5, "50%"),
        (0.0, "0%"),
        (1.0, "100%"),
        (None, "–"),
    ],
)
def test_a_share_is_a_whole_percent_halves_up(rate: float | None, shown: str) -> None:
    assert percent(rate) == shown


def test_a_share_is_never_said_to_be_none_or_all_when_it_is_not() -> None:
    assert percent(1 / 300) == "1%"
    assert percent(199 / 200) == "99%"
    assert percent(299 / 300) == "99%"


def test_points_have_one_decimal_halves_up() -> None:
    assert points(9 / 4) == "2.3"  # f"{2.25:.1f}" says 2.2
    assert points(4.0) == "4.0"
    assert points(0.35) == "0.4"
    assert points(4.0, in_words=True) == "4"
    assert points(4.5, in_words=True) == "4.5"
    assert points(9 / 4, in_words=True) == "2.3"


def test_minutes_are_whole_halves_up() -> None:
    assert whole_minutes(71.5) == 72
    assert whole_minutes(2.5) == 3  # round() says 2
    assert whole_minutes(33.4) == 33
    assert half_up(0.125, 2) == half_up(0.13, 2)


def test_the_typical_length_of_an_even_count_is_the_middle_two_averaged() -> None:
    assert median_minutes([(33, 1), (110, 1)]) == 72  # 71.5, halves up
    assert median_minutes([(10, 1), (20, 1)]) == 15
    assert median_minutes([(10, 2), (30, 1), (40, 1)]) == 20
    assert median_minutes([(10, 1), (30, 2), (40, 1)]) == 30
    assert median_minutes([(30, 1), (10, 1), (20, 1)]) == 20


# --- counts without their zero parts -----------------------------------------------


def test_counts_leave_out_zero_parts_and_say_one_and_many_right() -> None:
    assert counted((2, "sidestep"), (1, "fight")) == "2 sidesteps, 1 fight"
    assert counted((0, "sidestep"), (1, "fight")) == "1 fight"
    assert counted((1, "sidestep"), (0, "fight")) == "1 sidestep"
    assert counted((0, "sidestep"), (0, "fight")) == ""
    assert plural(0, "day") == "0 days"


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({Outcome.SIDESTEP: 3, Outcome.FIGHT: 1}, "3 sidesteps, 1 fight this month"),
        ({Outcome.SIDESTEP: 1, Outcome.FIGHT: 0}, "1 sidestep this month"),
        ({Outcome.FIGHT: 2}, "2 fights this month"),
        ({}, "No sidestep or fight recorded yet this month"),
    ],
)
def test_the_closing_line_of_the_month_leaves_out_zero_parts(counts: dict[Outcome, int], expected: str) -> None:
    assert outcome_summary(counts) == expected


def test_the_weeks_outcomes_leave_out_zero_parts() -> None:
    assert outcome_words(Tally(0, 1)) == "1 fight"
    assert outcome_words(Tally(1, 0)) == "1 sidestep"
    assert outcome_words(Tally(2, 1)) == "2 sidesteps, 1 fight"
    assert outcome_words(Tally()) == "none recorded yet"


def test_what_helped_this_week_rounds_the_anger_the_same_way() -> None:
    assert helped_words(Helped("walk", 4, Tally(2, 0), 9 / 4)) == "walk: 2 sidesteps, anger fell by 2.3"
    assert helped_words(Helped("walk", 2, Tally(1, 0), 5.0)) == "walk: 1 sidestep, anger fell by 5"


# --- the streak on the first days ----------------------------------------------------


def test_on_the_first_day_the_streak_says_something_true() -> None:
    line = facts_line(summary(Streaks(0, 0, None)))
    assert line == "No fight recorded since you started today."
    assert "0 days" not in line


def test_a_fight_on_the_first_day_says_no_run_of_zero_days() -> None:
    line = facts_line(summary(Streaks(0, 0, SATURDAY)))
    assert line == "Last fight today."


def test_a_line_without_a_streak_starts_with_a_capital() -> None:
    assert facts_line(summary(Streaks(None, None, None), on_time=2, returned=2)) == "Back on time 100%."


def test_summarize_on_day_one_reads_right_through_the_report() -> None:
    found = summarize([DayTally(SATURDAY, Tally(1, 0))], first_day=SATURDAY, today=SATURDAY)
    text = as_text(found)
    assert "No fight recorded since you started today." in text
    assert "in 0 days" not in text


# --- the same figure, the same words -------------------------------------------------


def test_the_report_rounds_shares_and_anger_like_everything_else() -> None:
    walk = Effect("go for a walk", 8, Tally(1, 7), drop_total=9, rated=4, on_time=5, returned=8)
    week = LedgerWeek(SATURDAY - timedelta(days=5), 8, 8, 5)
    found = summary(
        Streaks(2, 2, SATURDAY - timedelta(days=2)),
        all_time=Tally(1, 7),
        effects=[walk],
        delays=[Result("20-39 min", 8, Tally(1, 7))],
        ledger=Ledger((week,), 0, 0),
    )
    lines = as_text(found).splitlines()
    assert lines[3].split()[-1] == "13%"  # the all-time sidestep rate, 1 in 8
    walk_line = next(line for line in lines if line.startswith("go for a walk"))
    assert walk_line.split()[-3:] == ["13%", "2.3", "63%"]
    length_line = next(line for line in lines if line.startswith("20-39 min"))
    assert length_line.split()[-1] == "13%"
    assert "back on time 5 of 8 (63%)" in "\n".join(lines)
