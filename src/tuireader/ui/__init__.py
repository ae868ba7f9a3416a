"""The Textual user interface. Entry point: ``tuireader.ui.app.run_app(settings)``.

The only package that imports Textual; it may import every other part of
tuireader, and nothing but ``tuireader.cli`` imports it (pyproject.toml's
import contracts, docs/architecture.md).
"""
