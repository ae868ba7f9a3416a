"""Terminal answers, taken out of the key stream before anything reads them as keys.

The answers to our queries (DA1, DA2, XTVERSION, DECRQM) come back on standard
input, mixed with the user's key presses, possibly split across reads and at any
time. ``ReplyFilter`` takes bytes as read and returns the bytes that are keys,
keeping the answers for itself. Pure: no Textual, no clock of its own (the
caller passes ``now``).

What is an answer (never a key):

- ``CSI > … c`` (DA2) and any other ``CSI >`` sequence: no key starts so;
- ``CSI ? … c`` (DA1); other ``CSI ?`` sequences (the UI toolkit's own mode
  reports) are passed on untouched;
- ``CSI Pd ; Ps $ y`` (DECRPM for an ANSI mode such as bidi mode 8);
- ``DCS > | text ST`` (XTVERSION).

A prefix that could still become an answer or a key (a lone ESC, ``CSI 8 ;``)
is held until it is decided, or until ``hold_for`` seconds pass, and then given
back as keys. A prefix that can only be an answer (``CSI >``, ``DCS >|``) is
dropped if its end never comes: half an answer is garbage, not typing.
"""

from __future__ import annotations

from dataclasses import dataclass

ESC = 0x1B
BEL = 0x07
MAX_CSI = 64  # bytes; longer is not one of the answers we wait for
MAX_DCS = 256  # an XTVERSION answer is a name and a version


@dataclass(frozen=True)
class Reply:
    """One answer: ``kind`` is ``da1``, ``da2``, ``decrpm`` or ``xtversion``."""

    kind: str
    params: tuple[int, ...] = ()
    text: str = ""


# What the matcher says about the bytes from an ESC on.
_KEYS = "keys"  # not an answer: pass the ESC on as a key
_MORE = "more"  # undecided: need more bytes
_DROP = "drop"  # a broken answer: drop it


def _params(body: bytes) -> tuple[int, ...] | None:
    out = []
    for part in body.split(b";"):
        if not part:
            out.append(0)
        elif part.isdigit() and len(part) <= 9:
            out.append(int(part))
        else:
            return None
    return tuple(out)


def _csi(buf: bytes, start: int) -> tuple[str, int, Reply | None]:
    """``buf[start:]`` begins with ESC [."""
    i = start + 2
    end = min(len(buf), start + MAX_CSI)
    if i >= len(buf):
        return _MORE, 0, None
    lead = buf[i]
    committed = lead == ord(">")  # no key sequence starts with CSI >
    if lead in b"<MIOZ" or not (0x30 <= lead <= 0x3F):
        return _KEYS, 0, None  # mouse, focus, shift-tab, arrows and the like
    j = i
    while j < end and 0x30 <= buf[j] <= 0x3F:  # parameter bytes
        j += 1
    k = j
    while k < end and 0x20 <= buf[k] <= 0x2F:  # intermediate bytes
        k += 1
    if k >= start + MAX_CSI:
        return (_DROP if committed else _KEYS), k, None
    if k >= len(buf):
        return _MORE, 0, None
    final = buf[k]
    if not (0x40 <= final <= 0x7E):
        # a control byte or ESC in the middle: not a well-formed sequence
        return (_DROP if committed else _KEYS), k, None
    params, inter = buf[i:j], buf[j:k]
    stop = k + 1
    if lead == ord(">"):
        numbers = _params(params[1:])
        if final == ord("c") and not inter and numbers is not None:
            return "reply", stop, Reply("da2", numbers)
        return _DROP, stop, None  # some other CSI > answer: not ours, not a key
    if lead == ord("?"):
        numbers = _params(params[1:])
        if final == ord("c") and not inter and numbers is not None:
            return "reply", stop, Reply("da1", numbers)
        return _KEYS, 0, None  # the toolkit's own answers (CSI ? 2026 ; 2 $ y)
    if final == ord("y") and inter == b"$":
        numbers = _params(params)
        if numbers is not None and len(numbers) == 2:
            return "reply", stop, Reply("decrpm", numbers)
    return _KEYS, 0, None


def _dcs(buf: bytes, start: int) -> tuple[str, int, Reply | None]:
    """``buf[start:]`` begins with ESC P."""
    head = buf[start + 2 : start + 4]
    if head != b">|"[: len(head)]:
        return _KEYS, 0, None  # Alt+P and whatever followed
    if len(head) < 2:
        return _MORE, 0, None
    i = start + 4
    limit = start + MAX_DCS
    j = i
    while j < len(buf) and j < limit:
        byte = buf[j]
        if byte == BEL:
            return "reply", j + 1, Reply("xtversion", text=_text(buf[i:j]))
        if byte == ESC:
            if j + 1 >= len(buf):
                return _MORE, 0, None
            if buf[j + 1] == ord("\\"):
                return "reply", j + 2, Reply("xtversion", text=_text(buf[i:j]))
            return _DROP, j, None  # ESC without the backslash: broken answer
        j += 1
    if j >= limit:
        # Too long for a name: a broken answer. The rest of this read goes with it.
        rest = buf.find(b"\x1b", j)
        return _DROP, len(buf) if rest < 0 else rest, None
    return _MORE, 0, None


def _text(raw: bytes) -> str:
    # Untrusted: printable ASCII only, for matching names, never shown as is.
    return "".join(chr(b) for b in raw if 0x20 <= b < 0x7F)


def _match(buf: bytes, start: int) -> tuple[str, int, Reply | None]:
    if start + 1 >= len(buf):
        return _MORE, 0, None
    second = buf[start + 1]
    if second == ord("["):
        return _csi(buf, start)
    if second == ord("P"):
        return _dcs(buf, start)
    return _KEYS, 0, None


def _committed(held: bytes) -> bool:
    """The held prefix can only be an answer (so it is dropped, not given back)."""
    return held.startswith(b"\x1b[>") or held.startswith(b"\x1bP>|")


class ReplyFilter:
    """Bytes in, key bytes out; the answers found are collected in ``replies``."""

    def __init__(self, hold_for: float = 0.3) -> None:
        self.hold_for = hold_for
        self.replies: list[Reply] = []
        self.dropped = 0  # bytes of broken answers thrown away
        self._held = b""
        self._held_since = 0.0

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def feed(self, data: bytes, now: float = 0.0) -> bytes:
        """The key bytes among what was held and ``data``."""
        if self._held:
            buf, since = self._held + data, self._held_since
        else:
            buf, since = bytes(data), now
        self._held = b""
        out = bytearray()
        i = 0
        n = len(buf)
        while i < n:
            j = buf.find(b"\x1b", i)
            if j < 0:
                out += buf[i:]
                break
            out += buf[i:j]
            verdict, end, reply = _match(buf, j)
            if verdict == _MORE:
                self._held = buf[j:]
                self._held_since = since if j == 0 else now
                break
            if verdict == _KEYS:
                out.append(ESC)
                i = j + 1
            elif verdict == _DROP:
                self.dropped += end - j
                i = end
            else:
                assert reply is not None
                self.replies.append(reply)
                i = end
        return bytes(out)

    def expire(self, now: float) -> bytes:
        """Give up waiting for the end of a held prefix older than ``hold_for``."""
        if self._held and now - self._held_since >= self.hold_for:
            return self.flush()
        return b""

    def flush(self) -> bytes:
        """Decide the held prefix now: an answer's start is dropped, the rest are keys."""
        held, self._held = self._held, b""
        if not held:
            return b""
        if _committed(held):
            self.dropped += len(held)
            return b""
        # Given back from its first byte: the ESC goes as a key, and what follows
        # it is looked at again (it may hold a complete answer after a lone ESC).
        rest = self.feed(held[1:], self._held_since)
        return b"\x1b" + rest + self.flush()

    def pop_replies(self) -> list[Reply]:
        replies, self.replies = self.replies, []
        return replies
