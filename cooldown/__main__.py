"""`python -m cooldown` is the same as `cooldown`."""

from cooldown.cli import main

raise SystemExit(main())
