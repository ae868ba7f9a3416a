"""Synthetic Arabic article directories for the scale benchmarks.

Articles follow the scraped .txt layout of the sample (title twice,
paragraphs, a subheading, a metadata table, a comment count), about 3-4 KB
each like real news pages. Words carry harakat and mixed alef forms so that
search normalization is exercised. Directories are cached under
``/tmp/tuireader-bench`` and reused while their marker file is present.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

CACHE = Path(os.environ.get("TUIREADER_BENCH_DATA", "/tmp/tuireader-bench"))
PER_DIR = 1000  # files per subdirectory, as archives split by day or month

WORDS = (
    "كوريا الشمالية تعد روسيا بدعم لا يتزعزع في حرب أوكرانيا أعلنت الحكومة اليوم "
    "عن خطة جديدة لإصلاح الاقتصاد الوطني وزير الدفاع الخارجية المالية الصحة التعليم "
    "مجلس الأمن الدولي الأمم المتحدة اجتماع مؤتمر صحفي قال أكد أضاف أشار إلى أن "
    "الرئيس رئيس الوزراء البرلمان الانتخابات المقبلة المعارضة الشعب المواطنين "
    "الأسعار النفط الغاز الكهرباء المياه الزراعة الصناعة التجارة الاستثمار البنك "
    "المركزي العملة الدولار اليورو التضخم البطالة الشباب النساء الأطفال المدارس "
    "الجامعات المستشفيات الطرق المطار الميناء القطار الحدود اللاجئين المساعدات "
    "الإنسانية منظمة الصحة العالمية اللقاح الفيروس المناخ الحرارة الأمطار الفيضانات "
    "كتاب مكتبة ثقافة فن موسيقى سينما مسرح رياضة كرة القدم المنتخب البطولة الكأس "
    "إسرائيل فلسطين غزة القدس لبنان سوريا العراق الأردن مصر السعودية الإمارات قطر "
    "الكويت عمان اليمن ليبيا تونس الجزائر المغرب السودان إيران تركيا الصين أمريكا "
    "مسؤول مصدر تقرير دراسة بحث علماء جامعة نتائج أرقام إحصاءات نسبة مئة ألف مليون"
).split()
HARAKAT_WORDS = ["كِتَابٌ", "الْأَمْنُ", "مَدْرَسَةٌ", "إِعْلَانٌ", "آمَنَ", "مُسْتَشْفَى"]
LATIN = ["Reuters", "AFP", "UN", "NATO", "ATACMS", "Pyongyang", "(2024)", "GDP", "5G"]
SUBHEADS = ["تعاون عسكري يكثف", "ردود فعل دولية", "خلفية الأزمة", "ما التالي", "أرقام رئيسية"]
CITIES = ["Pyongyang, Nordkorea", "القاهرة", "بيروت", "Paris, Frankreich", "الرياض", "تونس"]


def _sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(WORDS, k=n)
    if rng.random() < 0.3:
        words[rng.randrange(n)] = rng.choice(HARAKAT_WORDS)
    if rng.random() < 0.3:
        words[rng.randrange(n)] = rng.choice(LATIN)
    return " ".join(words) + rng.choice([".", ".", "،", "!"])


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(2, 5)))


def article_text(rng: random.Random, paragraphs: list[str], n: int, body_bytes: int = 0) -> str:
    """One article; ``body_bytes`` > 0 grows the body to about that size."""
    title = " ".join(rng.choices(WORDS, k=rng.randint(5, 10))) + f" {n}"
    parts = [title, title]
    body = [rng.choice(paragraphs) for _ in range(rng.randint(3, 6))]
    body[0] = f"{rng.choice(CITIES)} - {body[0]}"
    body.insert(2, rng.choice(SUBHEADS))
    if body_bytes:
        size = sum(len(p.encode()) for p in body)
        while size < body_bytes:
            p = rng.choice(paragraphs)
            body.append(p)
            size += len(p.encode()) + 1
    parts += body
    parts += [
        "Details | |",
        "---|---|",
        f"Ort | {rng.choice(CITIES)} |",
        f"Datum | 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} |",
        f"Kommentare ({rng.randint(0, 300)})",
    ]
    return "\n".join(parts) + "\n"


def _paragraph_pool(rng: random.Random, n: int = 3000) -> list[str]:
    return [_paragraph(rng) for _ in range(n)]


def library(count: int) -> Path:
    """A directory of ``count`` articles (generated once, then reused)."""
    root = CACHE / f"lib-{count}"
    marker = root / ".complete"
    if marker.exists():
        return root
    rng = random.Random(count)
    pool = _paragraph_pool(rng)
    root.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        sub = root / f"{n // PER_DIR:03d}"
        if n % PER_DIR == 0:
            sub.mkdir(exist_ok=True)
        (sub / f"{n:06d}.txt").write_text(article_text(rng, pool, n), encoding="utf-8")
    marker.write_text("ok\n")
    return root


def big_article(size: int) -> Path:
    """A one-file library holding an article of about ``size`` bytes."""
    root = CACHE / f"one-{size}"
    path = root / f"article-{size}.txt"
    if not path.exists():
        rng = random.Random(size)
        root.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(rng, _paragraph_pool(rng, 300), 1, size), encoding="utf-8")
    return path


if __name__ == "__main__":
    import sys
    import time

    for arg in sys.argv[1:] or ["1000"]:
        t = time.perf_counter()
        print(library(int(arg)), f"{time.perf_counter() - t:.1f}s")
