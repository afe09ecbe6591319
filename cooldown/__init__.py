"""cooldown: step out of an argument before it becomes a fight."""

__version__ = "0.1.0"
