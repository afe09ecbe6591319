"""`cooldown config check` on a [keymap]: the installed console script in the test's own COOLDOWN_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("cooldown")


def write_config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def config_check(home: Path) -> subprocess.CompletedProcess[str]:
    if not SCRIPT.exists():
        pytest.skip("the cooldown console script is not installed beside this Python")
    return subprocess.run(
        [str(SCRIPT), "config", "check"],
        env={**os.environ, "COOLDOWN_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_config_check_names_keys_that_are_no_keys(cooldown_home: Path) -> None:
    path = write_config(cooldown_home, '[keymap]\nnext = "enter,space,n"\nhistory = "entr"\nquit = ""\n')
    result = config_check(cooldown_home)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "cooldown config: these settings can't be used (the defaults stand in):",
        f'{path}: keymap.history: "entr" is not a key name; did you mean "enter"?',
        f'{path}: keymap.quit: needs at least one key, like "n" or "enter,space"',
    ]
    assert result.stdout == ""


def test_config_check_names_an_unknown_id_and_a_clash(cooldown_home: Path) -> None:
    path = write_config(cooldown_home, '[keymap]\nback-now = "B"\nnxt = "n"\nmore-time = "b"\nbreathing = "g"\n')
    result = config_check(cooldown_home)
    assert result.returncode == 2
    assert result.stderr.splitlines()[1:] == [
        f"{path}: keymap.nxt: is not the id of any key (the README lists them, under \"Keys\"); did you mean 'next'?",
        f'{path}: keymap.breathing: "g" is already "Next tip" (next-tip) on the cool down screen; '
        "this line is left out, so breathing keeps p",
    ]  # back-now moved off b, so more-time may have it
    assert "Traceback" not in result.stderr


def test_config_check_passes_a_good_keymap(cooldown_home: Path) -> None:
    path = write_config(cooldown_home, '[keymap]\nnext = "enter,space,n"\nback-now = "B"\nquit = "ctrl+q,f10"\n')
    result = config_check(cooldown_home)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{path} is valid.\n", "")
