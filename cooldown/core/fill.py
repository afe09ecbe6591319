"""Filling a statement's placeholders: {activity}, {time} and {partner}.

Kept apart from the wording's model (core/script.py) so that statement 1 can be
filled in before the models are loaded (see store/glance.py).
"""

from __future__ import annotations

import re

RECOGNIZE = "I recognize that I am getting angry."
"""Statement 1, as the protocol words it."""

PLACEHOLDERS = ("activity", "time", "partner")

PARTNER = re.compile(r",\s*(?<!\{)\{partner\}(?!\})|(?<!\{)\{partner\}(?!\}),\s*|\s*(?<!\{)\{partner\}(?!\})")
"""{partner} with the comma or space that joins it to the sentence (not an escaped {{partner}})."""


def fill(template: str, **values: str) -> str:
    """The template with its placeholders filled; without a partner's name, {partner} goes with its comma."""
    if not values.get("partner"):
        opens_with_partner = template.startswith("{partner}")
        template = PARTNER.sub("", template)
        if opens_with_partner:
            template = template[:1].upper() + template[1:]
    return template.format_map({name: values.get(name, "") for name in PLACEHOLDERS})
