"""Right-to-left text engine: logical paragraphs in, terminal lines out.

Pure (no Textual). Pipeline, per paragraph: clean -> shape (logical order) ->
resolve bidi levels once -> wrap by cells -> per line reorder (UAX #9 L1-L4)
and align. See docs/rtl.md.

Imports nothing else of tuireader (it owns ``Direction``), so it can be
tested and reused alone; type-checked strictly (pyproject.toml).
"""

from .cells import cell_width
from .direction import Direction, paragraph_direction
from .layout import VisualLine, layout_paragraph, truncate, truncate_line
from .options import TextOptions

__all__ = [
    "Direction",
    "TextOptions",
    "VisualLine",
    "cell_width",
    "layout_paragraph",
    "paragraph_direction",
    "truncate",
    "truncate_line",
]
