"""Property tests of the import parser: any file gives episodes or an ImportProblem, nothing else.

Whatever bytes or JSON a file holds, `read_import` either returns episodes that
a real log takes and gives back (no overflow, no broken rule), or raises
`ImportProblem` with a message a terminal shows as it is. Example counts stay
modest so the file runs in seconds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from cooldown.core.episode import Episode, Outcome, Status
from cooldown.store.episodes import EpisodeLog
from cooldown.store.export import EXPORT_FIELDS, ImportProblem, read_import, to_json
from cooldown.store.import_rules import CLOCK_SKEW, EARLIEST

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=timezone(timedelta(hours=1)))
CHECKS = settings(
    max_examples=200,
    deadline=None,  # a hang detector only; speed is measured elsewhere
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("imports")


@pytest.fixture(scope="module")
def log(folder: Path) -> Iterator[EpisodeLog]:
    with EpisodeLog(folder / "episodes.sqlite3") as opened:
        yield opened


def outcome_of(path: Path, content: bytes, log: EpisodeLog) -> list[Episode] | ImportProblem:
    """Import `content`: the episodes (also added to and read back from a real log), or the problem."""
    path.write_bytes(content)
    before = log.count()
    try:
        episodes = read_import(path, now=NOW)
    except ImportProblem as problem:
        message = str(problem)
        assert message and message.replace("\n", "").isprintable()
        assert log.count() == before
        event("refused")
        return problem
    assert all(isinstance(episode, Episode) for episode in episodes)
    for episode in episodes:
        assert_keeps_the_rules(episode)
    event(f"accepted {min(len(episodes), 2)}+ episodes" if episodes else "accepted, empty")
    log.add_new(episodes)
    stored = {episode.uid for episode in log.episodes()}
    assert {episode.uid for episode in episodes} <= stored
    return episodes


def assert_keeps_the_rules(episode: Episode) -> None:
    start = episode.started_at.astimezone(UTC)
    assert EARLIEST <= start <= NOW + CLOCK_SKEW
    assert (episode.status is Status.DONE) == (episode.outcome is not None)
    for moment in (episode.agreed_at, episode.return_at, episode.returned_at, episode.talk_at):
        if moment is not None:
            moment.astimezone(UTC)  # never an OverflowError


# Strategies

offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
moments = st.builds(
    lambda naive, zone: naive.replace(tzinfo=zone).isoformat(),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)),
    offsets,
)
plausible_moments = st.builds(
    lambda minutes, zone: (NOW - timedelta(minutes=minutes)).astimezone(zone).isoformat(),
    st.integers(min_value=-3 * 24 * 60, max_value=30 * 24 * 60),
    offsets,
)
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | moments
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
field_values = (
    scalars
    | plausible_moments
    | st.sampled_from([s.value for s in Status])
    | st.sampled_from([o.value for o in Outcome])
    | st.integers(min_value=-2, max_value=12)
    | st.lists(st.fixed_dictionaries({"at": moments | plausible_moments, "value": st.integers(-1, 10)}), max_size=3)
    | st.lists(st.fixed_dictionaries({"at": plausible_moments, "to": moments | plausible_moments}), max_size=3)
    | json_values
)
FIELD_NAMES = [name for name in EXPORT_FIELDS if name != "id"]


def base_row() -> dict[str, Any]:
    episode = Episode.logged(NOW - timedelta(days=2), Outcome.SIDESTEP, "calm")
    row: dict[str, Any] = json.loads(to_json([episode]))[0]
    return row


entries = st.builds(
    lambda changes, dropped: {
        **{k: v for k, v in base_row().items() if k not in dropped},
        **changes,
    },
    st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), field_values, max_size=5),
    st.sets(st.sampled_from(FIELD_NAMES), max_size=3),
)

plausible_fields = {
    "started_at": plausible_moments,
    "agreed_at": st.none() | plausible_moments,
    "return_at": st.none() | plausible_moments,
    "returned_at": st.none() | plausible_moments,
    "talk_at": st.none() | plausible_moments,
    "status": st.sampled_from([s.value for s in Status]),
    "outcome": st.none() | st.sampled_from([o.value for o in Outcome]),
    "anger_before": st.none() | st.integers(0, 9),
    "statement": st.integers(0, 4),
    "activity": st.none() | st.text(max_size=130),
    "note": st.text(max_size=50),
    "anger_during": st.lists(st.fixed_dictionaries({"at": plausible_moments, "value": st.integers(0, 9)}), max_size=3),
}
plausible_entries = st.builds(
    lambda changes, uid: {**base_row(), **changes, "uid": uid},
    st.fixed_dictionaries({}, optional=plausible_fields),
    st.text(alphabet="0123456789abcdef", min_size=1, max_size=40),
)


# Properties


@CHECKS
@given(content=st.binary(max_size=2000))
@example(content=b"\x00" * 100)
@example(content=b"\xff\xfe[\x00]\x00")
@example(content=b"[" * 100_000)
@example(content=b"[" + b"9" * 5000 + b"]")
@example(content=b"[NaN, Infinity, -Infinity]")
def test_any_bytes_give_episodes_or_a_problem(content: bytes, folder: Path, log: EpisodeLog) -> None:
    assert isinstance(outcome_of(folder / "bytes.json", content, log), list | ImportProblem)


@CHECKS
@given(value=json_values)
def test_any_json_gives_episodes_or_a_problem(value: Any, folder: Path, log: EpisodeLog) -> None:
    assert isinstance(outcome_of(folder / "any.json", json.dumps(value).encode(), log), list | ImportProblem)


@CHECKS
@given(rows=st.lists(entries, max_size=4))
@example(rows=[{**base_row(), "started_at": "0001-01-01T00:00:00+23:59"}])
@example(rows=[{**base_row(), "started_at": "9999-12-31T23:59:59-23:59"}])
@example(rows=[{**base_row(), "returned_at": "9999-12-31T23:59:59-23:59", "status": "cooling", "outcome": None}])
@example(rows=[{**base_row(), "pulses": [{"at": "0001-01-01T00:00:00+23:59", "bpm": 80}]}])
@example(rows=[{**base_row(), "cues": [{"group": "body", "name": "\ud800"}]}])
def test_episode_like_entries_give_episodes_or_a_problem(
    rows: list[dict[str, Any]], folder: Path, log: EpisodeLog
) -> None:
    content = json.dumps(rows, ensure_ascii=True).encode()
    assert isinstance(outcome_of(folder / "entries.json", content, log), list | ImportProblem)


@CHECKS
@given(rows=st.lists(plausible_entries, max_size=4))
def test_plausible_entries_give_episodes_or_a_problem(
    rows: list[dict[str, Any]], folder: Path, log: EpisodeLog
) -> None:
    assert isinstance(outcome_of(folder / "plausible.json", json.dumps(rows).encode(), log), list | ImportProblem)


@CHECKS
@given(rows=st.lists(entries | plausible_entries, min_size=1, max_size=4))
def test_an_import_is_all_or_nothing(rows: list[dict[str, Any]], folder: Path, log: EpisodeLog) -> None:
    """One good entry beside the generated ones comes in only if they all do."""
    good = {**base_row(), "uid": "f" * 32}
    result = outcome_of(folder / "mixed.json", json.dumps([good, *rows]).encode(), log)
    if isinstance(result, ImportProblem):
        assert all(problem.entry != 1 for problem in result.problems)
    else:
        assert result[0].uid == "f" * 32
