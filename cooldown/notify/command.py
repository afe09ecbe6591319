"""The person's own command, run at each alert: a phone push, a smart light, a sound.

It runs as an argument list, never through a shell, with nothing on its input
and its output thrown away; the last line it writes to stderr is kept for the
message when it fails. It learns about the alert from its environment:

    COOLDOWN_RETURN_AT     the time that has come, ISO 8601 with its offset
    COOLDOWN_ACTIVITY      what they went to do ("" if not known)
    COOLDOWN_STATE         "due" (the return time) or "talk_due" (a put-off talk's time)
    COOLDOWN_MESSAGE       the words of the alert
    COOLDOWN_ALERT_NUMBER  1 for the first alert of this time, 2 and on for the repeats

It runs in a session of its own. If it is still running after `timeout`
seconds, its whole process group is killed, so a hanging helper it started
goes too. Something it left running in the background after exiting in time
is its own business and is left alone.
"""

from __future__ import annotations

import os

from cooldown.core import alerting
from cooldown.core.alerting import COMMAND_TIMEOUT, Alert
from cooldown.notify import NotifierError, last_line

TYPE_CHECKING = False  # True for type checkers only: typing and friends are not imported at run time

if TYPE_CHECKING:
    import subprocess
    from collections.abc import Mapping, Sequence
    from typing import IO

TAIL = 4096
"""How much of the end of stderr is read for its last line, in bytes."""


class CommandNotifier:
    """Runs the person's own command at each alert."""

    name = "command"

    def __init__(
        self,
        argv: Sequence[str],
        timeout: float = COMMAND_TIMEOUT,
        *,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.argv = tuple(argv)
        self.timeout = timeout
        """Seconds it may run before it is stopped."""
        self._environ = environ
        """The environment it starts from; None for this process's own, as it is at each alert."""

    @property
    def program(self) -> str:
        """The command's name, as the person wrote it."""
        return self.argv[0] if self.argv else ""

    def unavailable(self) -> str | None:
        """Why the command can't be run here (not set, not found, not executable), or None."""
        try:
            self._executable()
        except NotifierError as error:
            return str(error)
        return None

    def alert(self, alert: Alert) -> None:
        """Run the command once for `alert`; raises NotifierError if it can't be run or fails."""
        import tempfile

        executable = self._executable()
        with tempfile.TemporaryFile() as errors:
            status = self._run(executable, self.environment(alert), errors)
            if status == 0:
                return
            line = last_line(_tail(errors))
        said = f": {line}" if line else ""
        if status < 0:
            raise NotifierError(f"“{self.program}” was ended by signal {_signal_name(-status)}{said}")
        raise NotifierError(f"“{self.program}” failed with exit status {status}{said}")

    def environment(self, alert: Alert) -> dict[str, str]:
        """The environment the command runs with: the caller's, and what the alert is about."""
        environ = dict(os.environ if self._environ is None else self._environ)
        environ.update(
            COOLDOWN_RETURN_AT=alert.due_at.isoformat(timespec="seconds"),
            COOLDOWN_ACTIVITY=alert.activity or "",
            COOLDOWN_STATE=alert.state,
            COOLDOWN_MESSAGE=alert.words,
            COOLDOWN_ALERT_NUMBER=str(alert.number),
        )
        return environ

    def _executable(self) -> str:
        """The file to run: argv[0] itself if it names a path, else found on PATH."""
        if not self.argv:
            raise NotifierError("no command is set")
        program = os.path.expanduser(self.program)
        if problem := alerting.program_problem(program):
            raise NotifierError(problem)
        if os.sep in program or (os.altsep and os.altsep in program):
            if not os.path.exists(program):
                raise NotifierError(f"“{program}” was not found")
            if os.path.isdir(program) or not os.access(program, os.X_OK):
                raise NotifierError(f"“{program}” is not executable")
            return program
        environ = os.environ if self._environ is None else self._environ
        search = environ.get("PATH", os.defpath)
        import shutil

        found = shutil.which(program, path=search)
        if found is not None:
            return found
        if any(os.path.isfile(os.path.join(folder, program)) for folder in search.split(os.pathsep) if folder):
            raise NotifierError(f"“{program}” is not executable")
        raise NotifierError(f"“{program}” was not found on PATH")

    def _run(self, executable: str, environ: dict[str, str], errors: IO[bytes]) -> int:
        """Run the command to its end or its time limit; its exit status (negative: the signal that ended it)."""
        import subprocess

        try:
            process = subprocess.Popen(
                list(self.argv),
                executable=executable,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                env=environ,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as error:
            raise NotifierError(f"“{self.program}” could not be started: {_reason(error)}") from None
        try:
            return process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise NotifierError(f"“{self.program}” was stopped after {self.timeout:g} s") from None
        finally:
            if process.returncode is None:  # timed out, or this process was interrupted meanwhile
                _kill_group(process)


def _tail(stream: IO[bytes]) -> bytes:
    """The last `TAIL` bytes written to `stream` (a file)."""
    try:
        size = stream.seek(0, os.SEEK_END)
        stream.seek(max(0, size - TAIL))
        return stream.read()
    except OSError:
        return b""


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the command and everything in its process group, and reap it."""
    try:
        if hasattr(os, "killpg"):
            import signal

            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows has no process groups to kill
            process.kill()
    except OSError:
        pass  # already gone
    process.wait()


def _signal_name(number: int) -> str:
    import signal

    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


__all__ = ["CommandNotifier"]
