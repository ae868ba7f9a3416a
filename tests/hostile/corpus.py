"""A hostile article directory, built fresh in a temporary directory by the tests.

Every case of issue 5 and of DESIGN.md "Untrusted text": escape sequences of
every kind in titles, bodies, metadata keys and values, comment labels and
file names; bidi overrides; markup-like text; legacy encodings; binary junk;
empty and title-only files; FIFOs, sockets, symlink loops, broken links,
directories named like articles; plus one file per naughty string
(``naughty_strings.jsonl``).

Each payload hidden inside an escape sequence carries a unique ``PWNED-...``
marker, so a test can tell an escape sequence that came from an article from
one the app wrote itself. Good articles carry an ASCII ``GOOD-...`` marker in
their title and a ``BODY-...`` marker in their text, so a test can find them on
screen whatever the layout engine does with the Arabic around them.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "articles" / "000_d5d7dac400910391.txt"

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"
CSI_CLEAR = "\x1b[2J\x1b[H"


def naughty_strings() -> list[tuple[str, str]]:
    """(name, text) of each naughty string in the data file."""
    out = []
    with open(HERE / "naughty_strings.jsonl", encoding="ascii") as fh:
        for line in fh:
            item = json.loads(line)
            if not item["name"].startswith("_"):
                out.append((item["name"], item["text"]))
    return out


def osc(code: str, payload: str, end: str = BEL) -> str:
    return f"{ESC}]{code};{payload}{end}"


@dataclass
class Entry:
    """One directory entry of the corpus and what the reader must make of it.

    ``name`` is the path relative to the corpus root (str; may hold ESC,
    newlines, C1 characters or lone surrogates). ``good`` entries must be
    listed and render: ``title_marker`` appears in the list row and the
    reader, ``body_marker`` in the reader. ``bad`` entries must be listed
    with an error naming the file (``error_words``: any one of them appears
    in the message). ``listed=False`` entries must not appear at all.
    """

    name: str
    good: bool = False
    title_marker: str | None = None
    body_marker: str | None = None
    error_words: tuple[str, ...] = ()
    listed: bool = True
    expected_title: str | None = None  # exact title after decoding, if known
    literal: tuple[str, ...] = ()  # text that must show verbatim (markup-like)

    @property
    def bad(self) -> bool:
        return self.listed and not self.good


@dataclass
class Corpus:
    root: Path
    entries: list[Entry] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)  # payloads inside escape sequences

    def add(self, entry: Entry) -> Entry:
        self.entries.append(entry)
        return entry

    @property
    def good(self) -> list[Entry]:
        return [e for e in self.entries if e.good]

    @property
    def bad(self) -> list[Entry]:
        return [e for e in self.entries if e.bad]

    def path(self, entry: Entry) -> Path:
        return self.root / entry.name

    def marker(self, name: str) -> str:
        m = f"PWNED-{name}"
        self.markers.append(m)
        return m


def article(title: str, paragraphs: list[str], meta: list[tuple[str, str]] | None = None,
            comments: str | None = "Kommentare (3)", caption: str = "Details") -> str:
    """An article in the scraped text format of the seed."""
    lines = [title, title, *paragraphs]
    if meta:
        lines += [f"{caption} | |", "---|---|"] + [f"{k} | {v} |" for k, v in meta]
    if comments is not None:
        lines.append(comments)
    return "\n".join(lines) + "\n"


def _write(path: Path, data: str | bytes, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode(encoding, "surrogatepass")
    with open(os.fsencode(path), "wb") as fh:
        fh.write(data)


ARABIC_TITLE = "\u0627\u0644\u0637\u0642\u0633 \u0627\u0644\u064a\u0648\u0645 \u0641\u064a \u0627\u0644\u0642\u0627\u0647\u0631\u0629"  # noqa: E501
ARABIC_BODY = (
    "\u0623\u0639\u0644\u0646\u062a \u0647\u064a\u0626\u0629 \u0627\u0644\u0623\u0631\u0635"
    "\u0627\u062f \u0623\u0646 \u062f\u0631\u062c\u0629 \u0627\u0644\u062d\u0631\u0627\u0631"
    "\u0629 \u0633\u062a\u0631\u062a\u0641\u0639 \u063a\u062f\u0627 \u0641\u064a \u0645\u0639"
    "\u0638\u0645 \u0627\u0644\u0645\u0646\u0627\u0637\u0642."
)


# An ordinary paragraph, so that a naughty string is a small part of its file
# (as in a real article) and a few NULs do not make the file look binary.
FILLER = " ".join(["An ordinary sentence of an ordinary news article follows here."] * 16)


def build(root: Path, *, huge: bool = False, naughty: bool = True) -> Corpus:
    """Write the hostile corpus under ``root`` (created) and describe it."""
    root.mkdir(parents=True, exist_ok=True)
    c = Corpus(root)
    m = c.marker

    # -- good articles ---------------------------------------------------------
    e = c.add(Entry("001_good_plain.txt", good=True, title_marker="GOOD-PLAIN",
                    body_marker="BODY-PLAIN", expected_title="GOOD-PLAIN an ordinary article"))
    _write(c.path(e), article(e.expected_title, ["BODY-PLAIN First paragraph, nothing odd.",
                                                 "Second paragraph."], [("Ort", "Berlin")]))

    e = c.add(Entry("002_seed_arabic.txt", good=True))
    shutil.copyfile(SEED, c.path(e))

    # Escape sequences everywhere an article has text.
    e = c.add(Entry("003_escapes.txt", good=True, title_marker="GOOD-ESC",
                    body_marker="BODY-ESC"))
    title = (f"GOOD-ESC title{CSI_CLEAR}{osc('0', m('TITLE-OSC0'))} end"
             f"{osc('2', m('TITLE-OSC2'), ST)}")
    paragraphs = [
        f"BODY-ESC clipboard {osc('52', 'c;' + m('OSC52'))} copied.",
        f"A link {ESC}]8;;https://{m('OSC8')}.example/{ST}click here{ESC}]8;;{ST} in text.",
        f"Device control {ESC}P{m('DCS')}{ST} and {ESC}_{m('APC')}{ST} and {ESC}^{m('PM')}{ST}"
        f" and {ESC}X{m('SOS')}{ST} strings.",
        f"Terminated by CAN {ESC}]2;{m('CAN')}\x18 and SUB {ESC}]2;{m('SUB')}\x1a here.",
        f"Eight-bit CSI \u009b2J and OSC \u009d0;{m('C1-OSC')}\u009c and DCS \u0090{m('C1-DCS')}"
        "\u009c done.",
        f"Queries that make a terminal answer: {ESC}[6n {ESC}[21t {ESC}]10;?{BEL} {ESC}[c {ESC}Z.",
        "C0: NUL\x00 BEL\x07 BS\x08 SO\x0e SI\x0f VT\x0b FF\x0c DEL\x7f NEL\x85 end.",
        f"Reset {ESC}c and {ESC}[?1049l alternate screen off and {ESC}[?25l cursor hidden.",
        "Bidi override \u202eDESREVER\u202c and isolate \u2067ISOLATED\u2069 in text.",
        f"Short heading{CSI_CLEAR}",
        f"Unterminated at the end of a line {ESC}]0;{m('UNTERM')}",
        f"After the unterminated line {ESC}[31mred{ESC}[0m text.",
    ]
    meta = [
        (f"Ort{osc('0', m('KEY'))}", f"Wert{osc('0', m('VALUE'))}{CSI_CLEAR}"),
        (f"Quelle{ESC}[1m", f"\u202eevil\u202c {ESC}P{m('META-DCS')}{ST}value"),
    ]
    comments = f"Kommentare{osc('0', m('COMMENT'))} (7)"
    _write(c.path(e), article(title, paragraphs, meta, comments,
                              caption=f"Details{osc('0', m('CAPTION'))}"))

    # Markup-like text: must show literally, do nothing.
    literal = ("[bold]MARKUP-B[/bold]", "[@click=app.quit]QUITME[/]",
               "[link=https://x]LINKY[/link]")
    e = c.add(Entry("004_markup.txt", good=True, title_marker="GOOD-MARKUP",
                    body_marker="BODY-MARKUP", literal=literal))
    _write(c.path(e), article(
        "GOOD-MARKUP [bold]MARKUP-B[/bold] [red",
        ["BODY-MARKUP [@click=app.quit]QUITME[/] then [link=https://x]LINKY[/link] and"
         " [@click=app.screenshot('/tmp/x')]SHOT[/] [red unclosed \\[escaped] [/] [on red]x"
         " :smile: [$accent]v[/]",
         "[bold]A short markup heading[/bold]",
         "Another paragraph with [i]italics[/i] and [link=x]y[/link]."],
        [("[b]KEY[/b]", "[@click=app.quit]VALUE[/]"), ("[red", "\\[x]")],
        comments="Comments ([bold]3[/])",
        caption="[bold]Details[/bold]",
    ))

    # Legacy encodings and byte order marks.
    enc_cases = [
        ("005_windows1256.txt", "cp1256", "GOOD-1256"),
        ("006_iso8859_6.txt", "iso8859_6", "GOOD-88596"),
        ("007_utf16le_bom.txt", "utf-16", "GOOD-UTF16"),
        ("008_utf8_bom.txt", "utf-8-sig", "GOOD-UTF8BOM"),
    ]
    for name, codec, marker in enc_cases:
        t = f"{ARABIC_TITLE} {marker}"
        e = c.add(Entry(name, good=True, title_marker=marker, body_marker=f"BODY-{marker}",
                        expected_title=t))
        _write(c.path(e), article(t, [f"{ARABIC_BODY} BODY-{marker}", ARABIC_BODY],
                                  [("\u0627\u0644\u0645\u0643\u0627\u0646", "\u0627\u0644\u0642\u0627\u0647\u0631\u0629")],  # noqa: E501
                                  "\u062a\u0639\u0644\u064a\u0642\u0627\u062a (5)").encode(codec))

    # Raw C1 bytes in a legacy single-byte encoding (ISO-8859-6 maps 0x80-0x9F to C1).
    e = c.add(Entry("009_iso8859_6_c1.txt", good=True, title_marker="GOOD-C1RAW"))
    raw = article(f"{ARABIC_TITLE} GOOD-C1RAW", [ARABIC_BODY, ARABIC_BODY]).encode("iso8859_6")
    raw = raw.replace(b" GOOD-C1RAW", b" GOOD-C1RAW\x9b2J\x9d0;" + m("RAW-C1").encode() + b"\x07",
                      1)
    _write(c.path(e), raw)

    # Mostly UTF-8 with invalid bytes: replaced, the rest kept.
    e = c.add(Entry("010_invalid_utf8.txt", good=True, title_marker="GOOD-INVALID",
                    body_marker="BODY-INVALID"))
    _write(c.path(e), article("GOOD-INVALID broken bytes", ["BODY-INVALID caf\u00e9 ok"])
           .encode() .replace(b"broken", b"br\xff\xfeoken\xc3"))

    e = c.add(Entry("011_title_only.txt", good=True, title_marker="GOOD-TITLEONLY"))
    _write(c.path(e), "GOOD-TITLEONLY just a title\n")

    e = c.add(Entry("012_empty.txt", good=True, title_marker="012_empty"))
    _write(c.path(e), b"")

    e = c.add(Entry("013_whitespace_only.txt", good=True))
    _write(c.path(e), " \n\n\t\r\n   \n")

    # Bidi overrides in the title (the classic "gnp.exe" trick).
    e = c.add(Entry("014_bidi_title.txt", good=True, title_marker="GOOD-BIDI"))
    _write(c.path(e), article("GOOD-BIDI invoice\u202egnp.exe\u202c \u2066iso\u2069",
                              ["Body \u202eDESREVER\u202c text.", ARABIC_BODY]))

    # Markdown with hostile front matter.
    e = c.add(Entry("015_frontmatter.md", good=True, title_marker="GOOD-MD",
                    body_marker="BODY-MD"))
    _write(c.path(e), (
        "---\n"
        # YAML's own escapes (\\e is ESC) make a valid document carrying escapes.
        f"title: \"GOOD-MD \\e]0;{m('YAML-TITLE')}\\a [bold]md[/bold] \\u202eRLO\"\n"
        "comments: 99999999999999999999999\n"
        f"\"key\\e[2J\": \"value\\e]0;{m('YAML-VALUE')}\\x07 \\x9b2J\"\n"
        "nested: {a: [1, 2, {b: !!binary aGVsbG8=}]}\n"
        "---\n\n"
        f"# Heading {ESC}]0;{m('MD-HEADING')}{BEL}\n\n"
        f"BODY-MD text with [a link](javascript:alert(1)) and <b>html</b> {ESC}[2J.\n"
    ))

    # Raw ESC inside YAML: not valid YAML, so the front matter is dropped.
    e = c.add(Entry("016_bad_frontmatter.md", good=True, body_marker="BODY-MD2"))
    _write(c.path(e), f"---\ntitle: \"x{ESC}]0;{m('YAML-RAW')}{BEL}\"\n---\n\nBODY-MD2 text.\n")

    # Hostile file names (the file itself is a fine article).
    for name, marker_text in [
        (f"020_name{osc('0', m('NAME-OSC'))}.txt", "GOOD-NAME-OSC"),
        ("021_name\nwith newline.txt", "GOOD-NAME-NL"),
        ("022_name\u009b2J\u009d0;c1.txt", "GOOD-NAME-C1"),
        ("023_name\u202etxt.exe\u202c.txt", "GOOD-NAME-RLO"),
        ("024_[@click=app.quit]name.txt", "GOOD-NAME-MARKUP"),
    ]:
        e = c.add(Entry(name, good=True, title_marker=marker_text))
        _write(c.path(e), article(f"{marker_text} title", [f"Body of {marker_text}."]))
    # ... and empty files, whose title falls back to the (cleaned) file name.
    e = c.add(Entry(f"025_empty{osc('2', m('EMPTY-NAME'))}{CSI_CLEAR}.txt", good=True))
    _write(c.path(e), b"")

    e = c.add(Entry("026_[@click=app.quit]EMPTYCLICK.txt", good=True,
                    title_marker="[@click=app.quit]EMPTYCLICK",
                    literal=("026_[@click=app.quit]EMPTYCLICK",)))
    _write(c.path(e), b"")

    # A name in windows-1256 bytes, not UTF-8 (Windows zip archives of Arabic news).
    legacy = os.fsdecode("027_\u0627\u0644\u0637\u0642\u0633".encode("cp1256") + b"\xff.txt")
    e = c.add(Entry(legacy, good=True, title_marker="GOOD-NAME-1256"))
    _write(c.path(e), article("GOOD-NAME-1256 title", ["Body of a file with a legacy name."]))

    # The longest name a file system takes (255 bytes), in Arabic, empty file:
    # its title is the name, too long for any row.
    long_name = "028_" + "\u0637\u0648\u064a\u0644 " * 30
    long_name = long_name.encode()[:250].decode("utf-8", "ignore") + ".txt"
    e = c.add(Entry(long_name, good=True))
    _write(c.path(e), b"")

    # -- bad entries: listed with an error naming the file ---------------------------
    e = c.add(Entry("030_binary.txt", error_words=("binary", "not a text")))
    _write(c.path(e), random.Random(5).randbytes(8192))
    e = c.add(Entry("031_png.txt", error_words=("binary", "not a text")))
    _write(c.path(e), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    e = c.add(Entry("032_utf16_binary.txt", error_words=("binary", "not a text")))
    _write(c.path(e), b"\xff\xfe" + "".join(map(chr, range(1, 32))).encode("utf-16-le") * 64)

    e = c.add(Entry("033_fifo.txt", error_words=("pipe", "regular")))
    os.mkfifo(c.path(e))
    e = c.add(Entry(f"034_fifo{osc('0', m('FIFO-NAME'))}.txt", error_words=("pipe", "regular")))
    os.mkfifo(os.fsencode(c.path(e)))

    e = c.add(Entry("035_loop.txt", error_words=("loop",)))
    os.symlink("035_loop.txt", c.path(e))
    e = c.add(Entry("036_broken.txt", error_words=("broken", "no such")))
    os.symlink(f"missing{osc('0', m('LINK-TARGET'))}.txt", os.fsencode(c.path(e)))
    e = c.add(Entry(f"037_broken{ESC}[2J.txt", error_words=("broken", "no such")))
    os.symlink("nowhere.txt", os.fsencode(c.path(e)))

    # A socket named like an article (AF_UNIX paths are short: bind from inside).
    e = c.add(Entry("038_sock.txt", error_words=("socket", "regular")))
    cwd = os.getcwd()
    try:
        os.chdir(root)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.bind("038_sock.txt")
    finally:
        os.chdir(cwd)

    # A device node named like an article (a link to /dev/null).
    e = c.add(Entry("039_device.txt", error_words=("device", "regular")))
    os.symlink("/dev/null", c.path(e))

    # A file that cannot be read. chmod 000 does not stop root (the tests may
    # run as root), but reading /proc/self/mem at offset 0 fails for everyone.
    if os.path.exists("/proc/self/mem"):
        e = c.add(Entry("042_unreadable.txt", error_words=("input/output", "read")))
        os.symlink("/proc/self/mem", c.path(e))

    # Not listed: a directory named like an article (its contents are), hidden
    # files, files without an article extension.
    c.add(Entry("040_dir.txt", listed=False))
    e = c.add(Entry("040_dir.txt/041_inside.txt", good=True, title_marker="GOOD-INSIDE"))
    _write(c.path(e), article("GOOD-INSIDE a file in a directory named x.txt", ["Body."]))
    e = c.add(Entry(".hidden.txt", listed=False))
    _write(c.path(e), article("HIDDEN-SHOULD-NOT-LIST", ["x"]))
    e = c.add(Entry("README", listed=False))
    _write(c.path(e), "NOEXT-SHOULD-NOT-LIST\n")
    # A symlink loop through directories, which must not hang the scan.
    (root / "050_sub").mkdir()
    os.symlink("..", root / "050_sub" / "up")
    os.symlink(".", root / "050_sub" / "self")
    e = c.add(Entry("050_sub/051_deep.txt", good=True, title_marker="GOOD-DEEP"))
    _write(c.path(e), article("GOOD-DEEP nested article", ["Body."]))

    # -- naughty strings: one article each -----------------------------------------
    if naughty:
        for i, (name, text) in enumerate(naughty_strings()):
            tm = f"NAUGHTY-{i:02d}"
            # A title too long to be one is dropped for the file name.
            shown = tm if len(text) < 250 else f"{i:02d}_{name}"
            e = c.add(Entry(f"naughty/{i:02d}_{name}.txt", good=True, title_marker=shown))
            if name.startswith("comment-count"):
                body = article(f"{tm} {name}", [f"Body of {name}."], [("Key", "value")], text)
            else:
                body = article(f"{tm} {text}", [f"Body {text} end.", text, FILLER],
                               [(f"Key {text}", f"Value {text}")], f"Comments ({i})")
            _write(c.path(e), body)

    if huge:
        add_huge(c)
    return c


def add_huge(c: Corpus, max_bytes: int = 4 * 1024 * 1024) -> Entry:
    """One single line larger than the size cap (the cap's default is 4 MiB)."""
    e = c.add(Entry("060_huge_line.txt", good=True, title_marker="GOOD-HUGE"))
    word = "\u0643\u0644\u0645\u0629 word "
    repeat = max_bytes // len(word.encode()) + 1000
    _write(c.path(e), "GOOD-HUGE one enormous line\n" + word * repeat + "\n")
    return e
