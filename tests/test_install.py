"""The built wheel carries the bundled themes: install it into a fresh venv and load them there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUNDLED = {"cooldown-dusk", "cooldown-linen", "cooldown-contrast", "cooldown-sixteen"}
STEP_TIMEOUT = 300  # seconds; installing the dependencies downloads them

CHECK = """
import json, sysconfig, textual
from cooldown.store.themes import bundled_themes_dir, load_themes
folder = bundled_themes_dir()
specs, problems = load_themes(folder)
themes = [spec.to_theme() for spec in specs]
print(json.dumps({
    "folder": str(folder.resolve()),
    "names": [theme.name for theme in themes],
    "problems": [str(problem) for problem in problems],
    "purelib": str(sysconfig.get_paths()["purelib"]),
    "textual": textual.__file__,
}))
"""


def run(*command: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        cwd=cwd,
        env=env,
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.slow
def test_the_installed_wheel_ships_and_loads_the_bundled_themes(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", wheels, REPO)
    (wheel,) = wheels.glob("cooldown-*.whl")

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)

    # -I: neither the current folder nor PYTHONPATH can put the repository on sys.path.
    result = run(python, "-I", "-c", CHECK, cwd=tmp_path)
    found = json.loads(result.stdout)

    site_packages = Path(found["purelib"]).resolve()
    folder = Path(found["folder"])
    assert site_packages.is_relative_to(venv.resolve())
    assert folder == site_packages / "cooldown" / "themes"
    assert not folder.is_relative_to(REPO)
    assert Path(found["textual"]).resolve().is_relative_to(site_packages)
    assert found["problems"] == []
    assert set(found["names"]) == BUNDLED
