"""The README's examples are real: its config.toml and theme file load without a problem."""

from __future__ import annotations

import re
from pathlib import Path

from cooldown.store.config import load_config
from cooldown.store.themes import load_theme_file

README = Path(__file__).resolve().parent.parent / "README.md"


def toml_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", README.read_text(), flags=re.S)


def test_the_config_example_is_valid(tmp_path: Path) -> None:
    config = next(block for block in toml_blocks() if "[[activities]]" in block)
    path = tmp_path / "config.toml"
    path.write_text(config)
    loaded = load_config(path)
    assert loaded.problems == ()
    assert loaded.settings.theme == "cooldown-dusk"
    assert loaded.settings.activities[0].default


def test_the_theme_example_is_valid(tmp_path: Path) -> None:
    theme = next(block for block in toml_blocks() if 'name = "sea"' in block)
    path = tmp_path / "sea.toml"
    path.write_text(theme)
    assert load_theme_file(path).name == "sea"
