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
    "COUNT(*), SUM(outcome IS 'sidestep'), SUM(outcome IS 'fight'), "
    "SUM(CASE WHEN anger_before IS NOT NULL AND anger_after IS NOT NULL THEN anger_before - anger_after END), "
    "SUM(anger_before IS NOT NULL AND anger_after IS NOT NULL), "
    "SUM(returned_ts IS NOT NULL AND return_ts IS NOT NULL AND returned_ts <= return_ts + ?), "
    "SUM(returned_ts IS NOT NULL AND return_ts IS NOT NULL)"
)
"""What `core.insights.effects` needs of a group of episodes, after its label."""
_GRACE = (ON_TIME_GRACE.total_seconds(),)


def effect_rows(log: EpisodeLog) -> list[EffectRow]:
    """Per activity: used, sidesteps, fights, the anger's fall, returns on time.

    Only cool-downs count, episodes with a return time agreed: statements left half done do not."""
    return _labelled(
        log,
        f"SELECT activity, {EFFECT_COLUMNS} FROM episodes "
        "WHERE activity IS NOT NULL AND return_ts IS NOT NULL GROUP BY activity",
        _GRACE,
    )


def topic_rows(log: EpisodeLog) -> list[EffectRow]:
    """Per topic that set an episode off (the same topic in other capitals counts as one)."""
    return _labelled(
        log,
        f"SELECT MIN(topic), {EFFECT_COLUMNS} FROM episodes WHERE topic != '' GROUP BY topic COLLATE NOCASE",
        _GRACE,
    )


_SUMMED = "SUM(used), SUM(sidesteps), SUM(fights), SUM(fall), SUM(rated), SUM(on_time), SUM(returned)"


def cue_rows(log: EpisodeLog) -> list[EffectRow]:
    """Per first sign noticed (from the JSON array of each episode that has any).

    The episodes are first summed per distinct array (reading the covering index on cues), and
    only those few hundred arrays are opened with json_each: the sums add up across them.
    """
    parts = EFFECT_COLUMNS.replace("), SUM(", ")\0SUM(").split("\0")
    names = ("used", "sidesteps", "fights", "fall", "rated", "on_time", "returned")
    named = ", ".join(f"{part} AS {name}" for part, name in zip(parts, names, strict=True))
    return _labelled(
        log,
        f"SELECT json_extract(cue.value, '$.name'), {_SUMMED} FROM "
        f"(SELECT cues, {named} FROM episodes WHERE cues != '[]' GROUP BY cues) AS arrays, "
        "json_each(arrays.cues) AS cue GROUP BY json_extract(cue.value, '$.name')",
        _GRACE,
    )


def _labelled(log: EpisodeLog, sql: str, params: tuple[float, ...]) -> list[EffectRow]:
    """The rows of `sql`, each led by a label from the log, with the label's control characters shown as pictures."""
    return [(visible(str(label)), *rest) for label, *rest in log.query(sql, params)]  # type: ignore[misc]


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
