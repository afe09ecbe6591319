"""How counts, shares, minutes and anger points are said, the same on every screen and on the command line.

One rule for every figure: halves round up (12.5% reads "13%", 2.25 points
"2.3"), never to the nearest even number as Python's `round` does. A share
reads as a whole percent, but never "0%" while something is there nor "100%"
while something is missing. Counts leave out the parts that are zero
("1 fight", not "0 sidesteps, 1 fight").
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NOTHING_TO_DIVIDE = "–"
"""What a share reads when there is nothing to divide."""


def half_up(value: float, places: int = 0) -> Decimal:
    """`value` rounded to `places` decimals, halves away from zero (as it is written, so 0.125 -> 0.13)."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(rate: float | None) -> str:
    """'75%' for 0.75; '13%' for 1 in 8; '1%' and '99%' at the ends; '–' when there is nothing to divide."""
    if rate is None:
        return NOTHING_TO_DIVIDE
    whole = int(half_up(rate, 2) * 100)  # from the shortest decimal of the share: 0.285 -> 29, not 28
    if 0 < rate < 1:
        whole = min(max(whole, 1), 99)  # a share that is there (or missing) is never said to be none (or all)
    return f"{whole}%"


def whole_minutes(minutes: float) -> int:
    """Minutes as a whole number, halves up."""
    return int(half_up(minutes))


def points(value: float, *, in_words: bool = False) -> str:
    """Anger points with one decimal, halves up ('4.0', '2.3'); `in_words` leaves out a trailing '.0'."""
    shown = f"{half_up(value, 1):.1f}"
    return shown.removesuffix(".0") if in_words else shown


def plural(count: int, word: str) -> str:
    """'1 fight', '3 fights', '0 sidesteps'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def counted(*parts: tuple[int, str]) -> str:
    """'2 sidesteps, 1 fight' from (count, word) pairs, leaving out those that are zero ('' if all are)."""
    return ", ".join(plural(count, word) for count, word in parts if count)
