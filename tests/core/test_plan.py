"""The calm-time plan as a printed page: what is written, what is left out, and user text kept literal."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from cooldown.core.plan import NOT_READY, SAFETY, Plan, literal, plan_markdown, spoken_length, usual_return
from cooldown.core.script import Wording
from cooldown.core.settings import Activity, Settings
from cooldown.store.config import load_config

FULL_CONFIG = Path(__file__).resolve().parent.parent / "data" / "config-full.toml"


def page(**plan: object) -> list[str]:
    return plan_markdown(Settings(plan=Plan.model_validate(plan))).splitlines()


def rendered_text(markdown: str) -> str:
    """The plain text a Markdown viewer shows of `markdown`: only its text runs (no code, HTML, links or emphasis)."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    return "".join(child.content for token in tokens for child in token.children or () if child.type == "text")


def test_the_defaults_print_only_what_is_always_true() -> None:
    assert plan_markdown(Settings()).splitlines() == [
        "# Our time-out plan",
        "",
        "Agreed together at a calm time. A break is a pause to calm down, never a way out of the talk.",
        "",
        "## When one of us needs a break",
        "",
        "- **How long a break usually is:** about 30 minutes",
        "- During a break neither of us follows, calls or messages the other.",
        "- While I am away I calm my body (a walk, music, slow breathing) instead of going over the argument.",
        "",
        "## What I say before I go",
        "",
        "1. I recognize that I am getting angry.",
        "2. I care about the relationship.",
        "3. I am going to withdraw and calm down: I'm going to go for a walk.",
        "4. I'll be back in about 30 minutes and we can talk about this then.",
        "",
        "## Coming back",
        "",
        "- I come back at the time I said, even if I am not fully calm yet.",
        f"- **If one of us is not ready yet:** {NOT_READY}",
        "",
        "---",
        "",
        SAFETY,
    ]


def test_a_filled_in_plan_is_printed_in_full() -> None:
    settings = Settings(
        partner_name="Sam",
        plan=Plan(
            signal="Time out, with a T of the hands",
            my_place="a walk round the park",
            partner_place="the spare room",
            activity="go for a run",
            minutes=40,
            return_sentence="I'm back. Is now a good time to talk?",
            not_ready="We say so and ask for 15 more minutes.",
            agreed_on="1 December 2026",
        ),
    )
    assert plan_markdown(settings).splitlines() == [
        "# Our time-out plan",
        "",
        "Agreed together at a calm time. A break is a pause to calm down, never a way out of the talk.",
        "",
        "- **Agreed with:** Sam",
        "- **Agreed on:** 1 December 2026",
        "",
        "## When one of us needs a break",
        "",
        "- **Our signal (either of us can give it):** Time out, with a T of the hands",
        "- **Where I go:** a walk round the park",
        "- **Where Sam goes:** the spare room",
        "- **How long a break usually is:** about 40 minutes",
        "- During a break neither of us follows, calls or messages the other.",
        "- While I am away I calm my body (a walk, music, slow breathing) instead of going over the argument.",
        "",
        "## What I say before I go",
        "",
        "1. I recognize that I am getting angry.",
        "2. I care about the relationship.",
        "3. I am going to withdraw and calm down: I'm going to go for a run.",
        "4. I'll be back in about 40 minutes and we can talk about this then.",
        "",
        "## Coming back",
        "",
        "- I come back at the time I said, even if I am not fully calm yet.",
        "- **When I come back, I say:** I'm back. Is now a good time to talk?",
        "- **If one of us is not ready yet:** We say so and ask for 15 more minutes.",
        "",
        "---",
        "",
        SAFETY,
    ]
    assert plan_markdown(settings) == plan_markdown(settings)  # no date of today's: the same page every time


def test_the_full_config_files_plan_and_wording() -> None:
    """tests/data/config-full.toml: its own partner's name and reworded statements fill the page."""
    lines = plan_markdown(load_config(FULL_CONFIG).settings).splitlines()
    assert "- **Where Alex goes:** the spare room" in lines
    assert "3. I am going to take a break and calm down: I'm going to go for a run." in lines
    assert "4. I'll be back in about 40 minutes, Alex, and we can talk then." in lines


def test_empty_answers_are_left_out_not_printed_blank() -> None:
    text = "\n".join(page(signal="  ", my_place="", return_sentence="", not_ready=""))
    for label in ("Agreed with", "Agreed on", "Our signal", "Where I go", "goes:", "When I come back", "not ready"):
        assert label not in text
    assert ":** \n" not in text + "\n" and not any(line.endswith(":**") for line in text.splitlines())


def test_the_partner_without_a_name_is_my_partner() -> None:
    assert "- **Where my partner goes:** the garden" in page(partner_place="the garden")


def test_no_following_is_printed_only_when_agreed() -> None:
    line = "- During a break neither of us follows, calls or messages the other."
    assert line in page(no_following=True)
    assert line not in page(no_following=False)


def test_statement_three_uses_the_default_activity_when_the_plan_has_none() -> None:
    activities = (Activity(name="go for a walk"), Activity(name="put on music", default=True))
    lines = plan_markdown(Settings(activities=activities)).splitlines()
    assert "3. I am going to withdraw and calm down: I'm going to put on music." in lines
    with_own = Settings(activities=activities, plan=Plan(activity="make tea"))
    assert "3. I am going to withdraw and calm down: I'm going to make tea." in plan_markdown(with_own).splitlines()


@pytest.mark.parametrize(
    ("wording", "minutes", "partner", "said"),
    [
        (Wording().come_back, 30, "", "I'll be back in about 30 minutes and we can talk about this then."),
        (Wording().come_back, 60, "", "I'll be back in about 1 hour and we can talk about this then."),
        (Wording().come_back, 120, "", "I'll be back in about 2 hours and we can talk about this then."),
        (Wording().come_back, 1, "", "I'll be back in about 1 minute and we can talk about this then."),
        ("At {time} I am back.", 45, "", "In about 45 minutes I am back."),
        ("Back by {time}, {partner}.", 20, "Sam", "Back in about 20 minutes, Sam."),
        ("Back by {time}, {partner}.", 20, "", "Back in about 20 minutes."),
        ("{partner}, I'm back at {time}.", 20, "", "I'm back in about 20 minutes."),
        ("I'll be away until {time}, then we talk.", 90, "", "I'll be away for about 90 minutes, then we talk."),
        ("{time}: that's when I'm back.", 30, "", "In about 30 minutes: that's when I'm back."),
        ("Back {time}; {{time}} is written as is.", 30, "", "Back in about 30 minutes; {time} is written as is."),
        ("In {time} I come back.", 30, "", "In about 30 minutes I come back."),
    ],
)
def test_statement_four_says_the_usual_length_instead_of_a_clock_time(
    wording: str, minutes: int, partner: str, said: str
) -> None:
    assert usual_return(Wording(come_back=wording), minutes, partner) == said


@pytest.mark.parametrize(
    ("minutes", "said"),
    [(1, "1 minute"), (20, "20 minutes"), (60, "1 hour"), (90, "90 minutes"), (180, "3 hours"), (1440, "24 hours")],
)
def test_spoken_length(minutes: int, said: str) -> None:
    assert spoken_length(minutes) == said


@pytest.mark.parametrize(
    "text",
    [
        "make [tea](http://example.com)",
        "*not* bold, __not__ strong",
        "`code` and <b>html</b>",
        "# not a heading",
        "- not a list",
        "12. not a numbered list",
        "> not a quote",
        "a | table | cell ~~struck~~",
        r"back\slash",
    ],
)
def test_user_text_shows_exactly_as_typed(text: str) -> None:
    """Markdown's special characters are escaped, so any Markdown viewer shows the very characters typed."""
    assert literal(text) != text
    assert rendered_text(f"- **Where I go:** {literal(text)}") == f"Where I go: {text}"
    assert rendered_text(literal(text)) == text


def test_plain_sentences_are_not_cluttered_with_escapes() -> None:
    sentence = "I'm back. Is now a good time to talk? (We said 30 minutes, 2 at most.)"
    assert literal(sentence) == sentence


def test_typed_markdown_on_the_page_stays_literal() -> None:
    lines = page(signal="*Time out* [now]", my_place="# the garden")
    assert r"- **Our signal (either of us can give it):** \*Time out\* \[now\]" in lines
    assert r"- **Where I go:** \# the garden" in lines
    html = MarkdownIt("commonmark").render("\n".join(lines))
    assert "<em>" not in html and "<a " not in html and html.count("<h1>") == 1


def test_control_characters_never_reach_the_page() -> None:
    settings = Settings.model_construct(  # as a config could never give them now: the page still guards
        partner_name="Sam\x1b[31m", plan=Plan.model_construct(signal="Time\x07 out\nnow", my_place="\x9bhome")
    )
    text = plan_markdown(settings)
    assert not any(ord(char) < 0x20 and char != "\n" or 0x7F <= ord(char) < 0xA0 for char in text)
    assert "- **Our signal (either of us can give it):** Time out now" in text.splitlines()
    assert "- **Agreed with:** Sam\\[31m" in text.splitlines()
