"""cooldown as a user has it, for the benchmarks that launch it: a venv with a non-editable install,
hermetic environments, and homes either fresh or lived in.

The benchmark scripts themselves need only the standard library: everything that imports
cooldown (seeding a log) runs in the venv's own Python, against the installed package.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
STATEMENT_1 = "I recognize that I am getting angry"
"""Statement 1 as shown by default (and by the minimal app): the first paint is there once this is on screen."""

ACTIVITIES = (
    ("go for a walk", 30),
    ("put on my headphones", 20),
    ("exercise", 45),
    ("watch a movie", 90),
    ("run errands", 60),
    ("make tea", 15),
    ("read in the bedroom", 30),
    ("water the garden", 25),
    ("take a shower", 20),
)
"""Nine activities: the seeded log's six and three more."""
THEMES = 10

SEED = """
import sys
sys.path.append(sys.argv[3])  # after site-packages: cooldown is the installed one, benchmarks/ the repo's
from pathlib import Path
from benchmarks.seed import seed_log
seed_log(Path(sys.argv[1]), int(sys.argv[2]), 10)
"""


@dataclass(frozen=True)
class Install:
    """A venv holding cooldown installed from the repository, as `pip install <repo>` does it."""

    venv: Path

    @property
    def python(self) -> str:
        return str(self.venv / "bin" / "python")

    @property
    def cooldown(self) -> str:
        return str(self.venv / "bin" / "cooldown")

    def seeded_log(self, count: int) -> Path:
        """A log of `count` synthetic episodes over 10 years (see benchmarks/seed.py), made once per venv."""
        path = self.venv / "benchmark-logs" / f"{count}-episodes.sqlite3"
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            partial = path.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            started = time.perf_counter()
            subprocess.run([self.python, "-c", SEED, str(partial), str(count), str(REPO)], check=True)
            partial.rename(path)
            print(f"seeded {count:,} episodes in {time.perf_counter() - started:.0f} s ({path})", flush=True)
        return path


def add_install_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--venv",
        type=Path,
        help="keep the install (and the seeded logs) in this folder and reuse it on the next run; "
        "by default a new one is made in a temporary folder",
    )
    parser.add_argument("--reinstall", action="store_true", help="install the repository again into --venv")


def install(options: argparse.Namespace, scratch: Path) -> Install:
    """The venv named by --venv (made if missing, remade with --reinstall), else a new one in `scratch`."""
    venv = options.venv.resolve() if options.venv else scratch / "venv"
    if options.reinstall and venv.exists():
        shutil.rmtree(venv)
    found = Install(venv)
    if not Path(found.cooldown).exists():
        started = time.perf_counter()
        print(f"installing {REPO} into {venv} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        done = subprocess.run([found.python, "-m", "pip", "install", "-q", str(REPO)], capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"pip could not install {REPO}:\n{done.stdout}{done.stderr}")
        print(f"installed in {time.perf_counter() - started:.0f} s", flush=True)
    return found


def child_env(scratch: Path, found: Install, home: Path | None = None) -> dict[str, str]:
    """A hermetic environment: HOME and the XDG folders inside `scratch`, COOLDOWN_HOME `home` (if given).

    Nothing of the caller's environment is passed on but the locale and the time zone; in particular
    not PYTHONDONTWRITEBYTECODE, so the installed bytecode is used as it is for a user."""
    user = scratch / "user"
    folders = {
        "HOME": user,
        "XDG_CONFIG_HOME": user / ".config",
        "XDG_DATA_HOME": user / ".local" / "share",
        "XDG_STATE_HOME": user / ".local" / "state",
        "XDG_CACHE_HOME": user / ".cache",
        "XDG_RUNTIME_DIR": user / "runtime",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = {name: str(folder) for name, folder in folders.items()}
    env["PATH"] = f"{found.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin"
    env["LANG"] = os.environ.get("LANG") or "C.UTF-8"
    for name in ("LC_ALL", "TZ"):
        if os.environ.get(name):
            env[name] = os.environ[name]
    if home is not None:
        env["COOLDOWN_HOME"] = str(home)
    return env


CONFIG = """\
theme = "lived-in-3"
clock = "24h"

[cooldown]
default_minutes = 25
minimum_minutes = 15
maximum_hours = 12

[notifications]
bell = false
desktop = false
terminal = true
repeat_minutes = 10
repeat_times = 2

[breathing]
enabled = true
inhale_seconds = 4
hold_seconds = 2
exhale_seconds = 6

[guidance]
lines = ["Drink a glass of water.", "Sit down and put both feet on the floor."]

[return]
lines = ["Speak softly.", "One thing at a time."]

[pulse]
resting_bpm = 64

[cues]
body = ["heart racing", "shaking hands", "hot face"]
feelings = ["hurt", "unheard", "tired"]
"""


def theme_text(number: int) -> str:
    shade = 0x10 + 8 * number
    return f"""\
name = "lived-in-{number}"
dark = true
primary = "#5f9e{shade:02x}"
secondary = "#6b8fb3"
accent = "#b39ddb"
foreground = "#dde6ee"
background = "#1b25{shade:02x}"
surface = "#223040"
panel = "#2a3a4c"
warning = "#e0b060"
error = "#d98c8c"
success = "#8cc09a"

[variables]
footer-key-foreground = "#5f9e{shade:02x}"
"""


def lived_in_home(folder: Path, found: Install, count: int = 100_000) -> Path:
    """A COOLDOWN_HOME used for years: `count` episodes (all finished, the newest an hour ago, so the app
    opens on statement 1), nine activities and ten themes of the user's own, one of them chosen."""
    folder.mkdir(parents=True)
    shutil.copyfile(found.seeded_log(count), folder / "episodes.sqlite3")
    activities = "".join(f'\n[[activities]]\nname = "{name}"\nminutes = {minutes}\n' for name, minutes in ACTIVITIES)
    (folder / "config.toml").write_text(CONFIG + activities)
    (folder / "themes").mkdir()
    for number in range(1, THEMES + 1):
        (folder / "themes" / f"lived-in-{number}.toml").write_text(theme_text(number))
    return folder


def open_statements(log: Path) -> int:
    """Episodes left on the statements or cooling in `log`: none, or the app would not open on statement 1."""
    import sqlite3

    with sqlite3.connect(f"file:{log}?mode=ro", uri=True) as db:
        (count,) = db.execute("SELECT count(*) FROM episodes WHERE status IN ('statements', 'cooling')").fetchone()
    return count


def stop_alarms(home: Path) -> None:
    """End the background alarms a cool-down in `home` started (found by their command line in /proc)."""
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"cooldown.alarm" in argv and any(str(home).encode() in part for part in argv):
            try:
                os.kill(int(entry.name), signal.SIGTERM)
            except ProcessLookupError:
                pass


def median_ms(seconds: list[float]) -> float:
    return 1000 * statistics.median(seconds)


def verdict(ratio: float, target: float) -> str:
    return "ok" if ratio <= target else "missed"
