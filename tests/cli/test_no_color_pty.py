"""NO_COLOR in a real terminal: the installed cooldown on a plain xterm writes no colour of its own."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from tests.terminal import Terminal

SGR = re.compile(r"\x1b\[([0-9;:]*)m")
DEFAULT_COLOURS = {"39", "49"}
"""The terminal's own foreground and background."""


def cooldown_script() -> str:
    script = Path(sys.executable).with_name("cooldown")
    assert script.exists(), f"install the project first: {script} is missing"
    return str(script)


def colours_written(output: str) -> set[str]:
    """Every colour an SGR sequence in `output` sets, other than the terminal's defaults (e.g. '38;2;…', '31')."""
    found: set[str] = set()
    for match in SGR.finditer(output):
        params = match.group(1).replace(":", ";").split(";")
        index = 0
        while index < len(params):
            code = params[index]
            if code in ("38", "48", "58"):
                kind = params[index + 1] if index + 1 < len(params) else ""
                width = 5 if kind == "2" else 3 if kind == "5" else 2
                found.add(";".join(params[index : index + width]))
                index += width
                continue
            if code.isdigit() and (30 <= int(code) <= 49 or 90 <= int(code) <= 107) and code not in DEFAULT_COLOURS:
                found.add(code)
            index += 1
    return found


def run_on_xterm(no_color: str) -> str:
    """Launch cooldown as a person would, on TERM=xterm with NO_COLOR as given; what it wrote until statement 1."""
    env = {**os.environ, "NO_COLOR": no_color}
    env.pop("COLORTERM", None)
    terminal = Terminal(["env", "TERM=xterm", cooldown_script()], env)
    try:
        terminal.wait_for("I recognize that I am getting angry.")
        terminal.wait_for("Said it, go on")
        terminal.read(0.3)
        terminal.send("\x11")  # ctrl+q
        assert terminal.wait() == 0
    finally:
        terminal.close()
    return terminal.output


def test_no_color_writes_only_the_terminals_default_colours(cooldown_home: Path) -> None:
    output = run_on_xterm("1")
    for deep in ("38;2;", "48;2;", "38;5;", "48;5;"):
        assert deep not in output
    assert colours_written(output) == set()
    assert any("1" in match.group(1).split(";") for match in SGR.finditer(output))  # emphasis stays: bold


def test_an_empty_no_color_keeps_the_theme(cooldown_home: Path) -> None:
    output = run_on_xterm("")  # set but empty asks for nothing (no-color.org)
    assert colours_written(output), "the theme's colours are written when NO_COLOR is empty"
