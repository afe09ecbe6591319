"""Many episodes added to the log at once, as an import adds them.

Each of the log's indexes grows by one entry for every row inserted, and with a
dozen indexes on the episodes that is most of the time an import of a whole
history takes. When an import brings more episodes than the log holds (a new
log filled from an export, most often), the indexes are dropped first and built
again once the rows are in: SQLite builds an index from all its rows in one
sorted pass, several times quicker. All of it happens inside the caller's
transaction, so no other connection ever sees the log without its indexes, and
a failure anywhere leaves the log as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from cooldown.store.rows import insert_sql

REBUILD_FROM = 1000
"""The fewest rows for which dropping and rebuilding the indexes can pay off."""
CACHE_KIB = 64 * 1024
"""SQLite's page cache while rows are added (KiB): the indexes' pages stay in memory instead of being
written out and read back. The default (2 MiB) holds only a small part of a large log's indexes."""


def insert_new(db: sqlite3.Connection, rows: Sequence[dict[str, Any]]) -> int:
    """Insert each row (`rows.to_row`) whose uid is not in the log yet; returns how many were added.

    Runs inside the caller's write transaction (BEGIN IMMEDIATE ... COMMIT), which
    makes it all or nothing.
    """
    if not rows:
        return 0
    sql = insert_sql(rows[0], verb="INSERT OR IGNORE")
    with _larger_cache(db):
        held = db.execute("SELECT COUNT(*) FROM episodes").fetchone()[0]
        indexes = _indexes(db) if len(rows) >= REBUILD_FROM and len(rows) > held else []
        for name, _ in indexes:
            db.execute(f"DROP INDEX {_quoted(name)}")
        before = db.total_changes
        db.executemany(sql, (tuple(row.values()) for row in rows))
        added = db.total_changes - before
        for _, create in indexes:
            db.execute(create)
    return added


def _indexes(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of each index on the episodes made by the schema (not the uid's own)."""
    found = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'episodes' AND sql IS NOT NULL"
    ).fetchall()
    return [(str(name), str(create)) for name, create in found]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@contextmanager
def _larger_cache(db: sqlite3.Connection) -> Iterator[None]:
    (size,) = db.execute("PRAGMA cache_size").fetchone()
    db.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(size)}")


__all__ = ["CACHE_KIB", "REBUILD_FROM", "insert_new"]
