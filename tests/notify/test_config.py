"""The stdlib reader of [notifications]: never fails, each bad key alone falls back, and it agrees with the app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cooldown.core.settings import Notifications
from cooldown.notify.config import SIZE_LIMIT, NotifySettings, read_notifications
from cooldown.store.config import load_config

DEFAULTS = NotifySettings()


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "config.toml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_the_defaults_are_the_apps() -> None:
    defaults = Notifications()
    assert DEFAULTS == NotifySettings(**{name: getattr(defaults, name) for name in NotifySettings.__slots__})


def test_a_valid_full_table_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'theme = "nord"\n[notifications]\nbell = false\ndesktop = false\nterminal = false\n'
        'command = ["ntfy", "send", "--title", "cooldown"]\nrepeat_minutes = 60\nrepeat_times = 0\n',
    )
    assert read_notifications(path) == NotifySettings(
        bell=False,
        desktop=False,
        terminal=False,
        command=("ntfy", "send", "--title", "cooldown"),
        repeat_minutes=60,
        repeat_times=0,
    )


@pytest.mark.parametrize(
    "content",
    [
        None,  # missing
        b"\xff\xfe[notifications]\nbell = false\n",  # not UTF-8
        "[notifications\nbell = false\n",  # not TOML
        "[notifications]\nbell = false\nbell = true\n",  # a key twice
        "notifications = 3\n",  # not a table
        "[notifications]\nbell = false\n" + "# padding\n" * (SIZE_LIMIT // 10 + 10),  # too large
        "x = " + "[" * 5000 + "]" * 5000 + "\n[notifications]\nbell = false\n",  # nested too deeply
    ],
    ids=["missing", "not-utf8", "broken", "twice", "not-a-table", "huge", "deep"],
)
def test_an_unusable_file_gives_the_defaults(tmp_path: Path, content: str | bytes | None) -> None:
    path = tmp_path / "config.toml" if content is None else write(tmp_path, content)
    assert read_notifications(path) == DEFAULTS


def test_a_folder_or_an_unreadable_file_gives_the_defaults(tmp_path: Path) -> None:
    assert read_notifications(tmp_path) == DEFAULTS
    path = write(tmp_path, "[notifications]\nbell = false\n")
    path.chmod(0)
    try:
        if not os.access(path, os.R_OK):  # root reads anything
            assert read_notifications(path) == DEFAULTS
    finally:
        path.chmod(0o600)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_does_not_hang_the_reader(tmp_path: Path) -> None:
    pipe = tmp_path / "config.toml"
    os.mkfifo(pipe)
    assert read_notifications(pipe) == DEFAULTS


def test_a_utf8_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff[notifications]\nrepeat_times = 7\n".encode())
    assert read_notifications(path).repeat_times == 7


GOOD = (
    "[notifications]\nbell = false\ndesktop = false\nterminal = false\n"
    'command = ["say", "back"]\nrepeat_minutes = 10\nrepeat_times = 2\n'
)


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("bell", "1"),
        ("bell", '"no"'),
        ("desktop", '"false"'),
        ("terminal", "0"),
        ("repeat_minutes", "0"),
        ("repeat_minutes", "61"),
        ("repeat_minutes", "5.0"),
        ("repeat_minutes", "true"),
        ("repeat_minutes", '"10"'),
        ("repeat_times", "-1"),
        ("repeat_times", "11"),
        ("repeat_times", "2026-11-21"),
        ("command", '"say back"'),
        ("command", '["say", ""]'),
        ("command", '["say", 3]'),
        ("command", '["say", ["back"]]'),
        ("command", "[" + ", ".join(['"x"'] * 21) + "]"),
        ("command", '["' + "x" * 1001 + '"]'),
        ("command", "{ program = 'say' }"),
    ],
)
def test_each_bad_key_falls_back_alone(tmp_path: Path, key: str, bad: str) -> None:
    lines = [line if not line.startswith(f"{key} =") else f"{key} = {bad}" for line in GOOD.splitlines()]
    settings = read_notifications(write(tmp_path, "\n".join(lines) + "\n"))
    good = read_notifications(write(tmp_path, GOOD))
    for name in NotifySettings.__slots__:
        expected = getattr(DEFAULTS if name == key else good, name)
        assert getattr(settings, name) == expected, name


def test_the_longest_command_allowed_is_kept(tmp_path: Path) -> None:
    command = ["x" * 1000] * 20
    path = write(tmp_path, "[notifications]\ncommand = [" + ", ".join(f'"{item}"' for item in command) + "]\n")
    assert read_notifications(path).command == tuple(command)


def test_unknown_keys_are_left_to_the_app(tmp_path: Path) -> None:
    path = write(tmp_path, "[notifications]\nbel = false\nrepeat_times = 1\n")
    assert read_notifications(path) == NotifySettings(repeat_times=1)


TABLES = [
    "",
    "[notifications]\n",
    GOOD,
    "[notifications]\ndesktop = false\n",
    "[notifications]\ncommand = []\nrepeat_minutes = 1\nrepeat_times = 10\n",
    '[notifications]\ncommand = ["ntfy", "publish", "--priority=high", "my-topic"]\n',
    "[notifications]\nbell = true\nterminal = false\nrepeat_minutes = 30\n",
]


@pytest.mark.parametrize("text", TABLES)
def test_it_agrees_with_the_apps_settings_on_valid_tables(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    loaded = load_config(path)
    assert loaded.problems == ()
    app = loaded.settings.notifications
    assert isinstance(app, Notifications)
    ours = read_notifications(path)
    assert ours == NotifySettings(**{name: getattr(app, name) for name in NotifySettings.__slots__})


@pytest.mark.parametrize(
    "bad",
    ["bell = 1", 'desktop = "no"', "terminal = 0", "repeat_minutes = 0", "repeat_minutes = 5.0", "repeat_times = 11"],
)
def test_it_agrees_with_the_app_on_a_bad_value_too(tmp_path: Path, bad: str) -> None:
    other = "repeat_times = 1" if "repeat_times" not in bad else "bell = false"
    path = write(tmp_path, f"[notifications]\n{bad}\n{other}\n")
    app = load_config(path).settings.notifications
    assert read_notifications(path) == NotifySettings(**{name: getattr(app, name) for name in NotifySettings.__slots__})


def test_settings_compare_and_show_as_values() -> None:
    assert NotifySettings(command=["a"]) == NotifySettings(command=("a",))
    assert NotifySettings(bell=False) != DEFAULTS
    assert len({NotifySettings(), NotifySettings()}) == 1
    assert repr(NotifySettings()) == (
        "NotifySettings(bell=True, desktop=True, terminal=True, command=(), repeat_minutes=5, repeat_times=3)"
    )
