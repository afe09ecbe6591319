"""Text a person typed, or a file brought in, made safe to show on a terminal.

A terminal acts on control characters instead of showing them: ESC starts a
sequence that can clear the screen, set the window's title or write to the
clipboard, and C1 characters (U+0080 to U+009F) do the same on some terminals.
Rich and Textual pass them through (Rich drops only BEL, BS, VT, FF and CR), so
every piece of stored text is cleaned here before it can reach a screen.

Text that is shown (what is kept with an episode, in the log or in an import)
is made *visible*, never dropped: each C0 control becomes its Unicode control
picture (ESC is shown as "␛", BEL as "␇"), DEL becomes "␡", and a C1 control or
a lone surrogate becomes the replacement character "�". The pictures are one
character wide and one code point each, so lengths and columns stay as they
were, nothing typed vanishes without a trace, and no terminal acts on them. A
tab or a line break in one-line text reads as a space; a note keeps its line
breaks. Text the person writes into config.toml is refused instead, with a
message that names the key (`plain_line`), so it can be fixed where it was written.

Only the standard library: `cooldown status`, run every second, uses it too.
"""

from __future__ import annotations

PICTURES = 0x2400
"""U+2400 SYMBOL FOR NULL: the control picture of C0 control n is U+2400 + n."""
DELETE_PICTURE = "\u2421"
"""SYMBOL FOR DELETE, for DEL (U+007F)."""
REPLACEMENT = "\ufffd"
"""For C1 controls (they have no pictures) and lone surrogates (they can't be written out)."""

_VISIBLE = (
    {code: chr(PICTURES + code) for code in range(0x20)}
    | {0x7F: DELETE_PICTURE}
    | {code: REPLACEMENT for code in range(0x80, 0xA0)}
    | {code: REPLACEMENT for code in range(0xD800, 0xE000)}
)
"""Every control character (and lone surrogate) to a character a terminal shows (for `str.translate`)."""
_ONE_LINE = _VISIBLE | {ord(space): " " for space in "\t\n\r"}
"""The same, with tabs and line breaks as spaces."""
_LINES = _VISIBLE | {ord("\t"): " ", ord("\n"): "\n"}
"""The same, keeping line breaks (a carriage return is made a line break first)."""
_DROPPED = {code: None for code in [*range(0x20), *range(0x7F, 0xA0)]} | {ord(space): " " for space in "\t\n\r"}
"""Control characters to nothing, tabs and line breaks to spaces."""


def is_plain(text: str) -> bool:
    """True if `text` holds no control character (nor a lone surrogate): a terminal shows it as it is."""
    return text.isprintable() or not any(ord(char) in _VISIBLE for char in text)


def visible(text: str) -> str:
    """`text` on one line with every control character shown as a picture: "a\\x1b]0;x\\x07" -> "a␛]0;x␇".

    Tabs and line breaks become spaces ("\\r\\n" one space). Text without control
    characters comes back unchanged, so it is safe to apply twice.
    """
    if text.isprintable():
        return text
    return text.replace("\r\n", "\n").translate(_ONE_LINE)


def visible_lines(text: str) -> str:
    """`text` with its line breaks kept ("\\r\\n" and "\\r" become "\\n") and every other control shown as a picture."""
    if text.isprintable():
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINES)


def without_controls(text: str) -> str:
    """`text` with control characters left out and tabs and line breaks as spaces (for a printed page)."""
    return text.translate(_DROPPED)


PLAIN_LINE = "must be plain text on one line (no control characters)"
"""Why a line from config.toml with a control character in it is refused."""


def plain_line(text: str) -> str:
    """`text` itself if it has no control characters; otherwise ValueError (for a pydantic validator)."""
    if not is_plain(text):
        raise ValueError(PLAIN_LINE)
    return text
