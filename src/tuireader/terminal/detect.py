"""Which terminal is this, and who should lay out right-to-left text: ``bidi = "auto"``.

Asked in-band (the questions and answers travel with the key presses, so they
work over SSH): DECRQM for bidi mode 8, XTVERSION, DA2, and DA1 last, which
every terminal answers, so its answer means "that was everything". The answers
seen on real terminals are in DESIGN.md, *Terminals*. Local environment
variables help when present, never required. Pure: no Textual, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tuireader.terminal.replies import Reply, ReplyFilter

#: DECRQM bidi mode 8, XTVERSION, DA2, then DA1 (answered by all: the end marker).
QUERIES = "\x1b[8$p\x1b[>0q\x1b[>c\x1b[c"
ANSWER_WAIT = 4.0  # seconds: a verdict from what has come by then
HOLD_WINDOW = 10.0  # seconds: how long a half-read answer may still complete

UNKNOWN = "unknown terminal"


@dataclass(frozen=True)
class Verdict:
    """``mode``: ``app`` or ``terminal``; ``terminal``: the name the status bar
    shows; ``wrap``: ``tmux`` or ``screen`` when a multiplexer sits between us
    and the terminal (bidi mode sequences are then also sent through it)."""

    mode: str
    terminal: str
    wrap: str | None = None

    @property
    def reason(self) -> str:
        return self.terminal


# DA2 first parameter -> terminal (only values that name one terminal).
_DA2_NAMES = {41: "xterm", 65: "VTE", 77: "mintty", 24: "mlterm", 84: "tmux", 83: "GNU screen"}
# XTVERSION name prefix -> (terminal, mode)
_XTVERSION = (
    ("tmux", "tmux", "app"),
    ("Konsole", "Konsole", "terminal"),
    ("XTerm", "xterm", "app"),
    ("iTerm2", "iTerm2", "terminal"),
    ("WezTerm", "WezTerm", "app"),
    ("kitty", "kitty", "app"),
    ("foot", "foot", "app"),
    ("mintty", "mintty", "app"),
    ("Alacritty", "Alacritty", "app"),
)
#: Terminals that reorder by themselves and cannot be told not to. mlterm 3.9
#: as Debian ships it (``use_bidi = true``) reorders rows and ignores ``CSI 8 l``:
#: seen under a virtual display, visual text reversed, logical text right.
REORDERING = frozenset({"Konsole", "iTerm2", "macOS Terminal", "PuTTY", "mlterm"})


def _mode(name: str) -> str:
    return "terminal" if name in REORDERING else "app"


def _from_env(env: Mapping[str, str]) -> str | None:
    """The terminal the environment names, if any (absent over SSH)."""
    if env.get("KONSOLE_VERSION"):
        return "Konsole"
    if env.get("VTE_VERSION"):
        return "VTE"
    program = env.get("TERM_PROGRAM", "")
    named = {
        "iTerm.app": "iTerm2",
        "Apple_Terminal": "macOS Terminal",
        "WezTerm": "WezTerm",
        "mintty": "mintty",
    }
    if program in named:
        return named[program]
    if env.get("WT_SESSION"):
        return "Windows Terminal"
    if env.get("KITTY_WINDOW_ID"):
        return "kitty"
    return None


def multiplexer_wrap(env: Mapping[str, str]) -> str | None:
    if env.get("TMUX"):
        return "tmux"
    if env.get("STY"):
        return "screen"
    return None


def _inside(wrap: str, env: Mapping[str, str]) -> Verdict:
    """Under tmux or screen the answers are the multiplexer's; the outer terminal
    may still be named by variables inherited from it."""
    label = "tmux" if wrap == "tmux" else "GNU screen"
    outer = _from_env(env)
    if outer in REORDERING:
        return Verdict("terminal", f"{label} in {outer}", wrap)
    return Verdict("app", label, wrap)


def verdict_from_env(env: Mapping[str, str]) -> Verdict | None:
    """What the environment alone says, before any answer (None: nothing)."""
    wrap = multiplexer_wrap(env)
    if wrap:
        return _inside(wrap, env)
    name = _from_env(env)
    return Verdict(_mode(name), name) if name else None


def verdict_from_replies(replies: Sequence[Reply], env: Mapping[str, str]) -> Verdict:
    """The verdict from the answers (first of each kind), then the environment."""
    da2 = next((r.params for r in replies if r.kind == "da2"), None)
    version = next((r.text for r in replies if r.kind == "xtversion"), "")
    bidi = next((r.params[1] for r in replies if r.kind == "decrpm" and r.params[0] == 8), None)
    first = da2[0] if da2 else None
    if first == 84 or version.startswith("tmux") or env.get("TMUX"):
        return _inside("tmux", env)
    if first == 83 or env.get("STY"):
        return _inside("screen", env)
    for prefix, name, mode in _XTVERSION:
        if version.startswith(prefix):
            return Verdict(mode, name)
    if da2 == (1, 115, 0):
        return Verdict("terminal", "Konsole")  # Konsole's fixed DA2
    if da2 and da2[:2] == (0, 136):
        return Verdict("terminal", "PuTTY")
    if first in _DA2_NAMES:
        return Verdict(_mode(_DA2_NAMES[first]), _DA2_NAMES[first])
    if bidi in (1, 2):
        # It knows bidi mode 8, so it honours CSI 8 l: app mode is safe.
        return Verdict("app", "bidi mode 8 supported")
    from_env = _from_env(env)
    if from_env:
        return Verdict(_mode(from_env), from_env)
    return Verdict("app", UNKNOWN)


def passthrough(sequence: str, wrap: str | None) -> str:
    """``sequence`` wrapped for the multiplexer to hand to the outer terminal."""
    if wrap == "tmux":
        return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    if wrap == "screen":
        return "\x1bP" + sequence + "\x1b\\"
    return ""


@dataclass
class Probe:
    """One round of questions: filter the input, decide once.

    ``sent(now)`` when the queries went out; then ``feed`` every read and
    ``poll`` now and then. ``take_verdict`` returns the verdict once, when the
    DA1 answer (the last) came or ``ANSWER_WAIT`` passed.
    """

    env: Mapping[str, str]
    answer_wait: float = ANSWER_WAIT
    hold_window: float = HOLD_WINDOW
    filter: ReplyFilter = field(default_factory=ReplyFilter)
    replies: list[Reply] = field(default_factory=list)
    sent_at: float | None = None
    complete: bool = False  # the DA1 answer came: nothing more to wait for
    verdict: Verdict | None = None
    _taken: bool = False

    @property
    def queries(self) -> str:
        """What to ask. macOS Terminal prints DECRQM instead of answering it, and
        its name is in the environment anyway: nothing is asked there."""
        if self.env.get("TERM_PROGRAM") == "Apple_Terminal":
            return ""
        return QUERIES

    @property
    def initial(self) -> Verdict | None:
        return verdict_from_env(self.env)

    def sent(self, now: float) -> None:
        self.sent_at = now

    def _armed(self, now: float) -> bool:
        """Still expecting answers: hold undecided prefixes for a moment."""
        if self.complete or self.sent_at is None:
            return False
        return now - self.sent_at < self.hold_window

    def feed(self, data: bytes, now: float) -> bytes:
        """The key bytes in ``data`` (answers removed)."""
        keys = self.filter.feed(data, now)
        if not self._armed(now):
            keys += self.filter.flush()
        self._collect()
        return keys

    def poll(self, now: float) -> bytes:
        """Key bytes released because their wait ran out (call often)."""
        keys = self.filter.expire(now) if self._armed(now) else self.filter.flush()
        self._collect()
        if self.verdict is None and self.sent_at is not None:
            if self.complete or now - self.sent_at >= self.answer_wait:
                self.verdict = verdict_from_replies(self.replies, self.env)
        return keys

    def _collect(self) -> None:
        for reply in self.filter.pop_replies():
            self.replies.append(reply)
            if reply.kind == "da1":
                self.complete = True

    def take_verdict(self) -> Verdict | None:
        """The verdict, the first time it is asked for after it was reached."""
        if self.verdict is None or self._taken:
            return None
        self._taken = True
        return self.verdict


def tmux_passthrough_notice(output: str, returncode: int) -> str | None:
    """From ``tmux show -gv allow-passthrough``: what to tell the user, if anything.

    tmux before 3.3 has no such option (an error) and passes everything through.
    """
    if returncode != 0 or output.strip() != "off":
        return None
    return (
        "tmux does not pass tuireader's bidi setting on to your terminal, so "
        "Arabic may read backwards. Add this line to ~/.tmux.conf:\n"
        "    set -g allow-passthrough on\n"
        "then run `tmux source-file ~/.tmux.conf` and restart tuireader. "
        "Meanwhile press B (the terminal then lays out right-to-left text)."
    )
