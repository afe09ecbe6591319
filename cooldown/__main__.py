"""`python -m cooldown` is the same as `cooldown`."""

from cooldown.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
