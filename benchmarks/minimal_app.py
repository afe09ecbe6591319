"""The floor for a Textual app on this machine: one line of text, nothing else."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("I recognize that I am getting angry.")


if __name__ == "__main__":
    Minimal().run()
