"""Tests for cooldown.core.script: the protocol's words, exactly as they are said."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from cooldown.core.script import (
    ACTIVITY,
    CARE,
    COME_BACK,
    RECOGNIZE,
    TIME_BLANK,
    WITHDRAW,
    Wording,
)

DEFAULTS = {
    1: "I recognize that I am getting angry.",
    2: "I care about the relationship.",
    3: "I am going to withdraw and calm down.",
    4: "I'll be back at __ and we can talk about this then.",
}


@pytest.mark.parametrize(("number", "expected"), sorted(DEFAULTS.items()))
def test_default_statements_word_for_word(number: int, expected: str) -> None:
    assert Wording().statement(number) == expected


def test_module_constants_are_the_protocol() -> None:
    assert RECOGNIZE == DEFAULTS[1]
    assert CARE == DEFAULTS[2]
    assert WITHDRAW == DEFAULTS[3]
    assert COME_BACK == "I'll be back at {time} and we can talk about this then."
    assert ACTIVITY == "I'm going to {activity}."
    assert TIME_BLANK == "__"


def test_statements_one_and_two_ignore_activity_and_time() -> None:
    wording = Wording()
    assert wording.statement(1, activity="go for a walk", time="19:30") == DEFAULTS[1]
    assert wording.statement(2, activity="go for a walk", time="19:30") == DEFAULTS[2]


def test_statement_three_with_an_activity() -> None:
    assert (
        Wording().statement(3, activity="go for a walk")
        == "I am going to withdraw and calm down: I'm going to go for a walk."
    )


def test_statement_three_without_activity_is_the_plain_statement() -> None:
    assert Wording().statement(3, activity=None, time="19:30") == DEFAULTS[3]


def test_statement_four_with_a_time() -> None:
    assert Wording().statement(4, time="19:30") == "I'll be back at 19:30 and we can talk about this then."


@pytest.mark.parametrize("time", [None, ""])
def test_statement_four_without_a_time_shows_the_blank(time: str | None) -> None:
    assert Wording().statement(4, time=time) == "I'll be back at __ and we can talk about this then."


def test_whole_script() -> None:
    assert Wording().script("go for a walk", "19:30") == [
        "I recognize that I am getting angry.",
        "I care about the relationship.",
        "I am going to withdraw and calm down: I'm going to go for a walk.",
        "I'll be back at 19:30 and we can talk about this then.",
    ]


@pytest.mark.parametrize(
    "activity",
    ["[bold]walk[/]", "{time}", "{activity}", "{}", "{0}", "100% {calm} [red]"],
)
def test_activity_text_is_shown_literally(activity: str) -> None:
    assert Wording().statement(3, activity=activity) == (
        f"I am going to withdraw and calm down: I'm going to {activity}."
    )


@pytest.mark.parametrize("time", ["{time}", "[bold]19:30[/]", "{activity}", "{}"])
def test_time_text_is_shown_literally(time: str) -> None:
    assert Wording().statement(4, time=time) == f"I'll be back at {time} and we can talk about this then."


def test_script_with_braces_and_brackets_in_user_text() -> None:
    script = Wording().script("[bold]walk[/]", "{time}")
    assert script[2] == "I am going to withdraw and calm down: I'm going to [bold]walk[/]."
    assert script[3] == "I'll be back at {time} and we can talk about this then."


@pytest.mark.parametrize("number", [0, 5, -1, 99])
def test_invalid_statement_number(number: int) -> None:
    with pytest.raises(ValueError, match=f"not {number}"):
        Wording().statement(number)


def test_custom_wording() -> None:
    wording = Wording(
        recognize="I'm getting angry.",
        care="You matter to me.",
        withdraw="I'll step away",
        activity="I'll {activity}.",
        come_back="Back at {time}.",
    )
    assert wording.script("read", "20:00") == [
        "I'm getting angry.",
        "You matter to me.",
        "I'll step away: I'll read.",
        "Back at 20:00.",
    ]


def test_wording_is_frozen() -> None:
    wording = Wording()
    with pytest.raises(ValidationError):
        wording.care = "changed"  # type: ignore[misc]


def test_partner_placeholder_is_filled_or_tidied_away() -> None:
    wording = Wording(care="{partner}, I care about us.", recognize="I'm getting angry, {partner}.")
    assert wording.statement(2, partner="Sam") == "Sam, I care about us."
    assert wording.statement(2) == "I care about us."
    assert wording.statement(1) == "I'm getting angry."


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("come_back", "Back at {tme}.", "did you mean {time}"),
        ("come_back", "Back later.", "must contain {time}"),
        ("activity", "I'll rest.", "must contain {activity}"),
        ("care", "I care about {activity}.", "not a placeholder here"),
        ("recognize", "I am {angry", "lone"),
        ("recognize", "", "at least 1 character"),
    ],
)
def test_bad_wording_is_refused_with_a_reason(field: str, text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Wording(**{field: text})
