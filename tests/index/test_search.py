"""Index search: Arabic spelling variants match, prefixes match, in both back ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.index import schema
from tuireader.index.catalog import Catalog
from tuireader.index.search import query_terms

from .conftest import write_article

# Plain (undecorated) words, each in exactly one article below.
WORDS = {
    "a.txt": ("الامن", "المدرسه", "اعلان"),
    "b.txt": ("مستشفي", "امريكا", "تاريخ"),
}
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)]  # fathatan .. sukun
ALEF_FORMS = {"ا": ["ا", "أ", "إ", "آ"], "ه": ["ه", "ة"], "ي": ["ي", "ى"]}


def _build(root: Path, cache: Path, *, use_fts: bool) -> Catalog:
    # Stored with different spellings than the plain words above.
    write_article(root, "a.txt", "الأَمْنُ القومي", "بيان من المدرسةِ: إِعْلانٌ مهم.")
    write_article(root, "b.txt", "مُسْتَشْفَى جديد في أمريكا", "تاريـــخ طويل.")
    write_article(root, "c.txt", "Breaking News from Cairo", "Nothing Arabic here.")
    cat = Catalog(root, cache, use_fts=use_fts)
    cat.refresh()
    return cat


@pytest.fixture(scope="module", params=[True, False], ids=["fts5", "like"])
def indexed(request, tmp_path_factory):
    if request.param and not schema.fts5_available():
        pytest.skip("this SQLite has no FTS5")
    base = tmp_path_factory.mktemp("search")
    cat = _build(base / "lib", base / "cache", use_fts=request.param)
    ids = {e.rel: e.id for e in cat.entries()}
    return cat, ids


def test_backend_is_the_one_asked_for(indexed, request):
    cat, _ = indexed
    assert cat.uses_fts == ("fts5" in request.node.callspec.id)


@pytest.mark.parametrize(
    ("query", "rel"),
    [
        ("الامن", "a.txt"),
        ("الأمن", "a.txt"),
        ("الإمن", "a.txt"),
        ("المدرسة", "a.txt"),
        ("اعلان", "a.txt"),
        ("مستشفى", "b.txt"),
        ("مُستشفي", "b.txt"),
        ("تاريخ", "b.txt"),  # stored with tatweel
        ("امري", "b.txt"),  # prefix
        ("cairo", "c.txt"),
        ("BREAK", "c.txt"),
        ("news cairo", "c.txt"),
    ],
)
def test_spelling_variants_find_the_article(indexed, query, rel):
    cat, ids = indexed
    assert cat.search(query) == [ids[rel]]


def test_every_word_must_match(indexed):
    cat, _ = indexed
    assert cat.search("الامن تاريخ") == []


@pytest.mark.parametrize("query", ["", "   ", "!!", '"', "*", "NEAR(", "a OR", "-x", "'"])
def test_odd_queries_never_raise(indexed, query):
    cat, _ = indexed
    assert isinstance(cat.search(query), list)


def test_query_syntax_is_not_interpreted(indexed):
    cat, ids = indexed
    # FTS5 operators in the query are plain words, not syntax.
    assert cat.search("cairo OR zebra") == []
    assert cat.search("cairo NOT news") == [ids["c.txt"]]  # "not" is a prefix of "Nothing"
    assert cat.search("news:") == [ids["c.txt"]]


def test_limit_caps_the_results(indexed):
    cat, _ = indexed
    assert len(cat.search("ا", limit=1)) <= 1
    assert len(cat.search("news", limit=0)) == 0


def decorated(word: str):
    """Strategy: ``word`` with random harakat after letters and alef/ta/ya variants."""

    def build(choices):
        out = []
        for ch, (variant, mark) in zip(word, choices, strict=False):
            forms = ALEF_FORMS.get(ch, [ch])
            out.append(forms[variant % len(forms)])
            if mark is not None:
                out.append(mark)
        return "".join(out)

    pair = st.tuples(st.integers(0, 3), st.none() | st.sampled_from(HARAKAT + ["\u0640"]))
    return st.lists(pair, min_size=len(word), max_size=len(word)).map(build)


@st.composite
def variant_queries(draw):
    rel = draw(st.sampled_from(sorted(WORDS)))
    word = draw(st.sampled_from(WORDS[rel]))
    return rel, draw(decorated(word))


@settings(max_examples=60, deadline=None)
@given(case=variant_queries())
def test_any_decoration_of_a_word_finds_its_article(indexed, case):
    cat, ids = indexed
    rel, query = case
    assert cat.search(query) == [ids[rel]], query


@given(st.text(max_size=40))
@settings(max_examples=100, deadline=None)
def test_query_terms_are_folded_words(text):
    for term in query_terms(text):
        assert term and not any(c.isspace() for c in term)
        assert any(c.isalnum() for c in term)
