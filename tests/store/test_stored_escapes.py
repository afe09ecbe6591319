"""Control characters already in the log (an older version, a hand edit) are read back visible, never raw.

Each test writes the escapes with plain SQL, past the models, into a real SQLite log.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from cooldown.core.cues import Cue
from cooldown.core.episode import Episode, Outcome
from cooldown.store.episodes import EpisodeLog
from cooldown.store.tallies import summary
from tests.conftest import FakeClock

TITLE = "\x1b]0;pwned\x07"
SHOWN = "␛]0;pwned␇"
CONTROLS = {*map(chr, range(0x20)), "\x7f", *map(chr, range(0x80, 0xA0))}


def finished(at: datetime, topic: str = "money") -> Episode:
    episode = Episode.begin(at, anger=8).choose_activity("go for a walk")
    episode = episode.agree_return(at + timedelta(minutes=30), at).come_back(at + timedelta(minutes=29))
    episode = episode.record_outcome(Outcome.FIGHT).reflect(4, "")
    return episode.notice(topic, (Cue(group="body", name="hot face"),))


def poison(log_path: Path, sql: str, *params: object) -> None:
    db = sqlite3.connect(log_path)
    with db:
        db.execute(sql, params)
    db.close()


def test_episodes_with_escapes_in_the_log_are_read_and_listed(log_path: Path, clock: FakeClock) -> None:
    with EpisodeLog(log_path) as log:
        saved = log.save(finished(clock.now))
    cues = json.dumps([{"group": "thoughts", "name": f"always{TITLE}"}])
    poison(
        log_path,
        "UPDATE episodes SET activity = ?, topic = ?, note = ?, cues = ?",
        f"walk{TITLE}",
        "money\x1b[2J",
        f"first\r\nsecond{TITLE}",
        cues,
    )
    with EpisodeLog(log_path) as log:
        (listed,) = log.page()
        read = log.get(saved.id or 0)
    assert listed == read
    assert read is not None
    assert (read.activity, read.topic, read.note) == (f"walk{SHOWN}", "money␛[2J", f"first\nsecond{SHOWN}")
    assert read.cues == (Cue(group="thoughts", name=f"always{SHOWN}"),)


def test_topic_suggestions_show_escapes_as_pictures_each_once(log_path: Path, clock: FakeClock) -> None:
    with EpisodeLog(log_path) as log:
        log.save(finished(clock.now - timedelta(days=2), "money"))
        log.save(finished(clock.now - timedelta(days=1), "chores"))
    poison(log_path, "UPDATE episodes SET topic = ? WHERE topic = 'money'", f"money{TITLE}")
    poison(log_path, "UPDATE episodes SET topic = ? WHERE topic = 'chores'", "chores\x9b2J")
    with EpisodeLog(log_path) as log:
        assert log.topics() == ("chores\ufffd2J", f"money{SHOWN}")


def test_the_summary_labels_read_with_plain_sql_show_escapes_as_pictures(log_path: Path, clock: FakeClock) -> None:
    with EpisodeLog(log_path) as log:
        log.save(finished(clock.now - timedelta(days=1)))
    cues = json.dumps([{"group": "body", "name": f"hot{TITLE}face"}])
    poison(log_path, "UPDATE episodes SET activity = ?, topic = ?, cues = ?", f"walk{TITLE}", "money\x1b[2J", cues)
    with EpisodeLog(log_path) as log:
        found, _ = summary(log, clock.now.date())
    labels = [
        *(effect.label for effect in (*found.effects, *found.topics, *found.cues)),
        *(result.label for result in found.activities),
    ]
    assert labels == [f"walk{SHOWN}", "money␛[2J", f"hot{SHOWN}face", f"walk{SHOWN}"]
    assert not CONTROLS & set("".join(labels))
