"""The person's own command: real programs (small shell scripts) run at each alert."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.alerting import Alert
from cooldown.notify import NotifierError
from cooldown.notify.command import CommandNotifier

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the commands are shell scripts")

BERLIN = ZoneInfo("Europe/Berlin")
WORDS = "It's 19:30: time to go back and talk."


def an_alert(activity: str | None = "go for a walk", number: int = 1, state: str = "due") -> Alert:
    return Alert("ep-1", datetime(2026, 11, 21, 19, 30, tzinfo=BERLIN), WORDS, activity, state, number)


def script(folder: Path, name: str, body: str, mode: int = 0o755) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(mode)
    return path


def environ(*folders: Path, **extra: str) -> dict[str, str]:
    return {"PATH": os.pathsep.join([*map(str, folders), "/usr/bin", "/bin"]), **extra}


VARIABLES = ("COOLDOWN_RETURN_AT", "COOLDOWN_ACTIVITY", "COOLDOWN_STATE", "COOLDOWN_MESSAGE", "COOLDOWN_ALERT_NUMBER")


def test_the_command_learns_about_the_alert_from_its_environment(tmp_path: Path) -> None:
    out = tmp_path / "out"
    lines = "".join(f'printf "%s\\n" "${name}" >> "$1"\n' for name in (*VARIABLES, "MINE"))
    script(tmp_path / "bin", "tell-me", lines + 'printf "%s\\n" "$2" >> "$1"\n')
    notifier = CommandNotifier(["tell-me", str(out), "two words"], environ=environ(tmp_path / "bin", MINE="kept"))
    assert notifier.unavailable() is None
    notifier.alert(an_alert(number=2))
    assert out.read_text(encoding="utf-8").splitlines() == [
        "2026-11-21T19:30:00+01:00",
        "go for a walk",
        "due",
        WORDS,
        "2",
        "kept",
        "two words",
    ]


def test_no_activity_is_an_empty_variable_and_a_talk_says_so(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = script(tmp_path / "bin", "tell-me", 'printf "[%s]\\n" "$COOLDOWN_ACTIVITY" "$COOLDOWN_STATE" > "$1"\n')
    CommandNotifier([str(command), str(out)], environ=environ()).alert(an_alert(None, state="talk_due"))
    assert out.read_text(encoding="utf-8").splitlines() == ["[]", "[talk_due]"]


def test_it_runs_exactly_once_per_alert_without_a_shell(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = script(tmp_path / "bin", "count", 'printf "%s\\n" "$2" >> "$1"\n')
    notifier = CommandNotifier([str(command), str(out), "$HOME; touch pwned"], environ=environ())
    notifier.alert(an_alert())
    notifier.alert(an_alert(number=2))
    assert out.read_text(encoding="utf-8").splitlines() == ["$HOME; touch pwned"] * 2
    assert not (tmp_path / "pwned").exists()


def test_it_gets_nothing_on_stdin_and_its_stdout_goes_nowhere(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = script(tmp_path / "bin", "read", 'cat > "$1"\necho "said on stdout"\n')
    CommandNotifier([str(command), str(out)], environ=environ()).alert(an_alert())
    assert out.read_bytes() == b""


def test_a_failing_command_says_its_exit_status_and_last_words(tmp_path: Path) -> None:
    command = script(tmp_path / "bin", "fail", "echo 'trying' >&2\necho 'no network' >&2\necho >&2\nexit 3\n")
    with pytest.raises(NotifierError) as raised:
        CommandNotifier([str(command)], environ=environ()).alert(an_alert())
    assert str(raised.value) == f"“{command}” failed with exit status 3: no network"


def test_a_silent_failure_says_its_exit_status(tmp_path: Path) -> None:
    script(tmp_path / "bin", "quiet", "exit 1\n")
    with pytest.raises(NotifierError, match=r"^“quiet” failed with exit status 1$"):
        CommandNotifier(["quiet"], environ=environ(tmp_path / "bin")).alert(an_alert())


def test_a_command_ended_by_a_signal_says_which(tmp_path: Path) -> None:
    script(tmp_path / "bin", "killed", "kill -TERM $$\n")
    with pytest.raises(NotifierError, match=r"^“killed” was ended by signal SIGTERM$"):
        CommandNotifier(["killed"], environ=environ(tmp_path / "bin")).alert(an_alert())


def test_control_characters_in_its_stderr_are_dropped(tmp_path: Path) -> None:
    script(tmp_path / "bin", "noisy", "printf 'bad \\033[31mred\\033[0m\\n' >&2\nexit 2\n")
    with pytest.raises(NotifierError, match=r"^“noisy” failed with exit status 2: bad \[31mred\[0m$"):
        CommandNotifier(["noisy"], environ=environ(tmp_path / "bin")).alert(an_alert())


def test_a_command_not_on_path_is_not_found(tmp_path: Path) -> None:
    notifier = CommandNotifier(["cooldown-no-such-command"], environ={"PATH": str(tmp_path)})
    assert notifier.unavailable() == "“cooldown-no-such-command” was not found on PATH"
    with pytest.raises(NotifierError, match=r"^“cooldown-no-such-command” was not found on PATH$"):
        notifier.alert(an_alert())


def test_a_path_that_is_not_there_is_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    assert CommandNotifier([str(missing)], environ=environ()).unavailable() == f"“{missing}” was not found"


def test_a_file_without_the_execute_bit_is_not_executable(tmp_path: Path) -> None:
    plain_file = script(tmp_path / "bin", "not-run", "exit 0\n", mode=0o644)
    assert CommandNotifier([str(plain_file)], environ=environ()).unavailable() == f"“{plain_file}” is not executable"
    on_path = CommandNotifier(["not-run"], environ=environ(tmp_path / "bin"))
    assert on_path.unavailable() == "“not-run” is not executable"
    with pytest.raises(NotifierError, match="is not executable"):
        on_path.alert(an_alert())
    assert CommandNotifier([str(tmp_path)], environ=environ()).unavailable() == f"“{tmp_path}” is not executable"


def test_a_script_that_cannot_be_started_says_why(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.write_bytes(b"\x7fELF not really")
    broken.chmod(0o755)
    with pytest.raises(NotifierError, match=r"^“.*broken” could not be started: exec format error$"):
        CommandNotifier([str(broken)], environ=environ()).alert(an_alert())


def test_no_command_is_unavailable() -> None:
    assert CommandNotifier([]).unavailable() == "no command is set"


def alive(pid: int) -> bool:
    """The process is there and not a zombie waiting for a parent to reap it."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc here (macOS): ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def test_a_hanging_command_is_stopped_with_everything_it_started(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    body = 'echo $$ > "$1"\nsleep 300 &\necho $! >> "$1"\nwait\n'
    command = script(tmp_path / "bin", "hang", body)
    notifier = CommandNotifier([str(command), str(pids)], timeout=1, environ=environ())
    started = time.monotonic()
    with pytest.raises(NotifierError) as raised:
        notifier.alert(an_alert())
    assert 1 <= time.monotonic() - started < 4
    assert str(raised.value) == f"“{command}” was stopped after 1 s"
    main, child = map(int, pids.read_text(encoding="ascii").split())
    deadline = time.monotonic() + 5
    while (alive(main) or alive(child)) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not alive(main)
    assert not alive(child)


def test_a_helper_left_in_the_background_does_not_hold_the_alert_up(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    command = script(tmp_path / "bin", "leave", 'sleep 3 &\necho $! > "$1"\nexit 0\n')
    started = time.monotonic()
    CommandNotifier([str(command), str(pids)], timeout=2, environ=environ()).alert(an_alert())
    assert time.monotonic() - started < 1.5
    os.kill(int(pids.read_text(encoding="ascii")), 9)
