"""What the printing commands leave unimported: each is run through `cooldown.cli.main` in a fresh Python.

`--version`, `--help` and `status` answer without argparse, pydantic or Textual; `stats` never builds an
episode, so it needs neither pydantic nor Textual; `log` and `review` build episodes (pydantic) but never
load Textual. The fast --help must also say exactly what argparse says, at every width it is used for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cooldown import cli
from cooldown.command_help import help_text

PROBE = """
import json, sys
from cooldown.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as leaving:
    code = leaving.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def loaded(cooldown_home: Path, *argv: str) -> tuple[int, set[str], str]:
    """The exit status, the modules imported and the output of `cooldown ARGV` run in a fresh process."""
    env = {**os.environ, "COOLDOWN_HOME": str(cooldown_home), "COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    found = json.loads(done.stderr.strip().splitlines()[-1])
    return found["code"], set(found["modules"]), done.stdout


def heavy(modules: set[str], *names: str) -> list[str]:
    return sorted(name for name in modules if name.split(".")[0] in names or name in names)


@pytest.mark.parametrize("argv", [("--version",), ("--help",), ("-h",), ("status",)])
def test_quick_answers_import_neither_argparse_pydantic_nor_textual(cooldown_home: Path, argv: tuple[str, ...]) -> None:
    code, modules, out = loaded(cooldown_home, *argv)
    assert code in (0, 1)  # status: 1 with nothing pending
    assert heavy(modules, "textual", "pydantic", "argparse", "pathlib") == []
    if argv == ("--version",):
        assert out == f"cooldown {cli.__version__}\n"
    if argv[0].startswith("-h") or argv == ("--help",):
        assert out.startswith("usage: cooldown [-h] [--version] COMMAND ...\n")
        assert "  status    one line for a status bar or prompt" in out


def test_stats_imports_neither_pydantic_nor_textual(cooldown_home: Path, log_path: Path) -> None:
    code, modules, _ = loaded(cooldown_home, "log", "fight", "--at", "yesterday 21:00")
    assert code == 0
    code, modules, out = loaded(cooldown_home, "stats")
    assert code == 0
    assert "Fights" in out  # the figures were read from the log
    assert heavy(modules, "textual", "pydantic", "pydantic_core", "email", "importlib.metadata") == []
    code, modules, out = loaded(cooldown_home, "stats", "--json")
    assert code == 0 and json.loads(out)["all_time"]["fights"] == 1
    assert heavy(modules, "textual", "pydantic") == []


@pytest.mark.parametrize("argv", [("log", "sidestep"), ("review",), ("review", "--json")])
def test_log_and_review_never_import_textual(cooldown_home: Path, argv: tuple[str, ...]) -> None:
    code, modules, out = loaded(cooldown_home, *argv)
    assert code == 0, out
    assert heavy(modules, "textual", "rich") == []


@pytest.mark.parametrize("columns", [47, 60, 80, 100, 132, 250])
def test_fast_help_is_what_argparse_writes(columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert help_text(cli.DESCRIPTION, cli.EPILOG) == cli.build_parser().format_help()


def test_a_narrow_terminal_gets_argparse_help(cooldown_home: Path) -> None:
    env = {**os.environ, "COOLDOWN_HOME": str(cooldown_home), "COLUMNS": "30"}
    assert help_text(cli.DESCRIPTION, cli.EPILOG, width=30) is None
    done = subprocess.run(
        [sys.executable, "-m", "cooldown", "--help"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: cooldown")
    assert "erase the log" in done.stdout
