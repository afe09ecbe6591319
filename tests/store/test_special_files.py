"""Files the user names that are not plain files: devices, pipes, links, /dev/stdout (store/files.py).

Device nodes are made with os.mknod in tmp_path (a null device is char 1,3, a
zero device char 1,5); the machine's own /dev is never touched. Whatever could
hang runs in a child process whose timeout only detects a hang. The console
script is the installed `cooldown` beside this Python.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cooldown.core.settings import Settings
from cooldown.paths import config_file
from cooldown.session.preferences import Preferences
from cooldown.store.config import load_config, save_config
from cooldown.store.files import (
    LOOP,
    NOBODY_READING,
    FileRefused,
    FileTooLarge,
    descriptor_named,
    read_file,
    write_file,
    write_text,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="device nodes, named pipes and /dev/fd")

COOLDOWN = Path(sys.executable).with_name("cooldown")
HANG = 60
"""Seconds after which a child counts as hung (a hang detector, not a speed limit)."""
NULL, ZERO = os.makedev(1, 3), os.makedev(1, 5)

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="os.mknod of a device needs root")


def device(path: Path, number: int = NULL, kind: int = stat.S_IFCHR) -> Path:
    os.mknod(path, kind | 0o600, number)
    return path


def is_device(path: Path, number: int = NULL) -> bool:
    info = path.lstat()
    return stat.S_ISCHR(info.st_mode) and info.st_rdev == number


def fifo(path: Path) -> Path:
    os.mkfifo(path, 0o600)
    return path


def cooldown(home: Path, *args: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """The installed console script, with its own COOLDOWN_HOME."""
    env = {**os.environ, "COOLDOWN_HOME": str(home)}
    return subprocess.run(
        [str(COOLDOWN), *args], env=env, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=HANG
    )


def python(home: Path, code: str) -> subprocess.CompletedProcess[str]:
    """`code` in a child Python (for anything that would hang if it went wrong)."""
    env = {**os.environ, "COOLDOWN_HOME": str(home)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=HANG)


@pytest.fixture
def logged(cooldown_home: Path) -> Path:
    """A home whose log holds one fight, logged by the console script."""
    result = cooldown(cooldown_home, "log", "fight", "--at", "2h ago", "--note", "dishes")
    assert result.returncode == 0, result.stderr
    return cooldown_home


def read_in_background(path: Path) -> tuple[threading.Thread, list[bytes]]:
    """Open the pipe `path` for reading in a thread and keep what arrives."""
    found: list[bytes] = []

    def read() -> None:
        with open(path, "rb") as pipe:
            found.append(pipe.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, found


def wait_for_reader(path: Path) -> int:
    """Until the reading thread has the pipe open; returns a writer to close when the writing is done.

    The reader sees the end of the pipe only once every writer has closed it, so
    this writer, held open meanwhile, keeps it from ending before the real one comes.
    """
    for _ in range(HANG * 1000):
        try:
            return os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            threading.Event().wait(0.001)
    raise AssertionError("the reader never opened the pipe")


# --- writing: what each kind of file becomes ---------------------------------------------


def test_a_regular_file_is_replaced_whole_and_private(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old and longer than what comes\n")
    target.chmod(0o644)
    assert write_text(target, lambda out: out.write("new\n")) == 4
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@needs_root
def test_a_null_device_is_written_through_and_stays_a_device(tmp_path: Path) -> None:
    node = device(tmp_path / "null")
    write_text(node, lambda out: out.write("[]\n"))
    assert is_device(node)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


@needs_root
def test_a_link_to_a_device_stays_a_link_to_a_device(tmp_path: Path) -> None:
    node = device(tmp_path / "null")
    link = tmp_path / "out.json"
    link.symlink_to(node)
    write_text(link, lambda out: out.write("[]\n"))
    assert link.is_symlink() and is_device(node)


def test_a_link_to_a_file_stays_a_link_and_its_file_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "kept" / "real.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "out.json"
    link.symlink_to(real)
    write_text(link, lambda out: out.write("new"))
    assert link.is_symlink() and link.readlink() == real
    assert real.read_text() == "new"
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_dangling_link_creates_what_it_points_to(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "made.json")
    write_text(link, lambda out: out.write("new"))
    assert link.is_symlink()
    assert (tmp_path / "made.json").read_text() == "new"


def test_a_link_loop_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(FileRefused) as refused:
        write_text(loop, lambda out: out.write("x"))
    assert str(refused.value) == LOOP == "it is a symbolic link that leads back to itself"
    assert loop.is_symlink()


def refused(path: Path) -> str:
    """The reason writing to `path` is refused; nothing may be written beside it."""
    before = sorted(path.parent.iterdir())
    with pytest.raises(FileRefused) as caught:
        write_file(path, lambda out: out.write(b"x"))
    assert sorted(path.parent.iterdir()) == before
    return str(caught.value)


@needs_root
def test_a_disk_device_is_refused(tmp_path: Path) -> None:
    node = device(tmp_path / "disk", os.makedev(7, 0), stat.S_IFBLK)
    assert refused(node) == "it is a disk device; cooldown writes only to files, terminals and pipes"
    assert stat.S_ISBLK(node.lstat().st_mode)


def test_a_folder_and_a_socket_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    assert refused(folder) == "it is a directory, not a file"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(tmp_path / "sock"))
        assert refused(tmp_path / "sock").startswith("it is a socket")


def test_a_pipe_nobody_reads_is_refused_at_once(tmp_path: Path, cooldown_home: Path) -> None:
    pipe = fifo(tmp_path / "pipe")
    result = python(
        cooldown_home,
        "from pathlib import Path\n"
        "from cooldown.store.files import FileRefused, write_text\n"
        "try:\n"
        f"    write_text(Path({str(pipe)!r}), lambda out: out.write('x'))\n"
        "except FileRefused as error:\n"
        "    print(error)\n",
    )
    assert result.stdout == NOBODY_READING + "\n", result.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_a_pipe_with_a_reader_gets_everything_and_stays_a_pipe(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "pipe")
    thread, found = read_in_background(pipe)
    keeper = wait_for_reader(pipe)
    text = "x" * 300_000  # more than a pipe holds at once: the writer waits for the reader
    write_text(pipe, lambda out: out.write(text))
    os.close(keeper)
    thread.join(HANG)
    assert found == [text.encode()]
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


# --- writing: /dev/stdout, /dev/fd/N, /proc/self/fd/N ------------------------------------


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("/dev/stdout", 1),
        ("/dev/stderr", 2),
        ("/dev/stdin", 0),
        ("/dev/fd/7", 7),
        ("/proc/self/fd/12", 12),
        (f"/proc/{os.getpid()}/fd/3", 3),
        ("/dev/fd/x", None),
        ("/dev/null", None),
        ("/proc/1/fd/3", None),
        ("out.json", None),
    ],
)
def test_names_that_stand_for_an_open_descriptor(name: str, number: int | None) -> None:
    assert descriptor_named(Path(name)) == number


@pytest.mark.parametrize("folder", ["/dev/fd", "/proc/self/fd"])
def test_a_descriptor_name_writes_to_that_descriptor(folder: str) -> None:
    reading, writing = os.pipe()
    try:
        write_text(Path(f"{folder}/{writing}"), lambda out: out.write("through the pipe"))
        os.close(writing)
        assert os.read(reading, 100) == b"through the pipe"
    finally:
        os.close(reading)


def test_a_descriptor_opened_to_append_keeps_appending(tmp_path: Path) -> None:
    target = tmp_path / "log.txt"
    target.write_text("before\n")
    descriptor = os.open(target, os.O_WRONLY | os.O_APPEND)
    try:
        write_text(Path(f"/dev/fd/{descriptor}"), lambda out: out.write("after\n"))
    finally:
        os.close(descriptor)
    assert target.read_text() == "before\nafter\n"


def test_a_descriptor_that_is_not_open_is_refused() -> None:
    descriptor = os.open(os.devnull, os.O_RDONLY)
    os.close(descriptor)  # now a number that is surely not open
    with pytest.raises(FileRefused, match="not open here"):
        write_text(Path(f"/dev/fd/{descriptor}"), lambda out: out.write("x"))


# --- reading ----------------------------------------------------------------------------


def test_a_regular_file_is_read_up_to_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "small"
    path.write_bytes(b"12345")
    assert read_file(path, 5) == b"12345"
    with pytest.raises(FileTooLarge) as caught:
        read_file(path, 4)
    assert (caught.value.size, str(caught.value)) == (5, "it is too large (5 bytes; at most 4)")


@needs_root
@pytest.mark.parametrize("through_a_link", [False, True])
def test_a_zero_device_is_refused_without_reading_it(tmp_path: Path, cooldown_home: Path, through_a_link: bool) -> None:
    path = device(tmp_path / "zero", ZERO)
    if through_a_link:
        (tmp_path / "link").symlink_to(path)
        path = tmp_path / "link"
    result = python(
        cooldown_home,
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # reading it whole would need more\n"
        "from pathlib import Path\n"
        "from cooldown.store.files import FileRefused, read_file\n"
        "try:\n"
        f"    read_file(Path({str(path)!r}), 1 << 40, pipes=True)\n"
        "except FileRefused as error:\n"
        "    print(error)\n",
    )
    assert result.stdout == "it is a device, not a file\n", result.stderr


def test_a_pipe_is_refused_unless_allowed_and_never_waited_on(tmp_path: Path, cooldown_home: Path) -> None:
    pipe = fifo(tmp_path / "pipe")
    result = python(
        cooldown_home,
        "from pathlib import Path\n"
        "from cooldown.store.files import FileRefused, read_file\n"
        f"path = Path({str(pipe)!r})\n"
        "try:\n"
        "    read_file(path, 100)\n"
        "except FileRefused as error:\n"
        "    print(error)\n"
        "print(repr(read_file(path, 100, pipes=True)))  # no writer: it ends at once\n",
    )
    assert result.stdout.splitlines() == ["it is a pipe, not a regular file", "b''"], result.stderr


def test_a_pipe_is_read_at_most_to_its_limit(tmp_path: Path) -> None:
    reading, writing = os.pipe()
    os.write(writing, b"x" * 1000)
    os.close(writing)
    try:
        with pytest.raises(FileTooLarge, match="more than 999 bytes"):
            read_file(Path(f"/dev/fd/{reading}"), 999, pipes=True)
    finally:
        os.close(reading)


def test_a_folder_and_a_loop_are_refused_for_reading(tmp_path: Path) -> None:
    with pytest.raises(FileRefused, match="directory"):
        read_file(tmp_path, 100)
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(FileRefused, match="leads back to itself"):
        read_file(loop, 100)


# --- the installed console script ---------------------------------------------------------


@needs_root
@pytest.mark.parametrize("command", [["export"], ["export", "--format", "csv"], ["plan", "--print"]])
def test_output_to_a_null_device_leaves_the_device(logged: Path, tmp_path: Path, command: list[str]) -> None:
    node = device(tmp_path / "null")
    result = cooldown(logged, *command, "--output", str(node))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert is_device(node)
    assert not list(tmp_path.glob(".null.*"))


@needs_root
def test_output_to_a_link_to_a_null_device(logged: Path, tmp_path: Path) -> None:
    node = device(tmp_path / "null")
    link = tmp_path / "export.json"
    link.symlink_to(node)
    assert cooldown(logged, "export", "--output", str(link)).returncode == 0
    assert link.is_symlink() and is_device(node)


def test_output_to_a_pipe_nobody_reads_says_so(logged: Path, tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "pipe")
    result = cooldown(logged, "export", "--output", str(pipe))
    assert result.returncode == 1
    assert result.stderr == f"cooldown export: can't write {pipe}: {NOBODY_READING}\n"
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_output_to_a_pipe_with_a_reader(logged: Path, tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "pipe")
    thread, found = read_in_background(pipe)
    keeper = wait_for_reader(pipe)
    result = cooldown(logged, "export", "--output", str(pipe))
    os.close(keeper)
    thread.join(HANG)
    assert result.returncode == 0, result.stderr
    assert [row["note"] for row in json.loads(found[0])] == ["dishes"]
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_output_to_dev_stdout_goes_where_stdout_goes(logged: Path, tmp_path: Path) -> None:
    result = cooldown(logged, "export", "--output", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert [row["note"] for row in json.loads(result.stdout)] == ["dishes"]
    assert result.stderr == "Exported 1 episode to /dev/stdout.\n"
    appended = tmp_path / "appended.txt"
    appended.write_text("kept\n")
    with open(appended, "a") as out:
        assert cooldown(logged, "plan", "--output", "/dev/stdout", stdout=out).returncode == 0
    text = appended.read_text()
    assert text.startswith("kept\n") and "# " in text[5:]


@needs_root
@pytest.mark.parametrize("kind", ["disk", "folder"])
def test_output_to_a_disk_device_or_a_folder_is_refused(logged: Path, tmp_path: Path, kind: str) -> None:
    target = tmp_path / kind
    if kind == "disk":
        device(target, os.makedev(7, 0), stat.S_IFBLK)
    else:
        target.mkdir()
    result = cooldown(logged, "export", "--output", str(target))
    assert result.returncode == 1
    assert result.stderr.startswith(f"cooldown export: can't write {target}: it is a ")
    assert len(result.stderr.splitlines()) == 1
    assert not list(tmp_path.glob(f".{kind}.*"))


# --- config.toml that is a pipe, a device or a link ---------------------------------------


def test_saving_over_a_config_pipe_never_hangs_and_keeps_the_pipe(cooldown_home: Path) -> None:
    """A config.toml pipe reads as broken, so saving asks for a copy of it first: neither may wait."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fifo(path)
    result = python(
        cooldown_home,
        "from cooldown.core.settings import Settings\n"
        "from cooldown.paths import config_file\n"
        "from cooldown.session.preferences import Preferences\n"
        "preferences = Preferences(config_file())\n"
        "print(preferences.problems[0].message)\n"
        "print(preferences.update(Settings(partner_name='Sam')).text)\n",
    )
    problem, notice = result.stdout.splitlines()
    assert problem == "is not a regular file", result.stderr
    assert notice.startswith("Couldn't save ") and notice.endswith(
        f"config.toml ({NOBODY_READING}). The change holds until you close cooldown."
    )
    assert stat.S_ISFIFO(path.lstat().st_mode)
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]


def test_saving_to_a_config_pipe_with_a_reader_writes_the_settings(cooldown_home: Path) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fifo(path)
    thread, found = read_in_background(path)
    keeper = wait_for_reader(path)
    assert save_config(Settings(partner_name="Sam"), path, keep_broken=True) is None
    os.close(keeper)
    thread.join(HANG)
    assert b'partner_name = "Sam"' in found[0]
    assert stat.S_ISFIFO(path.lstat().st_mode)


@needs_root
@pytest.mark.parametrize("through_a_link", [False, True])
def test_a_config_device_is_written_through_and_stays(
    cooldown_home: Path, tmp_path: Path, through_a_link: bool
) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    node = device(tmp_path / "null" if through_a_link else path)
    if through_a_link:
        path.symlink_to(node)
    preferences = Preferences(path)
    assert [p.message for p in preferences.problems] == ["is not a regular file"]
    assert preferences.update(Settings(partner_name="Sam")) is None  # nothing to keep, nothing refused
    assert is_device(node)
    assert path.is_symlink() is through_a_link
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]


@needs_root
def test_a_config_linked_to_a_zero_device_reads_as_a_problem(cooldown_home: Path, tmp_path: Path) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(device(tmp_path / "zero", ZERO))
    result = python(
        cooldown_home,
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from cooldown.paths import config_file\n"
        "from cooldown.store.config import load_config\n"
        "print(load_config(config_file()).problems[0].message)\n",
    )
    assert result.stdout == "is not a regular file\n", result.stderr


def test_a_config_link_loop_is_a_problem_and_is_not_replaced(cooldown_home: Path) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(path)
    loaded = load_config(path)
    assert [p.message for p in loaded.problems] == ["is a symbolic link that leads back to itself"]
    with pytest.raises(OSError, match="leads back to itself"):
        save_config(loaded.settings, path, keep_broken=True)
    assert path.is_symlink()


def test_a_broken_config_behind_a_link_is_kept_beside_its_file(cooldown_home: Path, tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "config.toml"
    real.parent.mkdir()
    real.write_text("[cooldown]\nminimum_minute = 5\n")
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(real)
    loaded = load_config(path)
    kept = save_config(loaded.settings, path, keep_broken=bool(loaded.problems))
    assert kept is not None and kept.parent == real.parent
    assert kept.read_text() == "[cooldown]\nminimum_minute = 5\n"
    assert path.is_symlink() and load_config(real).problems == ()
