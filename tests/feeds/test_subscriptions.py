"""Subscriptions from the command line, OPML in and out, and ``tuireader fetch``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tuireader.cli import main
from tuireader.feeds.subscriptions import (
    SubscriptionError,
    export_opml,
    load_feeds,
    parse_opml,
)

from .conftest import FIXTURES, fixture_bytes

USER_CONFIG = """# my settings
theme = "nord"   # dark

[keys]
star = "f"
"""


def run(*args: str, config: Path, capsys) -> tuple[int, str, str]:
    code = main([*args[:2], "--config", str(config), *args[2:]] if args[0] == "feeds"
                else [args[0], "--config", str(config), *args[1:]])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_list_remove_keep_the_users_file(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text(USER_CONFIG, encoding="utf-8")
    code, out, _ = run("feeds", "add", "https://www.aljazeera.net/rss", "--name", "الجزيرة",
                       "--folder", "أخبار", config=config, capsys=capsys)
    assert code == 0 and "subscribed to الجزيرة" in out
    run("feeds", "add", "https://lwn.net/headlines/rss", config=config, capsys=capsys)
    code, out, _ = run("feeds", "add", "https://lwn.net/headlines/rss", config=config,
                       capsys=capsys)
    assert out.strip() == "already subscribed to https://lwn.net/headlines/rss"
    code, out, _ = run("feeds", "list", config=config, capsys=capsys)
    assert out.splitlines() == [
        "الجزيرة https://www.aljazeera.net/rss [أخبار]",
        "lwn.net https://lwn.net/headlines/rss",
    ]
    code, out, _ = run("feeds", "remove", "الجزيرة", config=config, capsys=capsys)
    assert code == 0 and "unsubscribed from الجزيرة" in out
    assert [f.url for f in load_feeds(config).feeds] == ["https://lwn.net/headlines/rss"]
    text = config.read_text(encoding="utf-8")
    assert text.startswith(USER_CONFIG)  # comments and settings untouched
    code, _, err = run("feeds", "remove", "nothing", config=config, capsys=capsys)
    assert code == 2
    assert err.strip() == "tuireader: no feed named or at 'nothing' (subscribed: lwn.net)"


def test_add_refuses_what_is_not_a_web_address(tmp_path, capsys):
    config = tmp_path / "config.toml"
    code, _, err = run("feeds", "add", "file:///etc/passwd", config=config, capsys=capsys)
    assert code == 2
    assert "is not a web address: expected http://… or https://…" in err
    assert not config.exists()


def test_the_app_config_accepts_feeds(tmp_path):
    from tuireader.settings.config import load_config

    config = tmp_path / "config.toml"
    config.write_text('[fetch]\ntimeout = 5\n\n[[feeds]]\nurl = "https://a.example/rss"\n',
                      encoding="utf-8")
    assert load_config(config).problems == ()
    loaded = load_feeds(config)
    assert loaded.options.timeout == 5 and loaded.feeds[0].url == "https://a.example/rss"


def test_bad_feed_entries_are_reported_with_file_and_number(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[[feeds]]\nurl = "ftp://x"\n[[feeds]]\nurl = "https://ok.example/"\n'
                      'every = "soon"\n', encoding="utf-8")
    loaded = load_feeds(config)
    assert [f.url for f in loaded.feeds] == ["https://ok.example/"]
    assert loaded.problems[0].startswith(f"{config}, feed 1: 'ftp://x' is not a web address")
    assert loaded.problems[1].startswith(f"{config}, feed 2, key 'every': expected a duration")


def test_newsboat_opml_round_trip(tmp_path, capsys):
    config = tmp_path / "config.toml"
    code, out, _ = run("feeds", "import", str(FIXTURES / "newsboat.opml"), config=config,
                       capsys=capsys)
    assert code == 0 and out.startswith("3 feeds added, 0 already there")
    feeds = load_feeds(config).feeds
    assert [(f.label, f.url) for f in feeds] == [
        ("الجزيرة نت", "https://www.aljazeera.net/aljazeerarss/a7c186be-1baa-4bd4-9d80-"
                       "a84db769f779/73d0e1b4-532f-45ef-b135-bfdff8b8cab9"),
        ("BBC News فارسی", "https://www.bbc.co.uk/persian/index.xml"),
        ("LWN.net & friends", "https://lwn.net/headlines/rss"),
    ]
    code, exported, _ = run("feeds", "export", config=config, capsys=capsys)
    assert code == 0 and '<opml version="2.0">' in exported
    assert parse_opml(exported.encode()) == list(feeds)
    # importing our own export again adds nothing
    (tmp_path / "out.opml").write_text(exported, encoding="utf-8")
    code, out, _ = run("feeds", "import", str(tmp_path / "out.opml"), config=config,
                       capsys=capsys)
    assert out.startswith("0 feeds added, 3 already there")


def test_freshrss_folders_round_trip():
    feeds = parse_opml(fixture_bytes("freshrss.opml"))
    assert [(f.folder, f.label) for f in feeds] == [
        ("أخبار", "الجزيرة نت"), ("أخبار", "Haaretz"), ("Tech", "LWN.net")
    ]
    assert parse_opml(export_opml(feeds).encode()) == feeds


def test_opml_with_entities_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "b">]><opml><body/></opml>'
    with pytest.raises(SubscriptionError, match="refused: the file declares XML entities"):
        parse_opml(bomb, "evil.opml")
    with pytest.raises(SubscriptionError, match="not an OPML file"):
        parse_opml(b"<html><body/></html>", "page.html")


def _cli(args: list[str], env_home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(
        XDG_CONFIG_HOME=str(env_home / "config"), XDG_STATE_HOME=str(env_home / "state"),
        XDG_CACHE_HOME=str(env_home / "cache"), HOME=str(env_home), NO_PROXY="127.0.0.1",
        PYTHONPATH=os.pathsep.join(sys.path),
    )
    return subprocess.run([sys.executable, "-m", "tuireader", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def test_fetch_command_lines_and_exit_status(server, tmp_path, private_dirs):
    server.expect_request("/ar").respond_with_data(fixture_bytes("arabic_rss.xml"),
                                                   content_type="application/rss+xml")
    server.expect_request("/gone").respond_with_data("", status=404)
    library = tmp_path / "news"
    library.mkdir()
    config = private_dirs / "config" / "tuireader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'directory = "{library}"\n', encoding="utf-8")
    for path, name in (("/ar", "Arabic"), ("/gone", "Al Jazeera")):
        assert _cli(["feeds", "add", server.url_for(path), "--name", name], private_dirs,
                    tmp_path).returncode == 0
    done = _cli(["fetch"], private_dirs, tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == ["Arabic: 2 new", "1 of 2 feeds fetched, 2 new articles, "
                                        "1 failed"]
    assert done.stderr.splitlines() == [
        f"Al Jazeera: 404 Not Found at {server.url_for('/gone')}"
    ]
    assert len(list((library / "feeds" / "arabic").glob("*.md"))) == 2
    # only the named feed, and the second time nothing has changed
    again = _cli(["fetch", "Arabic"], private_dirs, tmp_path)
    assert again.returncode == 0
    assert again.stdout.splitlines()[0] in ("Arabic: 0 new", "Arabic: no change")
    # the reader prints a fetched item like any article
    item = next((library / "feeds" / "arabic").glob("طيور*.md"))
    printed = _cli(["--print", str(item), "--width", "60"], private_dirs, tmp_path)
    assert printed.returncode == 0 and "6" in printed.stdout


def test_fetch_without_a_library_says_how_to_set_one(tmp_path, private_dirs):
    config = private_dirs / "config" / "tuireader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[[feeds]]\nurl = "http://127.0.0.1:9/rss"\n', encoding="utf-8")
    done = _cli(["fetch"], private_dirs, tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f'tuireader: no library to fetch into: set directory = "~/news" in {config} '
        "or give one: tuireader fetch --dir DIR"
    )


def test_a_directory_named_feeds_opens_with_a_path(tmp_path, private_dirs):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "a.md").write_text("---\ntitle: Hello\n---\nBody.\n", "utf-8")
    printed = _cli(["--print", "feeds/a.md"], private_dirs, tmp_path)
    assert printed.returncode == 0 and "Hello" in printed.stdout
    no_feeds = _cli(["feeds", "list"], private_dirs, tmp_path)
    assert no_feeds.stdout.strip() == "no feeds yet: tuireader feeds add URL"
    assert "tuireader ./feeds" in _cli(["feeds", "--help"], private_dirs, tmp_path).stdout


def test_import_reports_outlines_it_skips(tmp_path, capsys):
    opml = tmp_path / "mixed.opml"
    opml.write_text('<opml version="2.0"><body><outline text="Bad" xmlUrl="javascript:x"/>'
                    '<outline text="Good" xmlUrl="https://good.example/rss"/></body></opml>',
                    encoding="utf-8")
    code, out, err = run("feeds", "import", str(opml), config=tmp_path / "c.toml", capsys=capsys)
    assert code == 0 and out.startswith("1 feeds added")
    assert err.startswith(f"tuireader: warning: {opml}: skipped Bad: 'javascript:x' is not a web")


def test_config_option_before_the_command(tmp_path, capsys):
    config = tmp_path / "c.toml"
    assert main(["--config", str(config), "feeds", "add", "https://a.example/rss"]) == 0
    assert main(["--config", str(config), "feeds", "list"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "a.example https://a.example/rss"
