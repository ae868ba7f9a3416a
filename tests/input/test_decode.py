"""Reading files: encodings, binary data, size cap, special files, errors."""

import os
import random
import socket
import sys

import pytest

from faults.disks import as_ordinary_user, shared_dir
from tuireader.articles.decode import NOT_TEXT, decode_bytes, read_text

from .bounded import call_with_timeout

ARABIC = (
    "في عرض جريء للتضامن، أعلنت كوريا الشمالية دعمها لتصرفات روسيا العسكرية في أوكرانيا، "
    "مؤكدة أن موسكو لها الحق في الدفاع عن نفسها ضد التهديد الخارجي.\n"
    "تعاون عسكري يكثف\n"
    "يمثل الاجتماع بين كيم وبلوسوف خطوة مهمة في تعميق العلاقات العسكرية بين البلدين؛ "
    "فهل يستمر هذا التحالف؟\n"
)
SHORT_ARABIC = ["كوريا الشمالية تعد روسيا", "ملاحظة: هذا نص قصير.", "الطقس اليوم"]


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("encoding", ["windows-1256", "iso-8859-6"])
@pytest.mark.parametrize("text", [ARABIC, *SHORT_ARABIC])
def test_legacy_arabic_encodings(tmp_path, encoding, text):
    p = write(tmp_path, "a.txt", text.encode(encoding))
    result = read_text(p)
    assert result.error is None
    assert result.text == text
    assert result.encoding == encoding
    assert any(encoding in n for n in result.notices)


def test_windows_1256_persian_letters(tmp_path):
    text = "گزارش پژوهشی درباره چاپ کتاب‌های کودکان در اصفهان منتشر شد."
    text = text.replace("ی", "ي")  # windows-1256 has only the Arabic yeh
    p = write(tmp_path, "fa.txt", text.encode("windows-1256"))
    assert read_text(p).text == text


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
    ],
)
def test_byte_order_marks(tmp_path, encoding, bom):
    p = write(tmp_path, "a.txt", bom + ARABIC.encode(encoding))
    result = read_text(p)
    assert result.error is None
    assert result.text == ARABIC  # the mark itself is not part of the text


def test_plain_utf8(tmp_path):
    p = write(tmp_path, "a.txt", ARABIC.encode())
    result = read_text(p)
    assert (result.text, result.encoding, result.notices, result.truncated) == (
        ARABIC, "utf-8", (), False
    )


def test_invalid_utf8_bytes_are_replaced_not_misdetected(tmp_path):
    data = ARABIC.encode()
    p = write(tmp_path, "a.txt", data[:40] + b"\xff\xfe" + data[40:])
    result = read_text(p)
    assert result.error is None
    assert "\ufffd" in result.text
    assert result.text.replace("\ufffd", "") == ARABIC
    assert result.notices  # the user is told


def test_latin1_german(tmp_path):
    text = "Die Stadtbibliothek in Köln öffnet länger. Übermäßig große Nachfrage, sagt sie.\n"
    result = read_text(write(tmp_path, "de.txt", text.encode("latin-1")))
    assert result.text == text


@pytest.mark.parametrize(
    "data",
    [
        bytes(random.Random(1).randbytes(20000)),
        b"\x89PNG\r\n\x1a\n" + bytes(random.Random(2).randbytes(5000)),
        b"\x7fELF\x02\x01\x01" + b"\x00" * 4000,
        b"\x00" * 100,
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(random.Random(3).randbytes(3000)),
    ],
)
def test_binary_is_not_an_article(tmp_path, data):
    result = read_text(write(tmp_path, "junk.txt", data))
    assert result.error == NOT_TEXT
    assert result.text == ""


def test_text_with_a_few_controls_is_still_text(tmp_path):
    text = "Title \x1b]0;pwned\x07\nBody with a NUL \x00 and ESC \x1b[2J sequences.\n" * 3
    result = read_text(write(tmp_path, "a.txt", text.encode()))
    assert result.error is None
    assert result.text == text  # sanitizing is the parser's job


def test_empty_file(tmp_path):
    result = read_text(write(tmp_path, "empty.txt", b""))
    assert (result.text, result.error, result.truncated) == ("", None, False)


def test_size_cap_truncates_at_character_boundary(tmp_path):
    text = "ب" * 1000  # two bytes each in UTF-8
    p = write(tmp_path, "big.txt", text.encode())
    result = read_text(p, max_bytes=1001)  # cuts the 501st letter in half
    assert result.truncated
    assert result.text == "ب" * 500
    assert any("truncated" in n for n in result.notices)
    assert result.size == 2000


def test_size_cap_utf16(tmp_path):
    p = write(tmp_path, "big.txt", b"\xff\xfe" + ("ب" * 1000).encode("utf-16-le"))
    result = read_text(p, max_bytes=1001)
    assert result.truncated
    assert result.text == "ب" * 499


def test_multi_megabyte_single_line(tmp_path):
    line = ("كلمة " * 1_000_000).encode()  # 9.5 MB, no newline
    result = read_text(write(tmp_path, "long.txt", line))
    assert result.error is None
    assert result.truncated
    assert len(result.text.encode()) <= 4 * 1024 * 1024
    assert "\ufffd" not in result.text
    assert any("4 MiB" in n for n in result.notices)


def test_file_exactly_at_cap_is_not_truncated(tmp_path):
    p = write(tmp_path, "a.txt", b"a" * 1000)
    result = read_text(p, max_bytes=1000)
    assert not result.truncated
    assert len(result.text) == 1000


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_does_not_block(tmp_path):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    result = call_with_timeout(read_text, fifo)
    assert result.error and "pipe" in result.error


@pytest.mark.skipif(sys.platform == "win32", reason="no Unix sockets")
def test_socket_is_refused(tmp_path):
    path = tmp_path / "s.txt"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        result = call_with_timeout(read_text, path)
    finally:
        sock.close()
    assert result.error and "socket" in result.error


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_device_behind_a_link_is_refused(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    result = call_with_timeout(read_text, link)
    assert result.error and "device" in result.error


def test_directory(tmp_path):
    d = tmp_path / "x.txt"
    d.mkdir()
    assert read_text(d).error == "is a directory"


def test_missing_file(tmp_path):
    error = read_text(tmp_path / "gone.txt").error
    assert error and "no such file" in error


def test_broken_link(tmp_path):
    link = tmp_path / "broken.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    assert read_text(link).error == "broken symbolic link"


def test_link_loop(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    assert read_text(a).error == "symbolic link loop"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_permission_denied():
    with shared_dir() as folder:  # (as root, read by an ordinary user)
        p = write(folder, "secret.txt", b"x")
        p.chmod(0)
        assert as_ordinary_user(lambda: read_text(p).error) == "permission denied"


def test_decode_bytes_never_raises_on_random_data():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.binary(max_size=2000), st.booleans())
    def check(data, truncated):
        result = decode_bytes(data, truncated=truncated)
        assert isinstance(result.text, str)
        assert (result.error is None) or result.text == ""

    check()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ARABIC, "Plain English text, saved by an old editor.\n"])
def test_utf16_without_bom(tmp_path, encoding, text):
    result = read_text(write(tmp_path, "a.txt", text.encode(encoding)))
    assert result.error is None
    assert result.text == text
    assert result.notices


def test_short_text_with_one_stray_nul_is_text(tmp_path):
    result = read_text(write(tmp_path, "a.txt", b"Ti\x00tle\nbody"))
    assert result.error is None
    assert result.text == "Ti\x00tle\nbody"
