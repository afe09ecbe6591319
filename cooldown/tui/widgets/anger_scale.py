"""An optional 0-9 anger rating, set with the number keys."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class AngerScale(Widget):
    """Shows '0 1 2 ... 9' with the chosen rating highlighted. Purely a display:
    the screen binds the number keys and sets `rating`."""

    DEFAULT_CSS = """
    AngerScale {
        width: 100%;
        height: 2;
        color: $text-muted;
        text-align: center;
    }
    """

    rating: reactive[int | None] = reactive(None)
    """The chosen rating, 0 (calm) to 9 (furious), or None if not rated."""

    def __init__(self, prompt: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prompt = prompt

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = [f"{self.prompt}\ncalm "]
        for value in range(10):
            if value == self.rating:
                parts.append((f" {value} ", "bold reverse"))
            else:
                parts.append(f" {value} ")
        parts.append(" furious")
        return Content.assemble(*parts)
