"""The settings table is the one list of settings: the defaults the app starts
with, the sample config and the README all agree with it."""

from __future__ import annotations

from pathlib import Path

from tuireader.settings.config import Settings, load_config, sample_config
from tuireader.settings.schema import BY_KEY, SETTINGS

README = Path(__file__).resolve().parents[2] / "README.md"


def test_each_setting_defaults_to_what_the_app_starts_with():
    fresh = Settings()
    for setting in SETTINGS:
        if setting.field is not None:
            assert getattr(fresh, setting.field) == setting.default, setting.key


def test_the_sample_config_sets_every_setting_to_its_default(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(sample_config().replace("# directory", "directory"), encoding="utf-8")
    settings = load_config(path)
    assert settings.problems == ()
    shown = {key for key in settings.lines if key in BY_KEY}
    assert shown >= {s.key for s in SETTINGS if s.sample}
    for setting in SETTINGS:
        if setting.sample and setting.field and setting.key != "directory":
            assert getattr(settings, setting.field) == setting.default, setting.key


def test_the_readme_names_every_setting():
    text = README.read_text(encoding="utf-8")
    section = text.split("### Configuration", 1)[1].split("\n### ", 1)[0]
    for setting in SETTINGS:
        if setting.field is not None:
            assert f"{setting.key} =" in section or f"[{setting.key}]" in section, setting.key
