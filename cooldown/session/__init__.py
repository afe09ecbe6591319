"""The use cases, without Textual: shared by the terminal UI, the command line and the alarm.

- `logbook`: the episode log opened once, with every storage problem caught in one place.
- `protocol`: one run of the protocol (take a step, apply the core, write it down at once).
- `history`: reads and writes of past episodes.
- `preferences`: the settings and themes as held and saved.
- `status`: what is running now, in words and numbers; it never writes.
- `notifiers`: "it is time to go back", sent once per due time to every notifier.
"""
