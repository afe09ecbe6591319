"""The calm-time plan: how the two of them agreed, on a calm day, that a time-out will go.

A time-out works best when both partners agreed on it beforehand: the signal
either can give, where each goes, how long a break usually is, that neither
follows or messages the other during it, the words for coming back, and what to
do if one is not ready then. It is a plan for oneself and one's own behaviour:
nothing in it tracks, locates or controls the partner. Kept in config.toml's
[plan]; the partner's name is the settings' `partner_name`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from cooldown.core.script import Wording
from cooldown.core.text import plain_line, without_controls

if TYPE_CHECKING:
    from cooldown.core.settings import Settings

FIELD_LIMIT = 200
"""The longest answer in the plan, in characters."""

Answer = Annotated[str, StringConstraints(strip_whitespace=True, max_length=FIELD_LIMIT), AfterValidator(plain_line)]
"""One answer of the plan: control characters are refused (a terminal or a printer would act on them)."""

NOT_READY = "We say so and ask for a specific extra time, like 15 more minutes, rather than staying away."
"""The default answer to "if one of us is not ready": come back anyway, then ask for a named extra time."""
NO_FOLLOWING = "During a break neither of us follows, calls or messages the other."
SAFETY = (
    "This is for calming yourself, never for controlling anyone. "
    "If anyone feels unsafe, this is not enough: contact local emergency services."
)
"""The safety line, in the same words as on the cool-down screen."""
TITLE = "Our time-out plan"


class Plan(BaseModel):
    """config.toml's [plan]: the time-out as agreed together at a calm time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    signal: Answer = ""
    """The phrase or gesture either of us can use to call a time-out, e.g. "Time out" with a T of the hands."""
    my_place: Answer = ""
    """Where I go during a break, e.g. "a walk round the block"."""
    partner_place: Answer = ""
    """Where my partner goes, as they said it."""
    activity: Answer = ""
    """What I usually do during a break (statement 3 on the printed plan); empty: the default activity."""
    minutes: Annotated[int, Field(ge=1, le=24 * 60)] = 30
    """How long a break usually is, in minutes (1 to 1440)."""
    no_following: bool = True
    """We agree not to follow or message each other during a break."""
    return_sentence: Answer = ""
    """The words for coming back, e.g. "I'm back. Is now a good time to talk?"."""
    not_ready: Answer = NOT_READY
    """What to do if one of us is not ready at the return time."""
    agreed_on: Answer = ""
    """When we agreed it, e.g. "1 December 2026"."""

    @property
    def started(self) -> bool:
        """True once anything of the plan is written down."""
        return any((self.signal, self.my_place, self.partner_place, self.activity, self.return_sentence))


# The printed plan


def plan_markdown(settings: Settings) -> str:
    """The plan as a Markdown page to print and keep on the fridge (`cooldown plan --print`).

    Only what was filled in is written; what the person typed is written literally
    (Markdown's special characters escaped, control characters dropped). The same
    settings always give the same page: no date of today's.
    """
    plan = settings.plan
    partner = _plain(settings.partner_name)
    lines = [
        f"# {TITLE}",
        "",
        "Agreed together at a calm time. A break is a pause to calm down, never a way out of the talk.",
        "",
    ]
    lines += _items(("Agreed with", partner), ("Agreed on", plan.agreed_on))

    lines += ["## When one of us needs a break", ""]
    lines += _items(
        ("Our signal (either of us can give it)", plan.signal),
        ("Where I go", plan.my_place),
        (f"Where {partner or 'my partner'} goes", plan.partner_place),
        ("How long a break usually is", f"about {spoken_length(plan.minutes)}"),
        unlabelled=(NO_FOLLOWING if plan.no_following else "", BREAK_LINE),
    )

    lines += ["## What I say before I go", ""]
    lines += [f"{number}. {literal(line)}" for number, line in enumerate(plan_script(settings), start=1)]
    lines += [""]

    lines += ["## Coming back", ""]
    lines += _items(
        ("When I come back, I say", plan.return_sentence),
        ("If one of us is not ready yet", plan.not_ready),
        unlabelled=(COME_BACK_LINE,),
        unlabelled_first=True,
    )
    lines += ["---", "", SAFETY]
    return "\n".join(lines) + "\n"


BREAK_LINE = "While I am away I calm my body (a walk, music, slow breathing) instead of going over the argument."
COME_BACK_LINE = "I come back at the time I said, even if I am not fully calm yet."


def plan_script(settings: Settings) -> list[str]:
    """The four statements as the plan prints them: the plan's activity, and "in about N minutes" for the time."""
    plan = settings.plan
    partner = _plain(settings.partner_name)
    activity = _plain(plan.activity) or settings.activities[settings.default_activity].name
    wording = settings.statements
    script = [wording.statement(number, activity=activity, partner=partner) for number in (1, 2, 3)]
    return [*script, usual_return(wording, plan.minutes, partner)]


TIME = r"(?<!\{)\{time\}(?!\})"
"""{time} in a statement's wording, not an escaped {{time}}."""
AT_TIME = re.compile(rf"\b(?P<word>at|by|around|about|before|in)\s+{TIME}", re.IGNORECASE)
"""A word that reads "at a clock time" ("back at {time}"): it gives way to "in about 30 minutes"."""
UNTIL_TIME = re.compile(rf"\b(?P<word>until|till|til)\s+{TIME}", re.IGNORECASE)
"""'away until {time}': becomes "for about 30 minutes"."""


def usual_return(wording: Wording, minutes: int, partner: str = "") -> str:
    """Statement 4 with the usual length in place of a clock time.

    "I'll be back at {time} and we can talk about this then." -> "I'll be back in about
    30 minutes and we can talk about this then."; "away until {time}" -> "away for about
    30 minutes"; a bare {time} -> "in about 30 minutes" (capitalised at the start).
    """
    length = f"about {spoken_length(minutes)}"
    template = AT_TIME.sub(lambda m: _cased(m["word"], f"in {length}"), wording.come_back)
    template = UNTIL_TIME.sub(lambda m: _cased(m["word"], f"for {length}"), template)
    template = re.sub(TIME, f"in {length}", template)
    said = wording.model_copy(update={"come_back": template}).statement(4, partner=partner)
    return said[:1].upper() + said[1:] if wording.come_back.startswith("{time}") else said


def spoken_length(minutes: int) -> str:
    """A break's length as said aloud: "30 minutes", "1 minute", "1 hour", "2 hours", "90 minutes"."""
    if minutes >= 60 and minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _cased(word: str, replacement: str) -> str:
    """`replacement` with a capital first letter where the word it replaces had one."""
    return replacement[:1].upper() + replacement[1:] if word[:1].isupper() else replacement


def _items(*labelled: tuple[str, str], unlabelled: tuple[str, ...] = (), unlabelled_first: bool = False) -> list[str]:
    """A Markdown list: "- **Label:** answer" for each answer given, and the fixed lines; a blank line after."""
    answers = [f"- **{literal(label)}:** {literal(answer)}" for label, answer in labelled if _plain(answer)]
    fixed = [f"- {literal(line)}" for line in unlabelled if line]
    items = [*fixed, *answers] if unlabelled_first else [*answers, *fixed]
    return [*items, ""] if items else []


SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
"""Characters that change the meaning of Markdown anywhere in a line (emphasis, links, code, HTML, tables)."""
BLOCK_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")
"""What turns the start of a line into a heading, quote, list or rule."""


def literal(text: str) -> str:
    """`text` as Markdown that shows exactly these characters: "make [tea]" -> "make \\[tea\\]"."""
    text = SPECIAL.sub(r"\\\1", _plain(text))
    return BLOCK_START.sub(lambda m: m[0] + "\\" if m[0][0].isdigit() else "\\" + m[0], text)


def _plain(text: str) -> str:
    """No control characters (they would reach the terminal or printer as escapes), no runs of spaces."""
    return " ".join(without_controls(text).split())
