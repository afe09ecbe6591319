"""`python -m cooldown.alarm UID LOG [CONFIG]`: the background alarm for one episode (started by cooldown)."""

from __future__ import annotations

import contextlib
import os
import sys

from cooldown.alarm import can_run, lock_path, take_lock


def main(argv: list[str] | None = None) -> int:
    """`python -m cooldown.alarm UID LOG [CONFIG]`: watch that episode; exits at once if another alarm holds it."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3) or not args[0] or os.sep in args[0] or not can_run():
        print("usage: python -m cooldown.alarm UID LOG [CONFIG] (cooldown starts it by itself)", file=sys.stderr)
        return 2
    uid, log_path = args[:2]
    if len(args) == 3:
        config_path = args[2]
    else:
        from cooldown.paths import config_file

        config_path = str(config_file())
    os.umask(0o077)
    try:
        handle = take_lock(log_path, uid)
    except OSError:
        return 1
    if handle is None:
        return 0  # another alarm watches this episode
    try:
        from cooldown.alarm.watch import Alarm

        code = Alarm(uid, log_path, config_path).run()
        # The episode needs no alarm any more, so leave no lock file behind. An alarm started just now
        # for it, that locks the file removed, finds the episode over and ends too.
        with contextlib.suppress(OSError):
            os.unlink(lock_path(log_path, uid))
        return code
    except KeyboardInterrupt:
        return 0
    finally:
        os.close(handle)


if __name__ == "__main__":
    sys.exit(main())
