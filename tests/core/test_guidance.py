"""What helps right now: one line at a time, for the activity, changing every few minutes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from cooldown.core.guidance import BY_ACTIVITY, GENERAL, INTERVAL, Guidance, line_at, next_change
from cooldown.core.settings import DEFAULT_ACTIVITIES

START = datetime(2026, 11, 21, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def test_every_default_activity_has_its_own_lines() -> None:
    assert {activity.name for activity in DEFAULT_ACTIVITIES} == set(BY_ACTIVITY)


def test_the_activity_lines_come_first_then_the_general_ones() -> None:
    lines = Guidance().for_activity("go for a walk")
    assert lines[: len(BY_ACTIVITY["go for a walk"])] == BY_ACTIVITY["go for a walk"]
    assert lines[len(BY_ACTIVITY["go for a walk"]) :] == GENERAL


def test_a_renamed_or_new_activity_gets_the_general_lines() -> None:
    assert Guidance().for_activity("walk the dog") == GENERAL
    assert Guidance().for_activity(None) == GENERAL


def test_own_lines_stand_in_for_the_general_ones() -> None:
    guidance = Guidance(lines=("Drink a glass of water.", "[b]literal[/b]"))
    assert guidance.for_activity("walk the dog") == ("Drink a glass of water.", "[b]literal[/b]")
    assert guidance.for_activity("exercise")[-2:] == ("Drink a glass of water.", "[b]literal[/b]")


def test_the_general_lines_keep_to_the_rules_of_a_good_break() -> None:
    text = " ".join(GENERAL).lower()
    for rule in ("settle", "replaying", "texts or calls", "alcohol", "drive", "still be upset"):
        assert rule in text, rule


def test_a_line_stays_for_its_interval_and_g_moves_on() -> None:
    lines = ("one", "two", "three")
    assert line_at(lines, START, START) == "one"
    assert line_at(lines, START, START + INTERVAL - timedelta(seconds=1)) == "one"
    assert line_at(lines, START, START + INTERVAL) == "two"
    assert line_at(lines, START, START, skipped=1) == "two"
    assert line_at(lines, START, START + 2 * INTERVAL, skipped=1) == "one"  # round again


def test_the_next_change_is_counted_from_the_start() -> None:
    assert next_change(START, START + timedelta(minutes=1)) == INTERVAL - timedelta(minutes=1)


def test_own_lines_are_checked() -> None:
    with pytest.raises(ValidationError):
        Guidance(lines=("",))
    with pytest.raises(ValidationError):
        Guidance(lines=("x" * 201,))
