"""Paced breathing: the phase at any instant comes from the clock, never from counting."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from cooldown.core.breathing import Breathing, phase_at

START = datetime(2026, 11, 21, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("seconds", "words", "fullness"),
    [
        (0, "Breathe in", 0.0),
        (2, "Breathe in", 0.5),
        (4, "Breathe out", 1.0),
        (7, "Breathe out", 0.5),
        (9, "Breathe out", 1 / 6),
    ],
)
def test_the_default_pace_is_four_in_six_out(seconds: float, words: str, fullness: float) -> None:
    phase = phase_at(Breathing(), START, at(seconds))
    assert phase.words == words
    assert phase.fullness == pytest.approx(fullness)


def test_six_breaths_a_minute_by_default() -> None:
    pace = Breathing()
    assert (pace.inhale_seconds, pace.hold_seconds, pace.exhale_seconds) == (4, 0, 6)
    assert pace.per_minute == 6
    assert phase_at(pace, START, at(60)).words == "Breathe in"  # the sixth breath ends on the minute


def test_a_hold_comes_after_the_in_breath_and_stays_full() -> None:
    pace = Breathing(inhale_seconds=4, hold_seconds=4, exhale_seconds=4)
    assert [phase_at(pace, START, at(s)).words for s in (1, 5, 9, 13)] == [
        "Breathe in",
        "Hold",
        "Breathe out",
        "Breathe in",
    ]
    assert phase_at(pace, START, at(6)).fullness == 1.0


def test_the_phase_never_drifts_over_an_hour() -> None:
    pace = Breathing()
    later = phase_at(pace, START, at(3600 + 2))  # 360 whole breaths on
    first = phase_at(pace, START, at(2))
    assert (later.part, later.fraction, later.remaining) == (first.part, first.fraction, first.remaining)
    assert later.number == first.number + 360 * 2


def test_the_phase_number_changes_exactly_when_the_phase_does() -> None:
    pace = Breathing()
    numbers = [phase_at(pace, START, at(s / 10)).number for s in range(0, 200)]
    changes = [s / 10 for s in range(1, 200) if numbers[s] != numbers[s - 1]]
    assert changes == [4.0, 10.0, 14.0]


def test_remaining_counts_down_to_the_next_phase() -> None:
    phase = phase_at(Breathing(), START, at(5.5))
    assert (phase.part, phase.remaining) == ("out", pytest.approx(4.5))


def test_before_the_start_it_is_the_first_in_breath() -> None:
    assert phase_at(Breathing(), START, at(-30)).words == "Breathe in"


@pytest.mark.parametrize(
    "changes",
    [{"inhale_seconds": 1}, {"inhale_seconds": 11}, {"exhale_seconds": 1}, {"hold_seconds": -1}, {"hold_seconds": 11}],
)
def test_the_pace_has_clear_limits(changes: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        Breathing(**changes)
