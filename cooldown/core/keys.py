"""Key names as config.toml's `[keymap]` writes them, checked without Textual.

A binding's keys are written as Textual writes them: key names separated by
commas, `next = "enter,space,n"`. A key name is one character (`n`, `B`, `?`),
a named key (`enter`, `escape`, `space`, `tab`, `up`, `pageup`, `f1` to `f24`,
or a character's name such as `question_mark`), either of them after modifiers
joined with `+` (`ctrl+x`, `alt+shift+up`).

`key_names` gives each key as Textual's key events name it, so a key written
`?` and a binding made for `question_mark` are seen to be the same key, and
modifiers are put in the order the events list them (alphabetical), so
`ctrl+alt+x` is `alt+ctrl+x`. A name no key event can have is refused with
what to write instead: `entr` (did you mean `enter`?), `shift+b` (Shift with a
letter types the capital, so it is written `B`), `ctrl+B` (`ctrl+b`).
"""

from __future__ import annotations

import difflib
import string
import unicodedata
from itertools import product
from typing import Annotated

from pydantic import AfterValidator

from cooldown.core.text import visible

MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
"""The modifiers a key event can carry, in the order it lists them."""

NAMED_KEYS = frozenset(
    {"escape", "enter", "tab", "space", "backspace", "insert", "delete", "home", "end", "pageup", "pagedown"}
    | {"up", "down", "left", "right"}
    | {f"f{number}" for number in range(1, 25)}
)
"""The keys that are not characters, by the names Textual gives them."""

_REPLACED = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
"""Textual's shorter names for some characters (`textual.keys.KEY_NAME_REPLACEMENTS`)."""


def character_key(character: str) -> str:
    """The key name of one character, as Textual's key events give it: `?` is `question_mark`, `n` is `n`."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        name = "tab" if character == "\t" else character
    return _REPLACED.get(name, name)


CHARACTER_NAMES = {character_key(character): character for character in string.punctuation}
"""The name of each punctuation key and its character: `question_mark` is `?`."""

_ALIASES = {
    "esc": "escape",
    "return": "enter",
    "del": "delete",
    "ins": "insert",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "page_up": "pageup",
    "page_down": "pagedown",
    "spacebar": "space",
    "control": "ctrl",
    "option": "alt",
    "cmd": "super",
    "command": "super",
    "win": "super",
}
"""Names people write for keys and modifiers, with Textual's name for them."""

_HOW = 'a character such as "n" or "?", or a name such as "enter", "escape", "space", "up" or "f1"'


class KeyNameError(ValueError):
    """Keys written in a way no key press can match; the message says what to write instead."""


def key_names(keys: str) -> tuple[str, ...]:
    """`keys` ("enter, space,n") as the key names Textual's events use, each once; raises KeyNameError."""
    if not keys.strip():
        raise KeyNameError('needs at least one key, like "n" or "enter,space"')
    names: list[str] = []
    for written in keys.split(","):
        name = key_name(written.strip())
        if name not in names:
            names.append(name)
    return tuple(names)


def key_name(key: str) -> str:
    """One key ("ctrl+x", "?", "B") as Textual's key events name it; raises KeyNameError."""
    if not key:
        raise KeyNameError('has an empty key between commas (the comma key is written "comma")')
    if len(key) == 1:
        return _character(key)
    if " " in key and _is_key(key.replace(" ", "")):
        raise KeyNameError(f"{_shown(key)} is not a key name; did you mean {_shown(key.replace(' ', ''))}?")
    *modifiers, base = key.split("+")
    if not base:
        raise KeyNameError(f'{_shown(key)} has no key after its last "+" (the plus key is written "plus")')
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            raise KeyNameError(
                f"{_shown(modifier)} in {_shown(key)} is not a modifier{_did_you_mean(modifier, MODIFIERS)}"
            )
    if len(set(modifiers)) < len(modifiers):
        raise KeyNameError(f"{_shown(key)} names a modifier twice")
    base = _character(base, key) if len(base) == 1 else _named(base, key)
    if modifiers and len(base) == 1 and base.isupper():
        lower = _joined(modifiers, base.lower())
        raise KeyNameError(f"{_shown(key)}: with {modifiers[0]}, write the letter in lower case ({_shown(lower)})")
    if modifiers == ["shift"] and (len(base) == 1 or base in CHARACTER_NAMES):
        instead = _shown(base.upper()) if base.isalpha() else "the character it types instead"
        raise KeyNameError(f"{_shown(key)} never arrives: Shift with a character types another one; write {instead}")
    return _joined(modifiers, base)


def _is_key(key: str) -> bool:
    try:
        key_name(key)
    except KeyNameError:
        return False
    return True


def _character(character: str, key: str | None = None) -> str:
    if not character.isprintable() or character.isspace():
        raise KeyNameError(f"{_shown(key or character)} is not a key name; write {_HOW}")
    return character_key(character)


def _named(name: str, key: str) -> str:
    if name in NAMED_KEYS or name in CHARACTER_NAMES or _is_character_name(name):
        return name
    raise KeyNameError(f"{_shown(key)} is not a key name{_did_you_mean(name, (*NAMED_KEYS, *CHARACTER_NAMES), key)}")


def _is_character_name(name: str) -> bool:
    """True for the key name of a character beyond ASCII, as `character_key` gives it ("pound_sign" for £).

    The name's underscores were spaces or hyphens in the character's Unicode name; each way is tried.
    """
    parts = name.split("_")
    if len(parts) > 13 or not all(parts):
        return False
    for joints in product(" -", repeat=len(parts) - 1):
        written = parts[0] + "".join(joint + part for joint, part in zip(joints, parts[1:], strict=True))
        try:
            character = unicodedata.lookup(written)
        except KeyError:
            continue
        return len(character) == 1 and character_key(character) == name
    return False


def _did_you_mean(name: str, names: tuple[str, ...] | list[str], key: str | None = None) -> str:
    """'; did you mean "enter"?' for a close name (the whole key, modifiers kept), or how keys are written."""
    lowered = name.lower().replace(" ", "")
    close = lowered if lowered in names else _ALIASES.get(lowered)
    if close is None or close not in names:
        matches = difflib.get_close_matches(lowered, names, n=1)
        close = matches[0] if matches else None
    if close is None:
        return f"; write {_HOW}" if key is not None else f" ({', '.join(MODIFIERS)})"
    if key is not None:
        close = key[: len(key) - len(name)] + close
    return f"; did you mean {_shown(close)}?"


def _joined(modifiers: list[str], base: str) -> str:
    return "+".join([*sorted(modifiers), base])


def _shown(text: str) -> str:
    """`text` in double quotes, any control character in it shown as its picture (never sent to the terminal)."""
    return f'"{visible(text)}"'


def checked_keys(keys: str) -> str:
    """`keys` as written, once they are known to be key names (for the settings model)."""
    key_names(keys)
    return keys


KeyList = Annotated[str, AfterValidator(checked_keys)]
"""Keys as config.toml's [keymap] writes them: key names separated by commas, "enter,space,n"."""


def shown_key(name: str) -> str:
    """A key name as a person reads it: `question_mark` as `?`, `ctrl+x` as it is."""
    return CHARACTER_NAMES.get(name, name)
