"""Rendering options shared by the reader pane, the list and --print."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Mode = Literal["app", "terminal"]


@dataclass(frozen=True, slots=True)
class TextOptions:
    """How right-to-left text reaches the screen.

    ``mode="app"``: the app shapes and reorders; the terminal must not (the
    default). ``mode="terminal"``: logical, unshaped text with each
    right-to-left segment isolated (RLI…PDI), for terminals that reorder
    and shape by themselves and cannot be told not to.
    ``shape``: join Arabic letters into presentation forms (app mode only).
    ``harakat``: keep Arabic vowel marks instead of dropping them.
    """

    mode: Mode = "app"
    shape: bool = True
    harakat: bool = False


DEFAULT_OPTIONS = TextOptions()
