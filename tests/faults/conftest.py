"""Fixtures for the fault tests run in-process (Textual's pilot): the same app
builder and private copy of the fixture articles as the UI tests."""

from ui.conftest import articles, make_app  # noqa: F401 - fixtures, found by name
