"""paths.py: which directory the reader opens when none is given."""

from pathlib import Path

from tuireader.settings.paths import bundled_samples, default_directory, display_path


def test_bundled_samples_hold_the_seed_article():
    samples = bundled_samples()
    assert samples is not None and samples.is_dir()
    assert (samples / "000_d5d7dac400910391.txt").is_file()


def test_the_config_directory_wins(tmp_path: Path):
    (tmp_path / "articles").mkdir()
    choice = default_directory("~/news", cwd=tmp_path)
    assert choice.path == Path("~/news").expanduser()


def test_then_articles_in_the_current_directory(tmp_path: Path):
    (tmp_path / "articles").mkdir()
    assert default_directory(None, cwd=tmp_path).path == tmp_path / "articles"


def test_then_the_bundled_samples(tmp_path: Path):
    assert default_directory(None, cwd=tmp_path).path == bundled_samples()


def test_a_file_named_articles_is_not_a_directory(tmp_path: Path):
    (tmp_path / "articles").write_text("not a directory")
    assert default_directory(None, cwd=tmp_path).path == bundled_samples()


def test_display_path_starts_from_home(tmp_path):
    home = tmp_path / "home" / "reader"
    assert display_path(home / ".config" / "tuireader" / "config.toml", home) == (
        "~/.config/tuireader/config.toml"
    )
    assert display_path(home, home) == "~"
    # elsewhere, and a sibling whose name merely starts like home, stay whole
    assert display_path(tmp_path / "srv" / "news", home) == str(tmp_path / "srv" / "news")
    assert display_path(tmp_path / "home" / "reader2", home) == str(tmp_path / "home" / "reader2")
