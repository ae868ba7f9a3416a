"""Read an article file into text, safely.

Never blocks: the path is stat()ed first and only regular files are opened;
the open uses O_NONBLOCK and the opened descriptor is fstat()ed again, so a
FIFO swapped in between the two calls is still refused without a read.

Decoding order: byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); UTF-16
without a mark (every other byte 0x00 or 0x06...); binary check; strict UTF-8;
mostly valid UTF-8 with a few bad bytes (UTF-8 with U+FFFD, not a legacy
guess); the two legacy Arabic encodings, windows-1256 and ISO-8859-6, told
apart by `_guess_arabic_legacy` (which decoding yields Arabic words: "ال",
no undefined bytes, no Latin letters glued to Arabic ones; ties go to
windows-1256, by far the more common); charset-normalizer for anything else;
finally UTF-8 with replacement characters. Every non-UTF-8 result carries a
"decoded as ..." notice.

Binary: more than 5 % of the first 64 KiB are C0 control bytes other than
tab, newline, VT, FF, CR and ESC (a text article with a stray NUL or escape
sequences is still text; the sanitizer removes those) -> "not a text
article".

Files above `max_bytes` (4 MiB by default) are read up to the cap, cut at a
character boundary, with a "truncated" notice.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass

from tuireader.files.errors import describe_os_error

__all__ = [
    "DEFAULT_MAX_BYTES",
    "NOT_TEXT",
    "DecodedFile",
    "decode_bytes",
    "describe_os_error",
    "file_kind",
    "read_text",
]

DEFAULT_MAX_BYTES = 4 * 1024 * 1024

NOT_TEXT = "not a text article (binary data)"

_BOMS = (
    # UTF-32 first: its LE mark starts with the UTF-16 LE mark.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes that never occur in text: C0 controls other than \t \n \v \f \r ESC.
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_BINARY_RATIO = 0.05
_SAMPLE = 64 * 1024


@dataclass(frozen=True, slots=True)
class DecodedFile:
    """The text of a file, or why there is none.

    ``text`` is raw decoded text (not yet sanitized); ``error`` is set when the
    file could not be read or is not text, and then ``text`` is empty.
    ``notices`` are remarks for the user ("decoded as windows-1256").
    """

    text: str
    encoding: str | None = None
    truncated: bool = False
    notices: tuple[str, ...] = ()
    error: str | None = None
    size: int | None = None


def file_kind(mode: int) -> str | None:
    """Why a file of this mode is not an article, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "not a regular file (a named pipe)"
    if stat.S_ISSOCK(mode):
        return "not a regular file (a socket)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file (a device)"
    return "not a regular file"


def _stat_error(path: str | os.PathLike[str], exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return "broken symbolic link"
        except OSError:
            pass
    return describe_os_error(exc)


# Never block on a FIFO or device, never make it our controlling terminal,
# never leak the descriptor into a child.
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


def read_text(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedFile:
    """Read and decode the file at `path`. Never raises on I/O problems and
    never blocks on FIFOs, sockets or devices."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return DecodedFile("", error=_stat_error(path, exc))
    except ValueError:  # embedded NUL in the path
        return DecodedFile("", error="invalid file name")
    kind = file_kind(st.st_mode)
    if kind:
        return DecodedFile("", error=kind, size=st.st_size)

    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return DecodedFile("", error=_stat_error(path, exc), size=st.st_size)
    try:
        fst = os.fstat(fd)
        kind = file_kind(fst.st_mode)
        if kind:
            return DecodedFile("", error=kind, size=fst.st_size)
        data = _read_up_to(fd, max_bytes + 1)  # one byte more tells us the file is longer
    except BlockingIOError:
        return DecodedFile("", error="not a regular file (reading would block)")
    except OSError as exc:
        return DecodedFile("", error=describe_os_error(exc), size=st.st_size)
    finally:
        os.close(fd)

    truncated = len(data) > max_bytes
    if truncated:
        data = data[:max_bytes]
    result = decode_bytes(data, truncated=truncated)
    notices = result.notices
    if truncated:
        cut = f"truncated: only the first {_human(max_bytes)} of the file are shown"
        notices = (cut,) + notices
    return DecodedFile(
        result.text, result.encoding, truncated, notices, result.error, size=fst.st_size
    )


def _read_up_to(fd: int, limit: int) -> bytes:
    """At most ``limit`` bytes from ``fd``, in chunks of at most 1 MiB."""
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = os.read(fd, min(remaining, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _human(n: int) -> str:
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MiB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n} bytes"


def _decode(data: bytes, encoding: str, errors: str, truncated: bool) -> str:
    """Decode; when the data was cut at the size cap, drop an incomplete
    trailing character instead of turning it into U+FFFD."""
    if not truncated:
        return data.decode(encoding, errors)
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    return decoder.decode(data, final=False)


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if not sample:
        return False
    bad = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    # A short article with one stray control byte is still text.
    if bad < 4:
        return sample.count(0) * 4 > len(sample)
    return bad / len(sample) > _BINARY_RATIO


def _text_looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE]
    if not sample:
        return False
    # Counted on the UTF-8 bytes, where a control character is its own byte
    # and never part of another character's sequence.
    raw = sample.encode("utf-8", "surrogatepass")
    bad = len(raw) - len(raw.translate(None, _BINARY_BYTES))
    return bad / len(sample) > _BINARY_RATIO


def decode_bytes(data: bytes, *, truncated: bool = False) -> DecodedFile:
    """Decode the bytes of an article file (see the module docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode(data[len(bom) :], encoding, "replace", truncated)
            if _text_looks_binary(text):
                return DecodedFile("", encoding, error=NOT_TEXT)
            name = encoding.upper().replace("-LE", " LE").replace("-BE", " BE")
            notices = _replacement_notice(text)
            if encoding != "utf-8":
                notices = (f"decoded as {name} (byte order mark)",) + notices
            return DecodedFile(text, encoding, notices=notices)

    utf16 = _guess_utf16_without_bom(data)
    if utf16 is not None:
        text = _decode(data, utf16, "replace", truncated)
        name = utf16.upper().replace("-LE", " LE").replace("-BE", " BE")
        return DecodedFile(text, utf16, notices=(f"decoded as {name} (no byte order mark)",))

    if _looks_binary(data):
        return DecodedFile("", None, error=NOT_TEXT)

    try:
        return DecodedFile(_decode(data, "utf-8", "strict", truncated), "utf-8")
    except UnicodeDecodeError:
        pass

    # Mostly valid UTF-8 with a few damaged bytes is UTF-8, not a legacy file.
    lenient = _decode(data[:_SAMPLE], "utf-8", "replace", True)
    bad = lenient.count("\ufffd")
    good = len(lenient) - len(lenient.encode("ascii", "ignore")) - bad  # non-ASCII, not U+FFFD
    if good >= 8 and bad * 20 <= good:
        text = _decode(data, "utf-8", "replace", truncated)
        return DecodedFile(text, "utf-8", notices=_replacement_notice(text, invalid=True))

    legacy = _guess_arabic_legacy(data)
    if legacy is None:
        legacy = _guess_other(data)
    if legacy is not None:
        try:
            text = _decode(data, legacy, "strict", truncated)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            return DecodedFile(text, legacy, notices=(f"decoded as {legacy}",))

    text = _decode(data, "utf-8", "replace", truncated)
    return DecodedFile(text, "utf-8", notices=_replacement_notice(text, invalid=True))


def _replacement_notice(text: str, invalid: bool = False) -> tuple[str, ...]:
    count = text.count("\ufffd")
    if not count:
        return ()
    if invalid:
        return (f"not valid UTF-8: {count} undecodable byte sequence(s) shown as \ufffd",)
    return (f"{count} undecodable character(s) shown as \ufffd",)


# High bytes of UTF-16 code units in text: ASCII/Latin-1, Hebrew, Arabic,
# Arabic supplement, general punctuation, presentation forms.
_UTF16_HIGH = frozenset({0x00, 0x05, 0x06, 0x07, 0x08, 0x20, 0xFB, 0xFC, 0xFD, 0xFE})
_UTF16_HIGH_BYTES = bytes(sorted(_UTF16_HIGH))


def _guess_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte order mark: every other byte is the
    high byte of a code unit, nearly always 0x00 (Latin) or 0x06 (Arabic)."""
    sample = data[: _SAMPLE & ~1]
    if len(sample) < 16 or sample.count(0) == 0:
        return None
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        usual = len(high) - len(high.translate(None, _UTF16_HIGH_BYTES))
        if usual < 0.95 * len(high):
            continue
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _text_looks_binary(text) and "\x00" not in text:
            return encoding
    return None


# --- legacy Arabic encodings -------------------------------------------------

# Arabic letters (not marks) of the basic block, as decoded by either codepage.
_ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B)) | frozenset(
    "\u067e\u0686\u0698\u06af\u06a9\u06cc\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2"
)


# The checks below run over up to 64 KiB of every legacy-encoded file, so
# they count with bytes.translate / bytes.count instead of Python loops.
_HIGH_MASK = bytes.maketrans(bytes(range(256)), b"L" * 0x80 + b"H" * 0x80)


def _high_bytes_cluster(data: bytes) -> bool:
    """Arabic text in a single-byte encoding is runs of high bytes (words);
    Latin text in one has isolated high bytes (accented letters)."""
    mask = data[:_SAMPLE].translate(_HIGH_MASK)
    high = mask.count(b"H")
    if high < 2:
        return False
    # A high byte is clustered unless both neighbours are low (or missing);
    # doubling every L keeps "LHL" matches from sharing a byte.
    isolated = (b"L" + mask + b"L").replace(b"L", b"LL").count(b"LHL")
    return (high - isolated) / high >= 0.6


class _Codepage:
    """What each byte of a single-byte encoding decodes to, as byte classes:
    decoding such an encoding turns every byte into exactly one character."""

    def __init__(self, encoding: str) -> None:
        chars = [bytes([b]).decode(encoding, "replace") for b in range(256)]
        self.not_letters = bytes(b for b, ch in enumerate(chars) if ch not in _ARABIC_LETTERS)
        self.not_c1 = bytes(b for b, ch in enumerate(chars) if not "\x80" <= ch <= "\x9f")
        # A: Arabic letter, G: a Latin-1 letter that is wrong after one.
        marks = bytearray(b"." * 256)
        for b, ch in enumerate(chars):
            if ch in _ARABIC_LETTERS:
                marks[b] = ord("A")
            elif "\u00c0" <= ch <= "\u00ff":
                marks[b] = ord("G")
        self.glue_mask = bytes.maketrans(bytes(range(256)), bytes(marks))


_CODEPAGES: dict[str, _Codepage] = {}


def _arabic_score(sample: bytes, encoding: str) -> tuple[float, int]:
    """(score, Arabic letters) of ``sample`` decoded as the single-byte
    ``encoding``: how much it looks like Arabic-script prose. Letters inside
    Arabic words and the definite article count for it; undefined bytes, C1
    controls and Latin letters glued to Arabic letters count against."""
    page = _CODEPAGES.get(encoding)
    if page is None:
        page = _CODEPAGES[encoding] = _Codepage(encoding)
    text = sample.decode(encoding, "replace")
    letters = len(sample.translate(None, page.not_letters))
    score = letters + 5 * text.count("\u0627\u0644")  # "ال"
    score -= 20 * text.count("\ufffd")
    score -= 20 * len(sample.translate(None, page.not_c1))
    # "AG" cannot overlap itself, so count() finds every glued letter.
    score -= 10 * sample.translate(page.glue_mask).count(b"AG")
    return score, letters


def _guess_arabic_legacy(data: bytes) -> str | None:
    if not _high_bytes_cluster(data):
        return None
    sample = data[:_SAMPLE]
    best: tuple[float, str] | None = None
    for encoding in ("cp1256", "iso8859-6"):
        score, letters = _arabic_score(sample, encoding)
        if letters < 2:
            continue
        if best is None or score > best[0]:
            best = (score, encoding)
    if best is None or best[0] <= 0:
        return None
    return {"cp1256": "windows-1256", "iso8859-6": "iso-8859-6"}[best[1]]


def _guess_other(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a dependency
        return None
    try:
        match = from_bytes(data[:_SAMPLE]).best()
    except Exception:  # a detector bug must not cost the article
        return None
    if match is None or match.encoding in ("utf_8", "ascii"):
        return None
    return match.encoding
