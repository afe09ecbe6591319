"""Real storage faults for tests: a full disk or a read-only folder, in a mount namespace of a child's own.

As root, `unshare -m` gives a child process its own view of the mounts: a small
tmpfs mounted there fills up for real (ENOSPC), a bind mount remounted read-only
refuses writes for real (EROFS), and nothing outside the child sees either. Off
root (or without `unshare`), the tests that need this are skipped, saying why.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

UNSHARE = ("unshare", "--mount", "--propagation", "private")


@functools.cache
def can_mount() -> bool:
    """True if this process may give a child mounts of its own (root, with a working `unshare`)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    try:
        done = subprocess.run([*UNSHARE, "true"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


needs_mounts = pytest.mark.skipif(
    not can_mount(),
    reason="a real full disk or read-only folder needs root and `unshare --mount` (run the tests as root to try them)",
)

HELPERS = '''
import json, os, subprocess, sys
from pathlib import Path

def mount_tmpfs(folder, size="256k"):
    """A small disk of its own at `folder` (empty)."""
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)], check=True)

def fill(folder):
    """Write a filler file in `folder` until the disk is full; returns its path."""
    filler = Path(folder) / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"x" * 512)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler

def read_only(folder):
    """`folder` seen read-only from here on (a bind mount of itself, remounted ro)."""
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)

def writable(folder):
    subprocess.run(["mount", "-o", "remount,bind,rw", str(folder)], check=True)

def report(**values):
    print("REPORT " + json.dumps(values, default=str))
'''


def run_with_own_mounts(script: str, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Run Python `script` in a child with mounts of its own (see HELPERS); what it passed to `report()`."""
    done = subprocess.run(
        [*UNSHARE, sys.executable, "-c", HELPERS + script],
        capture_output=True,
        text=True,
        env=dict(env if env is not None else os.environ),
        cwd=Path(__file__).parent.parent,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    assert done.returncode == 0 and lines, f"the child failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return json.loads(lines[-1].removeprefix("REPORT "))


def shell_with_own_mounts(setup: str, argv: Sequence[str]) -> list[str]:
    """An argv that runs shell `setup` (mounts) in a namespace of its own, then execs `argv` there."""
    command = " ".join(f"'{part}'" for part in argv)
    return [*UNSHARE, "sh", "-c", f"set -e; {setup}; exec {command}"]
