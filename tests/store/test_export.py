"""Tests for cooldown.store.export: JSON and CSV exports, and JSON imports."""

from __future__ import annotations

import csv
import io
import json
import os
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.store.episodes import EpisodeLog
from cooldown.store.export import (
    EXPORT_FIELDS,
    MAX_PROBLEMS,
    ImportProblem,
    read_import,
    to_json,
    write_csv,
    write_json,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

KEYS = {
    "id",
    "uid",
    "started_at",
    "protocol_used",
    "statement",
    "anger_before",
    "activity",
    "agreed_at",
    "return_at",
    "returned_at",
    "reschedules",
    "moves",
    "talk_at",
    "outcome",
    "anger_after",
    "note",
    "anger_during",
    "pulses",
    "breathing_seconds",
    "topic",
    "cues",
    "status",
}
TIME_KEYS = ("started_at", "return_at", "returned_at")
START = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)


def complete(outcome: Outcome) -> Episode:
    return (
        Episode.begin(START, anger=7)
        .choose_activity("go for a walk")
        .agree_return(datetime(2026, 11, 21, 12, 30, tzinfo=NEW_YORK))
        .rate_anger_during(5, datetime(2026, 11, 21, 18, 12, tzinfo=BERLIN))
        .count_pulse(104, datetime(2026, 11, 21, 18, 13, tzinfo=BERLIN))
        .rate_anger_during(3, datetime(2026, 11, 21, 18, 25, tzinfo=BERLIN))
        .breathe(240)
        .come_back(datetime(2026, 11, 21, 17, 35, tzinfo=UTC))
        .record_outcome(outcome)
        .reflect(2, "Better.")
    )


def test_empty_is_an_empty_array() -> None:
    assert json.loads(to_json([])) == []


def test_exact_keys_and_values() -> None:
    episode = complete(Outcome.SIDESTEP).model_copy(update={"id": 7})
    data = json.loads(to_json([episode]))
    assert isinstance(data, list)
    assert len(data) == 1
    (row,) = data
    assert set(row) == KEYS
    assert row["id"] == 7
    assert row["uid"] == episode.uid
    assert row["protocol_used"] is True
    assert row["statement"] == 4
    assert row["anger_before"] == 7
    assert row["activity"] == "go for a walk"
    assert row["reschedules"] == 0
    assert row["outcome"] == "sidestep"
    assert row["anger_after"] == 2
    assert row["note"] == "Better."
    assert row["status"] == "done"


def test_times_are_iso_8601_with_offsets() -> None:
    (row,) = json.loads(to_json([complete(Outcome.FIGHT)]))
    parsed = {key: datetime.fromisoformat(row[key]) for key in TIME_KEYS}
    for key, moment in parsed.items():
        assert moment.utcoffset() is not None, key
    assert parsed["started_at"].utcoffset() == timedelta(hours=1)
    assert parsed["started_at"] == START
    assert parsed["return_at"].utcoffset() == timedelta(hours=-5)
    assert parsed["return_at"].astimezone(UTC) == datetime(2026, 11, 21, 17, 30, tzinfo=UTC)
    assert parsed["returned_at"].utcoffset() == timedelta(0)
    assert parsed["returned_at"] == datetime(2026, 11, 21, 17, 35, tzinfo=UTC)


@pytest.mark.parametrize(
    ("episode", "expected"),
    [
        (complete(Outcome.SIDESTEP), "sidestep"),
        (complete(Outcome.FIGHT), "fight"),
        (Episode.begin(START), None),
        (Episode.begin(START).abandon(), None),
    ],
    ids=["sidestep", "fight", "unfinished", "abandoned"],
)
def test_outcome_is_sidestep_fight_or_null(episode: Episode, expected: str | None) -> None:
    (row,) = json.loads(to_json([episode]))
    assert row["outcome"] == expected


def test_unset_values_are_null() -> None:
    (row,) = json.loads(to_json([Episode.begin(START)]))
    assert set(row) == KEYS
    assert row["id"] is None
    assert row["return_at"] is None
    assert row["returned_at"] is None
    assert row["activity"] is None
    assert row["anger_before"] is None
    assert row["anger_after"] is None
    assert row["status"] == "statements"


def test_order_is_kept() -> None:
    episodes = [Episode.begin(START + timedelta(hours=h)) for h in (3, 1, 2)]
    assert [row["uid"] for row in json.loads(to_json(episodes))] == [e.uid for e in episodes]


def test_accepts_any_iterable_such_as_the_log(log_path) -> None:
    with EpisodeLog(log_path) as log:
        first = log.save(complete(Outcome.FIGHT))
        second = log.save(Episode.begin(datetime(2026, 11, 22, 9, 0, tzinfo=timezone(timedelta(hours=5)))))
        text = to_json(log.episodes())
    data = json.loads(text)
    assert [row["id"] for row in data] == [first.id, second.id]
    assert datetime.fromisoformat(data[1]["started_at"]).utcoffset() == timedelta(hours=5)


def test_non_ascii_text_is_written_as_is() -> None:
    episode = Episode.begin(START).choose_activity("Tee trinken ☕").reflect(None, "Ärger „weg“")
    text = to_json([episode])
    assert "Tee trinken ☕" in text
    assert "Ärger „weg“" in text
    (row,) = json.loads(text)
    assert row["note"] == "Ärger „weg“"


# --- to_json and write_json ------------------------------------------------------


def mixed() -> list[Episode]:
    return [
        complete(Outcome.SIDESTEP).model_copy(update={"id": 1}),
        complete(Outcome.FIGHT),
        Episode.begin(START, anger=3).choose_activity("Tee ☕").abandon(),
        Episode(started_at=START, protocol_used=False, outcome=Outcome.FIGHT, status=Status.DONE),
    ]


@pytest.mark.parametrize("count", [0, 1, 4])
def test_to_json_is_an_array_with_one_compact_object_a_line(count: int) -> None:
    episodes = mixed()[:count]
    dumps = [json.dumps(e.model_dump(mode="json"), ensure_ascii=False) for e in episodes]
    assert to_json(episodes) == ("[\n" + ",\n".join(dumps) + "\n]" if dumps else "[]")
    assert json.loads(to_json(episodes)) == [e.model_dump(mode="json") for e in episodes]


def test_to_json_writes_more_than_one_chunk_in_order() -> None:
    episodes = list(many(1_234))
    lines = to_json(episodes).split("\n")
    assert (lines[0], lines[-1]) == ("[", "]")
    assert [json.loads(line.rstrip(","))["uid"] for line in lines[1:-1]] == [e.uid for e in episodes]


@pytest.mark.parametrize("count", [0, 1, 4])
def test_write_json_writes_to_json_plus_a_newline(count: int) -> None:
    episodes = mixed()[:count]
    out = io.StringIO()
    assert write_json(iter(episodes), out) == count
    assert out.getvalue() == to_json(episodes) + "\n"


def many(count: int) -> Iterator[Episode]:
    for n in range(count):
        yield Episode(
            uid=f"{n:032x}",
            started_at=START + timedelta(minutes=n),
            anger_before=n % 10,
            note=f"note {n}",
        )


def test_write_json_streams_twenty_thousand_episodes(tmp_path: Path) -> None:
    target = tmp_path / "big.json"
    tracemalloc.start()
    try:
        with target.open("w", encoding="utf-8") as out:
            written = write_json(many(20_000), out)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written == 20_000
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data) == 20_000
    assert data[0]["uid"] == f"{0:032x}"
    assert data[-1]["note"] == "note 19999"
    # A list of 20,000 dicts alone would take tens of megabytes.
    assert peak < 5_000_000


# --- write_csv -------------------------------------------------------------------


def csv_rows(episodes: list[Episode], tmp_path: Path) -> tuple[list[str], list[dict[str, str]]]:
    target = tmp_path / "episodes.csv"
    with target.open("w", encoding="utf-8", newline="") as out:
        assert write_csv(episodes, out) == len(episodes)
    with target.open(encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def test_export_fields_are_the_model_fields_in_order() -> None:
    assert EXPORT_FIELDS == (
        "id",
        "uid",
        "started_at",
        "protocol_used",
        "statement",
        "anger_before",
        "activity",
        "agreed_at",
        "return_at",
        "returned_at",
        "reschedules",
        "moves",
        "talk_at",
        "outcome",
        "anger_after",
        "anger_during",
        "pulses",
        "breathing_seconds",
        "topic",
        "cues",
        "note",
        "status",
    )
    assert set(EXPORT_FIELDS) == KEYS


def test_csv_header_and_row_read_back(tmp_path: Path) -> None:
    episode = complete(Outcome.SIDESTEP).model_copy(update={"id": 7})
    header, (row,) = csv_rows([episode], tmp_path)
    assert tuple(header) == EXPORT_FIELDS
    assert row == {
        "id": "7",
        "uid": episode.uid,
        "started_at": "2026-11-21T18:00:00+01:00",
        "protocol_used": "true",
        "statement": "4",
        "anger_before": "7",
        "activity": "go for a walk",
        "agreed_at": "",
        "return_at": "2026-11-21T12:30:00-05:00",
        "returned_at": json.loads(to_json([episode]))[0]["returned_at"],
        "reschedules": "0",
        "moves": "",
        "talk_at": "",
        "outcome": "sidestep",
        "anger_after": "2",
        "anger_during": "5@18:12;3@18:25",  # each list in one cell, times in their own offset
        "pulses": "104@18:13",
        "breathing_seconds": "240",
        "topic": "",
        "cues": "",
        "note": "Better.",
        "status": "done",
    }
    assert datetime.fromisoformat(row["returned_at"]) == datetime(2026, 11, 21, 17, 35, tzinfo=UTC)


def test_csv_nulls_are_empty_cells_and_false_is_false(tmp_path: Path) -> None:
    episode = Episode(started_at=START, protocol_used=False)
    _, (row,) = csv_rows([episode], tmp_path)
    for name in ("id", "anger_before", "activity", "return_at", "returned_at", "outcome", "anger_after", "note"):
        assert row[name] == "", name
    assert (row["anger_during"], row["pulses"], row["breathing_seconds"]) == ("", "", "0")
    assert row["protocol_used"] == "false"
    assert row["statement"] == "0"
    assert row["status"] == "statements"


def test_csv_empty_log_is_just_the_header() -> None:
    out = io.StringIO()
    assert write_csv([], out) == 0
    assert out.getvalue() == ",".join(EXPORT_FIELDS) + "\r\n"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tcalm down", "'\tcalm down"),
        ("\rcalm down", "'\rcalm down"),
        ("plain text", "plain text"),
        ("a = b + c - d @ e", "a = b + c - d @ e"),
        ("'quoted'", "'quoted'"),
        ("Tee trinken ☕", "Tee trinken ☕"),
    ],
)
def test_csv_neutralises_formulas_in_text(text: str, cell: str, tmp_path: Path) -> None:
    # Built past the model's cleaning (which makes a tab a space), so the CSV guard is what is tested.
    episode = Episode.begin(START).model_copy(update={"activity": text, "note": text})
    _, (row,) = csv_rows([episode], tmp_path)
    assert row["activity"] == cell
    assert row["note"] == cell


def test_csv_neutralises_any_string_cell_but_never_numbers(tmp_path: Path) -> None:
    episode = Episode(id=3, uid="=HYPERLINK(x)", started_at=START, anger_before=0, reschedules=12)
    _, (row,) = csv_rows([episode], tmp_path)
    assert row["uid"] == "'=HYPERLINK(x)"
    assert row["id"] == "3"
    assert row["anger_before"] == "0"
    assert row["reschedules"] == "12"


def test_csv_keeps_newlines_and_quotes_inside_a_cell(tmp_path: Path) -> None:
    episode = Episode.begin(START).reflect(None, 'line one\nline "two", three')
    _, (row,) = csv_rows([episode], tmp_path)
    assert row["note"] == 'line one\nline "two", three'


# --- read_import: round trips -------------------------------------------------------


@pytest.fixture
def log(tmp_path: Path) -> Iterator[EpisodeLog]:
    with EpisodeLog(tmp_path / "target" / "episodes.sqlite3") as opened:
        yield opened


def without_ids(text: str) -> list[dict[str, object]]:
    return [{k: v for k, v in row.items() if k != "id"} for row in json.loads(text)]


def export_file(episodes: list[Episode], tmp_path: Path, name: str = "episodes.json") -> Path:
    target = tmp_path / name
    with target.open("w", encoding="utf-8") as out:
        write_json(episodes, out)
    return target


def test_round_trip_through_a_second_log(tmp_path: Path) -> None:
    with EpisodeLog(tmp_path / "source" / "episodes.sqlite3") as source:
        for episode in [*mixed(), Episode.begin(datetime(2026, 11, 22, 9, tzinfo=timezone(timedelta(hours=5))))]:
            source.save(episode.model_copy(update={"id": None}))
        first = to_json(source.episodes())
        exported = export_file(list(source.episodes()), tmp_path)
    imported = read_import(exported)
    assert all(episode.id is None for episode in imported)
    with EpisodeLog(tmp_path / "target" / "episodes.sqlite3") as target:
        assert target.add_new(imported) == 5
        second = to_json(target.episodes())
    assert without_ids(second) == without_ids(first)
    assert len(without_ids(first)) == 5


def test_round_trip_keeps_text_and_offsets(tmp_path: Path, log: EpisodeLog) -> None:
    episodes = mixed()
    imported = read_import(export_file(episodes, tmp_path))
    assert [e.model_dump(exclude={"id"}) for e in imported] == [e.model_dump(exclude={"id"}) for e in episodes]
    assert imported[2].activity == "Tee ☕"
    assert any(e.anger_during and e.pulses and e.breathing_seconds for e in imported)  # the check-ins too
    assert imported[0].return_at is not None
    assert imported[0].return_at.utcoffset() == timedelta(hours=-5)


def test_importing_the_same_file_twice_adds_nothing_the_second_time(tmp_path: Path, log: EpisodeLog) -> None:
    exported = export_file(mixed(), tmp_path)
    assert log.add_new(read_import(exported)) == 4
    before = to_json(log.episodes())
    assert log.add_new(read_import(exported)) == 0
    assert to_json(log.episodes()) == before
    assert len(list(log.episodes())) == 4


def test_empty_array_is_valid(tmp_path: Path, log: EpisodeLog) -> None:
    target = tmp_path / "empty.json"
    target.write_text("[]\n", encoding="utf-8")
    assert read_import(target) == []
    assert log.add_new(read_import(target)) == 0


def test_duplicate_uids_in_a_file_keep_the_first(tmp_path: Path) -> None:
    first = complete(Outcome.SIDESTEP)
    second = first.model_copy(update={"note": "second copy"})
    other = Episode.begin(START)
    imported = read_import(export_file([first, other, second], tmp_path))
    assert [e.uid for e in imported] == [first.uid, other.uid]
    assert imported[0].note == "Better."


def test_ids_are_dropped_whatever_they_hold(tmp_path: Path) -> None:
    target = tmp_path / "ids.json"
    rows = json.loads(to_json([Episode.begin(START), Episode.begin(START)]))
    rows[0]["id"] = 41
    rows[1]["id"] = "not even a number"
    target.write_text(json.dumps(rows), encoding="utf-8")
    assert [e.id for e in read_import(target)] == [None, None]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    target = tmp_path / "bom.json"
    target.write_bytes(b"\xef\xbb\xbf" + to_json([Episode.begin(START)]).encode("utf-8"))
    assert len(read_import(target)) == 1


# --- read_import: problems ----------------------------------------------------------


def entry(**changes: object) -> dict[str, object]:
    row: dict[str, object] = json.loads(to_json([complete(Outcome.SIDESTEP)]))[0]
    row.update(changes)
    return row


def write_entries(tmp_path: Path, *rows: object) -> Path:
    target = tmp_path / "episodes.json"
    target.write_text(json.dumps(list(rows), indent=2), encoding="utf-8")
    return target


def refused(path: Path, log: EpisodeLog) -> str:
    """read_import's message for `path`; the log must still be as it was."""
    before = to_json(log.episodes())
    with pytest.raises(ImportProblem) as caught:
        log.add_new(read_import(path))
    assert to_json(log.episodes()) == before
    message = str(caught.value)
    assert str(path) in message
    assert "Traceback" not in message
    return message


@pytest.fixture
def kept(log: EpisodeLog) -> Episode:
    """One episode already in the log, which a failed import must leave alone."""
    return log.save(Episode.begin(START).reflect(None, "already here"))


def test_missing_file(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = tmp_path / "nowhere.json"
    assert refused(path, log) == f"can't read {path}: no such file or directory"


def test_directory_instead_of_a_file(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = tmp_path / "folder.json"
    path.mkdir()
    message = refused(path, log)
    assert message.startswith(f"can't read {path}: ")
    assert "directory" in message


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = write_entries(tmp_path, entry())
    path.chmod(0)
    try:
        assert refused(path, log) == f"can't read {path}: permission denied"
    finally:
        path.chmod(0o600)


def test_invalid_utf8(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('[\n  {"note": "Ärger"}\n]'.encode("latin-1"))
    message = refused(path, log)
    assert "not UTF-8" in message
    assert "byte 0xc4 at line 2, column 13" in message


def test_empty_file(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = tmp_path / "empty.json"
    path.write_text("  \n", encoding="utf-8")
    assert refused(path, log) == f"{path} is empty; an export with no episodes is []"


def test_bad_json_names_line_and_column(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"uid": "a"\n   "note": "x"}\n]', encoding="utf-8")
    message = refused(path, log)
    assert message == f"{path} is not valid JSON: expecting ',' delimiter at line 3, column 4"


def test_a_number_too_long_to_parse_is_bad_json(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = tmp_path / "long.json"
    path.write_text("[" + "9" * 5000 + "]", encoding="utf-8")
    assert "is not valid JSON" in refused(path, log)


def test_deep_nesting_is_bad_json(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "is not valid JSON" in refused(path, log)


@pytest.mark.parametrize(
    ("top", "kind"),
    [({"episodes": []}, "an object"), ("[]", "text"), (3, "a number"), (None, "null")],
)
def test_top_level_must_be_an_array(top: object, kind: str, tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = tmp_path / "episodes.json"
    path.write_text(json.dumps(top), encoding="utf-8")
    message = refused(path, log)
    assert "expected a JSON array of episodes" in message
    assert message.endswith(f"got {kind}")


def test_entry_must_be_an_object(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = write_entries(tmp_path, entry(), ["not", "an", "episode"])
    assert refused(path, log) == (f"{path}, entry 2: must be an object with episode fields, got an array")


def test_unknown_field_suggests_the_closest(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    row = entry()
    row["outcom"] = row.pop("outcome")
    path = write_entries(tmp_path, entry(), entry(), row)
    assert refused(path, log) == (f"{path}, entry 3, field 'outcom': is not an episode field; did you mean 'outcome'?")


def test_unknown_field_without_a_close_match(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = write_entries(tmp_path, entry(colour="blue"))
    assert refused(path, log) == f"{path}, entry 1, field 'colour': is not an episode field"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("anger_before", "high", "must be a whole number from 0 to 9, or empty (got 'high')"),
        ("anger_before", 12, "must be a whole number from 0 to 9, or empty (got 12)"),
        ("anger_before", "7", "must be a whole number from 0 to 9, or empty (got '7')"),
        ("anger_after", 2.5, "must be a whole number from 0 to 9, or empty (got 2.5)"),
        ("statement", 5, "must be a whole number from 0 to 4 (got 5)"),
        ("reschedules", -1, "must be a whole number, 0 or more (got -1)"),
        ("outcome", "win", "must be 'sidestep', 'fight' or empty (got 'win')"),
        (
            "status",
            "over",
            "must be one of 'statements', 'cooling', 'returned', 'talk_later', 'done' or 'abandoned' (got 'over')",
        ),
        ("protocol_used", 1, "must be true or false (got 1)"),
        ("protocol_used", "yes", "must be true or false (got 'yes')"),
        ("note", None, "must be text (got null)"),
        ("activity", ["walk"], 'must be text, or empty (got ["walk"])'),
        ("uid", 5, "must be text (got 5)"),
        (
            "started_at",
            "2026-11-21T18:00:00",
            "must be a date and time with its UTC offset, like 2026-11-21T18:00:00+01:00 (got '2026-11-21T18:00:00')",
        ),
        (
            "return_at",
            "tomorrow",
            "must be a date and time with its UTC offset, like 2026-11-21T18:00:00+01:00, or empty (got 'tomorrow')",
        ),
        (
            "returned_at",
            1763745300,
            "must be a date and time with its UTC offset, like 2026-11-21T18:00:00+01:00, or empty (got 1763745300)",
        ),
        ("reschedules", 2**70, f"is too large to store (got {2**70})"),
        ("note", "\ud800", "contains a broken character (an unpaired \\u escape)"),
    ],
)
def test_wrong_values_name_the_entry_and_field(
    field: str, value: object, expected: str, tmp_path: Path, log: EpisodeLog, kept: Episode
) -> None:
    path = write_entries(tmp_path, entry(), entry(), entry(**{field: value}))
    assert refused(path, log) == f"{path}, entry 3, field {field!r}: {expected}"


def test_long_values_are_shortened(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = write_entries(tmp_path, entry(outcome="w" * 500))
    message = refused(path, log)
    assert "(got 'wwwwwwww" in message
    assert "w" * 100 not in message
    assert message.endswith("...)")


@pytest.mark.parametrize("field", ["uid", "started_at"])
def test_required_fields(field: str, tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    row = entry()
    del row[field]
    message = refused(write_entries(tmp_path, row), log)
    assert f"entry 1, field {field!r}: is missing" in message


def test_several_problems_are_listed_together(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = write_entries(
        tmp_path,
        entry(),
        entry(outcome="win", anger_before="high"),
        entry(),
        entry(outcom="fight"),
    )
    message = refused(path, log)
    assert message.splitlines() == [
        f"{path} can't be imported, it has 3 problems:",
        "  entry 2, field 'anger_before': must be a whole number from 0 to 9, or empty (got 'high')",
        "  entry 2, field 'outcome': must be 'sidestep', 'fight' or empty (got 'win')",
        "  entry 4, field 'outcom': is not an episode field; did you mean 'outcome'?",
    ]


def test_at_most_a_few_problems_are_spelled_out(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    path = write_entries(tmp_path, *[entry(outcome="win") for _ in range(12)])
    with pytest.raises(ImportProblem) as caught:
        read_import(path)
    problem = caught.value
    assert problem.total == 12
    assert len(problem.problems) == MAX_PROBLEMS
    assert [p.entry for p in problem.problems] == [1, 2, 3, 4, 5]
    assert {p.field for p in problem.problems} == {"outcome"}
    lines = str(problem).splitlines()
    assert lines[0] == f"{path} can't be imported, it has 12 problems:"
    assert lines[-1] == "  ... and 7 more"
    assert len(lines) == MAX_PROBLEMS + 2
    assert refused(path, log) == str(problem)


def test_one_bad_entry_among_many_good_adds_nothing(tmp_path: Path, log: EpisodeLog, kept: Episode) -> None:
    rows = json.loads(to_json(list(many(50))))
    rows[49]["anger_after"] = 10
    path = write_entries(tmp_path, *rows)
    assert "entry 50, field 'anger_after'" in refused(path, log)
    assert [e.uid for e in log.episodes()] == [kept.uid]


def test_an_import_with_a_reading_out_of_range_names_it(tmp_path: Path) -> None:
    entry = json.loads(to_json([complete(Outcome.SIDESTEP)]))[0]
    entry["anger_during"][0]["value"] = 12
    path = tmp_path / "import.json"
    path.write_text(json.dumps([entry]))
    with pytest.raises(ImportProblem) as caught:
        read_import(path)
    message = str(caught.value)
    assert "entry 1, field 'anger_during'" in message
    assert "0 to 9" in message


def put_off() -> Episode:
    """More time asked twice, then back, and the talk put off to 21:00."""
    moved = (
        Episode.begin(START)
        .choose_activity("go for a walk")
        .agree_return(datetime(2026, 11, 21, 18, 30, tzinfo=BERLIN), START)
        .reschedule(datetime(2026, 11, 21, 18, 45, tzinfo=BERLIN), datetime(2026, 11, 21, 18, 28, tzinfo=BERLIN))
        .reschedule(datetime(2026, 11, 21, 13, 0, tzinfo=NEW_YORK), datetime(2026, 11, 21, 18, 44, tzinfo=BERLIN))
    )
    return moved.come_back(datetime(2026, 11, 21, 19, 2, tzinfo=BERLIN)).put_off_talk(
        datetime(2026, 11, 21, 21, 0, tzinfo=BERLIN)
    )


def test_moves_and_a_talk_put_off_go_out_and_come_back_whole(tmp_path: Path) -> None:
    episode = put_off()
    imported = read_import(export_file([episode], tmp_path))
    assert [e.model_dump(exclude={"id"}) for e in imported] == [episode.model_dump(exclude={"id"})]
    assert imported[0].moves[1].to.utcoffset() == timedelta(hours=-5)
    _, (row,) = csv_rows([episode], tmp_path)
    assert row["moves"] == "18:45@18:28;13:00@18:44"  # the new time at the time asked, each in its own offset
    assert row["talk_at"] == "2026-11-21T21:00:00+01:00"
    assert (row["reschedules"], row["status"]) == ("2", "talk_later")


def test_what_set_it_off_and_the_first_signs_go_out_and_come_back(tmp_path: Path) -> None:
    from cooldown.core.cues import Cue

    signs = (Cue(group="body", name="hot face"), Cue(group="thoughts", name="wanting to win"))
    noticed = [episode.notice("money", signs) for episode in mixed()[:1]]
    imported = read_import(export_file(noticed, tmp_path))
    assert (imported[0].topic, imported[0].cues) == ("money", signs)
    out = io.StringIO()
    write_csv(noticed, out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["topic"], row["cues"]) == ("money", "body: hot face;thoughts: wanting to win")


def test_an_import_with_a_sign_of_no_known_group_is_refused_kindly(tmp_path: Path) -> None:
    data = json.loads(to_json(mixed()[:1]))
    data[0]["cues"] = [{"group": "mood", "name": "grumpy"}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportProblem) as refused:
        read_import(path)
    assert "cues" in str(refused.value)


def test_an_import_with_control_characters_in_a_topic_shows_them_as_pictures(tmp_path: Path) -> None:
    data = json.loads(to_json(mixed()[:1]))
    data[0]["topic"] = "bad\x1b[31mRED\x07"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_import(path)[0].topic == "bad\u241b[31mRED\u2407"
