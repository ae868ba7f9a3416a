"""tuireader: a keyboard-first terminal news reader with correct right-to-left text."""

__version__ = "0.1.0"
