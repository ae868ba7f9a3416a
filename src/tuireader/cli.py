"""Command line: ``tuireader [DIR]`` opens the reader, ``tuireader --print FILE``
writes one article to standard output exactly as the reader pane lays it out.

Textual is imported only when the full-screen reader really starts, so ``--print``,
``--help`` and ``--version`` stay fast and work without a terminal.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from tuireader import __version__
from tuireader.articles.sanitize import clean_line
from tuireader.files.errors import describe_os_error

PROG = "tuireader"
EXIT_USAGE = 2  # bad arguments, missing or unreadable path, no terminal


class CliError(Exception):
    """A problem the user can fix; shown as one line on stderr, exit status 2."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of columns, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 column, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "A keyboard-first terminal news reader that renders Arabic, Persian, Urdu "
            "and Hebrew correctly. Opens the reader on DIR (default: the directory in "
            "the config file, else ./articles, else the bundled sample articles)."
        ),
        epilog=(
            "bidi modes: 'auto' (default) asks the terminal and picks one of: "
            "'app' shapes and reorders right-to-left text itself "
            "and asks the terminal not to reorder it again (xterm, VTE/GNOME Terminal, "
            "mintty, kitty, WezTerm, Alacritty, Windows Terminal); 'terminal' sends "
            "logical text and lets the terminal do bidi (Konsole, iTerm2, macOS "
            "Terminal, PuTTY). Over SSH the locale may be C: tuireader writes UTF-8 "
            "anyway. Feeds: tuireader feeds {add,list,remove,import,export} and "
            "tuireader fetch [NAME...] (see tuireader feeds --help)."
        ),
    )
    parser.add_argument(
        "directory",
        nargs="?",
        metavar="DIR",
        help=(
            "directory of articles (or one article: its directory opens with it selected;"
            " one named 'feeds' or 'fetch': ./feeds)"
        ),
    )
    parser.add_argument(
        "--print",
        dest="print_file",
        metavar="FILE",
        help="print one article to standard output as the reader shows it, then exit",
    )
    parser.add_argument(
        "--width",
        type=_positive_int,
        metavar="N",
        help="columns for --print (default: the terminal's width, else 80)",
    )
    parser.add_argument(
        "--bidi",
        choices=("auto", "app", "terminal"),
        help=(
            "who lays out right-to-left text: the app or the terminal; 'auto' "
            "(default) asks the terminal which it is"
        ),
    )
    parser.add_argument(
        "--harakat", action="store_true", default=None, help="show Arabic vowel marks"
    )
    parser.add_argument(
        "--no-shape",
        dest="shaping",
        action="store_false",
        default=None,
        help="do not join Arabic letters (for terminals that shape by themselves)",
    )
    parser.add_argument(
        "--no-mouse",
        dest="mouse",
        action="store_false",
        default=None,
        help="no mouse reporting (less traffic over slow SSH links)",
    )
    parser.add_argument(
        "--config", metavar="FILE", help="config file to use instead of the default"
    )
    parser.add_argument(
        "--check-config",
        action="store_true",
        help="print every problem in the config file and exit (status 1 if there are any)",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def _load_settings(args: argparse.Namespace):
    from tuireader.settings.config import load_config

    config = Path(args.config).expanduser() if args.config else None
    if config is not None:
        # A config file named on the command line must exist: a typo is not "defaults".
        try:
            st = config.stat()
        except OSError as exc:
            reason = (
                "no such file" if isinstance(exc, FileNotFoundError) else describe_os_error(exc)
            )
            raise CliError(f"{config}: {reason} (given with --config)") from None
        if not stat.S_ISREG(st.st_mode):
            raise CliError(f"{config}: not a regular file (given with --config)")
    settings = load_config(config)
    overrides = {}
    if args.bidi is not None:
        overrides["bidi_mode"] = args.bidi
    for name in ("harakat", "shaping", "mouse"):
        value = getattr(args, name)
        if value is not None:
            overrides[name] = value
    return dataclasses.replace(settings, **overrides)


def _text_options(settings):
    from tuireader.rtl import TextOptions

    mode = "terminal" if settings.bidi_mode == "terminal" else "app"  # auto: as app
    return TextOptions(mode=mode, shape=settings.shaping, harakat=settings.harakat)


def _check_file(path: Path) -> None:
    """Refuse what cannot be printed, before opening it (a FIFO would block)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except OSError as exc:
        raise CliError(f"{path}: {describe_os_error(exc)}") from None
    if stat.S_ISDIR(st.st_mode):
        raise CliError(f"{path}: is a directory (to browse it: {PROG} {path})")
    if not stat.S_ISREG(st.st_mode):
        raise CliError(f"{path}: not a regular file")
    if not os.access(path, os.R_OK):
        raise CliError(f"{path}: permission denied")


def _check_directory(path: Path, origin: str = "") -> None:
    where = f" ({origin})" if origin else ""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise CliError(f"{path}{where}: no such directory") from None
    except OSError as exc:
        raise CliError(f"{path}{where}: {describe_os_error(exc)}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise CliError(f"{path}{where}: not a directory (to read one article: {PROG} --print FILE)")
    if not os.access(path, os.R_OK | os.X_OK):
        raise CliError(f"{path}{where}: permission denied")


def _print_width(requested: int | None) -> int:
    if requested:
        return requested
    from tuireader.settings.env import columns

    chosen = columns()
    if chosen is not None:
        return chosen
    if sys.stdout.isatty():
        try:
            return max(1, os.get_terminal_size(sys.stdout.fileno()).columns)
        except OSError:
            pass
    return 80


_UNSAFE = {c: None for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if c != 0x0A}


def _styler(enabled: bool):
    if not enabled:
        return None
    bold = {"title", "subheading"}

    def style(line, text: str) -> str:
        return f"\x1b[1m{text}\x1b[22m" if line.role in bold else text

    return style


def print_article(path: Path, width: int | None, settings) -> int:
    from tuireader.articles.loader import load_article
    from tuireader.layout.document import print_lines, render_text
    from tuireader.terminal.env import is_dumb
    from tuireader.terminal.tty import bidi_explicit_mode

    _check_file(path)
    article = load_article(path)
    if article.error and not article.blocks:
        raise CliError(f"{path}: {article.error}")
    width = _print_width(width)
    lines = print_lines(article, width, _text_options(settings))
    tty = sys.stdout.isatty() and not is_dumb()
    text = render_text(lines, width, style=_styler(tty))
    if not tty:
        # Belt and braces: nothing but text and newlines reaches a file or pipe.
        text = text.translate(_UNSAFE)
    try:
        # On a terminal, ask VTE-like terminals not to reorder our visual rows again.
        explicit = tty and settings.bidi_mode != "terminal"  # auto prints as app
        with bidi_explicit_mode(enabled=explicit, stream=sys.stdout):
            sys.stdout.write(text)
            sys.stdout.flush()
    except BrokenPipeError:
        # `tuireader --print FILE | head`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


def _reader_directory(args: argparse.Namespace, settings) -> tuple[Path, str | None]:
    """The directory to open, and a problem with the configured one (the
    reader then opens the default instead, as for any bad setting)."""
    from tuireader.settings.paths import default_directory

    if args.directory:
        path = Path(args.directory).expanduser()
        if path.is_file():  # `tuireader FILE`: its folder, with it selected (see open_reader)
            path = path.parent
        _check_directory(path)
        return path, None
    choice = default_directory(settings.directory)
    if choice.path is None:
        raise CliError(f"no directory to open ({choice.reason}); give one: {PROG} DIR")
    if choice.reason != "from the config file":
        _check_directory(choice.path)
        return choice.path, None
    try:
        _check_directory(choice.path, f"directory set in {settings.config_path}")
        return choice.path, None
    except CliError as exc:
        fallback = default_directory(None)
        if fallback.path is None:
            raise
        _check_directory(fallback.path)
        line = settings.lines.get("directory")
        where = f"{settings.config_path}" + (f", line {line}" if line else "")
        problem = (
            f"{where}, key 'directory': {choice.path}: {str(exc).rsplit(': ', 1)[-1]}; "
            f"opened {fallback.path} ({fallback.reason}) instead"
        )
        return fallback.path, problem


def _theme_names(settings) -> list[str]:
    """Textual's themes, imported only when the config names another than the
    default (``--print`` stays light)."""
    from tuireader.settings.config import DEFAULT_THEME

    if settings.theme == DEFAULT_THEME:
        return [DEFAULT_THEME]
    from textual.theme import BUILTIN_THEMES

    return list(BUILTIN_THEMES)


def check_config(args: argparse.Namespace, settings) -> int:
    """``--check-config``: every problem, one a line; status 1 if there is one."""
    from tuireader.settings.check import all_problems

    directory_problem = None
    if not args.directory:
        try:
            _, directory_problem = _reader_directory(args, settings)
        except CliError as exc:
            directory_problem = str(exc)
    problems = all_problems(settings, _theme_names(settings), directory_problem)
    for problem in problems:
        print(clean_line(str(problem)))
    if not problems:
        print(f"{settings.config_path}: no problems")
    return 1 if problems else 0


def run_reader(settings, probe=None) -> int:
    """Start the full-screen reader. Kept to one call so the UI stays swappable."""
    import gc

    # Importing the interface makes some hundred thousand long-lived objects;
    # collecting meanwhile finds nothing to free. ``run_app`` turns it back on.
    gc.disable()
    from tuireader.ui.app import run_app

    return run_app(settings, probe=probe)


def open_reader(args: argparse.Namespace, settings) -> int:
    from tuireader.settings.env import quiet_animations
    from tuireader.terminal.detect import multiplexer_wrap
    from tuireader.terminal.env import environment
    from tuireader.terminal.tty import HANDSHAKE, is_ssh, restore_terminal, tui_refusal

    directory, problem = _reader_directory(args, settings)  # a wrong path comes first
    refusal = tui_refusal()
    if refusal:
        raise CliError(refusal)
    settings = dataclasses.replace(settings, directory=directory)
    if args.directory and Path(args.directory).expanduser().is_file():
        settings = dataclasses.replace(settings, open_file=Path(args.directory).expanduser())
    if problem:
        settings = settings.with_problem(problem)
    if is_ssh():
        # Every animation frame is a round of terminal traffic; over SSH that is lag.
        # Read by Textual at import time, so set it before the UI is imported.
        quiet_animations()
    probe = None
    wrap = multiplexer_wrap(environment())
    if settings.bidi_mode == "auto":
        probe, settings = _auto_bidi(settings)
        wrap = probe.initial.wrap if probe.initial else wrap
    HANDSHAKE.wrap = wrap  # also for a later switch to app mode with B
    from tuireader.terminal.signals import EXIT_SIGNALS_HANDLER, SignalExit

    # kill, a dropped SSH link (SIGHUP), kill -INT/-QUIT: quit like `q` (signals.py)
    EXIT_SIGNALS_HANDLER.install()
    try:
        try:
            # (inside the try: a signal in the middle of start() still restores)
            if settings.bidi_mode == "app":
                HANDSHAKE.start(wrap)  # before the driver enters the alternate screen
            return run_reader(settings, probe)
        finally:
            restore_terminal()  # after the driver left it (also registered with atexit)
    except SignalExit as exc:  # before the app ran: nothing to save yet
        return exc.status
    finally:
        EXIT_SIGNALS_HANDLER.uninstall()
        _let_go_of_a_closed_terminal()


def _auto_bidi(settings):
    """``bidi = "auto"``: start in the mode the environment suggests (app when it
    says nothing); the terminal's answers may switch it once, later."""
    from tuireader.terminal.detect import Probe
    from tuireader.terminal.env import environment

    probe = Probe(dict(environment()))
    first = probe.initial
    return probe, dataclasses.replace(settings, bidi_mode=first.mode if first else "app")


def _let_go_of_a_closed_terminal() -> None:
    """After a hang-up the terminal is gone: what is left in the output buffers
    can go nowhere, and must not turn the exit status into Python's 120."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, stream.fileno())
                os.close(devnull)
            except (OSError, ValueError, AttributeError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    from tuireader.terminal.tty import ensure_utf8_output

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--config"] and argv[2:3] in (["feeds"], ["fetch"]):
        argv = [argv[2], *argv[:2], *argv[3:]]  # `--config FILE fetch` reads as meant
    if argv and argv[0] in ("feeds", "fetch"):
        # Subcommands only as the first word: `tuireader ./feeds` opens a directory.
        from tuireader.feeds.cli import main as feeds_main

        ensure_utf8_output()
        return feeds_main(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.print_file and args.directory:
        parser.error("--print takes one FILE; DIR is for the reader")
    if args.width is not None and not args.print_file:
        parser.error("--width only applies to --print")
    ensure_utf8_output()
    try:
        settings = _load_settings(args)
        if args.check_config:
            return check_config(args, settings)
        if args.print_file:
            from tuireader.settings.check import all_problems

            for problem in all_problems(settings, _theme_names(settings)):
                print(f"{PROG}: warning: {clean_line(str(problem))}", file=sys.stderr)
            return print_article(Path(args.print_file).expanduser(), args.width, settings)
        return open_reader(args, settings)
    except CliError as exc:
        # File names come from the user's disk and may hold escape sequences.
        print(f"{PROG}: {clean_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
