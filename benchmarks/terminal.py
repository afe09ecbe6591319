"""A program in an 80x24 pseudo-terminal, its output drained, its CPU time and memory read from /proc (Linux).

`wait_for` reads the screen's text, not the raw bytes: escape sequences (colours, cursor moves)
are taken out and runs of blanks folded, so a line of text is found however the terminal
library chose to write it.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Mapping, Sequence

ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]")
WINDOW = 8192
"""How much of the latest output `wait_for` reads as text: far more than one line split by escapes."""

KEYS = {"enter": b"\r", "down": b"\x1b[B", "pagedown": b"\x1b[6~", "ctrl+u": b"\x15"}
"""What a terminal sends for the keys the benchmarks press."""


def plain(output: bytes) -> bytes:
    """Terminal output without its escape sequences, runs of blanks folded into one space."""
    return b" ".join(ESCAPES.sub(b" ", output).split())


class Program:
    """`argv` running in a pseudo-terminal of `size`; `read()` drains what it writes."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int] = (80, 24)) -> None:
        self.output = b""
        self.status: int | None = None
        self.ended_after = 0.0
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execvpe(argv[0], list(argv), {**env, "TERM": "xterm-256color"})
            finally:
                os._exit(127)
        columns, rows = size
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def read(self, timeout: float = 0.05) -> bytes:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # the program ended and the pty closed
            data = b""
        self.output += data
        self.output = self.output[-(1 << 16) :]  # keep the tail only
        return data

    def wait_for(self, text: str | bytes, timeout: float = 60.0) -> float:
        """Drain until `text` is on the screen in what is written from now on; seconds from the start."""
        wanted = text.encode() if isinstance(text, str) else text
        seen = b""
        deadline = time.monotonic() + timeout
        while True:
            data = self.read()
            if data:
                seen = (seen + data)[-WINDOW:]
                if wanted in plain(seen):
                    return time.perf_counter() - self.started
            elif self.ended():
                raise RuntimeError(f"ended with status {self.status} before {wanted!r}: {plain(self.output)[-600:]!r}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{wanted!r} never appeared; the screen showed {plain(self.output)[-600:]!r}")

    def press(self, *keys: str, then: str | bytes | None = None, timeout: float = 60.0) -> None:
        """Press `keys` (names from KEYS, or text typed as it is), then wait for `then` on the screen."""
        for key in keys:
            os.write(self.fd, KEYS.get(key, key.encode()))
        if then is not None:
            self.wait_for(then, timeout)

    def wait_exit(self, timeout: float = 60.0) -> float:
        """Drain until the program ends; seconds from the start to its end."""
        deadline = time.monotonic() + timeout
        while not self.ended():
            if time.monotonic() > deadline:
                raise TimeoutError(f"still running after {timeout} s")
            self.read(0.01)
        return self.ended_after

    def ended(self) -> bool:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.ended_after = time.perf_counter() - self.started
                self.status = os.waitstatus_to_exitcode(status)
        return self.status is not None

    def drain(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(min(0.05, max(0.0, end - time.monotonic())))

    def cpu_seconds(self) -> float:
        """User and system CPU time the program has used so far."""
        fields = open(f"/proc/{self.pid}/stat").read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def memory_mb(self, field: str) -> float:
        """A line of /proc/PID/status in MB: "VmRSS" (resident now) or "VmHWM" (the peak so far)."""
        for line in open(f"/proc/{self.pid}/status"):
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def rss_mb(self) -> float:
        return self.memory_mb("VmRSS")

    def peak_rss_mb(self) -> float:
        return self.memory_mb("VmHWM")

    def stop(self) -> None:
        if not self.ended():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)
