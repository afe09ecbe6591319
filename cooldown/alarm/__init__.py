"""The background alarm: one small process per cool-down that alerts at the return time, terminal or not.

Started (detached, in its own session, with no terminal and every standard
stream on /dev/null) when a cool-down starts, and again by `cooldown` and
`cooldown status` whenever one should be running and is not (after a reboot).
At most one runs per episode: each holds an exclusive lock on
`alarms/<uid>.lock` beside the log for as long as it lives.

It follows the wall clock, looking at the log at least every `CHECK_SECONDS`,
so a suspend, a clock change or a laptop waking after the time alerts at once.
At a due time (the return time, or a put-off talk's time) it sends the alert to
the notifiers that work without a terminal (desktop and the person's own
command), claiming each send in the log first: an open app, which checks every
second and rings its bell too, gets there first and this process stays quiet.
Unacknowledged alerts repeat on the `[notifications]` schedule. It stops by
itself once the episode is finished, deleted, abandoned, back with only the
outcome missing, or older than the resume window.

Run as `python -m cooldown.alarm UID LOG [CONFIG]`. It imports neither Textual nor pydantic
(only when a notification's "I'm back" is pressed does it load the session
layer to record the return).
"""

from __future__ import annotations

import os
import sys
import time

LOCKS = "alarms"
LOCK_ATTEMPTS = 5
LOCK_PAUSE = 0.05
"""The lock is tried `LOCK_ATTEMPTS` times, this many seconds apart, before leaving it to the alarm that holds it."""

_started: list = []
"""The alarms this process started (subprocess.Popen), polled so that none is left a zombie."""


def can_run() -> bool:
    """True where a background alarm can run (it needs POSIX file locks and sessions; not Windows for now)."""
    return os.name == "posix"


def lock_path(log_path: str | os.PathLike[str], uid: str) -> str:
    """The lock of `uid`'s alarm: `alarms/<uid>.lock` in the log's folder."""
    return os.path.join(os.path.dirname(os.path.abspath(log_path)), LOCKS, f"{uid}.lock")


def take_lock(log_path: str | os.PathLike[str], uid: str) -> int | None:
    """Take the episode's alarm lock; the open file descriptor (keep it open), or None if another alarm holds it."""
    import fcntl

    path = lock_path(log_path, uid)
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    for attempt in range(LOCK_ATTEMPTS):  # a status line's probe holds it for a moment: try a few times
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            if attempt < LOCK_ATTEMPTS - 1:
                time.sleep(LOCK_PAUSE)
            continue
        return handle
    os.close(handle)
    return None


def is_running(log_path: str | os.PathLike[str], uid: str) -> bool:
    """True if an alarm for `uid` holds its lock now."""
    import fcntl

    try:
        handle = os.open(lock_path(log_path, uid), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(handle)
    return False


def ensure_running(
    uid: str, log_path: str | os.PathLike[str], config_path: str | os.PathLike[str] | None = None
) -> bool:
    """Start the alarm for `uid` (in the log at `log_path`) unless one runs already; True if one runs now.

    Without `config_path` the alarm finds config.toml where cooldown keeps it.

    Cheap enough to call every second (a lock probe); never raises.
    """
    if not can_run():
        return False
    try:
        _started[:] = [child for child in _started if child.poll() is None]  # reap those that have ended
        if is_running(log_path, uid):
            return True
        import subprocess

        log_path = os.path.abspath(log_path)
        config = [] if config_path is None else [os.path.abspath(config_path)]
        child = subprocess.Popen(
            [sys.executable, "-m", "cooldown.alarm", uid, log_path, *config],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=os.path.dirname(log_path),
            start_new_session=True,
            close_fds=True,
        )
    except (OSError, ValueError):
        return False
    _started.append(child)
    return True


PROBLEMS = "problems.txt"
PROBLEMS_KEPT = 10


def problems_path(log_path: str | os.PathLike[str]) -> str:
    """Where the alarm notes what it could not send: `alarms/problems.txt` beside the log."""
    return os.path.join(os.path.dirname(os.path.abspath(log_path)), LOCKS, PROBLEMS)


def note_problem(log_path: str | os.PathLike[str], line: str) -> None:
    """Keep one line about an alert that could not go out, for the next launch to tell. Never raises."""
    path = problems_path(log_path)
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        try:
            with open(path, encoding="utf-8") as old:
                kept = old.read().splitlines()[-(PROBLEMS_KEPT - 1) :]
        except OSError:
            kept = []
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("\n".join([*kept, line.replace("\n", " ")]) + "\n")
    except OSError:
        return


def take_problems(log_path: str | os.PathLike[str]) -> list[str]:
    """The lines noted since the last look (and forget them). Never raises."""
    path = problems_path(log_path)
    try:
        with open(path, encoding="utf-8") as noted:
            lines = [line for line in noted.read().splitlines() if line.strip()]
        os.unlink(path)
    except OSError:
        return []
    return lines
