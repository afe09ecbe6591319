"""The session layer is shared by the terminal UI, the command line and the alarm: it must not pull in Textual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SESSION_MODULES = ("protocol", "history", "preferences", "status", "notifiers", "logbook")


def test_the_session_modules_do_not_import_textual(cooldown_home: Path) -> None:
    imports = ", ".join(f"cooldown.session.{name}" for name in SESSION_MODULES)
    code = f"import {imports}, sys; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "COOLDOWN_HOME": str(cooldown_home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "False\n"
