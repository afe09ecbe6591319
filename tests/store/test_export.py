"""Tests for cooldown.store.export: the log as a JSON array."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
from cooldown.store.export import to_json

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
    "return_at",
    "returned_at",
    "reschedules",
    "outcome",
    "anger_after",
    "note",
    "status",
}
TIME_KEYS = ("started_at", "return_at", "returned_at")
START = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)


def complete(outcome: Outcome) -> Episode:
    return (
        Episode.begin(START, anger=7)
        .choose_activity("go for a walk")
        .agree_return(datetime(2026, 11, 21, 12, 30, tzinfo=NEW_YORK))
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
