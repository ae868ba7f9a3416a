"""tuireader: a keyboard-first terminal news reader with correct right-to-left text.

The map of its modules, what may import what, its threads and processes and
where it keeps its files: docs/architecture.md.
"""

__version__ = "0.1.0"
