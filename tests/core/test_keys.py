"""Key names as [keymap] writes them: what is a key, what is not, and what to write instead."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from cooldown.core.keys import KeyNameError, key_names, shown_key
from cooldown.core.settings import Settings
from cooldown.core.text import is_plain


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("enter,space,n", ("enter", "space", "n")),
        (" enter , n ", ("enter", "n")),
        ("B", ("B",)),
        ("?", ("question_mark",)),
        ("question_mark", ("question_mark",)),
        ("[", ("left_square_bracket",)),
        ("+", ("plus",)),
        ("ctrl+x", ("ctrl+x",)),
        ("ctrl+alt+x", ("alt+ctrl+x",)),
        ("shift+tab", ("shift+tab",)),
        ("ctrl+?", ("ctrl+question_mark",)),
        ("f1,f24", ("f1", "f24")),
        ("n,n", ("n",)),
        ("é", ("é",)),
    ],
)
def test_keys_are_named_as_textual_names_them(written: str, names: tuple[str, ...]) -> None:
    assert key_names(written) == names


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("", 'needs at least one key, like "n" or "enter,space"'),
        ("  ", 'needs at least one key, like "n" or "enter,space"'),
        ("n,,m", 'has an empty key between commas (the comma key is written "comma")'),
        ("entr", '"entr" is not a key name; did you mean "enter"?'),
        ("Enter", '"Enter" is not a key name; did you mean "enter"?'),
        ("esc", '"esc" is not a key name; did you mean "escape"?'),
        ("return", '"return" is not a key name; did you mean "enter"?'),
        ("ctrl+Entr", '"ctrl+Entr" is not a key name; did you mean "ctrl+enter"?'),
        ("ctrl + x", '"ctrl + x" is not a key name; did you mean "ctrl+x"?'),
        ("ctlr+x", '"ctlr" in "ctlr+x" is not a modifier; did you mean "ctrl"?'),
        ("ctrl+", '"ctrl+" has no key after its last "+" (the plus key is written "plus")'),
        ("ctrl+ctrl+x", '"ctrl+ctrl+x" names a modifier twice'),
        ("shift+b", '"shift+b" never arrives: Shift with a character types another one; write "B"'),
        ("ctrl+B", '"ctrl+B": with ctrl, write the letter in lower case ("ctrl+b")'),
        (
            "xyzzy",
            '"xyzzy" is not a key name; write a character such as "n" or "?", '
            'or a name such as "enter", "escape", "space", "up" or "f1"',
        ),
        (
            "\x1b",
            '"␛" is not a key name; write a character such as "n" or "?", '
            'or a name such as "enter", "escape", "space", "up" or "f1"',
        ),
    ],
)
def test_what_is_not_a_key_is_named_with_what_to_write(written: str, words: str) -> None:
    with pytest.raises(KeyNameError) as raised:
        key_names(written)
    assert str(raised.value) == words


@given(st.text(max_size=20))
def test_any_text_is_keys_or_a_plain_message(text: str) -> None:
    try:
        names = key_names(text)
    except KeyNameError as error:
        assert str(error) and is_plain(str(error))
    else:
        assert key_names(",".join(names)) == names  # written back, the same keys


def test_shown_keys_are_the_characters_people_type() -> None:
    assert [shown_key(name) for name in ("question_mark", "left_square_bracket", "enter", "ctrl+x")] == [
        "?",
        "[",
        "enter",
        "ctrl+x",
    ]


def test_the_settings_keep_keys_as_written_and_refuse_what_is_no_key() -> None:
    settings = Settings.model_validate({"keymap": {"next": "enter, ?", "back-now": "B"}}, strict=True)
    assert settings.keymap == {"next": "enter, ?", "back-now": "B"}  # saved back exactly as written
    assert Settings().keymap == {}
    with pytest.raises(ValidationError) as raised:
        Settings.model_validate({"keymap": {"next": "entr"}}, strict=True)
    [error] = raised.value.errors(include_url=False)
    assert error["loc"] == ("keymap", "next")
    assert 'did you mean "enter"?' in error["msg"]
