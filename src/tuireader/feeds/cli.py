"""``tuireader feeds …`` and ``tuireader fetch [NAME…]``.

These words are taken as commands only as the first argument; a directory
that happens to be called ``feeds`` or ``fetch`` is opened with
``tuireader ./feeds``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tuireader.articles.sanitize import clean_line
from tuireader.feeds.subscriptions import (
    Feed,
    SubscriptionError,
    add_feeds,
    check_url,
    export_opml,
    find_feed,
    load_feeds,
    read_opml,
    remove_feed,
)

PROG = "tuireader"
COMMANDS = ("feeds", "fetch")
EXIT_FAILED = 1  # a feed could not be fetched
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Subscribe to news feeds and fetch them into the library as articles.",
        epilog="To open a directory named 'feeds' or 'fetch' in the reader: tuireader ./feeds",
    )
    parser.add_argument("--config", metavar="FILE", help="config file (default: the user's)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # --config is accepted anywhere after the command word, too
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="FILE", dest="config_sub",
                        default=argparse.SUPPRESS,
                        help="config file (default: the user's)")
    epilog = parser.epilog

    feeds = sub.add_parser("feeds", help="manage subscriptions", parents=[common], epilog=epilog)
    actions = feeds.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, text: str) -> argparse.ArgumentParser:
        return actions.add_parser(name, help=text, parents=[common])

    add = action("add", "subscribe to the feed at URL")
    add.add_argument("url", metavar="URL")
    add.add_argument("--name", help="how the feed is named (default: the address's host)")
    add.add_argument("--folder", help="put its items under feeds/FOLDER/")
    add.add_argument("--fulltext", action="store_true",
                     help="fetch each item's page for the whole article")
    action("list", "list the subscriptions")
    remove = action("remove", "unsubscribe (files already fetched stay)")
    remove.add_argument("key", metavar="NAME|URL")
    imp = action("import", "subscribe to every feed in an OPML file")
    imp.add_argument("file", metavar="FILE.opml")
    action("export", "write the subscriptions as OPML 2.0 to standard output")

    fetch = sub.add_parser("fetch", help="fetch feeds into the library", parents=[common],
                           epilog=epilog)
    fetch.add_argument("names", nargs="*", metavar="NAME", help="only these feeds (name or URL)")
    fetch.add_argument("--dir", metavar="DIR",
                       help="library to write into (default: 'directory' in the config)")
    fetch.add_argument("--restore-deleted", action="store_true",
                       help="write again items whose files you deleted")
    return parser


def _config_path(args: argparse.Namespace) -> Path:
    from tuireader.settings.config import default_config_path

    given = getattr(args, "config_sub", None) or args.config
    return Path(given).expanduser() if given else default_config_path()


def _say(text: str, stream=None) -> None:
    print(clean_line(text), file=stream or sys.stdout)


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    try:
        if args.command == "feeds":
            return _feeds(args, _config_path(args))
        return _fetch(args, _config_path(args))
    except SubscriptionError as exc:
        _say(f"{PROG}: {exc}", sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _feeds(args: argparse.Namespace, config: Path) -> int:
    if args.action == "add":
        feed = Feed(url=check_url(args.url), name=args.name or None, folder=args.folder or None,
                    fulltext=args.fulltext)
        if add_feeds(config, [feed]):
            _say(f"subscribed to {feed.label} ({feed.url}) in {config}")
        else:
            _say(f"already subscribed to {feed.url}")
        return 0
    if args.action == "remove":
        feed = remove_feed(config, args.key)
        _say(f"unsubscribed from {feed.label} ({feed.url}); its fetched articles stay")
        return 0
    if args.action == "import":
        path = Path(args.file).expanduser()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SubscriptionError(f"{path}: {exc.strerror or exc}") from None
        found, skipped = read_opml(data, str(path))
        for problem in skipped:
            _say(f"{PROG}: warning: {problem}", sys.stderr)
        added = add_feeds(config, found)
        _say(f"{len(added)} feeds added, {len(found) - len(added)} already there, from {path}")
        return 0
    loaded = load_feeds(config)
    for problem in loaded.problems:
        _say(f"{PROG}: warning: {problem}", sys.stderr)
    if args.action == "export":
        sys.stdout.write(export_opml(loaded.feeds))
        return 0
    if not loaded.feeds:
        _say(f"no feeds yet: {PROG} feeds add URL")
    for feed in loaded.feeds:
        folder = f"  [{feed.folder}]" if feed.folder else ""
        _say(f"{feed.label}  {feed.url}{folder}")
    return 0


def _library(args: argparse.Namespace, config: Path) -> Path:
    from tuireader.settings.config import load_config

    if args.dir:
        path = Path(args.dir).expanduser()
    else:
        settings = load_config(config, explicit=False)
        if settings.directory is None:
            here = Path.cwd() / "articles"
            if not here.is_dir():
                raise SubscriptionError(
                    f"no library to fetch into: set directory = \"~/news\" in {config} "
                    f"or give one: {PROG} fetch --dir DIR"
                )
            path = here
        else:
            path = settings.directory
    if not path.is_dir():
        raise SubscriptionError(f"{path}: no such directory (the library to fetch into)")
    return path


def _fetch(args: argparse.Namespace, config: Path) -> int:
    from tuireader.feeds.fetch import fetch_feeds
    from tuireader.settings.config import default_state_dir

    loaded = load_feeds(config)
    for problem in loaded.problems:
        _say(f"{PROG}: warning: {problem}", sys.stderr)
    feeds = list(loaded.feeds)
    if args.names:
        chosen = []
        for name in args.names:
            feed = find_feed(loaded.feeds, name)
            if feed is None:
                names = ", ".join(f.label for f in feeds) or "none"
                raise SubscriptionError(f"no feed named or at {name!r} (subscribed: {names})")
            chosen.append(feed)
        feeds = chosen
    if not feeds:
        _say(f"no feeds to fetch: subscribe with {PROG} feeds add URL")
        return 0
    library = _library(args, config)

    def progress(result, done: int, total: int) -> None:
        _say(result.line, sys.stdout if result.ok else sys.stderr)

    results = fetch_feeds(feeds, library, default_state_dir(), loaded.options,
                          config_path=config, progress=progress, force=bool(args.names),
                          restore_deleted=args.restore_deleted)
    failed = [r for r in results if not r.ok]
    new = sum(r.new for r in results)
    _say(f"{len(results) - len(failed)} of {len(results)} feeds fetched, {new} new articles"
         + (f", {len(failed)} failed" if failed else ""))
    return EXIT_FAILED if failed else 0
