"""What every dialog shares: a bordered box in the middle of the screen."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal screen with one centred `#dialog` box; it ends with `dismiss(value)`."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        #dialog {
            width: 66;
            max-width: 100%;
            height: auto;
            padding: 1 2;
            border: round $primary;
            background: $surface;
        }
        #dialog-title {
            text-style: bold;
            margin-bottom: 1;
        }
        #dialog-hint {
            color: $text-muted;
            margin-top: 1;
        }
        #dialog-buttons {
            height: auto;
            margin-top: 1;
            align-horizontal: right;
        }
        #dialog-buttons Button {
            margin-left: 2;
        }
        .prompt-message {
            height: auto;
        }
    }
    """
