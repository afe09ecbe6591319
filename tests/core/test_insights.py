"""What works, by the numbers that matter: effects per activity, topic and first sign, and the promise ledger."""

from __future__ import annotations

from datetime import date

from cooldown.core.insights import ENOUGH, Effect, effect_line, effects, ledger, ledger_since
from cooldown.core.stats import Tally


def row(label: str, used: int, sidesteps: int = 0, fights: int = 0, drop=None, rated: int = 0, on_time=0, returned=0):  # noqa: ANN001, ANN201
    return (label, used, sidesteps, fights, drop, rated, on_time, returned)


def test_no_rows_no_effects() -> None:
    assert effects([]) == []


def test_too_few_to_tell_below_three_and_listed_after_the_rest() -> None:
    found = effects([row("tea", 2, 2, 0, 10, 2), row("walk", ENOUGH, 1, 2, 3, 3, 1, 3)])
    assert [effect.label for effect in found] == ["walk", "tea"]  # tea's 100% is only two episodes
    assert not found[1].enough and found[0].enough


def test_what_helps_most_comes_first_by_sidesteps_then_the_anger_fall() -> None:
    found = effects(
        [
            row("run", 4, 2, 2, 4, 4),
            row("walk", 4, 3, 1, 4, 4),
            row("music", 4, 3, 1, 12, 4),
        ]
    )
    assert [effect.label for effect in found] == ["music", "walk", "run"]
    assert found[0].anger_drop == 3.0


def test_missing_ratings_give_no_anger_fall_rather_than_zero() -> None:
    [effect] = effects([row("walk", 3, 3, 0, None, 0, None, None)])
    assert effect.anger_drop is None
    assert effect.on_time_rate is None
    assert effect.tally == Tally(3, 0)


def test_anger_that_rose_is_a_negative_fall() -> None:
    [effect] = effects([row("argue on", 3, 0, 3, -6, 3, 0, 3)])
    assert effect.anger_drop == -2.0
    assert effect.on_time_rate == 0.0


def test_topics_and_first_signs_come_most_often_first() -> None:
    found = effects([row("money", 2, 0, 2), row("chores", 5, 3, 2), row("plans", 5, 4, 1)], most_often=True)
    assert [effect.label for effect in found] == ["chores", "plans", "money"]


def test_effect_lines_name_only_what_happened() -> None:
    assert effect_line(Effect("money", 5, Tally(1, 4))) == "money: 4 fights, 1 sidestep"
    assert effect_line(Effect("plans", 3, Tally(3, 0))) == "plans: 3 sidesteps"
    assert effect_line(Effect("chores", 1, Tally())) == "chores: 1 time, with no outcome recorded"


def test_the_ledger_counts_the_last_twelve_weeks_this_one_included() -> None:
    today = date(2026, 12, 3)  # a Thursday
    first = ledger_since(today)
    assert first == date(2026, 9, 14)  # the Monday eleven weeks before this week's
    rows = [
        ("2026-09-13", 5, 5, 5, 0, 0),  # the day before: not counted
        ("2026-09-14", 2, 2, 1, 1, 0),
        ("2026-12-01", 1, 1, 1, 2, 1),
        ("2026-12-03", 1, 0, 0, 0, 0),  # not back yet
    ]
    found = ledger(rows, today)
    assert len(found.weeks) == 12
    assert (found.weeks[0].start, found.weeks[0].on_time, found.weeks[0].returned) == (first, 1, 2)
    assert (found.weeks[-1].cool_downs, found.weeks[-1].returned, found.weeks[-1].on_time) == (2, 1, 1)
    assert (found.on_time, found.returned, found.cool_downs) == (2, 3, 4)
    assert found.reschedules == 3 and found.talks_put_off == 1
    assert found.reschedules_per_cool_down == 0.75


def test_an_empty_ledger() -> None:
    found = ledger([], date(2026, 12, 3))
    assert found.empty and found.on_time_rate is None and found.reschedules_per_cool_down is None


def test_the_ledger_weeks_follow_the_local_calendar_across_a_dst_change() -> None:
    """Weeks are local calendar weeks: the autumn change (25 Oct 2026 in Europe) adds no week."""
    found = ledger([("2026-10-25", 1, 1, 1, 0, 0), ("2026-10-26", 1, 1, 0, 0, 0)], date(2026, 10, 27))
    assert [week.start for week in found.weeks[-2:]] == [date(2026, 10, 19), date(2026, 10, 26)]
    assert (found.weeks[-2].on_time, found.weeks[-1].on_time) == (1, 0)
