"""Encoding detection counts with bytes operations: the same answers as the
plain per-character loops they replaced (kept here as the reference)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles import decode
from tuireader.articles.decode import decode_bytes

# -- reference: the original loops ---------------------------------------------


def ref_text_looks_binary(text):
    sample = text[: decode._SAMPLE]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) < 0x20 and ch not in "\t\n\x0b\x0c\r\x1b")
    return bad / len(sample) > decode._BINARY_RATIO


def ref_high_bytes_cluster(data):
    sample = data[: decode._SAMPLE]
    high = clustered = 0
    prev_high = False
    for i, b in enumerate(sample):
        is_high = b >= 0x80
        if is_high:
            high += 1
            nxt = sample[i + 1] if i + 1 < len(sample) else 0
            if prev_high or nxt >= 0x80:
                clustered += 1
        prev_high = is_high
    return high >= 2 and clustered / high >= 0.6


def ref_arabic_score(text):
    letters = sum(1 for ch in text if ch in decode._ARABIC_LETTERS)
    score = letters + 5 * text.count("\u0627\u0644")
    score -= 20 * text.count("\ufffd")
    score -= 20 * sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    glued = 0
    prev_arabic = False
    for ch in text:
        is_arabic = ch in decode._ARABIC_LETTERS
        if "\u00c0" <= ch <= "\u00ff" and prev_arabic:
            glued += 1
        prev_arabic = is_arabic
    return score - 10 * glued, letters


def ref_utf16_usual(high):
    return sum(1 for b in high if b in decode._UTF16_HIGH)


def ref_good(lenient):
    return sum(1 for ch in lenient if ch > "\x7f") - lenient.count("\ufffd")


# -- strategies ------------------------------------------------------------------

ARABIC = "كوريا الشمالية تعد روسيا بدعم لا يتزعزع في حرب أوكرانيا، پچژگ ٹڈڑ é à 1٢"
legacy_bytes = st.one_of(
    st.text(alphabet=st.sampled_from(ARABIC), max_size=200).map(
        lambda t: t.encode("cp1256", "replace")
    ),
    st.text(alphabet=st.sampled_from(ARABIC), max_size=200).map(
        lambda t: t.encode("iso8859-6", "replace")
    ),
    st.binary(max_size=300),
    st.lists(st.sampled_from([b"\xc7\xe1", b" ", b"\xe9", b"a", b"\x85", b"\xff\xfe"])).map(
        b"".join
    ),
)
any_text = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from("\x00\x01\x08\x0e\x1a\x1b\x1c\t\n\r")),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(legacy_bytes)
def test_high_byte_clusters_agree_with_reference(data):
    assert decode._high_bytes_cluster(data) == ref_high_bytes_cluster(data)


@settings(max_examples=300, deadline=None)
@given(legacy_bytes)
def test_arabic_scores_agree_with_reference(data):
    for encoding in ("cp1256", "iso8859-6"):
        expected = ref_arabic_score(data.decode(encoding, "replace"))
        assert decode._arabic_score(data, encoding) == expected


def test_codepages_decode_one_character_per_byte():
    # What the byte classes of _arabic_score rely on.
    for encoding in ("cp1256", "iso8859-6"):
        assert len(bytes(range(256)).decode(encoding, "replace")) == 256


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_binary_text_check_agrees_with_reference(text):
    assert decode._text_looks_binary(text) == ref_text_looks_binary(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_utf16_and_lenient_counts_agree_with_reference(data):
    high = data[1::2]
    assert len(high) - len(high.translate(None, decode._UTF16_HIGH_BYTES)) == ref_utf16_usual(
        high
    )
    lenient = data.decode("utf-8", "replace")
    bad = lenient.count("\ufffd")
    assert len(lenient) - len(lenient.encode("ascii", "ignore")) - bad == ref_good(lenient)


@settings(max_examples=200, deadline=None)
@given(legacy_bytes)
def test_decoding_never_raises(data):
    result = decode_bytes(data)
    assert result.error is not None or isinstance(result.text, str)


def test_legacy_arabic_files_still_recognised():
    text = "كوريا الشمالية تعد روسيا بدعم لا يتزعزع في حرب أوكرانيا. " * 20
    assert decode_bytes(text.encode("cp1256")).encoding == "windows-1256"
    assert decode_bytes(text.encode("iso8859-6")).encoding == "iso-8859-6"
    assert decode_bytes(text.encode("utf-16-le")).encoding == "utf-16-le"
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode()).text == text
