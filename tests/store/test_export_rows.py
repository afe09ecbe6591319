"""Tests for cooldown.store.export_rows, the import's quick path and store/bulk_insert.py: the same results as the models."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from cooldown.core.cues import Cue
from cooldown.core.episode import Episode, Outcome, Status
from cooldown.store import import_file
from cooldown.store.bulk_insert import insert_new
from cooldown.store.episodes import EpisodeLog
from cooldown.store.export import read_import, write_json
from cooldown.store.export_rows import COLUMNS, export_records
from cooldown.store.rows import to_row

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN)  # the night the clocks go forward
NOON = datetime(2026, 3, 1, 12, tzinfo=UTC)


def varied() -> list[Episode]:
    """Every status and outcome, empty and full fields, non-ASCII text, times at odd offsets."""
    odd = timezone(timedelta(hours=-9, minutes=-30))
    full = (
        Episode.begin(START, anger=9)
        .choose_activity("Tee trinken ☕ „draußen“")
        .agree_return(datetime(2026, 3, 29, 3, 30, 0, 250, tzinfo=BERLIN), START + timedelta(minutes=1))
        .rate_anger_during(6, datetime(2026, 3, 29, 0, 45, tzinfo=UTC))
        .count_pulse(118, datetime(2026, 3, 28, 15, 50, tzinfo=odd))
        .reschedule(datetime(2026, 3, 29, 4, 0, tzinfo=BERLIN), datetime(2026, 3, 29, 3, 0, tzinfo=BERLIN))
        .put_off_talk(datetime(2026, 3, 30, 20, 0, tzinfo=UTC))
        .come_back(datetime(2026, 3, 29, 2, 5, 0, 999999, tzinfo=UTC))
        .record_outcome(Outcome.SIDESTEP)
        .reflect(0, "Zwei Zeilen:\nerste, „zweite“ 😊")
        .notice("Geld 💶", (Cue(group="body", name="Herzrasen"), Cue(group="thoughts", name="“they don't care”")))
        .breathe(95)
    )
    episodes = [
        full,
        Episode.begin(START),
        Episode.begin(START, anger=0).choose_activity("walk"),
        Episode.begin(START).choose_activity("x").agree_return(START + timedelta(minutes=20)),
        Episode.begin(START).agree_return(START + timedelta(hours=1)).come_back(START + timedelta(minutes=50)),
        Episode.begin(START).agree_return(START + timedelta(hours=1)).put_off_talk(START + timedelta(days=1)),
        Episode.begin(START).abandon(),
        Episode.logged(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), Outcome.FIGHT, "=1+1 \u241b"),
        Episode(
            started_at=datetime(2000, 1, 1, tzinfo=odd),
            protocol_used=False,
            status=Status.DONE,
            outcome=Outcome.SIDESTEP,
            reschedules=3,
            note="\u00a0non-breaking\u200d",
        ),
    ]
    assert {e.status for e in episodes} == set(Status)
    assert {e.outcome for e in episodes} == {*Outcome, None}
    return episodes


def model_records(log: EpisodeLog) -> list[list[tuple[str, object]]]:
    return [list(episode.model_dump(mode="json").items()) for episode in log.episodes()]


def quick_records(path: Path) -> list[list[tuple[str, object]]]:
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row  # as EpisodeLog's connection: the records are read as plain tuples all the same
    try:
        return [list(record.items()) for record in export_records(db)]
    finally:
        db.close()


@pytest.fixture
def log(log_path: Path) -> EpisodeLog:
    with EpisodeLog(log_path) as opened:
        for episode in varied():
            opened.save(episode)
        yield opened


def test_records_are_the_models_values_in_the_models_order(log: EpisodeLog, log_path: Path) -> None:
    assert quick_records(log_path) == model_records(log)
    assert [name for name, _ in quick_records(log_path)[0]] == list(COLUMNS)


@pytest.mark.parametrize(
    ("column", "stored"),
    [
        ("started_at", "2026-03-29T01:30:00Z"),  # "Z" spelt out
        ("started_at", "2026-03-29T01:30:00.000000+01:00"),  # zero microseconds
        ("started_at", "2026-03-29 01:30:00+01:00"),  # a space for the T
        ("started_at", "2026-03-29T01:30:00-00:00"),
        ("return_at", "2026-03-29T03:30+01:00"),  # no seconds
        ("topic", "  money  "),  # spaces the model strips
        ("activity", "walk\x1b]0;x\x07"),  # control characters shown as pictures
        ("note", "one\r\ntwo\tthree\x1b"),
        ("statement", 4.0),
        ("protocol_used", "yes"),
        ("cues", '[{"name":" hurt ","group":"feelings"}]'),  # keys in another order, spaces around
        ("anger_during", ' [{"at":"2026-03-29T01:40:00+01:00","value":5.0}]'),
        ("moves", '[{"at":"2026-03-29T01:40:00+01:00","to":"2026-03-29T04:00:00+02:00"}]'),  # no "was"
    ],
)
def test_values_stored_another_way_come_out_as_the_model_has_them(
    column: str, stored: object, log: EpisodeLog, log_path: Path
) -> None:
    log.query("SELECT 1")  # the log is open; change a row past the model, as another program could
    db = sqlite3.connect(log_path)
    with db:
        db.execute(f"UPDATE episodes SET {column} = ?", (stored,))
    db.close()
    assert quick_records(log_path) == model_records(log)


@pytest.mark.parametrize(
    ("column", "stored"),
    [
        ("started_at", "2026-02-30T01:30:00+01:00"),
        ("started_at", "2026-03-29T01:30:00+01:00:30"),  # an offset with seconds: the model refuses it
        ("statement", 7),
        ("anger_before", -1),
        ("status", "finished"),
        ("pulses", '[{"at":"2026-03-29T01:40:00+01:00","bpm":900}]'),
        ("cues", '[{"group":"body","name":"x","extra":1}]'),
        ("moves", "[not json"),
    ],
)
def test_a_damaged_row_fails_as_the_model_fails(column: str, stored: object, log_path: Path) -> None:
    with EpisodeLog(log_path) as opened:
        opened.save(Episode.begin(START))
    db = sqlite3.connect(log_path)
    with db:
        db.execute(f"UPDATE episodes SET {column} = ?", (stored,))
    db.close()
    with pytest.raises((ValidationError, json.JSONDecodeError)):
        quick_records(log_path)


def test_many_rows_stream_in_order(log_path: Path) -> None:
    episodes = [Episode.begin(START + timedelta(minutes=n), anger=n % 10) for n in range(1_203)]
    with EpisodeLog(log_path) as opened:
        assert opened.add_new(episodes) == len(episodes)
        assert quick_records(log_path) == model_records(opened)


# --- the import's quick path --------------------------------------------------------


def test_a_good_file_is_read_the_quick_way_with_the_same_episodes(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "export.json"
    originals = varied()
    episodes = [e.model_copy(update={"id": n}) for n, e in enumerate(originals, start=1)]
    with target.open("w", encoding="utf-8") as out:
        write_json([*episodes, episodes[0]], out)  # the second copy of a uid is dropped
    quick = read_import(target)
    checked = []
    monkeypatch.setattr(import_file, "_valid_episodes", lambda text, now: checked.append(text))
    slow = read_import(target)
    assert checked  # the entry by entry path did run
    assert quick == slow
    assert [e.model_dump(exclude={"id"}) for e in quick] == [e.model_dump(exclude={"id"}) for e in originals]
    assert all(e.id is None for e in quick)


def test_an_old_indented_export_is_read_too(tmp_path: Path) -> None:
    target = tmp_path / "old.json"
    originals = varied()
    target.write_text(json.dumps([e.model_dump(mode="json") for e in originals], indent=2, ensure_ascii=False))
    assert [e.model_dump(exclude={"id"}) for e in read_import(target)] == [
        e.model_dump(exclude={"id"}) for e in originals
    ]


# --- rows and adding many at once -----------------------------------------------------


def reference_row(episode: Episode) -> dict[str, object]:
    """The columns as the model's dumps give them (what `to_row` gave before it read fields itself)."""
    row = episode.model_dump(mode="python", exclude={"id"})
    readings = episode.model_dump(mode="json", include={"anger_during", "pulses", "moves", "cues"})
    row.update({name: json.dumps(value, separators=(",", ":")) for name, value in readings.items()})
    for name in ("started_at", "agreed_at", "return_at", "returned_at", "talk_at"):
        row[name] = None if row[name] is None else row[name].isoformat()
    row.update(protocol_used=int(episode.protocol_used), outcome=episode.outcome and episode.outcome.value)
    row["status"] = episode.status.value
    return row


def test_to_row_holds_what_the_models_dumps_hold() -> None:
    for episode in varied():
        row = to_row(episode)
        assert {name: row[name] for name in reference_row(episode)} == reference_row(episode)


@pytest.mark.parametrize("held", [0, 5, 3_000])
def test_adding_many_keeps_every_index_and_skips_uids_held(held: int, log_path: Path) -> None:
    with EpisodeLog(log_path) as opened:
        opened.add_new(Episode.begin(NOON - timedelta(minutes=n)) for n in range(held))
        first = next(iter(opened.episodes()), None)
    db = sqlite3.connect(log_path, isolation_level=None)
    schema = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    new = [Episode.begin(NOON + timedelta(minutes=n)) for n in range(1_500)]
    db.execute("BEGIN IMMEDIATE")
    assert insert_new(db, [to_row(e) for e in [*new, *([first] if first else [])]]) == 1_500
    db.execute("COMMIT")
    assert db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA cache_size").fetchone()[0] == -2000  # SQLite's default, given back
    db.close()
    with EpisodeLog(log_path) as opened:
        assert opened.count() == held + 1_500
        assert [e.uid for e in opened.episodes()][-1_500:] == [e.uid for e in new]


def test_adding_many_is_all_or_nothing(log_path: Path) -> None:
    with EpisodeLog(log_path):
        pass
    db = sqlite3.connect(log_path, isolation_level=None)
    schema = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    rows = [to_row(Episode.begin(START + timedelta(minutes=n))) for n in range(1_200)]
    rows[-1]["note"] = object()  # no SQLite value: the last row fails
    db.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.Error):
        insert_new(db, rows)
    db.execute("ROLLBACK")
    assert db.execute("SELECT COUNT(*) FROM episodes").fetchone()[0] == 0
    assert db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema
    db.close()
