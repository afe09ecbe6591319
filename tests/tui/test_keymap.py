"""[keymap] in config.toml: every key has an id, ids are checked, and a moved key works and shows."""

from __future__ import annotations

import re
import string
from collections import defaultdict
from pathlib import Path

from textual.keys import Keys, _character_to_key
from textual.widgets import Static

from cooldown.core.keys import NAMED_KEYS, character_key, key_names
from cooldown.core.settings import Settings
from cooldown.store.config import load_config, save_config
from cooldown.tui.keymap import apply_keymap, check_keymap, clashes, key_bindings, keys_table, places, where
from cooldown.tui.screens.coming_back import ComingBackScreen
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.screens.statement import StatementScreen
from tests.tui.conftest import SIZE, AppFactory, flat, footer_keys, visible_text

# The keys in the code


def test_the_keys_are_gathered_from_every_kind_of_place() -> None:
    names = {place.__name__ for place in places()}
    assert {"CooldownApp", "StatementScreen", "CoolDownScreen", "MoreTimeDialog", "ActivityEditor"} <= names
    ids = {binding.id for binding in key_bindings()}
    assert {"quit", "next", "back-now", "more-15", "activity-add", "theme-choose"} <= ids


def test_every_binding_has_an_id() -> None:
    """A key without an id can't be moved by the keymap."""
    missing = [f"{where(b.place)}: {', '.join(b.keys)} ({b.action})" for b in key_bindings() if b.id is None]
    assert missing == []


def test_an_id_means_one_thing_wherever_it_is() -> None:
    """One line of the keymap moves one thing: an id names one binding in a place, and one action everywhere."""
    actions: dict[str, set[str]] = defaultdict(set)
    for place in places():
        own = [binding.id for binding in key_bindings() if binding.place is place and binding.id is not None]
        assert len(own) == len(set(own)), f"{place.__name__} uses an id twice"
    for binding in key_bindings():
        if binding.id is not None:
            actions[binding.id].add(binding.action)
    assert {binding_id: found for binding_id, found in actions.items() if len(found) > 1} == {}


def test_the_defaults_clash_nowhere() -> None:
    """Only what a keymap changes is ever named as a clash."""
    assert clashes({}) == []


def test_the_table_lists_every_id() -> None:
    table = keys_table()
    assert table.startswith("| id | default keys | what it does | where |\n|---|---|---|---|\n")
    assert "| `back-now` | `b` | End the cool-down and say how it went | cool down screen |" in table
    assert "| `pick-1` to `pick-9` | `1` to `9` | Pick the activity with this number | activity screen |" in table
    assert "| `keys` | `?` |" in table
    for binding in key_bindings():
        if binding.id is not None:
            assert f"`{binding.id}`" in table or f"`{binding.id.rsplit('-', 1)[0]}-" in table


def test_key_names_are_the_ones_textual_gives_its_key_events() -> None:
    for character in string.printable.strip():
        assert character_key(character) == _character_to_key(character)
    assert NAMED_KEYS <= {key.value for key in Keys}


# Reading a [keymap]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_keymap_with_mistakes_names_each_and_keeps_the_good_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.toml",
        '[keymap]\nnext = "enter,space,n"\nnxt = "x"\nhistory = "entr"\nback-now = "m"\npulse = "K"\n'
        'settings = "shift+s"\nbreathing = 5\n',
    )
    loaded = load_config(path)
    usable, problems = check_keymap(path, loaded.settings.keymap)
    said = [str(problem) for problem in (*loaded.problems, *problems)]
    assert said == [
        f'{path}: keymap.history: "entr" is not a key name; did you mean "enter"?',
        f'{path}: keymap.settings: "shift+s" never arrives: Shift with a character types another one; write "S"',
        f'{path}: keymap.breathing: must be its keys as text, like breathing = "n" or "enter,space" (got 5)',
        f"{path}: keymap.nxt: is not the id of any key (the README lists them, under \"Keys\"); did you mean 'next'?",
        f'{path}: keymap.back-now: "m" is already "More time" (more-time) on the cool down screen; '
        "this line is left out, so back-now keeps b",
    ]
    assert usable == {"next": "enter,space,n", "pulse": "K"}


def test_two_lines_giving_one_key_keep_the_first(tmp_path: Path) -> None:
    usable, problems = check_keymap(tmp_path / "config.toml", {"more-time": "x", "back-now": "x"})
    assert usable == {"more-time": "x"}
    assert [problem.message for problem in problems] == [
        '"x" is given to more-time too on the cool down screen; this line is left out, so back-now keeps b'
    ]


def test_keys_may_change_places(tmp_path: Path) -> None:
    """Swapping two keys is no clash: each one's old key is free."""
    assert check_keymap(tmp_path / "config.toml", {"back-now": "m", "more-time": "b"}) == (
        {"back-now": "m", "more-time": "b"},
        [],
    )


def test_the_apps_keys_are_held_up_against_every_screen_and_textuals_own(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    usable, problems = check_keymap(path, {"history": "b", "quit": "ctrl+p", "confirm-yes": "h"})
    assert usable == {"confirm-yes": "h"}  # the app's h does not reach into a dialog
    assert [problem.message for problem in problems] == [
        '"b" is already "I\'m back" (back-now) on the cool down screen; this line is left out, so history keeps h',
        '"ctrl+p" is already Textual\'s own "palette" on every screen; this line is left out, so quit keeps ctrl+q',
    ]


def test_a_keymap_survives_a_save(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(Settings(keymap={"next": "enter,n", "nxt": "x"}), path)
    assert "[keymap]" in path.read_text(encoding="utf-8")
    assert load_config(path).settings.keymap == {"next": "enter,n", "nxt": "x"}  # an unknown id is kept, unused


# The keys in the app


async def test_a_moved_key_works_and_the_footer_shows_it(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(Settings(keymap={"next": "n,space", "back-now": "B"}))
    async with app.run_test(size=SIZE) as pilot:
        assert apply_keymap(app, app.preferences.settings.keymap, tmp_path / "config.toml") == []
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        assert "n Said it, go on" in footer_keys(app)
        await pilot.press("enter")  # its own key no longer moves on
        await pilot.pause()
        assert "I recognize that I am getting angry." in flat(visible_text(app))
        await pilot.press("n")
        await pilot.pause()
        assert "I care about the relationship." in flat(visible_text(app))
        await pilot.press("space", "1", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        assert "B I'm back" in footer_keys(app)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, ComingBackScreen)


async def test_a_clashing_line_is_left_out_and_its_key_stays(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(Settings(keymap={"back-now": "m", "next-tip": "t"}))
    async with app.run_test(size=SIZE) as pilot:
        problems = apply_keymap(app, app.preferences.settings.keymap, tmp_path / "config.toml")
        assert [problem.key for problem in problems] == ["keymap.back-now"]
        await pilot.press("enter", "enter", "1", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        keys = footer_keys(app)
        assert "b I'm back" in keys and "m More time" in keys and "t Next tip" in keys
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ComingBackScreen)


def test_keys_as_written_and_as_applied_are_one() -> None:
    assert key_names("?, ctrl+alt+x") == ("question_mark", "alt+ctrl+x")


async def test_what_cant_be_used_is_said_where_the_other_settings_problems_are(
    make_app: AppFactory, cooldown_home: Path
) -> None:
    """Needs CooldownApp to call apply_keymap as it starts (see cooldown/tui/keymap.py)."""
    cooldown_home.mkdir(parents=True, exist_ok=True)
    path = write(cooldown_home / "config.toml", '[keymap]\nback-now = "B"\nnxt = "n"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        banner = flat(str(app.screen.query_one("#settings-problem", Static).render()))
        assert f"Some settings in {path} can't be used" in banner
        await pilot.press("S")
        await pilot.pause()
        summary = flat(str(app.screen.query_one("#settings-file", Static).render()))
        assert f"{path}: keymap.nxt: is not the id of any key" in summary
        assert "did you mean 'next'?" in summary
        assert "back-now" not in summary


def test_the_readme_lists_the_keys_as_the_code_has_them(tmp_path: Path) -> None:
    """`python -m cooldown.tui.keymap` prints the table; the README holds it, and its example is usable."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert keys_table() in readme
    examples = [block for block in re.findall(r"```toml\n(.*?)```", readme, flags=re.S) if "[keymap]" in block]
    keymaps = []
    for number, example in enumerate(examples):
        path = write(tmp_path / f"config-{number}.toml", example)
        loaded = load_config(path)
        assert loaded.problems == ()
        assert check_keymap(path, loaded.settings.keymap)[1] == []
        keymaps.append(loaded.settings.keymap)
    assert any(keymaps)
