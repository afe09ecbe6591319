"""Tests for cooldown.session.status: stages, clock faces and words, on fixed times."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.session.status import (
    CARRY_ON_WITHIN,
    RESUME_WINDOW,
    CoolDownStatus,
    Stage,
    clock_face,
    leaving_words,
    stage_of,
    status_of,
)

BERLIN = ZoneInfo("Europe/Berlin")
LONDON = ZoneInfo("Europe/London")

START = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
AGREED = datetime(2026, 11, 21, 18, 5, tzinfo=BERLIN)
RETURN = datetime(2026, 11, 21, 19, 30, tzinfo=BERLIN)


def statements() -> Episode:
    return Episode.begin(START, anger=6).reach(2).choose_activity("go for a walk")


def cooling(return_at: datetime = RETURN, agreed_at: datetime | None = AGREED) -> Episode:
    return statements().agree_return(return_at, agreed_at)


def returned() -> Episode:
    return cooling().come_back(RETURN + timedelta(minutes=3))


def done() -> Episode:
    return returned().record_outcome(Outcome.SIDESTEP)


# --- the constants ------------------------------------------------------------


def test_the_windows() -> None:
    assert CARRY_ON_WITHIN == timedelta(minutes=10)
    assert RESUME_WINDOW == timedelta(hours=48)


# --- stage_of -----------------------------------------------------------------


def test_stage_of_statements() -> None:
    assert stage_of(statements(), START) is Stage.STATEMENTS


def test_stage_of_cooling_before_the_return_time() -> None:
    assert stage_of(cooling(), RETURN - timedelta(seconds=1)) is Stage.COOLING


def test_stage_of_cooling_at_the_return_time_is_due() -> None:
    assert stage_of(cooling(), RETURN) is Stage.DUE


def test_stage_of_cooling_after_the_return_time_is_due() -> None:
    assert stage_of(cooling(), RETURN + timedelta(hours=3)) is Stage.DUE


def test_stage_of_returned_done_and_abandoned_ignore_the_clock() -> None:
    late = RETURN + timedelta(hours=5)
    assert stage_of(returned(), late) is Stage.RETURNED
    assert stage_of(returned(), START) is Stage.RETURNED
    assert stage_of(done(), late) is Stage.DONE
    assert stage_of(statements().abandon(), late) is Stage.ABANDONED


def test_every_status_has_a_stage() -> None:
    episodes = {
        Status.STATEMENTS: statements(),
        Status.COOLING: cooling(),
        Status.RETURNED: returned(),
        Status.TALK_LATER: returned().put_off_talk(START + timedelta(hours=2)),
        Status.DONE: done(),
        Status.ABANDONED: statements().abandon(),
    }
    assert set(episodes) == set(Status)
    for status, episode in episodes.items():
        assert episode.status is status
        assert stage_of(episode, START).value == status.value
    talk_due = episodes[Status.TALK_LATER]
    assert stage_of(talk_due, START + timedelta(hours=2)) is Stage.TALK_DUE


def test_stage_of_a_logged_fight_is_done() -> None:
    assert stage_of(Episode.logged(START, Outcome.FIGHT), START) is Stage.DONE


# --- clock_face ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "face"),
    [
        (timedelta(0), "00:00"),
        (timedelta(seconds=59), "00:59"),
        (timedelta(seconds=60), "01:00"),
        (timedelta(minutes=59, seconds=59), "59:59"),
        (timedelta(hours=1), "1:00:00"),
        (timedelta(minutes=61), "1:01:00"),
        (timedelta(hours=23, minutes=59, seconds=59), "23:59:59"),
        (timedelta(seconds=-1), "00:00"),
        (timedelta(hours=-3), "00:00"),
    ],
)
def test_clock_face(left: timedelta, face: str) -> None:
    assert clock_face(left) == face


# --- CoolDownStatus -----------------------------------------------------------


def test_status_of_needs_a_return_time() -> None:
    assert status_of(None, START) is None
    assert status_of(statements(), START) is None
    episode = cooling()
    assert status_of(episode, START) == CoolDownStatus(episode, START)


def test_status_before_the_return_time() -> None:
    now = datetime(2026, 11, 21, 18, 18, tzinfo=BERLIN)
    status = CoolDownStatus(cooling(), now)
    assert status.return_at == RETURN
    assert status.stage is Stage.COOLING
    assert status.due is False
    assert status.left == timedelta(hours=1, minutes=12)
    assert status.clock_face == "1:12:00"
    assert status.back_at == "19:30"
    assert status.return_line == "Back at 19:30, in 1 h 12 min"


def test_status_after_the_return_time() -> None:
    now = RETURN + timedelta(minutes=5)
    status = CoolDownStatus(cooling(), now)
    assert status.stage is Stage.DUE
    assert status.due is True
    assert status.left == timedelta(minutes=-5)
    assert status.clock_face == "00:00"
    assert status.return_line == "Back at 19:30, 5 min ago"


def test_return_line_for_tomorrow() -> None:
    now = datetime(2026, 11, 21, 23, 30, tzinfo=BERLIN)
    tomorrow = datetime(2026, 11, 22, 0, 15, tzinfo=BERLIN)
    status = CoolDownStatus(cooling(tomorrow), now)
    assert status.back_at == "00:15 tomorrow"
    assert status.return_line == "Back at 00:15 tomorrow, in 45 min"


def test_alert_words() -> None:
    assert CoolDownStatus(cooling(), RETURN).alert_words == "It's 19:30: time to go back and talk."


@pytest.mark.parametrize(
    "now",
    [
        START - timedelta(hours=2),
        START,
        AGREED,
        AGREED + timedelta(minutes=1),
        RETURN - timedelta(seconds=1),
        RETURN,
        RETURN + timedelta(days=3),
    ],
)
def test_progress_never_leaves_its_bounds(now: datetime) -> None:
    so_far, total = CoolDownStatus(cooling(), now).progress
    assert total == (RETURN - AGREED).total_seconds()
    assert 0.0 <= so_far <= total


def test_progress_counts_from_the_agreement() -> None:
    now = AGREED + timedelta(minutes=25)
    assert CoolDownStatus(cooling(), now).progress == (25 * 60.0, 85 * 60.0)
    assert CoolDownStatus(cooling(), RETURN + timedelta(hours=1)).progress == (85 * 60.0, 85 * 60.0)
    assert CoolDownStatus(cooling(), START).progress == (0.0, 85 * 60.0)


def test_progress_without_an_agreement_time_counts_from_the_start() -> None:
    status = CoolDownStatus(cooling(agreed_at=None), START + timedelta(minutes=30))
    assert status.progress == (30 * 60.0, 90 * 60.0)


def test_progress_of_a_return_time_already_passed_when_agreed_stays_in_bounds() -> None:
    episode = cooling(return_at=AGREED - timedelta(minutes=1))
    so_far, total = CoolDownStatus(episode, AGREED).progress
    assert total >= 1.0
    assert 0.0 <= so_far <= total


# --- leaving_words ------------------------------------------------------------


def test_leaving_words_with_nothing_in_progress() -> None:
    assert leaving_words(None, START, saving=True) == ""
    assert leaving_words(None, START, saving=False) == ""


def test_leaving_words_during_the_statements() -> None:
    assert leaving_words(statements(), START, saving=True) == (
        "What you confirmed is kept: type cooldown within 10 minutes to carry on where you left off."
    )
    assert leaving_words(statements(), START, saving=False) == ""
    assert leaving_words(statements().abandon(), START, saving=True) == ""


def test_leaving_words_while_cooling() -> None:
    assert leaving_words(cooling(), AGREED, saving=True) == (
        "Your cool-down keeps running until 19:30. Type cooldown again to come back to it."
    )


def test_leaving_words_once_due() -> None:
    words = leaving_words(cooling(), RETURN + timedelta(minutes=1), saving=True)
    assert words == "Next time you type cooldown, it will ask how the talk went."


def test_leaving_words_once_back_without_an_outcome() -> None:
    words = leaving_words(returned(), RETURN + timedelta(minutes=4), saving=True)
    assert words == "Next time you type cooldown, it will ask how the talk went."


def test_leaving_words_once_done() -> None:
    assert leaving_words(done(), RETURN + timedelta(minutes=30), saving=True) == ""
    assert leaving_words(done(), RETURN + timedelta(minutes=30), saving=False) == ""


def test_leaving_words_when_not_saving() -> None:
    expected = "The log can't be written, so this cool-down will not be there next time."
    assert leaving_words(cooling(), AGREED, saving=False) == expected
    assert leaving_words(cooling(), RETURN + timedelta(minutes=1), saving=False) == expected
    assert leaving_words(returned(), RETURN + timedelta(minutes=4), saving=False) == expected


# --- daylight saving ----------------------------------------------------------
# On 25 Oct 2026 London's clocks go back at 02:00 BST to 01:00 GMT, so 01:00-01:59 happens twice.

BST_0150 = datetime(2026, 10, 25, 1, 50, tzinfo=LONDON)  # 00:50 UTC, the first 01:50
GMT_0120 = datetime(2026, 10, 25, 1, 20, fold=1, tzinfo=LONDON)  # 01:20 UTC, the second 01:20
GMT_0220 = datetime(2026, 10, 25, 2, 20, tzinfo=LONDON)  # 02:20 UTC


def london_cooling(return_at: datetime) -> Episode:
    start = BST_0150 - timedelta(minutes=5)
    return Episode.begin(start).choose_activity("go for a walk").agree_return(return_at, BST_0150)


def test_the_dst_times_are_what_they_say() -> None:
    assert BST_0150.utcoffset() == timedelta(hours=1)
    assert GMT_0120.utcoffset() == timedelta(0)
    # Wall-clock subtraction (same tzinfo) would get both of these wrong.
    assert GMT_0120 - BST_0150 == timedelta(minutes=-30)
    assert GMT_0220 - BST_0150 == timedelta(minutes=30)


def test_status_across_the_clocks_going_back_counts_real_time() -> None:
    status = CoolDownStatus(london_cooling(GMT_0120), BST_0150)
    assert status.left == timedelta(minutes=30)
    assert status.stage is Stage.COOLING
    assert status.due is False
    assert status.clock_face == "30:00"
    assert status.progress == (0.0, 30 * 60.0)
    assert status.return_line == "Back at 01:20, in 30 min"


def test_a_90_minute_cool_down_across_the_clocks_going_back() -> None:
    status = CoolDownStatus(london_cooling(GMT_0220), BST_0150)
    assert status.left == timedelta(minutes=90)
    assert status.clock_face == "1:30:00"
    assert status.progress == (0.0, 90 * 60.0)
    assert status.return_line == "Back at 02:20, in 1 h 30 min"


def test_during_the_repeated_hour_the_second_pass_is_later() -> None:
    episode = london_cooling(GMT_0120)
    first_0110 = datetime(2026, 10, 25, 1, 10, tzinfo=LONDON)  # before BST_0150: not even agreed yet
    second_0110 = datetime(2026, 10, 25, 1, 10, fold=1, tzinfo=LONDON)
    assert CoolDownStatus(episode, second_0110).left == timedelta(minutes=10)
    assert CoolDownStatus(episode, second_0110).progress == (20 * 60.0, 30 * 60.0)
    assert CoolDownStatus(episode, first_0110).left == timedelta(minutes=70)
    assert CoolDownStatus(episode, first_0110).progress == (0.0, 30 * 60.0)
    after = datetime(2026, 10, 25, 1, 25, fold=1, tzinfo=LONDON)
    assert stage_of(episode, after) is Stage.DUE
    assert CoolDownStatus(episode, after).return_line == "Back at 01:20, 5 min ago"


def test_leaving_words_across_the_clocks_going_back() -> None:
    second_0110 = datetime(2026, 10, 25, 1, 10, fold=1, tzinfo=LONDON)
    words = leaving_words(london_cooling(GMT_0120), second_0110, saving=True)
    assert words.startswith("Your cool-down keeps running until 01:20.")
    assert leaving_words(london_cooling(GMT_0120), GMT_0120, saving=True).startswith("Next time")


@pytest.mark.parametrize(
    ("left", "face"),
    [
        (timedelta(hours=1, minutes=12), "1:12"),
        (timedelta(hours=1, seconds=10), "1:00"),
        (timedelta(minutes=59, seconds=40), "1:00"),  # rounded as "in 1 h" is
        (timedelta(minutes=18), "18"),
        (timedelta(minutes=17, seconds=40), "18"),
        (timedelta(minutes=17, seconds=20), "17"),
        (timedelta(minutes=1), "1"),
        (timedelta(seconds=59), "00:59"),
        (timedelta(seconds=5), "00:05"),
        (timedelta(0), "00:00"),
        (-timedelta(minutes=3), "00:00"),
    ],
)
def test_the_face_moves_once_a_minute_and_agrees_with_the_words(left: timedelta, face: str) -> None:
    now = datetime(2026, 11, 21, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    began = now - timedelta(hours=1)
    episode = Episode.begin(began).agree_return(now + left, began)
    assert CoolDownStatus(episode, now).face == face
