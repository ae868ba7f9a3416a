"""Language and direction guess: the counting done with regular expressions
gives exactly the results of the plain per-character loop it replaced."""

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles import langdetect
from tuireader.articles.langdetect import detect
from tuireader.articles.model import Direction
from tuireader.articles.parse_text import parse_text

# -- reference: the original per-character implementation --------------------

_URDU = frozenset("\u0679\u0688\u0691\u06ba\u06d2\u06c1\u06be")
_PERSIAN = frozenset("\u067e\u0686\u0698\u06af\u06a9\u06cc")
_ARABIC_ONLY = frozenset("\u064a\u0643\u0629\u0649")


def _ref_is_rtl_letter(cp):
    return (
        0x0590 <= cp <= 0x08FF
        or 0xFB1D <= cp <= 0xFDFF
        or 0xFE70 <= cp <= 0xFEFF
        or 0x10800 <= cp <= 0x10FFF
        or 0x1E800 <= cp <= 0x1EFFF
    )


def _ref_counts(sample):
    rtl = ltr = arabic = hebrew = latin = 0
    urdu = persian = arabic_only = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        cp = ord(ch)
        if _ref_is_rtl_letter(cp):
            rtl += 1
            if 0x0590 <= cp <= 0x05FF or 0xFB1D <= cp <= 0xFB4F:
                hebrew += 1
            else:
                arabic += 1
                if ch in _URDU:
                    urdu += 1
                elif ch in _PERSIAN:
                    persian += 1
                elif ch in _ARABIC_ONLY:
                    arabic_only += 1
        else:
            ltr += 1
            if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
                latin += 1
    return rtl, ltr, arabic, hebrew, latin, urdu, persian, arabic_only


def _ref_latin_language(sample):
    counts = dict.fromkeys(langdetect._STOPWORDS, 0)
    for word in langdetect._WORD.findall(sample.casefold()):
        for lang, words in langdetect._STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 2 else None


def ref_detect(texts):
    parts, total = [], 0
    for t in texts:
        parts.append(t[: 20_000 - total])
        total += len(parts[-1])
        if total >= 20_000:
            break
    sample = "\n".join(parts)
    rtl, ltr, arabic, hebrew, latin, urdu, persian, arabic_only = _ref_counts(sample)
    direction = Direction.RTL if rtl > ltr else Direction.LTR
    lang = None
    if rtl > ltr:
        if hebrew > arabic:
            lang = "he"
        elif urdu >= 3 and urdu * 100 >= arabic:
            lang = "ur"
        elif persian > arabic_only:
            lang = "fa"
        else:
            lang = "ar"
    elif latin and latin * 2 >= ltr:
        lang = _ref_latin_language(sample)
    return lang, direction


# -- strategies ------------------------------------------------------------------

SCRIPT_CHARS = (
    "ابتثجحخدذرزسشصضطظعغفقلمنهوءآأإئؤ"  # Arabic
    + "".join(_URDU | _PERSIAN | _ARABIC_ONLY)
    + "\u064b\u064e\u0650\u0651\u0652\u0670\u0640"  # harakat, superscript alef, tatweel
    + "٠١٢٣٤٥٦٧٨٩۰۱۲۳"  # Arabic-Indic and Persian digits
    + "אבגדהוזחטיכלמנסעפצקרשת\u05b0\u05b4\ufb2a\ufb4f"  # Hebrew, niqqud, forms
    + "\ufb56\ufb8a\ufefb\ufe8d\ufdf2"  # Arabic presentation forms
    + "ܐܒܓހށߊߋࠀࡀ"  # Syriac, Thaana, N'Ko, Samaritan, Mandaic
    + "abcXYZéßøœŁẞếǅ"  # Latin, Latin-1, extended
    + "αβΩжЖԱ中文かカ한"  # other left-to-right scripts
    + "\U00010900\U00010a10\U0001e900\U0001e800\U0001f600\U0001d400"  # supplementary
    + " \n\t.,،؛؟!()«»0123456789\u200c\u200d\u200e\u200f\u061c\u00a0\u2028_²½Ⅻ"
)
mixed_text = st.text(
    alphabet=st.one_of(st.sampled_from(SCRIPT_CHARS), st.characters()), max_size=300
)
# Few letters of the Arabic and Hebrew blocks: counts fall near the thresholds
# that tell Urdu, Persian, Arabic and Hebrew apart.
rtl_letters_text = st.text(
    alphabet=st.sampled_from(
        "".join(_URDU | _PERSIAN | _ARABIC_ONLY) + "ابت" + "אב\ufb2a" + "ab \u064e"
    ),
    max_size=60,
)
STOPWORDS = sorted(set().union(*langdetect._STOPWORDS.values()))
latin_text = st.lists(
    st.one_of(st.sampled_from(STOPWORDS), st.sampled_from(["The", "DER", "Und", "x", "Straße"])),
    max_size=40,
).map(" ".join)


@settings(max_examples=250, deadline=None)
@given(st.lists(mixed_text, max_size=6))
def test_mixed_script_text_agrees_with_reference(texts):
    assert detect(texts) == ref_detect(texts)


@settings(max_examples=300, deadline=None)
@given(st.lists(rtl_letters_text, max_size=3))
def test_right_to_left_languages_agree_with_reference(texts):
    assert detect(texts) == ref_detect(texts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(latin_text, mixed_text), max_size=5))
def test_latin_language_agrees_with_reference(texts):
    assert detect(texts) == ref_detect(texts)


@settings(max_examples=30, deadline=None)
@given(st.lists(mixed_text, min_size=1, max_size=4), st.integers(100, 400))
def test_long_texts_cut_at_the_same_sample(texts, times):
    # Past 20,000 characters only the first ones count; the cut must fall
    # at the same place.
    long = [t * times for t in texts]
    assert detect(long) == ref_detect(long)


def test_every_code_point_counted_like_the_reference():
    # All of Unicode in slices: each character lands in the same class.
    step = 4096
    for start in range(0, sys.maxunicode + 1, step):
        chunk = "".join(map(chr, range(start, min(start + step, sys.maxunicode + 1))))
        rtl, ltr, _arabic, _hebrew, latin, *_ = _ref_counts(chunk)
        assert langdetect._counts(chunk) == (rtl, ltr, latin), hex(start)


def test_known_languages():
    assert detect(["كوريا الشمالية تعد روسيا بدعم لا يتزعزع"]) == ("ar", Direction.RTL)
    assert detect(["یک روز خوب برای گفتگو و کار است"]) == ("fa", Direction.RTL)
    assert detect(["یہ ایک اچھا دن ہے اور ہم ٹھیک ہیں۔"]) == ("ur", Direction.RTL)
    assert detect(["שלום עולם, זה יום יפה"]) == ("he", Direction.RTL)
    assert detect(["The cat and the dog are in the house"]) == ("en", Direction.LTR)
    assert detect(["Der Hund und die Katze sind nicht im Haus"]) == ("de", Direction.LTR)
    assert detect(["", "123 !?"]) == (None, Direction.LTR)


# -- parse_text: collapsing spaces ---------------------------------------------

line_text = st.text(
    alphabet=st.sampled_from("ab كتب \u00a0.|-:()0"), min_size=1, max_size=40
)


@settings(max_examples=200, deadline=None)
@given(st.lists(line_text, min_size=1, max_size=8), st.data())
def test_doubling_a_space_does_not_change_the_parse(lines, data):
    text = "\n".join(lines)
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if spaces:
        i = data.draw(st.sampled_from(spaces))
        doubled = text[:i] + " " + text[i:]
    else:
        doubled = text + "  "
    assert parse_text(doubled) == parse_text(text)
