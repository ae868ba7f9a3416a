"""The seed article, pinned exactly (issue 2)."""

from pathlib import Path

from tuireader.articles.loader import article_id, load_article
from tuireader.articles.model import BlockKind, Direction

from .scanned import scan

ROOT = Path(__file__).resolve().parents[2] / "articles"
SEED = ROOT / "000_d5d7dac400910391.txt"
TITLE = "كوريا الشمالية تعد روسيا بدعم لا يتزعزع في حرب أوكرانيا"


def test_seed_title_shown_once():
    article = load_article(SEED, ROOT)
    assert article.error is None
    assert article.title == TITLE
    assert all(TITLE != b.text for b in article.blocks)


def test_seed_blocks_in_order():
    article = load_article(SEED, ROOT)
    kinds = [b.kind for b in article.blocks]
    assert kinds == [
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.SUBHEADING,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]
    assert article.subheadings == ("تعاون عسكري يكثف",)
    paragraphs = article.paragraphs
    assert paragraphs[0].startswith("Pyongyang, Nordkorea - في عرض جريء للتضامن")
    assert paragraphs[1].startswith("تصريحات كيم تأتي في أعقاب")
    assert "(ATACMS)" in paragraphs[1]
    assert paragraphs[2].startswith("يمثل الاجتماع بين كيم وبلوسوف")
    assert paragraphs[3].startswith("في تطور حديث")
    assert paragraphs[3].endswith("في جميع أنحاء المنطقة وخارجها.")


def test_seed_metadata_comments_direction():
    article = load_article(SEED, ROOT)
    assert article.meta_caption == "Details"
    assert article.metadata == (("Ort", "Pyongyang, Nordkorea"),)
    assert article.comments == 0
    assert article.direction is Direction.RTL
    assert article.lang == "ar"
    assert article.notices == ()


def test_seed_body_text_is_the_file_text():
    # Every body block is a line of the file, unchanged.
    lines = SEED.read_text(encoding="utf-8").split("\n")
    article = load_article(SEED, ROOT)
    for block in article.blocks:
        assert block.text in lines


def test_seed_id_is_stable_and_relative():
    a = load_article(SEED, ROOT)
    b = load_article(str(SEED), str(ROOT))
    assert a.id == b.id == article_id(SEED, ROOT)
    import hashlib

    assert a.id == hashlib.sha1(b"000_d5d7dac400910391.txt").hexdigest()


def test_seed_found_by_scan():
    entries = scan(ROOT)
    rels = [e.rel for e in entries]
    assert "000_d5d7dac400910391.txt" in rels
    entry = entries[rels.index("000_d5d7dac400910391.txt")]
    assert entry.error is None
    assert entry.size == SEED.stat().st_size
