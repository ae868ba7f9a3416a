"""What "safe for a terminal" means, checked independently of the sanitizer."""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ISOLATES = frozenset("\u2067\u2069")  # RLI, PDI: the only ones terminal mode may add


def unsafe_chars(
    text: str, *, newline: bool = True, isolates: bool = False, model: bool = False
) -> list[str]:
    """Characters of ``text`` that must never reach a terminal from an article:
    C0 (except newline), DEL, C1, ESC, bidi embeddings/overrides/isolates (RLI
    and PDI allowed when ``isolates``), lone surrogates. ``model``: paragraph
    text of the article model, which keeps the author's bidi controls for the
    layout engine (it honours them and never draws them)."""
    bad = []
    for ch in text:
        cp = ord(ch)
        if ch == "\n" and newline:
            continue
        if unicodedata.category(ch) == "Cc":  # C0, DEL, C1
            bad.append(ch)
        elif ch in BIDI_CONTROLS and not (isolates and ch in ISOLATES) and not model:
            bad.append(ch)
        elif 0xD800 <= cp <= 0xDFFF:
            bad.append(ch)
    return bad


def assert_safe(text: str, where: str = "", **kwargs) -> None:
    bad = unsafe_chars(text, **kwargs)
    assert not bad, f"unsafe characters {sorted(set(bad))!r} in {where}: {text[:200]!r}"


# -- terminal byte streams ------------------------------------------------------

# Every escape sequence as a terminal parses it (ECMA-48): CSI, the string
# sequences (OSC DCS SOS PM APC) up to BEL/ST, nF and two-byte Fp/Fe/Fs.
_SEQ = re.compile(
    rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    rb"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    rb"|\x1b[\x20-\x2f]+[\x30-\x7e]"
    rb"|\x1b[\x30-\x7e]"
    rb"|\x1b"
)


def escape_sequences(data: bytes) -> list[bytes]:
    return _SEQ.findall(data)


# What Textual (and the app's own bidi handshake) write on a Linux terminal.
_ALLOWED = [
    re.compile(rb"\x1b\[[0-9;:]*m"),  # SGR (colours, bold)
    re.compile(rb"\x1b\[[0-9;]*[ABCDEFGHJKSTXfdr]"),  # cursor movement, erase, scroll
    re.compile(rb"\x1b\[\?[0-9;]+[hl]"),  # DEC private modes (alt screen, mouse, paste...)
    re.compile(rb"\x1b\[[0-9]*[hl]"),  # ANSI modes: the app's own CSI 8 l / 8 h
    re.compile(rb"\x1b\[[<>=]?[0-9;]*[uc]"),  # kitty keyboard protocol push/pop, DA
    re.compile(rb"\x1b\[\?[0-9;]*\$p"),  # DECRQM (Textual asks about sync output)
    re.compile(rb"\x1b\[[0-9]*\$p"),  # DECRQM for ANSI modes (bidi state query)
    re.compile(rb"\x1b\[[0-9;]* q"),  # DECSCUSR cursor shape
    re.compile(rb"\x1b\[>0q"),  # XTVERSION (bidi auto asks which terminal this is)
    re.compile(rb"\x1b[78=>]"),  # save/restore cursor, keypad modes
]


def disallowed_sequences(data: bytes) -> list[bytes]:
    """Escape sequences in ``data`` that are not among what the app itself emits."""
    out = []
    for seq in escape_sequences(data):
        if not any(p.fullmatch(seq) for p in _ALLOWED):
            out.append(seq)
    return out


def c1_in_output(data: bytes) -> list[str]:
    """C1 controls (U+0080-U+009F) in UTF-8 output, and stray raw C1 bytes."""
    text = data.decode("utf-8", "surrogateescape")
    found = [ch for ch in text if 0x80 <= ord(ch) <= 0x9F]
    found += [ch for ch in text if 0xDC80 <= ord(ch) <= 0xDC9F]  # undecodable raw C1 bytes
    return found
