"""Make untrusted article text safe to show in a terminal.

Textual and Rich pass escape sequences, 8-bit C1 controls and NUL through to
the terminal, so everything read from an article file goes through `clean`
(multi-line text) or `clean_line` (titles, metadata keys and values) first.

What is removed:

* whole escape sequences, 7-bit (``ESC [ ...``) and 8-bit (U+009B ...):
  CSI with any parameters, OSC / DCS / SOS / PM / APC strings up to their
  terminator (BEL, ST, CAN, SUB), nF sequences (``ESC ( B``) and two-character
  sequences (``ESC 7``, ``ESC c``). An unterminated string ends at the end of
  its line, so one stray ``ESC ]`` costs a line, not the rest of the article;
* every other C0 control except newline, DEL, and C1 (U+0080-U+009F);
* in single-line text (`clean_line`: titles, metadata, labels, which also
  reach toasts and the window title), bidi embeddings, overrides and
  isolates (U+202A-U+202E, U+2066-U+2069). Multi-line article text keeps
  them: the layout engine honours them inside their paragraph and never
  draws them (docs/rtl.md, "Direction controls");
* the deprecated format controls U+206A-U+206F, interlinear annotation
  U+FFF9-U+FFFB, the noncharacters U+FFFE/U+FFFF, and U+FEFF anywhere (a byte
  order mark inside text is an artefact of concatenated files; U+2060 is the
  word joiner to use instead).

What is kept: newline, LRM U+200E, RLM U+200F, ALM U+061C, ZWJ U+200D and
ZWNJ U+200C (Persian and Arabic spelling needs them), ZWSP, soft hyphen.

Line ends: CR LF and lone CR become LF; so do the other line and page
breaks (VT, FF, NEL U+0085, U+2028, U+2029), which keeps the words on either
side apart.
Lone surrogates (undecodable file names) become U+FFFD, because they cannot be
encoded for the terminal at all.

Tabs are expanded to tab stops every 4 columns (`TAB_WIDTH`). Article text is
re-wrapped and re-ordered by the layout engine, so tab columns cannot line up
anyway; a tab only ever marks indentation or a gap, and 8 columns waste too
much of a narrow reader pane.
"""

from __future__ import annotations

import re

__all__ = ["TAB_WIDTH", "clean", "clean_line", "is_clean"]

TAB_WIDTH = 4

# Strings (OSC, DCS, SOS, PM, APC): payload runs to BEL, ST (ESC \ or U+009C),
# CAN or SUB, which are consumed, or stops before another ESC or a newline.
_STRING = (
    r"(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])"
    r"[^\x07\x9c\x1b\x18\x1a\n]*"
    r"(?:\x07|\x9c|\x1b\\|[\x18\x1a])?"
)
# CSI: parameters (incl. private markers < = > ?), intermediates, final byte.
_CSI = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
# nF (ESC intermediates final), then two-character sequences, then a lone ESC.
_NF = r"\x1b[\x20-\x2f]+[\x30-\x7e]?"
_TWO = r"\x1b[\x30-\x7e]?"

_UNSAFE_CHARS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (not \t \n), DEL, C1
    "\u206a-\u206f"  # deprecated format controls
    "\ufeff\ufff9-\ufffb\ufffe\uffff"
)

# Runs of single unsafe characters, minus ESC and the 8-bit introducers
# (U+0090 U+0098 U+009B U+009D-U+009F): those start sequences, which must be
# matched whole by the alternatives above, never swallowed into a run.
_SINGLES = (
    "\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x8f\x91-\x97\x99\x9a\x9c"
    "\u206a-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff"
)
# Explicit bidi controls: embeddings, overrides, isolates.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]+")
_REMOVE = re.compile(f"{_STRING}|{_CSI}|{_NF}|{_TWO}|[{_SINGLES}]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_ANY_UNSAFE = re.compile(f"[{_UNSAFE_CHARS}\r\t\u2028\u2029\ud800-\udfff]")
# No-break spaces are meaningful ("25\u202f000", "«\u00a0oui\u00a0»"): kept.
_WHITESPACE_RUN = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def clean(text: str) -> str:
    """Return `text` with every control character and escape sequence removed.

    Newlines are kept (normalised to LF) and tabs expanded. Idempotent.
    """
    if not _ANY_UNSAFE.search(text):
        return text
    text = _LINE_BREAK.sub("\n", text)
    text = _REMOVE.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    if "\t" in text:
        text = text.expandtabs(TAB_WIDTH)
    return text


def clean_line(text: str) -> str:
    """`clean`, then fold whitespace runs (newlines included; no-break spaces
    excepted) to single spaces and strip the ends: for titles, metadata keys
    and values, labels."""
    return _WHITESPACE_RUN.sub(" ", _BIDI_CONTROLS.sub("", clean(text))).strip()


def is_clean(text: str) -> bool:
    """True when `clean` would leave `text` unchanged."""
    return _ANY_UNSAFE.search(text) is None
