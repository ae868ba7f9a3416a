"""The Textual user interface. Entry point: ``tuireader.ui.app.run_app(settings)``."""
