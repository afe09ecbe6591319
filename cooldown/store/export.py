"""The log as JSON, for backups and scripts."""

from __future__ import annotations

import json
from collections.abc import Iterable

from cooldown.core.episode import Episode


def to_json(episodes: Iterable[Episode]) -> str:
    """A JSON array with one object per episode, times in ISO 8601 with offsets."""
    return json.dumps([episode.model_dump(mode="json") for episode in episodes], indent=2, ensure_ascii=False)
