"""A program in a pseudo-terminal, driven by keys and read like a screen (for real-process tests)."""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Mapping, Sequence

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]")


def plain(output: str) -> str:
    """The text of terminal output without its escape sequences, runs of blanks folded."""
    return " ".join(ESCAPES.sub(" ", output).split())


class Terminal:
    """`argv` running in an 80x24 pseudo-terminal; everything it writes is kept in `output`."""

    def __init__(
        self, argv: Sequence[str], env: Mapping[str, str], *, size: tuple[int, int] = (80, 24), cwd: str | None = None
    ) -> None:
        self.output = ""
        self.status: int | None = None
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the program
            try:
                if cwd:
                    os.chdir(cwd)
                os.execvpe(argv[0], list(argv), {**env, "TERM": "xterm-256color", "COLUMNS": "", "LINES": ""})
            finally:
                os._exit(127)
        columns, rows = size
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def read(self, timeout: float = 0.1) -> str:
        """Whatever arrives within `timeout` seconds (added to `output`)."""
        chunk = ""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # the program ended and the pty closed
                data = b""
            chunk = self._decoder.decode(data)
            self.output += chunk
        return chunk

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        """Read until `text` has appeared (in the plain text), or fail with what was seen."""
        deadline = time.monotonic() + timeout
        while text not in plain(self.output):
            if time.monotonic() > deadline or (self.poll() is not None and not self.read(0.2)):
                raise AssertionError(f"{text!r} never appeared; the screen showed: {plain(self.output)[-2000:]!r}")
            self.read()

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def poll(self) -> int | None:
        """The exit status once the program has ended, else None."""
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait(self, timeout: float = 20.0) -> int:
        """Read until the program ends; its exit status."""
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"still running after {timeout} s: {plain(self.output)[-1000:]!r}")
            self.read()
        while self.read(0.05):
            pass
        assert self.status is not None
        return self.status

    def close(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def python(*code: str) -> list[str]:
    """The argv running `code` with this interpreter."""
    return [sys.executable, "-c", "\n".join(code)]
