"""tomllib's complaints about a hand-edited file, said in plain words with the line and column.

tomllib words its errors for people who write parsers ("Illegal character '\\n'"
where a closing quote is missing, "Cannot overwrite a value" for a setting
given twice). The common mistakes of someone editing config.toml or a theme by
hand are named here the way they would say them, pointing at the place to
change: the opening quote, the opening bracket, the start of the value. A
message not foreseen keeps tomllib's words, with the line and column.
"""

from __future__ import annotations

import ast
import re
import tomllib

_WHERE = re.compile(r"^(?P<what>.*?) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$", re.S)
_VALUE_END = re.compile(r"[^\s,\]}#]*")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_BARE_NAME = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*")
SHOWN_LIMIT = 30
"""The longest piece of the file quoted back in a message."""


def in_plain_words(error: tomllib.TOMLDecodeError, text: str) -> str:
    """'at line 3, column 19: the value after = is missing', for the message after 'is not valid TOML '."""
    match = _WHERE.match(str(error))
    what = match["what"] if match else str(error)
    offset = _offset(text, int(match["line"]), int(match["column"])) if match and match["line"] else len(text)
    offset, words = _explain(what, text, offset)
    line, column = position(text, offset)
    return f"at line {line}, column {column}: {words}"


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (both from 1) of a character offset."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _offset(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
    return start + column - 1


def _explain(what: str, text: str, offset: int) -> tuple[int, str]:
    """Where to point, and what is wrong there."""
    if what.endswith(" '\\n'") or what == "Unterminated string" or what.startswith('Expected "\'"'):
        found = open_string(text)
        at_line_end = what.endswith(" '\\n'")
        if found is None or (at_line_end and position(text, found[0])[0] != position(text, offset)[0]):
            return offset, "this text has no closing quote (add it before the end of the line)"
        start, quote = found
        where = "where the text ends" if len(quote) == 3 else "before the end of the line"
        return start, f"this text has no closing {quote} (add it {where})"
    if what.startswith(("Illegal character ", "Found invalid character ")):
        return offset, f"this line holds a control character ({_code_point(what)}); remove it"
    if what.startswith("Expected ']' at the end of a table declaration"):
        return offset, f"a table name needs its closing ] (like [{_bracketed(text, offset)}])"
    if what.startswith("Expected ']]' at the end of an array declaration"):
        return offset, f"a table name needs its closing ]] (like [[{_bracketed(text, offset)}]])"
    if what == "Unclosed array":
        return _opening(text, offset, "[", "]"), "this list has no closing ], or a comma is missing between its items"
    if what == "Unclosed inline table":
        return (
            _opening(text, offset, "{", "}"),
            "this inline table has no closing }, or a comma is missing between its items",
        )
    if what.startswith("Expected '=' after a key"):
        return offset, 'a setting needs = between its name and its value (like name = "value")'
    if what == "Invalid value":
        return offset, _bad_value(text, offset)
    if what.startswith("Expected newline or end of document"):
        return _after_value(text, offset)
    if what.startswith("Cannot declare"):
        start, name = _line_start(text, offset), _declared(what)
        return start, f"[{name}] appears twice; put its settings under one [{name}]"
    if what.startswith(("Cannot overwrite a value", "Cannot mutate immutable namespace")):
        return _set_twice(text, offset)
    if what.startswith(("Unescaped '\\'", "Invalid hex value", "Invalid escape")):
        backslash = text.rfind("\\", _line_start(text, offset), offset)
        return (
            backslash if backslash >= 0 else offset,
            "a \\ in text in double quotes starts an escape like \\n; "
            "write \\\\ for a backslash, or put the text in single quotes",
        )
    if what == "Invalid statement":
        return offset, "this line is neither a setting (name = value) nor a table name (like [cooldown])"
    if what.startswith("Invalid initial character for a key part"):
        return offset, "a setting's name may hold letters, digits, - and _ (put any other name in quotes)"
    return offset, what[:1].lower() + what[1:]


def open_string(text: str) -> tuple[int, str] | None:
    """The offset and quote of the first string left open (at the end of its line, or of the file)."""
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if char == "#":
            end = text.find("\n", index)
            index = size if end < 0 else end + 1
        elif text.startswith(('"""', "'''"), index):
            quote = text[index : index + 3]
            end = _closing(text, index + 3, quote)
            if end < 0:
                return index, quote
            index = end + 3
        elif char in "\"'":
            end = index + 1
            while end < size and text[end] not in (char, "\n"):
                end += 2 if char == '"' and text[end] == "\\" else 1
            if end >= size or text[end] == "\n":
                return index, char
            index = end + 1
        else:
            index += 1
    return None


def _closing(text: str, start: int, quote: str) -> int:
    index = start
    while (found := text.find(quote, index)) >= 0:
        backslashes = len(text[start:found]) - len(text[start:found].rstrip("\\"))
        if quote == '"""' and backslashes % 2:
            index = found + 1
            continue
        return found
    return -1


def _opening(text: str, offset: int, opening: str, closing: str) -> int:
    """The unmatched `opening` bracket before `offset` (quotes are not looked into); `offset` if none."""
    depth = 0
    for index in range(min(offset, len(text)) - 1, -1, -1):
        if text[index] == closing:
            depth += 1
        elif text[index] == opening:
            if depth == 0:
                return index
            depth -= 1
    return offset


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line(text: str, offset: int) -> str:
    start = _line_start(text, offset)
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _bracketed(text: str, offset: int) -> str:
    name = _line(text, offset).strip().strip("[]").strip()
    return name if _BARE_NAME.fullmatch(name) else "cooldown"


def _shown(token: str) -> str | None:
    """What was typed, for quoting back: only when it is short and printable."""
    return token if len(token) <= SHOWN_LIMIT and token.isprintable() else None


def _code_point(what: str) -> str:
    try:
        char = ast.literal_eval(what.split(" ")[-1])
    except (ValueError, SyntaxError):
        return "a control character"
    return f"U+{ord(char):04X}" if isinstance(char, str) and len(char) == 1 else "a control character"


def _declared(what: str) -> str:
    try:
        parts = ast.literal_eval(what.removeprefix("Cannot declare ").removesuffix(" twice"))
    except (ValueError, SyntaxError):
        return "this table"
    return ".".join(str(part) for part in parts) if isinstance(parts, tuple) else "this table"


def _bad_value(text: str, offset: int) -> str:
    value = _VALUE_END.match(text, offset)
    typed = value.group() if value else ""
    if not typed:
        before = text[_line_start(text, offset) : offset].rstrip()
        return "the value after = is missing" if before.endswith("=") else "a value is missing here"
    token = _shown(typed)
    if token is None:
        return "this value is not one TOML knows; text goes in quotes, numbers are written like 25 or 4.5"
    if token.lower() in ("true", "false"):
        return f"{token} is not a value TOML knows; write true or false in lower case"
    if token.lower() in ("yes", "no", "on", "off"):
        return f"{token} is not a value TOML knows; write true or false"
    if token[:1].isalpha():
        return f'{token} is not a value TOML knows; text goes in quotes, like "{token}"'
    return f"{token} is not a value TOML knows; text goes in quotes, numbers are written like 25 or 4.5"


def _after_value(text: str, offset: int) -> tuple[int, str]:
    line = _line(text, offset)
    start = _line_start(text, offset)
    if "=" in line:
        value_at = line.index("=") + 1
        value = line[value_at:].split("#")[0].strip()
        if _DECIMAL_COMMA.fullmatch(value):
            where = start + value_at + len(line[value_at:]) - len(line[value_at:].lstrip())
            return (
                where,
                f"{value} is not a value TOML knows; a number with a fraction uses a dot, like {value.replace(',', '.')}",
            )
    return (
        offset,
        "something follows the value on this line; put each setting on a line of its own, and start a comment with #",
    )


def _set_twice(text: str, offset: int) -> tuple[int, str]:
    line = _line(text, offset)
    start = _line_start(text, offset)
    indent = len(line) - len(line.lstrip())
    typed = line.split("=", 1)[0].strip() if "=" in line else line.strip().strip("[]").strip()
    key = _shown(typed) or "this setting"
    earlier = text[:start].splitlines()
    if any(row.split("=", 1)[0].strip() == typed for row in earlier if "=" in row):
        return start + indent, f"{key} is set twice; keep one of them"
    return start + indent, f"{key} clashes with a setting of the same name earlier in the file; each is set only once"
