"""The log on a disk that fails for real: full, read-only, a folder in its place, a damaged file moved aside."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from cooldown.core.episode import Episode
from cooldown.store.episodes import DamagedLog, EpisodeLog, StoreError
from cooldown.store.faults import damaged_copies, set_aside
from tests.conftest import BERLIN
from tests.mounts import needs_mounts, run_with_own_mounts

AT = datetime(2026, 12, 1, 18, 40, tzinfo=BERLIN)


def real_log(path: Path, episodes: int = 40) -> bytes:
    """A real log with `episodes` in it, closed; its bytes."""
    with EpisodeLog(path) as log:
        for hour in range(episodes):
            log.save(Episode.begin(AT.replace(hour=hour % 24, day=1 + hour // 24)).choose_activity("walk"))
    return path.read_bytes()


def test_garbage_is_a_damaged_log_and_stays_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "episodes.sqlite3"
    garbage = b"not a database at all\x00\xff" * 200
    path.write_bytes(garbage)
    with pytest.raises(DamagedLog) as raised:
        EpisodeLog(path)
    assert raised.value.path == path
    assert "it is damaged (file is not a database)" in str(raised.value)
    assert "moved aside" in str(raised.value)
    assert path.read_bytes() == garbage


def test_half_a_real_log_is_a_damaged_log(tmp_path: Path) -> None:
    path = tmp_path / "episodes.sqlite3"
    whole = real_log(path, episodes=300)
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DamagedLog, match="damaged"):
        EpisodeLog(path)
    assert path.read_bytes() == whole[: len(whole) // 2]


def test_set_aside_moves_the_log_and_its_companions_to_a_dated_name(tmp_path: Path) -> None:
    path = tmp_path / "episodes.sqlite3"
    files = {"": b"damaged main file", "-wal": b"its wal", "-shm": b"its shm"}
    for end, data in files.items():
        Path(f"{path}{end}").write_bytes(data)
    moved = set_aside(path, AT)
    assert moved == tmp_path / "episodes.sqlite3.damaged-2026-12-01T1840"
    for end, data in files.items():
        assert Path(f"{moved}{end}").read_bytes() == data
        assert not Path(f"{path}{end}").exists()
    assert damaged_copies(path) == [moved]


def test_set_aside_never_takes_a_name_already_used(tmp_path: Path) -> None:
    path = tmp_path / "episodes.sqlite3"
    path.write_bytes(b"first damage")
    first = set_aside(path, AT)
    path.write_bytes(b"second damage, the same minute")
    second = set_aside(path, AT)
    assert second == tmp_path / "episodes.sqlite3.damaged-2026-12-01T1840-2"
    assert first.read_bytes() == b"first damage"
    assert second.read_bytes() == b"second damage, the same minute"


def test_set_aside_leaves_a_file_that_is_no_longer_the_damaged_one(tmp_path: Path) -> None:
    path = tmp_path / "episodes.sqlite3"
    path.write_bytes(b"damaged")
    with pytest.raises(DamagedLog) as raised:
        EpisodeLog(path)
    moved = set_aside(path, AT, raised.value.identity)  # another window got there first
    real_log(path, episodes=1)
    fresh = path.read_bytes()
    assert set_aside(path, AT, raised.value.identity) == moved
    assert path.read_bytes() == fresh


def test_a_folder_where_the_log_should_be_is_named_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "episodes.sqlite3"
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    with pytest.raises(StoreError) as raised:
        EpisodeLog(path)
    assert not isinstance(raised.value, DamagedLog)
    assert str(raised.value) == (
        f"The log at {path} could not be used: a folder is where the log file should be. "
        "Move or rename that folder, then start cooldown again"
    )
    assert (path / "keep.txt").read_text() == "mine"


@needs_mounts
def test_a_full_disk_fails_plainly_and_the_same_log_saves_once_space_is_freed(tmp_path: Path) -> None:
    found = run_with_own_mounts(
        f"""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
from cooldown.core.episode import Episode
from cooldown.store.episodes import EpisodeLog, StoreError
folder = Path({str(tmp_path / "disk")!r}); folder.mkdir()
mount_tmpfs(folder)
start = datetime(2026, 12, 1, 18, 40, tzinfo=ZoneInfo("Europe/Berlin"))
log = EpisodeLog(folder / "episodes.sqlite3")
filler = fill(folder)
try:
    for minute in range(200):
        log.save(Episode.begin(start + timedelta(minutes=minute)).choose_activity("walk " * 300))
    error = None
except StoreError as failed:
    error = failed
filler.unlink()
saved = log.save(Episode.begin(start + timedelta(hours=5)))
report(error=str(error), advice=error and error.advice, stored=log.get(saved.id) == saved)
"""
    )
    assert found["error"].startswith(f"The log at {tmp_path / 'disk' / 'episodes.sqlite3'} could not be used: ")
    assert "full" in found["error"]
    assert found["advice"] == "Free some space on that disk; the next step is saved once there is room"
    assert found["stored"] is True


READ_ONLY_THEN_WRITABLE = """
from datetime import datetime
from zoneinfo import ZoneInfo
from cooldown.core.episode import Episode
from cooldown.store.episodes import EpisodeLog, StoreError
folder = Path({folder!r})
read_only(folder)
episode = Episode.begin(datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")))
count, error = None, None
try:
    log = EpisodeLog(folder / "episodes.sqlite3")
    count = log.count()
    log.save(episode)
except StoreError as failed:
    error = failed
writable(folder)
log = log if count is not None else EpisodeLog(folder / "episodes.sqlite3")
saved = log.save(episode)
report(count=count, error=str(error), advice=error and error.advice, after=log.count(), stored=log.get(saved.id) == saved)
"""


@needs_mounts
def test_a_read_only_folder_is_named_with_what_to_do_and_the_log_opens_once_writable(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    real_log(folder / "episodes.sqlite3", episodes=3)
    found = run_with_own_mounts(READ_ONLY_THEN_WRITABLE.format(folder=str(folder)))
    assert found["count"] is None  # SQLite can't make its -shm file in a read-only folder, so not even reads
    assert found["error"].startswith(f"The log at {folder / 'episodes.sqlite3'} could not be used: its folder can't be")
    assert found["advice"].startswith(f"Make {folder} writable")
    assert found["after"] == 4 and found["stored"] is True


@needs_mounts
def test_a_log_opened_read_only_is_opened_afresh_once_writable(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    real_log(folder / "episodes.sqlite3", episodes=3)
    with EpisodeLog(folder / "episodes.sqlite3") as elsewhere:  # another window keeps -wal and -shm there
        elsewhere.count()
        found = run_with_own_mounts(READ_ONLY_THEN_WRITABLE.format(folder=str(folder)))
    assert found["count"] == 3  # still read while read-only
    assert "attempt to write a readonly database" in found["error"]
    assert found["advice"].startswith(f"Make {folder} writable")
    assert found["after"] == 4 and found["stored"] is True
    db = sqlite3.connect(folder / "episodes.sqlite3")
    try:
        assert db.execute("SELECT COUNT(*) FROM episodes").fetchone() == (4,)
    finally:
        db.close()
