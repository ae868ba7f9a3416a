"""Independent bidi implementations used as test oracles.

GNU FriBidi through its command-line tool (package libfribidi-bin) and ICU
through PyICU (pip install '.[oracle]'). Each helper returns None when its
oracle is not installed.
"""

from __future__ import annotations

import shutil
import subprocess

FRIBIDI = shutil.which("fribidi")

try:
    import icu  # type: ignore[import-not-found]
except Exception:  # pragma: no cover - depends on the machine
    icu = None

HOW_TO_INSTALL = (
    "no bidi oracle installed: install GNU FriBidi's CLI (apt-get install libfribidi-bin) "
    "or PyICU (pip install '.[oracle]')"
)

# Characters the engine deliberately never draws (zero-width format controls)
# and FriBidi's filler after a lam-alef ligature.
_INVISIBLE = dict.fromkeys(
    [*map(ord, "\u200c\u200d\u200e\u200f\u061c\ufeff"), *range(0x2066, 0x206A),
     *range(0x202A, 0x202F)]  # fmt: skip
)
# FriBidi leaves HAMZA (which never joins) in its base form; arabic-reshaper
# uses the isolated presentation form. Both draw the same glyph.
_SAME_GLYPH = {0x0621: "\ufe80"}


def normalize(visual: str, shaped: bool = True) -> str:
    """An oracle's visual string as the engine would draw it."""
    visual = visual.translate(_INVISIBLE)
    return visual.translate(_SAME_GLYPH) if shaped else visual


def fribidi(lines: list[str], rtl: bool, *flags: str) -> list[list[str]]:
    """Run fribidi once over ``lines``; per line, its output lines.

    The first output line is the visual string (unless --novisual); map and
    level outputs follow, as requested by ``flags``.
    """
    assert FRIBIDI is not None
    assert not any("\n" in line for line in lines)
    per_line = 1 + sum(f in ("--vtol", "--ltov", "--levels") for f in flags)
    if "--novisual" in flags:
        per_line -= 1
    args = [FRIBIDI, "--nopad", "--nobreak", "--rtl" if rtl else "--ltr", *flags]
    out = subprocess.run(
        args,
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout.split("\n")
    return [out[i * per_line : (i + 1) * per_line] for i in range(len(lines))]


def fribidi_numbers(row: str) -> list[int]:
    return [int(x) for x in row.split()]


def icu_line(paragraph: str, rtl: bool, start: int, end: int) -> tuple[str, list[int]]:
    """ICU's visual string (mirrored, marks after their base) and visual map
    for paragraph[start:end], with levels resolved on the whole paragraph
    (setPara + setLine, as UAX #9 prescribes)."""
    assert icu is not None
    para = icu.Bidi()
    para.setPara(icu.UnicodeString(paragraph), 1 if rtl else 0)
    line = para.setLine(start, end)
    text = str(line.writeReordered(icu.Bidi.DO_MIRRORING | icu.Bidi.KEEP_BASE_COMBINING))
    return text, [start + i for i in line.getVisualMap()]


def icu_levels(paragraph: str, rtl: bool) -> list[int]:
    """ICU's resolved embedding level of every char of ``paragraph``."""
    assert icu is not None
    para = icu.Bidi()
    para.setPara(icu.UnicodeString(paragraph), 1 if rtl else 0)
    return [para.getLevelAt(i) for i in range(len(paragraph))]


# --- libfribidi through ctypes: paragraph levels, then one line reordered ---
# (the CLI can only treat each input line as a paragraph of its own)

_PAR_LTR, _PAR_RTL = 0x110, 0x111  # FRIBIDI_PAR_LTR / FRIBIDI_PAR_RTL
_SHAPE_MIRRORING, _REORDER_NSM = 0x1, 0x2
_SHAPE_ARAB_PRES, _SHAPE_ARAB_LIGA = 0x100, 0x200


def _load_libfribidi():
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("fribidi")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
        lib.fribidi_get_par_embedding_levels_ex.restype = ctypes.c_int8
        lib.fribidi_reorder_line.restype = ctypes.c_int8
        return lib
    except OSError:  # pragma: no cover
        return None


LIBFRIBIDI = _load_libfribidi()


def libfribidi_line(
    paragraph: str, rtl: bool, start: int, end: int, shape: bool
) -> tuple[str, list[int]]:
    """FriBidi's visual string and visual-to-logical map for paragraph[start:end].

    Levels are resolved on the whole paragraph; the line is reordered with
    marks after their base (REORDER_NSM) and mirrored; with ``shape``, Arabic
    is joined into presentation forms with lam-alef ligatures.
    """
    import ctypes

    assert LIBFRIBIDI is not None
    lib = LIBFRIBIDI
    n = len(paragraph)
    chars = (ctypes.c_uint32 * n)(*map(ord, paragraph))
    types = (ctypes.c_uint32 * n)()
    brackets = (ctypes.c_uint32 * n)()
    levels = (ctypes.c_int8 * n)()
    lib.fribidi_get_bidi_types(chars, n, types)
    lib.fribidi_get_bracket_types(chars, n, types, brackets)
    base = ctypes.c_uint32(_PAR_RTL if rtl else _PAR_LTR)
    if lib.fribidi_get_par_embedding_levels_ex(types, brackets, n, ctypes.byref(base), levels) == 0:
        raise RuntimeError("fribidi failed")
    if shape:
        joining = (ctypes.c_uint8 * n)()
        lib.fribidi_get_joining_types(chars, n, joining)
        lib.fribidi_join_arabic(types, n, levels, joining)
        flags = _SHAPE_MIRRORING | _SHAPE_ARAB_PRES | _SHAPE_ARAB_LIGA
        lib.fribidi_shape(flags, levels, n, joining, chars)
    else:
        lib.fribidi_shape_mirroring(levels, n, chars)
    vmap = (ctypes.c_int32 * n)(*range(n))
    lib.fribidi_reorder_line(_REORDER_NSM, types, end - start, start, base, levels, chars, vmap)
    return "".join(chr(chars[i]) for i in range(start, end)), list(vmap[start:end])
