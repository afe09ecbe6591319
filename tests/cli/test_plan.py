"""`cooldown plan --print [--output FILE]`: the calm-time plan as Markdown, from config.toml."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cooldown.cli import main
from cooldown.core.plan import NOT_READY, SAFETY

FULL_CONFIG = Path(__file__).resolve().parent.parent / "data" / "config-full.toml"

FULL_PAGE = [
    "# Our time-out plan",
    "",
    "Agreed together at a calm time. A break is a pause to calm down, never a way out of the talk.",
    "",
    "- **Agreed with:** Alex",
    "- **Agreed on:** 1 December 2026",
    "",
    "## When one of us needs a break",
    "",
    "- **Our signal (either of us can give it):** Time out, with a T of the hands",
    "- **Where I go:** a walk round the park",
    "- **Where Alex goes:** the spare room",
    "- **How long a break usually is:** about 40 minutes",
    "- During a break neither of us follows, calls or messages the other.",
    "- While I am away I calm my body (a walk, music, slow breathing) instead of going over the argument.",
    "",
    "## What I say before I go",
    "",
    "1. Alex, I recognize that I am getting angry.",
    "2. I care about us.",
    "3. I am going to take a break and calm down: I'm going to go for a run.",
    "4. I'll be back in about 40 minutes, Alex, and we can talk then.",
    "",
    "## Coming back",
    "",
    "- I come back at the time I said, even if I am not fully calm yet.",
    "- **When I come back, I say:** I'm back. Is now a good time to talk?",
    "- **If one of us is not ready yet:** We say so and ask for 15 more minutes.",
    "",
    "---",
    "",
    SAFETY,
]


@pytest.fixture(autouse=True)
def restore_umask() -> Iterator[None]:
    """main() sets a private umask for the whole process; put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def config_path(cooldown_home: Path) -> Path:
    cooldown_home.mkdir(parents=True, exist_ok=True)
    return cooldown_home / "config.toml"


def test_print_writes_the_plan_as_markdown(config_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FULL_CONFIG, config_path)
    assert main(["plan", "--print"]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == FULL_PAGE
    assert out.out.endswith(f"{SAFETY}\n")
    assert out.err == ""


def test_output_writes_the_file_and_says_where(
    config_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(FULL_CONFIG, config_path)
    target = tmp_path / "fridge.md"
    assert main(["plan", "--print", "--output", str(target)]) == 0
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == f"Wrote the plan to {target}.\n"
    assert target.read_text(encoding="utf-8").splitlines() == FULL_PAGE


def test_without_a_config_the_defaults_are_printed(config_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not config_path.exists()
    assert main(["plan", "--print"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["# Our time-out plan", "", lines[2]]
    assert "- **How long a break usually is:** about 30 minutes" in lines
    assert "4. I'll be back in about 30 minutes and we can talk about this then." in lines
    assert f"- **If one of us is not ready yet:** {NOT_READY}" in lines
    assert not any(line.startswith(("- **Agreed", "- **Our signal", "- **Where")) for line in lines)
    assert not config_path.exists()  # printing never writes the config


def test_a_broken_plan_key_falls_back_to_its_default(config_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config_path.write_text('[plan]\nsignal = "Pause"\nminutes = 0\n', encoding="utf-8")
    assert main(["plan", "--print"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "- **Our signal (either of us can give it):** Pause" in lines
    assert "- **How long a break usually is:** about 30 minutes" in lines


def test_an_unwritable_output_is_a_one_line_error(config_path: Path, tmp_path: Path, capsys) -> None:
    assert main(["plan", "--print", "--output", str(tmp_path / "missing" / "plan.md")]) == 1
    err = capsys.readouterr().err
    assert "plan.md" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_print_loads_no_textual(config_path: Path) -> None:
    """Printing the plan is a quick command: it never imports the terminal UI."""
    shutil.copy(FULL_CONFIG, config_path)
    code = (
        "import sys\n"
        "from cooldown.cli import main\n"
        "status = main(['plan', '--print'])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "COOLDOWN_HOME": str(config_path.parent)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == FULL_PAGE


def test_the_readme_example_is_what_print_writes(config_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The README's calm-time plan section: its config.toml prints exactly the page shown beneath it."""
    readme = (Path(__file__).resolve().parent.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The calm-time plan\n") :]
    config = re.search(r"```toml\n(.*?)```", section, flags=re.S)
    page = re.search(r"```markdown\n(.*?)```", section, flags=re.S)
    assert config is not None and page is not None
    config_path.write_text(config[1], encoding="utf-8")
    assert main(["plan", "--print"]) == 0
    assert capsys.readouterr().out == page[1]


def test_output_alone_means_the_printed_page(cooldown_home: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    target = tmp_path / "plan.md"
    result = subprocess.run(
        [sys.executable, "-m", "cooldown", "plan", "--output", str(target)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Our time-out plan")
