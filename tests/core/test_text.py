"""Control characters in stored text: shown as pictures, never passed to the terminal; refused in config.toml."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from cooldown.core.cues import Cue, Cues
from cooldown.core.episode import Episode
from cooldown.core.plan import Plan
from cooldown.core.settings import Activity, Settings
from cooldown.core.text import is_plain, plain_line, visible, visible_lines, without_controls
from cooldown.store.config import load_config
from tests.conftest import BERLIN

START = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
CONTROLS = {*map(chr, range(0x20)), "\x7f", *map(chr, range(0x80, 0xA0))}
TITLE = "\x1b]0;pwned\x07"
"""An OSC sequence that sets the terminal's title."""


def controls_in(text: str) -> set[str]:
    return CONTROLS & set(text)


def test_each_control_is_shown_as_its_picture() -> None:
    assert visible(f"a{TITLE}b") == "a␛]0;pwned␇b"
    assert visible("\x1b[2Jclear \x1b]52;c;aGk=\x07") == "␛[2Jclear ␛]52;c;aGk=␇"
    assert visible("\x00\x08\x7f") == "␀␈␡"
    assert visible("\x9b2J\x85") == "\ufffd2J\ufffd"  # C1 controls have no pictures


def test_one_line_text_reads_tabs_and_line_breaks_as_spaces() -> None:
    assert visible("go for\na walk\r\nnow\tthen\r!") == "go for a walk now then !"


def test_a_note_keeps_its_line_breaks() -> None:
    assert visible_lines("first\r\nsecond\rthird\n\x1b[31mred\tx") == "first\nsecond\nthird\n␛[31mred x"


def test_a_lone_surrogate_becomes_the_replacement_character() -> None:
    text = json.loads('"a\\udc00b"')
    assert visible(text) == "a\ufffdb"
    visible(text).encode("utf-8")  # printable and storable


def test_plain_text_comes_back_as_it_is() -> None:
    for text in ("", "go for a walk", "Tee trinken ☕", "“they don't care”", "non\u00a0breaking", "日本語"):
        assert visible(text) is text or visible(text) == text
        assert visible_lines(text) == text
        assert is_plain(text)


def test_config_text_with_a_control_is_refused() -> None:
    assert plain_line("fine") == "fine"
    for text in (TITLE, "a\tb", "line\nbreak", "\x9b"):
        assert not is_plain(text)
        with pytest.raises(ValueError, match="no control characters"):
            plain_line(text)


def test_a_printed_page_leaves_controls_out() -> None:
    assert without_controls(f"Sam{TITLE}\n") == "Sam]0;pwned "


@given(st.text())
def test_nothing_a_terminal_acts_on_survives(text: str) -> None:
    line, lines = visible(text), visible_lines(text)
    assert not controls_in(line)
    assert not controls_in(lines.replace("\n", ""))
    assert not any(0xD800 <= ord(char) < 0xE000 for char in line + lines)
    assert (visible(line), visible_lines(lines)) == (line, lines)  # safe to apply twice
    assert len(line) == len(text.replace("\r\n", "\n"))  # one character for one: columns stay where they were


# The models: what is kept with an episode is made visible, what config.toml says is refused


def test_an_episode_from_the_log_shows_its_controls_as_pictures() -> None:
    stored = {
        "started_at": START.isoformat(),
        "activity": f"walk{TITLE}",
        "topic": "money\x1b[2J",
        "note": "line one\r\nline\x9b two",
        "cues": [{"group": "body", "name": "hot\x1b]52;c;eA==\x07face"}],
    }
    episode = Episode.model_validate(stored)
    assert episode.activity == "walk␛]0;pwned␇"
    assert episode.topic == "money␛[2J"
    assert episode.note == "line one\nline\ufffd two"
    assert episode.cues == (Cue(group="body", name="hot␛]52;c;eA==␇face"),)


def test_typed_text_is_made_visible_at_each_step() -> None:
    episode = Episode.begin(START).choose_activity(f"go{TITLE}").reflect(None, "ok\x07").notice("\x1bmoney", ())
    assert (episode.activity, episode.note, episode.topic) == ("go␛]0;pwned␇", "ok␇", "␛money")
    assert Episode.logged(START, "fight", note="\x1b[2J").note == "␛[2J"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "build",
    [
        lambda: Activity(name=f"walk{TITLE}"),
        lambda: Settings(partner_name="Sam\x1b[31m"),
        lambda: Settings(theme="dark\x07"),
        lambda: Settings(statements={"recognize": "I am angry\x1b[2J"}),
        lambda: Settings(**{"return": {"lines": ["fine", "say it\x9b"]}}),
        lambda: Settings(guidance={"lines": ["breathe\x1b]0;x\x07"]}),
        lambda: Plan(signal="time\x07out"),
        lambda: Cues(body=("hot\nface",)),
    ],
)
def test_settings_with_a_control_are_refused(build: object) -> None:
    with pytest.raises(ValidationError, match="no control characters"):
        build()  # type: ignore[operator]


def test_config_check_names_the_key_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'partner_name = "Sam\\u001b]0;pwned\\u0007"\n'
        "[[activities]]\n"
        'name = "go for a walk"\n'
        "[[activities]]\n"
        'name = "run\\u001b[2J"\n'
        "[statements]\n"
        'care = "I care\\u0007"\n'
        "[return]\n"
        'lines = ["one", "two\\u009b"]\n'
        "[plan]\n"
        'signal = "Time out"\n'
        'my_place = "home\\u001b"\n',
        encoding="utf-8",
    )
    loaded = load_config(path)
    problems = {problem.key: problem.message for problem in loaded.problems}
    plain = "must be plain text on one line (no control characters)"
    assert problems == {
        "partner_name": plain,
        "activities[2].name": plain + "; this activity is left out",
        "statements.care": plain,
        "return.lines[2]": plain,
        "plan.my_place": plain,
    }
    settings = loaded.settings
    assert [activity.name for activity in settings.activities] == ["go for a walk"]
    assert settings.plan.signal == "Time out" and settings.partner_name == ""
    assert not controls_in(settings.model_dump_json())
