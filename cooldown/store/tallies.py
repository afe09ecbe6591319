"""Aggregate queries over the log that feed `cooldown.core.stats`.

Each query reduces the log to a few hundred rows at most (per day, per minute,
per activity), so a lifetime of episodes summarises quickly. The local day of an
episode is the date part of its stored ISO time, which carries the offset it was
recorded with, kept in the `day` column.

The labels (activities, topics, signs) come straight from the log, so their
control characters are shown as pictures here, as the episode model shows them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from cooldown.core.insights import EffectRow, LedgerRow, effects, ledger, ledger_since
from cooldown.core.stats import ON_TIME_GRACE, DayTally, Summary, Tally, summarize
from cooldown.core.text import visible
from cooldown.store.episodes import EpisodeLog


def day_tallies(log: EpisodeLog) -> list[DayTally]:
    """Sidesteps and fights per local day, oldest first."""
    rows = log.query(
        "SELECT day, SUM(outcome IS 'sidestep'), SUM(outcome IS 'fight') "
        "FROM episodes WHERE outcome IS NOT NULL GROUP BY day ORDER BY day"
    )
    return [DayTally(date.fromisoformat(day), Tally(sidesteps, fights)) for day, sidesteps, fights in rows]


def first_day(log: EpisodeLog) -> date | None:
    """The local day of the first episode of any kind."""
    rows = log.query("SELECT day FROM episodes ORDER BY started_ts LIMIT 1")
    return date.fromisoformat(rows[0][0]) if rows else None


def returns(log: EpisodeLog) -> tuple[int, int]:
    """(came back on time, came back at all) over cool-downs with an agreed time."""
    rows = log.query(
        "SELECT COUNT(*), COALESCE(SUM(returned_ts <= return_ts + ?), 0) FROM episodes "
        "WHERE returned_ts IS NOT NULL AND return_ts IS NOT NULL",
        (ON_TIME_GRACE.total_seconds(),),
    )
    returned, on_time = rows[0]
    return on_time, returned


def length_histogram(log: EpisodeLog) -> list[tuple[int, int]]:
    """(minutes from start to coming back, how many) pairs."""
    rows = log.query(
        "SELECT length_minutes, COUNT(*) FROM episodes WHERE length_minutes IS NOT NULL GROUP BY length_minutes"
    )
    return [(minutes, count) for minutes, count in rows]


def activity_rows(log: EpisodeLog) -> list[tuple[str, int, int, int]]:
    """(activity, used, sidesteps, fights) per activity."""
    rows = log.query(
        "SELECT activity, COUNT(*), SUM(outcome IS 'sidestep'), SUM(outcome IS 'fight') "
        "FROM episodes WHERE activity IS NOT NULL GROUP BY activity"
    )
    return [(visible(name), used, sidesteps, fights) for name, used, sidesteps, fights in rows]


def delay_rows(log: EpisodeLog) -> list[tuple[int, int, int, int]]:
    """(planned minutes, used, sidesteps, fights) for finished cool-downs."""
    rows = log.query(
        "SELECT planned_minutes, COUNT(*), SUM(outcome IS 'sidestep'), SUM(outcome IS 'fight') "
        "FROM episodes WHERE planned_minutes IS NOT NULL AND outcome IS NOT NULL GROUP BY planned_minutes"
    )
    return [(minutes, used, sidesteps, fights) for minutes, used, sidesteps, fights in rows]


EFFECT_COLUMNS = (
    "outcome, COUNT(*), SUM(anger_before - anger_after), COUNT(anger_before - anger_after), "
    "SUM(returned_ts <= return_ts + ?), COUNT(returned_ts - return_ts)"
)
"""What `core.insights.effects` needs of a group of episodes of one outcome, after its label: how many, the
anger's fall where both ratings were given and how many had both, returns on time and returns.

Grouping by outcome too, and letting NULL drop out of SUM and COUNT, asks SQLite for less per episode than
conditions on every column would; `_by_label` adds the outcomes up."""
_GRACE = (ON_TIME_GRACE.total_seconds(),)


def effect_rows(log: EpisodeLog) -> list[EffectRow]:
    """Per activity: used, sidesteps, fights, the anger's fall, returns on time.

    Only cool-downs count, episodes with a return time agreed: statements left half done do not."""
    return _by_label(
        log.query(
            f"SELECT activity, activity, {EFFECT_COLUMNS} FROM episodes "
            "WHERE activity IS NOT NULL AND return_ts IS NOT NULL GROUP BY activity, outcome",
            _GRACE,
        )
    )


def topic_rows(log: EpisodeLog) -> list[EffectRow]:
    """Per topic that set an episode off (the same topic in other capitals counts as one, named as MIN names it)."""
    return _by_label(
        log.query(
            f"SELECT lower(MIN(topic)), MIN(topic), {EFFECT_COLUMNS} FROM episodes "
            "WHERE topic != '' GROUP BY topic COLLATE NOCASE, outcome",
            _GRACE,
        )
    )


def cue_rows(log: EpisodeLog) -> list[EffectRow]:
    """Per first sign noticed (from the JSON array of each episode that has any).

    The episodes are first summed per distinct array and outcome (reading the covering index on cues), and
    only those few hundred arrays are opened with json_each: the sums add up across them.
    """
    names = ("outcome", "used", "fall", "rated", "on_time", "returned")
    parts = EFFECT_COLUMNS.replace("), ", ")\0").replace("outcome, ", "outcome\0").split("\0")
    named = ", ".join(f"{part} AS {name}" for part, name in zip(parts, names, strict=True))
    label = "json_extract(cue.value, '$.name')"
    return _by_label(
        log.query(
            f"SELECT {label}, {label}, outcome, SUM(used), SUM(fall), SUM(rated), SUM(on_time), SUM(returned) FROM "
            f"(SELECT cues, {named} FROM episodes WHERE cues != '[]' GROUP BY cues, outcome) AS arrays, "
            f"json_each(arrays.cues) AS cue GROUP BY {label}, outcome",
            _GRACE,
        )
    )


def _by_label(rows: list[Any]) -> list[EffectRow]:
    """(key, label, outcome, used, fall, rated, on time, returned) rows added up per key, each led by its label
    (the smallest of its rows' labels), with the label's control characters shown as pictures."""
    found: dict[object, list[Any]] = {}
    for key, label, outcome, used, fall, rated, on_time, returned in rows:
        sums = found.setdefault(key, [label, 0, 0, 0, 0, 0, 0, 0])
        if label is not None and (sums[0] is None or label < sums[0]):
            sums[0] = label
        sums[1] += used
        sums[2] += used if outcome == "sidestep" else 0
        sums[3] += used if outcome == "fight" else 0
        sums[4] += fall or 0
        sums[5] += rated or 0
        sums[6] += on_time or 0
        sums[7] += returned or 0
    return [(visible(str(label)), *rest) for label, *rest in found.values()]


def ledger_rows(log: EpisodeLog, since: date) -> list[LedgerRow]:
    """Per local day from `since`: cool-downs with a time agreed, returned, on time, reschedules, talks put off."""
    return log.query(
        "SELECT day, COUNT(*), SUM(returned_ts IS NOT NULL), SUM(returned_ts IS NOT NULL AND returned_ts <= return_ts + ?), "
        "SUM(reschedules), SUM(talk_at IS NOT NULL) FROM episodes WHERE return_ts IS NOT NULL AND day >= ? GROUP BY day",
        (*_GRACE, since.isoformat()),
    )


def summary(log: EpisodeLog, today: date) -> tuple[Summary, list[DayTally]]:
    """The summary for `today`, and the day tallies behind it (for the chart)."""
    days = day_tallies(log)
    per_activity = effect_rows(log)
    on_time, returned = returns(log)
    result = summarize(
        days,
        first_day=first_day(log),
        today=today,
        on_time=on_time,
        returned=returned,
        lengths=length_histogram(log),
        activities=[(name, used, sidesteps, fights) for name, used, sidesteps, fights, *_ in per_activity],
        delays=delay_rows(log),
    )
    result = replace(
        result,
        effects=effects(per_activity),
        topics=effects(topic_rows(log), most_often=True),
        cues=effects(cue_rows(log), most_often=True),
        ledger=ledger(ledger_rows(log, ledger_since(today)), today),
    )
    return result, days
