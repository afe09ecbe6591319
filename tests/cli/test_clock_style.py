"""`clock = "12h"` in config.toml: checked like every setting, read cheaply by `cooldown status`, else the locale's.

Config files are real files in the test's own COOLDOWN_HOME; `cooldown status` and
`cooldown config check` run as the installed console script, and `statusline.main`
in-process with an injected "now" for exact lines.
"""

from __future__ import annotations

import json
import locale
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cooldown import clock_style, paths, statusline
from cooldown.clock_style import clock_style_for, config_file_str, locale_clock_style, read_clock_setting
from cooldown.core.instant import format_clock, use_clock_style
from cooldown.core.settings import Settings
from cooldown.session.logbook import Logbook
from cooldown.session.preferences import Preferences
from cooldown.session.protocol import ProtocolRun
from cooldown.store.config import config_text, load_config, save_config
from tests.conftest import BERLIN, FakeClock

SCRIPT = Path(sys.executable).with_name("cooldown")


@pytest.fixture(autouse=True)
def plain_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No locale of the machine's own, nothing remembered from another test, the 24-hour clock in force."""
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(clock_style, "_locale_styles", {})
    before = use_clock_style("24h")
    yield
    use_clock_style(before)


def write_config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_cooldown(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed `cooldown ARGS` in a fresh process, with COOLDOWN_HOME=home."""
    if not SCRIPT.exists():
        pytest.skip("the cooldown console script is not installed beside this Python")
    environment = {**os.environ, "COOLDOWN_HOME": str(home), **env}
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run([str(SCRIPT), *args], env=environment, capture_output=True, text=True, timeout=60)


# --- config.toml -----------------------------------------------------------------


@pytest.mark.parametrize("style", ["12h", "24h"])
def test_either_clock_is_a_valid_setting(cooldown_home: Path, style: str) -> None:
    loaded = load_config(write_config(cooldown_home, f'clock = "{style}"\ntheme = "nord"\n'))
    assert loaded.problems == ()
    assert (loaded.settings.clock, loaded.settings.theme) == (style, "nord")


def test_without_the_key_the_clock_is_left_to_the_locale(cooldown_home: Path) -> None:
    loaded = load_config(write_config(cooldown_home, 'theme = "nord"\n'))
    assert (loaded.problems, loaded.settings.clock) == ((), None)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('clock = "12"', 'clock: must be "12h" or "24h" (got "12"); did you mean "12h"?'),
        ('clock = "24 hours"', 'clock: must be "12h" or "24h" (got "24 hours"); did you mean "24h"?'),
        ('clock = "12H"', 'clock: must be "12h" or "24h" (got "12H"); did you mean "12h"?'),
        ("clock = 12", 'clock: must be "12h" or "24h" (got 12); did you mean "12h"?'),
        ('clock = "sundial"', 'clock: must be "12h" or "24h" (got "sundial")'),
        ("clock = true", 'clock: must be "12h" or "24h" (got true)'),
        ('clok = "12h"', "clok: is not a setting; did you mean 'clock'?"),
    ],
)
def test_a_bad_clock_is_named_with_its_key_and_the_rest_is_kept(cooldown_home: Path, line: str, problem: str) -> None:
    path = write_config(cooldown_home, f'{line}\npartner_name = "Sam"\n')
    loaded = load_config(path)
    assert [str(found) for found in loaded.problems] == [f"{path}: {problem}"]
    assert (loaded.settings.clock, loaded.settings.partner_name) == (None, "Sam")


def test_a_clock_inside_a_table_is_told_where_it_belongs(cooldown_home: Path) -> None:
    path = write_config(cooldown_home, '[cooldown]\nclock = "12h"\n')
    [problem] = load_config(path).problems
    assert (
        str(problem)
        == f"{path}: cooldown.clock: is not a setting here; it belongs at the top of the file, before the first [table]"
    )


def test_the_clock_is_saved_and_read_back(cooldown_home: Path) -> None:
    path = cooldown_home / "config.toml"
    save_config(Settings(clock="12h"), path)
    assert 'clock = "12h"' in path.read_text(encoding="utf-8").splitlines()
    assert load_config(path).settings.clock == "12h"
    assert read_clock_setting(str(path)) == "12h"  # and the status line's own reader agrees
    assert "clock" not in config_text(Settings())  # unset stays unset: the locale keeps deciding


def test_config_check_names_a_bad_clock(cooldown_home: Path) -> None:
    path = write_config(cooldown_home, 'clock = "12"\n')
    result = run_cooldown(cooldown_home, "config", "check")
    assert result.returncode == 2
    assert f'{path}: clock: must be "12h" or "24h" (got "12"); did you mean "12h"?' in result.stderr
    assert "Traceback" not in result.stderr
    write_config(cooldown_home, 'clock = "12h"\n')
    assert run_cooldown(cooldown_home, "config", "check").returncode == 0


# --- the status line's own reader agrees with the app ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        'clock = "12h"\n',
        "clock = '12h'\n",
        '"clock" = "12h"\n',
        '  clock="12h"   # as I say it\n',
        '\ufeffclock = "12h"\r\ntheme = "nord"\r\n',
        '# clock = "24h"\npartner_name = "Sam"\nclock = "12h"\n[cooldown]\ndefault_minutes = 20\n',
        'partner_name = """Sam\nclock = "24h"\n"""\nclock = "12h"\n',  # a multi-line string: read by tomllib
        'clock = "24h"\n',
        "",
        'theme = "nord"\n',
        '[cooldown]\nclock = "12h"\n',  # not a top-level key: the app refuses it
        'clock = "12"\n',
        "clock = 12\n",
        'clok = "12h"\n',
    ],
    ids=repr,
)
def test_the_quick_reader_agrees_with_the_app(cooldown_home: Path, text: str) -> None:
    path = write_config(cooldown_home, text)
    assert read_clock_setting(str(path)) == load_config(path).settings.clock


def test_the_quick_reader_never_fails(cooldown_home: Path) -> None:
    cooldown_home.mkdir(parents=True)
    assert read_clock_setting(str(cooldown_home / "config.toml")) is None  # missing
    (cooldown_home / "config.toml").write_bytes(b'clock = "12h"\n\xff\xfe\n')
    assert read_clock_setting(str(cooldown_home / "config.toml")) is None  # not UTF-8: the app uses the defaults
    (cooldown_home / "config.toml").write_text('clock = "12h"\n' + "#" * (300 * 1024), encoding="utf-8")
    assert read_clock_setting(str(cooldown_home / "config.toml")) is None  # too large to be a config file
    (cooldown_home / "config.toml").unlink()
    os.mkfifo(cooldown_home / "config.toml")  # nobody writes to it: read without waiting
    assert read_clock_setting(str(cooldown_home / "config.toml")) is None
    (cooldown_home / "config.toml").unlink()
    (cooldown_home / "config.toml").mkdir()
    assert read_clock_setting(str(cooldown_home / "config.toml")) is None


@pytest.mark.parametrize(
    "env",
    [
        {"COOLDOWN_HOME": "/srv/cooldown"},
        {"COOLDOWN_HOME": None},
        {"COOLDOWN_HOME": None, "XDG_CONFIG_HOME": None},
        {"COOLDOWN_HOME": None, "XDG_CONFIG_HOME": ""},
        {"COOLDOWN_HOME": None, "XDG_CONFIG_HOME": "/srv/config/"},
        {"COOLDOWN_HOME": None, "XDG_CONFIG_HOME": "relative/config"},
        {"COOLDOWN_HOME": None, "XDG_CONFIG_HOME": " "},
        {"COOLDOWN_HOME": None, "XDG_CONFIG_HOME": None, "HOME": "relative"},
    ],
    ids=repr,
)
def test_config_toml_is_found_where_the_app_looks(monkeypatch: pytest.MonkeyPatch, env: dict[str, str | None]) -> None:
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert Path(config_file_str()) == paths.config_file()


# --- the locale's clock when config.toml says nothing ------------------------------


@pytest.mark.parametrize(
    ("time_format", "style"),
    [("%r", "12h"), ("%I:%M:%S %p", "12h"), ("%l:%M %p", "12h"), ("%H:%M:%S", "24h"), ("%T", "24h"), (None, "24h")],
)
def test_the_locale_time_format_decides(monkeypatch: pytest.MonkeyPatch, time_format: str | None, style: str) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setattr(clock_style, "locale_time_format", lambda: time_format)
    assert locale_clock_style() == style
    assert clock_style_for(None) == style
    assert clock_style_for("24h" if style == "12h" else "12h") != style  # the setting wins over the locale


@pytest.mark.parametrize(
    "env",
    [{}, {"LC_TIME": "C"}, {"LC_ALL": "POSIX", "LANG": "en_US.UTF-8"}, {"LANG": "C.UTF-8"}, {"LC_ALL": "C.utf8"}],
    ids=repr,
)
def test_no_locale_is_the_twenty_four_hour_clock(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(clock_style, "locale_time_format", lambda: "%r")  # never asked
    assert locale_clock_style() == "24h"


def test_lc_all_comes_before_lc_time_and_lc_time_before_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock_style, "locale_time_format", lambda: "%r")
    monkeypatch.setenv("LANG", "C")
    monkeypatch.setenv("LC_TIME", "en_US.UTF-8")
    assert locale_clock_style() == "12h"
    monkeypatch.setenv("LC_ALL", "C")
    assert locale_clock_style() == "24h"


def test_a_locale_the_system_lacks_is_the_twenty_four_hour_clock_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = locale.setlocale(locale.LC_TIME)
    monkeypatch.setenv("LC_ALL", "xx_NOWHERE.UTF-8")
    assert clock_style.locale_time_format() is None
    assert locale_clock_style() == "24h"
    assert locale.setlocale(locale.LC_TIME) == before


def test_the_real_lookup_puts_lc_time_back(monkeypatch: pytest.MonkeyPatch) -> None:
    before = locale.setlocale(locale.LC_TIME)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert clock_style.locale_time_format() in ("%H:%M:%S", "%T")
    assert locale.setlocale(locale.LC_TIME) == before


# --- cooldown status ---------------------------------------------------------------


def cooling(home: Path, clock: FakeClock, minutes: int = 30) -> datetime:
    """A walk agreed at the clock's time in `home`'s log, back in `minutes`; the return time."""
    run = ProtocolRun(Logbook(home / paths.LOG_NAME), Preferences(home / "config.toml"), clock)
    try:
        run.say(1, anger=6)
        run.choose_activity("go for a walk")
        back = clock() + timedelta(minutes=minutes)
        run.agree_return(back)
    finally:
        run.logbook.close()
    return back


def status_now(capsys: pytest.CaptureFixture[str], now: datetime, *args: str) -> tuple[int, str]:
    code = statusline.main(list(args), now=now)
    return code, capsys.readouterr().out


def test_status_on_the_twelve_hour_clock(
    cooldown_home: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    cooling(cooldown_home, clock)
    later = clock() + timedelta(minutes=17, seconds=26)
    assert status_now(capsys, later) == (0, "cooldown 12:34 · back at 18:30\n")
    write_config(cooldown_home, 'clock = "12h"\n')
    assert status_now(capsys, later) == (0, "cooldown 12:34 · back at 6:30 pm\n")
    code, out = status_now(capsys, later, "--json")
    assert (code, json.loads(out)["back"], json.loads(out)["return_at"]) == (0, "6:30 pm", "2026-11-21T18:30:00+01:00")
    assert status_now(capsys, later, "--format", "{back}") == (0, "6:30 pm\n")


def test_status_takes_the_locale_without_the_key(
    cooldown_home: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cooling(cooldown_home, clock)
    monkeypatch.setenv("LC_TIME", "en_US.UTF-8")
    monkeypatch.setattr(clock_style, "locale_time_format", lambda: "%r")
    assert status_now(capsys, clock()) == (0, "cooldown 30:00 · back at 6:30 pm\n")
    write_config(cooldown_home, 'clock = "24h"\n')
    assert status_now(capsys, clock()) == (0, "cooldown 30:00 · back at 18:30\n")


def test_the_installed_status_on_the_twelve_hour_clock(cooldown_home: Path) -> None:
    now = datetime.now(BERLIN).replace(second=0, microsecond=0)
    back = cooling(cooldown_home, FakeClock(now))
    write_config(cooldown_home, 'clock = "12h"\n')
    result = run_cooldown(cooldown_home, "status", TZ="Europe/Berlin")
    assert (result.returncode, result.stderr) == (0, "")
    line = re.fullmatch(r"cooldown \d\d:\d\d · back at (.+)\n", result.stdout)
    assert line is not None, result.stdout
    assert line[1] == format_clock(back, datetime.now(BERLIN), style="12h")
    assert re.fullmatch(r"(1[0-2]|[1-9]):[0-5]\d [ap]m( tomorrow)?", line[1])


def test_reading_the_clock_keeps_status_light(cooldown_home: Path) -> None:
    """With `clock` set, `cooldown status` still imports neither tomllib nor typing."""
    if not SCRIPT.exists():
        pytest.skip("the cooldown console script is not installed beside this Python")
    now = datetime.now(BERLIN).replace(second=0, microsecond=0)
    cooling(cooldown_home, FakeClock(now))
    write_config(cooldown_home, 'clock = "12h"\n[cooldown]\ndefault_minutes = 20\n')
    env = {**os.environ, "COOLDOWN_HOME": str(cooldown_home)}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", str(SCRIPT), "status"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and re.search(r"\d [ap]m", result.stdout), result.stdout
    modules = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "cooldown.clock_style" in modules  # the setting was really read
    assert {name for name in modules if name.split(".")[0] in ("tomllib", "typing", "pathlib", "pydantic")} == set()
