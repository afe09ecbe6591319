"""config.toml on disk: every key optional, every problem named, nothing lost or half-written."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from cooldown.core.breathing import Breathing
from cooldown.core.checkins import Pulse
from cooldown.core.coming_back import ReturnCard
from cooldown.core.guidance import Guidance
from cooldown.core.script import Wording
from cooldown.core.settings import DEFAULT_ACTIVITIES, Activity, CooldownLimits, Notifications, Settings
from cooldown.paths import config_file
from cooldown.store.config import ConfigProblem, LoadedConfig, config_text, load_config, save_config

DATA = Path(__file__).parent.parent / "data"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes and symlinks")


TOML_NAMES = {field.alias or name for name, field in Settings.model_fields.items()}
"""The top-level keys and tables of config.toml ([return] is the coming-back card)."""


def custom() -> Settings:
    return Settings(
        theme="cooldown-dusk",
        partner_name="Alex",
        cooldown=CooldownLimits(default_minutes=25, minimum_minutes=0, maximum_hours=12),
        statements=Wording(care='I care about us, {partner}. "Really."', come_back="Zurück um {time}. ☕"),
        notifications=Notifications(bell=False),
        activities=(
            Activity(name="go for a run", minutes=40),
            Activity(name="make tea", minutes=20, default=True),
        ),
    )


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def problems(loaded: LoadedConfig) -> list[tuple[str | None, str]]:
    return [(problem.key, problem.message) for problem in loaded.problems]


# Reading good files


def test_a_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    loaded = load_config(tmp_path / "config.toml")
    assert loaded == LoadedConfig(Settings(), (), exists=False)


def test_the_full_sample_sets_every_key() -> None:
    loaded = load_config(DATA / "config-full.toml")
    assert loaded.problems == ()
    assert loaded.exists
    settings = loaded.settings
    assert settings.theme == "cooldown-dusk"
    assert settings.partner_name == "Alex"
    assert settings.cooldown == CooldownLimits(default_minutes=25, minimum_minutes=15, maximum_hours=12)
    assert settings.statements.recognize == "{partner}, I recognize that I am getting angry."
    assert settings.statements.come_back == "I'll be back at {time}, {partner}, and we can talk then."
    assert settings.bell is False
    assert settings.breathing == Breathing(hold_seconds=2, exhale_seconds=7, reduced_motion=True)
    assert settings.guidance.lines == ("Drink a glass of water.", "Sit down and put both feet on the floor.")
    assert settings.pulse.flooded_above == 70
    assert settings.activities == (
        Activity(name="go for a run", minutes=40),
        Activity(name="make tea and sit on the balcony", minutes=20, default=True),
        Activity(name="read in the bedroom", minutes=30),
    )
    assert settings.default_activity == 1


def test_the_full_sample_names_every_setting() -> None:
    data = tomllib.loads((DATA / "config-full.toml").read_text(encoding="utf-8"))
    assert set(data) == TOML_NAMES
    assert set(data["return"]) == set(ReturnCard.model_fields)
    assert set(data["cooldown"]) == set(CooldownLimits.model_fields)
    assert set(data["statements"]) == set(Wording.model_fields)
    assert set(data["notifications"]) == set(Notifications.model_fields)
    assert set(data["breathing"]) == set(Breathing.model_fields)
    assert set(data["guidance"]) == set(Guidance.model_fields)
    assert set(data["pulse"]) == set(Pulse.model_fields)
    assert set().union(*data["activities"]) == set(Activity.model_fields)


def test_a_theme_alone_is_a_whole_config() -> None:
    loaded = load_config(DATA / "config-theme-only.toml")
    assert loaded == LoadedConfig(Settings(theme="cooldown-dusk"), (), exists=True)


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n", "\ufeff"])
def test_an_empty_file_is_a_whole_config(tmp_path: Path, text: str) -> None:
    assert load_config(write(tmp_path, text)) == LoadedConfig(Settings(), (), exists=True)


@pytest.mark.parametrize("table", ["cooldown", "statements", "notifications", "breathing", "guidance", "pulse"])
def test_an_empty_table_keeps_its_defaults(tmp_path: Path, table: str) -> None:
    assert load_config(write(tmp_path, f"[{table}]\n")) == LoadedConfig(Settings(), (), exists=True)


def test_an_activity_needs_only_a_name(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path, '[[activities]]\nname = "walk the dog"\n'))
    assert loaded.problems == ()
    assert loaded.settings.activities == (Activity(name="walk the dog", minutes=30, default=False),)


# Writing


def test_saved_settings_load_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert save_config(custom(), path) is None
    assert load_config(path) == LoadedConfig(custom(), (), exists=True)


def test_the_defaults_load_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(Settings(), path)
    assert load_config(path) == LoadedConfig(Settings(), (), exists=True)


def test_the_full_sample_survives_a_round_trip(tmp_path: Path) -> None:
    settings = load_config(DATA / "config-full.toml").settings
    path = tmp_path / "config.toml"
    save_config(settings, path)
    assert load_config(path).settings == settings


def test_the_text_reads_as_documented() -> None:
    text = config_text(custom())
    assert text.startswith("# cooldown's settings.\n# Every key is optional")
    assert "README" in text.splitlines()[2]
    assert text.endswith('\n[[activities]]\nname = "make tea"\nminutes = 20\ndefault = true\n')
    body = text[text.index('theme = "cooldown-dusk"') :]
    assert body.index("partner_name") < body.index("[cooldown]") < body.index("[statements]")
    assert body.index("[statements]") < body.index("[notifications]") < body.index("[[activities]]")
    assert text.count("[[activities]]\n") == 2
    assert "default = false" not in text
    assert text.count("default = true") == 1
    assert "activities = [" not in text


def test_the_text_writes_every_key_but_an_unset_theme() -> None:
    text = config_text(Settings())
    data = tomllib.loads(text)
    assert "theme" not in data
    assert set(data) == TOML_NAMES - {"theme", "clock"}  # left out while unset: the locale decides
    assert set(data["cooldown"]) == set(CooldownLimits.model_fields)
    assert set(data["statements"]) == set(Wording.model_fields)
    assert set(data["notifications"]) == set(Notifications.model_fields)
    assert data["activities"] == [{"name": a.name, "minutes": a.minutes} for a in DEFAULT_ACTIVITIES]


@posix_only
def test_the_file_is_private(cooldown_home: Path) -> None:
    path = config_file()
    save_config(custom(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(cooldown_home.stat().st_mode) == 0o700


@posix_only
def test_saving_makes_an_open_file_private(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "old"\n')
    path.chmod(0o644)
    save_config(custom(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@posix_only
def test_a_symlinked_config_is_written_through(tmp_path: Path) -> None:
    real = write(tmp_path, 'theme = "old"\n')
    link = tmp_path / "home" / "config.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    save_config(custom(), link)
    assert link.is_symlink()
    assert load_config(real).settings == custom()


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    old = b'# mine\npartner_name = "Sam"\n'
    path = write(tmp_path, old)

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="No space left"):
        save_config(custom(), path)
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_a_failed_first_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        save_config(custom(), tmp_path / "config.toml")
    assert list(tmp_path.iterdir()) == []


# Keeping a broken file


def broken_file(tmp_path: Path) -> tuple[Path, bytes, str]:
    """A broken config with a known modification time, and the copy's expected name."""
    content = b'partner_name = "Sam"\n[cooldown]\nminimum_minute = 5\n'
    path = write(tmp_path, content)
    mtime = datetime(2026, 11, 21, 18, 4, 5).timestamp()
    os.utime(path, (mtime, mtime))
    return path, content, "config.toml.broken-20261121-180405"


def test_a_broken_file_is_kept_beside_the_new_one(tmp_path: Path) -> None:
    path, content, name = broken_file(tmp_path)
    loaded = load_config(path)
    assert loaded.problems

    kept = save_config(loaded.settings, path, keep_broken=bool(loaded.problems))

    assert kept == tmp_path / name
    assert kept.read_bytes() == content
    assert load_config(path) == LoadedConfig(Settings(partner_name="Sam"), (), exists=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml", name]


@posix_only
def test_the_kept_copy_is_private(tmp_path: Path) -> None:
    path, _, _ = broken_file(tmp_path)
    kept = save_config(Settings(), path, keep_broken=True)
    assert kept is not None
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_an_earlier_copy_is_never_overwritten(tmp_path: Path) -> None:
    path, content, name = broken_file(tmp_path)
    (tmp_path / name).write_bytes(b"first")
    (tmp_path / f"{name}-2").write_bytes(b"second")

    kept = save_config(Settings(), path, keep_broken=True)

    assert kept == tmp_path / f"{name}-3"
    assert kept.read_bytes() == content
    assert (tmp_path / name).read_bytes() == b"first"
    assert (tmp_path / f"{name}-2").read_bytes() == b"second"


def test_nothing_to_keep_without_a_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert save_config(custom(), path, keep_broken=True) is None
    assert list(tmp_path.iterdir()) == [path]


def test_a_good_file_is_simply_replaced(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "old"\n')
    assert save_config(custom(), path) is None
    assert list(tmp_path.iterdir()) == [path]


# Broken files: one problem per bad key, the rest kept


def test_bad_toml_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, 'partner_name = "Sam"\n[cooldown]\nminimum_minutes = \n')
    loaded = load_config(path)
    assert loaded == LoadedConfig(
        Settings(),
        (ConfigProblem(path, None, "is not valid TOML at line 3, column 19: the value after = is missing"),),
        True,
    )
    assert str(loaded.problems[0]) == f"{path}: is not valid TOML at line 3, column 19: the value after = is missing"


def test_a_file_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = write(tmp_path, b'theme = "x"\npartner_name = "J\xf6rg"\n')
    loaded = load_config(path)
    assert loaded.settings == Settings()
    assert loaded.exists
    assert problems(loaded) == [
        (None, "is not UTF-8 text: byte 0xf6 at line 2, column 18 can't be read; save the file as UTF-8")
    ]


@posix_only
def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    loaded = load_config(path)
    assert loaded.settings == Settings()
    assert loaded.exists
    assert [key for key, _ in problems(loaded)] == [None]
    assert problems(loaded)[0][1] == "is not a regular file"


def test_a_pipe_or_a_huge_file_never_hangs_or_slows_start_up(tmp_path: Path) -> None:
    pipe = tmp_path / "config.toml"
    os.mkfifo(pipe)
    assert problems(load_config(pipe))[0][1] == "is not a regular file"
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * 400_000)
    assert problems(load_config(huge))[0][1].startswith("is too large")


def test_a_deeply_nested_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000)
    assert "nested too deeply" in problems(load_config(path))[0][1]


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        (
            '[cooldown]\nmaximum_hours = "ten"',
            "cooldown.maximum_hours",
            'must be a whole number from 1 to 24 (got "ten")',
        ),
        (
            "[cooldown]\nminimum_minutes = -5",
            "cooldown.minimum_minutes",
            "must be a whole number from 0 to 1440 (got -5)",
        ),
        (
            "[cooldown]\ndefault_minutes = 2.5",
            "cooldown.default_minutes",
            "must be a whole number from 1 to 1440 (got 2.5)",
        ),
        ('[notifications]\nbell = "no"', "notifications.bell", 'must be true or false (got "no")'),
        ("[notifications]\nbell = 0", "notifications.bell", "must be true or false (got 0)"),
        ("partner_name = 5", "partner_name", "must be text (got 5)"),
        ('theme = " "', "theme", "must not be empty"),
        (f'partner_name = "{"x" * 81}"', "partner_name", "can be at most 80 characters long (got 81)"),
        (
            "[cooldown]\nminimum_minute = 5",
            "cooldown.minimum_minute",
            "is not a setting; did you mean 'minimum_minutes'?",
        ),
        ('thme = "cooldown-dusk"', "thme", "is not a setting; did you mean 'theme'?"),
        ("[cooldwn]\nminimum_minutes = 5", "cooldwn", "is not a settings table; did you mean 'cooldown'?"),
        ('[colours]\nbackground = "black"', "colours", "is not a settings table"),
        ("[notifications]\nvolume = 3", "notifications.volume", "is not a setting"),
        ("bell = false", "bell", "is not a setting here; it belongs in [notifications]"),
        (
            '[notifications]\nbell = true\ntheme = "cooldown-dusk"',
            "notifications.theme",
            "is not a setting here; it belongs at the top of the file, before the first [table]",
        ),
        ("cooldown = 5", "cooldown", "must be a table, written [cooldown] (got 5)"),
        ("statements = []", "statements", "must be a table, written [statements] (got a list)"),
        ("activities = []", "activities", "needs at least one activity; using the default activities"),
        ('activities = "walk"', "activities", 'must be a list of tables, each written [[activities]] (got "walk")'),
        (
            '[statements]\nactivity = "I will {actvity}."',
            "statements.activity",
            "{actvity} is not a placeholder here (this statement can use {activity}, {partner}); did you mean {activity}?",
        ),
        ('[statements]\ncome_back = "Later."', "statements.come_back", "must contain {time}"),
        (
            '[statements]\ncare = "I care {"',
            "statements.care",
            "has a lone brace; write {{ or }} for a literal one (Single '{' encountered in format string)",
        ),
    ],
)
def test_one_bad_key_is_one_problem(tmp_path: Path, text: str, key: str, message: str) -> None:
    path = write(tmp_path, text + "\n")
    loaded = load_config(path)
    assert problems(loaded) == [(key, message)]
    assert str(loaded.problems[0]) == f"{path}: {key}: {message}"
    assert loaded.settings == Settings()
    assert loaded.exists


@pytest.mark.parametrize("minutes", ["-5", "0", "100000", "1441", '"45"', "45.0", "true"])
def test_bad_activity_minutes_fall_back_to_30(tmp_path: Path, minutes: str) -> None:
    text = f'[[activities]]\nname = "walk"\n\n[[activities]]\nname = "read"\nminutes = {minutes}\n'
    loaded = load_config(write(tmp_path, text))
    assert problems(loaded) == [("activities[2].minutes", f"must be a whole number from 1 to 1440 (got {minutes})")]
    assert loaded.settings.activities == (Activity(name="walk"), Activity(name="read", minutes=30))


def test_a_misspelled_activity_name_leaves_that_activity_out(tmp_path: Path) -> None:
    text = '[[activities]]\nname = "walk"\n\n[[activities]]\nnme = "read"\nminutes = 15\n'
    loaded = load_config(write(tmp_path, text))
    assert problems(loaded) == [
        ("activities[2].name", "is missing; this activity is left out"),
        ("activities[2].nme", "is not a setting; did you mean 'name'?"),
    ]
    assert loaded.settings.activities == (Activity(name="walk"),)


def test_a_bare_activity_name_asks_for_a_table(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path, 'activities = ["walk", { name = "read" }]\n'))
    assert problems(loaded) == [("activities[1]", 'must be a table, like { name = "walk" }')]
    assert loaded.settings.activities == (Activity(name="read"),)


def test_when_every_activity_is_bad_the_defaults_are_used(tmp_path: Path) -> None:
    text = '[[activities]]\nname = ""\n\n[[activities]]\nminutes = 10\n'
    loaded = load_config(write(tmp_path, 'partner_name = "Sam"\n' + text))
    assert problems(loaded) == [
        ("activities[1].name", "must not be empty; this activity is left out"),
        ("activities[2].name", "is missing; this activity is left out"),
        ("activities", "has no usable activity; using the default activities"),
    ]
    assert loaded.settings == Settings(partner_name="Sam")


def test_two_defaults_keep_the_first(tmp_path: Path) -> None:
    text = "".join(
        f'[[activities]]\nname = "{name}"\ndefault = {default}\n\n'
        for name, default in [("walk", "true"), ("read", "false"), ("swim", "true")]
    )
    loaded = load_config(write(tmp_path, text))
    assert problems(loaded) == [
        (
            "activities",
            "only one activity can be the default (activities[1] and activities[3] say default = true); "
            "the first one is kept",
        )
    ]
    assert loaded.settings.activities == (
        Activity(name="walk", default=True),
        Activity(name="read"),
        Activity(name="swim"),
    )


def test_two_defaults_are_counted_before_bad_activities_are_left_out(tmp_path: Path) -> None:
    text = (
        '[[activities]]\nname = "walk"\nminutes = 0\ndefault = true\n\n[[activities]]\nname = "swim"\ndefault = true\n'
    )
    loaded = load_config(write(tmp_path, text))
    assert [key for key, _ in problems(loaded)] == ["activities", "activities[1].minutes"]
    assert "activities[1] and activities[2]" in problems(loaded)[0][1]
    assert loaded.settings.activities == (Activity(name="walk", default=True), Activity(name="swim"))


def test_too_many_activities_keep_the_first_twenty(tmp_path: Path) -> None:
    text = "".join(f'[[activities]]\nname = "activity {n}"\n' for n in range(1, 24))
    loaded = load_config(write(tmp_path, text))
    assert problems(loaded) == [("activities", "can have at most 20 activities (got 23); only the first 20 are used")]
    assert [a.name for a in loaded.settings.activities] == [f"activity {n}" for n in range(1, 21)]


def test_a_bad_key_keeps_the_good_parts() -> None:
    path = DATA / "config-partly-broken.toml"
    loaded = load_config(path)
    assert problems(loaded) == [("cooldown.minimum_minutes", "must be a whole number from 0 to 1440 (got -5)")]
    assert str(loaded.problems[0]) == (
        f"{path}: cooldown.minimum_minutes: must be a whole number from 0 to 1440 (got -5)"
    )
    assert loaded.settings == Settings(
        partner_name="Alex",
        cooldown=CooldownLimits(default_minutes=25, minimum_minutes=20, maximum_hours=12),
        statements=Wording(care="I care about us."),
        activities=(Activity(name="go for a run", minutes=40), Activity(name="make tea", minutes=20, default=True)),
    )


def test_every_problem_is_named_and_each_bad_key_falls_back_alone(tmp_path: Path) -> None:
    text = """\
partner_name = "Sam"
thme = "cooldown-dusk"

[cooldown]
default_minutes = 100000
minimum_minute = 10
maximum_hours = 12

[statements]
care = "I care about us, {partner}."
come_back = "Back at {tme}."

[notifications]
bell = "no"

[[activities]]
name = "walk"
minutes = -5

[[activities]]
name = "read"
"""
    loaded = load_config(write(tmp_path, text))
    assert sorted(problems(loaded)) == sorted(
        [
            ("thme", "is not a setting; did you mean 'theme'?"),
            ("cooldown.default_minutes", "must be a whole number from 1 to 1440 (got 100000)"),
            ("cooldown.minimum_minute", "is not a setting; did you mean 'minimum_minutes'?"),
            (
                "statements.come_back",
                "{tme} is not a placeholder here (this statement can use {time}, {partner}); did you mean {time}?",
            ),
            ("notifications.bell", 'must be true or false (got "no")'),
            ("activities[1].minutes", "must be a whole number from 1 to 1440 (got -5)"),
        ]
    )
    assert loaded.settings == Settings(
        partner_name="Sam",
        cooldown=CooldownLimits(maximum_hours=12),
        statements=Wording(care="I care about us, {partner}."),
        activities=(Activity(name="walk"), Activity(name="read")),
    )


def test_a_broken_file_saved_again_has_no_problems(tmp_path: Path) -> None:
    path = write(tmp_path, (DATA / "config-partly-broken.toml").read_bytes())
    loaded = load_config(path)
    kept = save_config(loaded.settings, path, keep_broken=bool(loaded.problems))
    assert kept is not None
    assert kept.read_bytes() == (DATA / "config-partly-broken.toml").read_bytes()
    assert load_config(path) == LoadedConfig(loaded.settings, (), exists=True)


def test_a_problem_without_a_key_names_only_the_file() -> None:
    assert str(ConfigProblem(Path("config.toml"), None, "is not valid TOML")) == "config.toml: is not valid TOML"
    assert str(ConfigProblem(Path("config.toml"), "theme", "must be text")) == "config.toml: theme: must be text"


def test_a_typo_inside_an_activity_keeps_the_activity(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[[activities]]\nname = "walk"\nminuts = 20\n')
    loaded = load_config(path)
    assert [(a.name, a.minutes) for a in loaded.settings.activities] == [("walk", 30)]
    assert [str(p).split(": ", 1)[1] for p in loaded.problems] == [
        "activities[1].minuts: is not a setting; did you mean 'minutes'?"
    ]


# Hand-editing mistakes, in plain words with the line and column

TOML_MISTAKES = {
    "unterminated string": (
        'partner_name = "Sam\ntheme = "cooldown-dusk"\n',
        'is not valid TOML at line 1, column 16: this text has no closing " (add it before the end of the line)',
    ),
    "unterminated string at the end": (
        'theme = "cooldown-dusk"\npartner_name = "Sam',
        'is not valid TOML at line 2, column 16: this text has no closing " (add it before the end of the line)',
    ),
    "unterminated literal string": (
        "partner_name = 'Sam\n",
        "is not valid TOML at line 1, column 16: this text has no closing ' (add it before the end of the line)",
    ),
    "unterminated multi-line string": (
        'partner_name = "Sam"\n[statements]\ncare = """I care\n',
        'is not valid TOML at line 3, column 8: this text has no closing """ (add it where the text ends)',
    ),
    "missing closing bracket of a table": (
        "[cooldown\ndefault_minutes = 25\n",
        "is not valid TOML at line 1, column 10: a table name needs its closing ] (like [cooldown])",
    ),
    "missing closing bracket of a list": (
        'partner_name = "Sam"\nx = [1, 2\ny = 3\n',
        "is not valid TOML at line 2, column 5: this list has no closing ], or a comma is missing between its items",
    ),
    "missing closing brace": (
        'activities = [{ name = "walk" minutes = 20 }]\n',
        "is not valid TOML at line 1, column 15: this inline table has no closing }, "
        "or a comma is missing between its items",
    ),
    "missing =": (
        'partner_name "Sam"\n',
        'is not valid TOML at line 1, column 14: a setting needs = between its name and its value (like name = "value")',
    ),
    "duplicate key": (
        'partner_name = "Sam"\ntheme = "cooldown-dusk"\npartner_name = "Alex"\n',
        "is not valid TOML at line 3, column 1: partner_name is set twice; keep one of them",
    ),
    "duplicate table": (
        "[cooldown]\ndefault_minutes = 25\n[cooldown]\nminimum_minutes = 5\n",
        "is not valid TOML at line 3, column 1: [cooldown] appears twice; put its settings under one [cooldown]",
    ),
    "missing value": (
        'partner_name = "Sam"\n[cooldown]\nminimum_minutes = \n',
        "is not valid TOML at line 3, column 19: the value after = is missing",
    ),
    "text without quotes": (
        "partner_name = Sam\n",
        'is not valid TOML at line 1, column 16: Sam is not a value TOML knows; text goes in quotes, like "Sam"',
    ),
    "capital True": (
        "[notifications]\nbell = True\n",
        "is not valid TOML at line 2, column 8: True is not a value TOML knows; write true or false in lower case",
    ),
    "decimal comma": (
        "[breathing]\nin_seconds = 4,5\n",
        "is not valid TOML at line 2, column 14: 4,5 is not a value TOML knows; "
        "a number with a fraction uses a dot, like 4.5",
    ),
    "backslash in a string": (
        'partner_name = "C:\\Sam"\n',
        "is not valid TOML at line 1, column 19: a \\ in text in double quotes starts an escape like \\n; "
        "write \\\\ for a backslash, or put the text in single quotes",
    ),
}


@pytest.mark.parametrize("case", list(TOML_MISTAKES))
def test_a_toml_mistake_is_said_in_plain_words_with_line_and_column(tmp_path: Path, case: str) -> None:
    text, expected = TOML_MISTAKES[case]
    path = write(tmp_path, text)
    loaded = load_config(path)
    assert loaded.settings == Settings()
    assert problems(loaded) == [(None, expected)]
    assert str(loaded.problems[0]) == f"{path}: {expected}"
    assert "illegal character" not in expected.lower()


@pytest.mark.parametrize("case", ["unterminated string", "missing =", "duplicate key"])
def test_config_check_names_the_file_and_the_plain_mistake(cooldown_home: Path, case: str) -> None:
    text, expected = TOML_MISTAKES[case]
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    script = Path(sys.executable).with_name("cooldown")
    result = subprocess.run([script, "config", "check"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"{path}: {expected}" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert path.read_text() == text  # the file is left as it was


def test_an_unforeseen_toml_mistake_still_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "= 1\n")
    (problem,) = problems(load_config(path))
    assert problem[1].startswith("is not valid TOML at line 1, column 1: ")
