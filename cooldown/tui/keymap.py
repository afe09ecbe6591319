"""Every key of cooldown by its id, and the `[keymap]` table of config.toml that moves them.

Each `Binding` of the app, its screens, dialogs and widgets has a stable `id=`.
`key_bindings()` gathers them from the code itself (it imports every module of
the terminal UI), so the list of ids is never kept by hand. `check_keymap`
holds a `[keymap]` table up against them: an id no key has is named with the
closest one, and a key given to one binding where another already answers to
it is named with both; such a line is left out and the rest are used.
`apply_keymap` hands what is left to Textual's `App.set_keymap`.

Keys clash within one place: a screen or dialog with its own keys, the keys of
the app (which work on every screen, and only the priority ones, `ctrl+q` and
`ctrl+p`, inside a dialog), and Textual's own keys there (`tab`, `ctrl+c`). A
widget's keys are held up against the widget's own keys and the priority ones;
that a focused widget's key goes before its screen's is how Textual works, not
a clash.

The key names themselves are checked without Textual, in `cooldown.core.keys`,
when config.toml is read. `python -m cooldown.tui.keymap` prints the table of
ids for the README.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from cooldown.core.keys import KeyNameError, key_names, shown_key
from cooldown.store.config_problems import ConfigProblem

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding
    from textual.dom import DOMNode


@dataclass(frozen=True)
class KeyBinding:
    """One binding as written in a `BINDINGS` list: its id, its keys and what it does, and where."""

    id: str | None
    """The id a [keymap] line names; None for Textual's own keys, which can't be moved."""
    keys: tuple[str, ...]
    """Its keys, as Textual's key events name them ("enter", "question_mark")."""
    action: str
    description: str
    """The footer's word for it, e.g. "More time"."""
    tooltip: str
    """What it does, in a sentence."""
    place: type[DOMNode]
    """The app, screen, dialog or widget whose `BINDINGS` hold it."""
    priority: bool = False

    @property
    def what(self) -> str:
        """What it does, in words: the tooltip, else the description, else the action."""
        return self.tooltip or self.description or re.sub(r"\(.*\)$", "", self.action).replace("_", " ")

    @property
    def named(self) -> str:
        """How a message names it: its description and id ("More time" (more-time)), or Textual's own."""
        if self.id is None:
            words = self.description or self.action.replace("_", " ")
            return f'Textual\'s own "{words}"'
        return f'"{self.description or self.what}" ({self.id})'


@dataclass(frozen=True)
class Clash:
    """A key given by the keymap to one binding where another answers to it too."""

    key: str
    place: type[DOMNode]
    given: tuple[KeyBinding, ...]
    """The bindings the keymap gave this key to."""
    others: tuple[KeyBinding, ...]
    """The bindings that have it by default."""


# Gathering the keys from the code


def key_bindings() -> tuple[KeyBinding, ...]:
    """Every binding cooldown defines, in the order of the places and their `BINDINGS` lists."""
    return tuple(binding for place in places() for binding in _own(place))


@cache
def places() -> tuple[type[DOMNode], ...]:
    """The app, screens, dialogs and widgets of cooldown that have keys of their own (imports every TUI module)."""
    from textual.dom import DOMNode

    import cooldown.tui

    for module in pkgutil.walk_packages(cooldown.tui.__path__, "cooldown.tui."):
        importlib.import_module(module.name)
    found: list[type[DOMNode]] = []
    for name in sorted(sys.modules):
        if name == "cooldown.tui" or name.startswith("cooldown.tui."):
            for _, value in inspect.getmembers(sys.modules[name], inspect.isclass):
                if issubclass(value, DOMNode) and value.__module__ == name and "BINDINGS" in value.__dict__:
                    found.append(value)
    return tuple(sorted(found, key=_order))


def _order(place: type[DOMNode]) -> tuple[int, str, str]:
    return (("app", "screen", "dialog", "widget").index(kind(place)), place.__module__, place.__name__)


def kind(place: type[DOMNode]) -> str:
    """ "app", "screen", "dialog" (a modal screen) or "widget"."""
    from textual.app import App
    from textual.screen import ModalScreen, Screen

    if issubclass(place, App):
        return "app"
    if issubclass(place, ModalScreen):
        return "dialog"
    return "screen" if issubclass(place, Screen) else "widget"


def where(place: type[DOMNode]) -> str:
    """A place in words, from its class name: CoolDownScreen is "cool down screen"; the app's keys are everywhere."""
    if kind(place) == "app":
        return "every screen"
    return " ".join(word.lower() for word in re.findall(r"[A-Z][a-z0-9]*", place.__name__))


def _own(place: type[DOMNode]) -> list[KeyBinding]:
    """The bindings in `place`'s own `BINDINGS` list."""
    return [_entry(binding, place) for binding in _as_bindings(place.__dict__["BINDINGS"])]


def _as_bindings(entries: Iterable[object]) -> list[Binding]:
    from textual.binding import Binding

    return [entry if isinstance(entry, Binding) else Binding(*entry) for entry in entries]  # type: ignore[arg-type]


def _entry(binding: Binding, place: type[DOMNode]) -> KeyBinding:
    keys = tuple(dict.fromkeys(_known(key.strip()) for key in binding.key.split(",")))
    return KeyBinding(
        binding.id, keys, binding.action, binding.description, binding.tooltip, place, priority=binding.priority
    )


def _known(key: str) -> str:
    """A default key as Textual's events name it (the code's keys are good; this only puts them in one form)."""
    try:
        return key_names(key)[0]
    except KeyNameError:
        return key


@cache
def reachable(place: type[DOMNode]) -> tuple[KeyBinding, ...]:
    """Every binding that answers to a key in `place`: its own and inherited ones, and the app's that reach it."""
    from textual.app import App

    bindings = _merged(place)
    if kind(place) == "app":
        return (*bindings, _palette(place)) if getattr(place, "ENABLE_COMMAND_PALETTE", False) else bindings
    above = reachable(next((p for p in places() if kind(p) == "app"), App))
    if kind(place) != "screen":
        above = tuple(binding for binding in above if binding.priority)
    return bindings + above


def _merged(place: type[DOMNode]) -> tuple[KeyBinding, ...]:
    """`place`'s bindings with those of the classes it is built on (Textual's own among them), as Textual merges them."""
    found: dict[object, KeyBinding] = {}
    for key, bindings in place._merge_bindings().key_to_bindings.items():
        for binding in bindings:
            group = binding.id if binding.id is not None else (binding.action, key)
            entry = found.get(group)
            if entry is None:
                found[group] = _entry(binding, place)
            elif _known(key) not in entry.keys:
                found[group] = replace(entry, keys=(*entry.keys, _known(key)))
    return tuple(found.values())


def _palette(app: type[DOMNode]) -> KeyBinding:
    key = getattr(app, "COMMAND_PALETTE_BINDING", "ctrl+p")
    return KeyBinding(None, (key,), "command_palette", "palette", "Open the command palette", app, priority=True)


# Checking a [keymap] table


def check_keymap(path: Path, keymap: Mapping[str, str]) -> tuple[dict[str, str], list[ConfigProblem]]:
    """The lines of `keymap` that can be used (keys as Textual names them), and a problem for each that can't.

    A line is left out, and its binding keeps its own keys, when its id is no
    binding's, when its keys are not key names, or when it gives a key to one
    binding where another answers to it; of two lines giving the same key in one
    place, the first is kept.
    """
    known = {binding.id for binding in key_bindings() if binding.id is not None}
    usable: dict[str, tuple[str, ...]] = {}
    problems: dict[str, ConfigProblem] = {}
    for binding_id, keys in keymap.items():
        where_key = f"keymap.{binding_id}"
        if binding_id not in known:
            problems[binding_id] = ConfigProblem(path, where_key, _unknown(binding_id, known))
            continue
        try:
            usable[binding_id] = key_names(keys)
        except KeyNameError as error:
            problems[binding_id] = ConfigProblem(path, where_key, str(error))
    while (clash := next(iter(clashes(usable)), None)) is not None:
        order = list(usable)
        left_out = max((binding.id for binding in clash.given if binding.id), key=order.index)
        problems[left_out] = ConfigProblem(path, f"keymap.{left_out}", _clash_words(clash, left_out))
        del usable[left_out]
    ordered = [problems[binding_id] for binding_id in keymap if binding_id in problems]
    return {binding_id: ",".join(keys) for binding_id, keys in usable.items()}, ordered


def clashes(keymap: Mapping[str, tuple[str, ...]]) -> list[Clash]:
    """Every key the keymap gives to a binding where another binding answers to it too."""
    found: list[Clash] = []
    for place in places():
        holders: dict[str, list[tuple[KeyBinding, bool]]] = {}
        for binding in reachable(place):
            keys = keymap.get(binding.id, binding.keys) if binding.id is not None else binding.keys
            for key in keys:
                if not any(_same(binding, other) for other, _ in holders.get(key, [])):
                    holders.setdefault(key, []).append((binding, key not in binding.keys))
        for key, held in holders.items():
            given = tuple(binding for binding, brought in held if brought)
            if given and len(held) > 1:
                others = tuple(binding for binding, brought in held if not brought)
                found.append(Clash(key, place, given, others))
    return found


def _same(binding: KeyBinding, other: KeyBinding) -> bool:
    """One binding seen twice (the same id, or the very same one): moving it moves both."""
    return binding.id == other.id if binding.id is not None else binding == other


def _unknown(binding_id: str, known: set[str]) -> str:
    close = difflib.get_close_matches(binding_id, sorted(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f'is not the id of any key (the README lists them, under "Keys"){hint}'


def _clash_words(clash: Clash, left_out: str) -> str:
    moved = next(binding for binding in clash.given if binding.id == left_out)
    other = next(
        (binding for binding in (*clash.others, *clash.given) if binding.id != left_out),
        None,
    )
    there = f"on the {where(clash.place)}" if kind(clash.place) != "app" else "on every screen"
    taken = f"is already {other.named}" if other is not None else "is taken"
    if other is not None and other in clash.given:
        taken = f"is given to {other.id} too"
    keeps = ", ".join(shown_key(key) for key in moved.keys)
    return f'"{shown_key(clash.key)}" {taken} {there}; this line is left out, so {left_out} keeps {keeps}'


def keymap_problems(path: Path, keymap: Mapping[str, str]) -> list[ConfigProblem]:
    """What can't be used of `keymap`, as `cooldown config check` says it; an empty keymap imports nothing."""
    return check_keymap(path, keymap)[1] if keymap else []


# Using it


def apply_keymap(app: App[object], keymap: Mapping[str, str], path: Path) -> list[ConfigProblem]:
    """Move the app's keys as `keymap` says (what can be used of it); the problems with the rest.

    An empty keymap imports nothing, so start-up stays as quick as without one.
    """
    if not keymap:
        return []
    usable, problems = check_keymap(path, keymap)
    app.set_keymap(usable)
    return problems


# The table for the README


def keys_table() -> str:
    """Every id with its default keys, what it does and where, as a Markdown table.

    A run of numbered ids with one number key each (`pick-1` to `pick-9`) is one row.
    """
    rows: dict[tuple[str, tuple[str, ...], str], list[str]] = {}
    for binding in key_bindings():
        if binding.id is not None:
            at = rows.setdefault((binding.id, binding.keys, binding.what), [])
            if where(binding.place) not in at:
                at.append(where(binding.place))
    lines = ["| id | default keys | what it does | where |", "|---|---|---|---|"]
    run: list[tuple[str, tuple[str, ...], str, str]] = []
    for (binding_id, keys, what), at in [*rows.items(), (("", (), ""), [])]:
        row = (binding_id, keys, what, ", ".join(at))
        if run and not _continues(run[-1], row):
            lines.append(_table_row(run))
            run = []
        run.append(row)
    return "\n".join(lines)


def _continues(last: tuple[str, tuple[str, ...], str, str], row: tuple[str, tuple[str, ...], str, str]) -> bool:
    """`row` is the next of a numbered run: `now-4` after `now-3`, on the next number key, doing the same thing."""
    number = re.fullmatch(r"(.*-)(\d+)", last[0])
    return (
        number is not None
        and row[0] == f"{number[1]}{int(number[2]) + 1}"
        and last[1] == (number[2],)
        and row[1] == (str(int(number[2]) + 1),)
        and row[2:] == last[2:]
    )


def _table_row(run: list[tuple[str, tuple[str, ...], str, str]]) -> str:
    def keys(row: tuple[str, tuple[str, ...], str, str]) -> str:
        return ", ".join(f"`{shown_key(key)}`".replace("|", "\\|") for key in row[1])

    first, last = run[0], run[-1]
    ids = f"`{first[0]}`" if len(run) == 1 else f"`{first[0]}` to `{last[0]}`"
    shown = keys(first) if len(run) == 1 else f"{keys(first)} to {keys(last)}"
    return f"| {ids} | {shown} | {first[2]} | {first[3]} |"


if __name__ == "__main__":
    print(keys_table())
