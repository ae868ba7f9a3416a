"""term_replies: terminal answers are taken out of the key stream, whole or split,
and nothing else is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuireader.terminal.replies import Reply, ReplyFilter

from .fake_terminals import ANSWERS

# Keys as terminals send them, the UI toolkit's own answers included: all must
# come out exactly as they went in.
KEY_TOKENS = [
    b"j",
    b"q",
    b"s",
    b"/",
    b"\r",
    b"\x7f",
    b"\x1b[A",
    b"\x1b[1;5C",
    b"\x1b[3~",
    b"\x1b[15;5~",
    b"\x1bOP",
    b"\x1b[Z",
    b"\x1b[<0;10;5M",
    b"\x1b[<0;10;5m",
    b"\x1b[I",
    b"\x1b[O",
    b"\x1b[200~pasted text\x1b[201~",
    b"\x1b[?2026;2$y",
    b"\x1b[?2048;1$y",
    b"\x1b[48;30;100;600;1000t",
    b"\x1bx",
    b"\x1bp",
    b"\x1b[97u",
    "سلام".encode(),
]
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=8
).map(str.encode)
KEYS = st.one_of(st.sampled_from(KEY_TOKENS), TEXT)
REPLIES = st.sampled_from(
    [answer for table in ANSWERS.values() for answer in table.values()]
    + [b"\x1b[>0;10;1c", b"\x1bP>|WezTerm 20230712\x1b\\", b"\x1bP>|kitty(0.26.5)\x07"]
)


def run(chunks: list[bytes]) -> tuple[bytes, list[Reply]]:
    f = ReplyFilter()
    keys = b"".join(f.feed(chunk) for chunk in chunks) + f.flush()
    return keys, f.replies


def parse_alone(reply: bytes) -> list[Reply]:
    return run([reply])[1]


def cut(data: bytes, points: list[int]) -> list[bytes]:
    edges = sorted({p % (len(data) + 1) for p in points} | {0, len(data)})
    return [data[a:b] for a, b in zip(edges, edges[1:], strict=False)]


@given(
    st.lists(st.tuples(st.booleans(), KEYS, REPLIES), max_size=12),
    st.lists(st.integers(min_value=0), max_size=20),
)
def test_any_split_of_keys_and_answers_gives_the_keys_and_the_answers(tokens, points):
    stream, keys, replies = b"", b"", []
    for is_key, key, reply in tokens:
        stream += key if is_key else reply
        if is_key:
            keys += key
        else:
            replies += parse_alone(reply)
    assert run([stream]) == (keys, replies)
    assert run(cut(stream, points)) == (keys, replies)
    assert run([stream[i : i + 1] for i in range(len(stream))]) == (keys, replies)


@pytest.mark.parametrize("terminal", sorted(ANSWERS))
def test_each_real_answer_is_recognised_and_leaves_no_key(terminal):
    answer = b"".join(ANSWERS[terminal].values())
    keys, replies = run([answer])
    assert keys == b""
    assert {r.kind for r in replies} == {
        {b"\x1b[>c": "da2", b"\x1b[>0q": "xtversion", b"\x1b[8$p": "decrpm", b"\x1b[c": "da1"}[q]
        for q in ANSWERS[terminal]
    }


def test_konsoles_letters_never_become_keys_even_one_byte_at_a_time():
    answer = ANSWERS["Konsole"][b"\x1b[>0q"]
    f = ReplyFilter()
    assert b"".join(f.feed(answer[i : i + 1], now=0.0) for i in range(len(answer))) == b""
    assert f.replies == [Reply("xtversion", text="Konsole 22.12.3")]


@given(st.binary(max_size=200), st.lists(st.integers(min_value=0), max_size=10))
def test_garbage_never_crashes_and_keys_are_only_bytes_that_came_in(data, points):
    keys, _ = run(cut(data, points))
    it = iter(data)
    assert all(byte in it for byte in keys)  # a subsequence: nothing invented


@pytest.mark.parametrize(
    "half",
    [b"\x1b[>1;115", b"\x1bP>|Konsole 22", b"\x1bP>|XTerm(379)\x1b", b"\x1b[>"],
)
def test_half_an_answer_is_dropped_when_its_end_never_comes(half):
    f = ReplyFilter(hold_for=0.3)
    assert f.feed(half, now=10.0) == b""
    assert f.holding
    assert f.expire(now=10.1) == b""  # still waiting
    assert f.expire(now=10.5) == b""  # given up: dropped, not typed
    assert not f.holding and f.replies == []
    assert f.feed(b"j", now=11.0) == b"j"  # typing goes on


def test_an_overlong_answer_is_dropped_and_typing_goes_on():
    f = ReplyFilter()
    assert f.feed(b"\x1bP>|" + b"A" * 1000, now=0.0) == b""
    assert f.replies == []
    assert f.feed(b"j", now=0.1) == b"j"


def test_a_lone_escape_is_held_briefly_then_given_back():
    f = ReplyFilter(hold_for=0.3)
    assert f.feed(b"\x1b", now=5.0) == b""
    assert f.expire(now=5.1) == b""
    assert f.expire(now=5.31) == b"\x1b"


def test_a_lone_escape_followed_by_an_answer_is_a_key_and_an_answer():
    keys, replies = run([b"\x1b", b"\x1b[>41;379;0c"])
    assert keys == b"\x1b" and replies == [Reply("da2", (41, 379, 0))]


def test_an_unknown_csi_greater_than_sequence_is_not_a_key():
    assert run([b"\x1b[>4;2m"]) == (b"", [])


def test_decrpm_for_bidi_mode_is_an_answer():
    assert run([b"\x1b[8;2$y"]) == (b"", [Reply("decrpm", (8, 2))])
