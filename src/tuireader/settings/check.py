"""Every message about the config a user should read, in one list.

Pure (no Textual): ``load_config`` finds the mistakes in the file itself; the
theme name can only be checked against the themes the interface knows, and the
configured directory against the disk. ``tuireader --check-config`` prints all
of them, ``--print`` warns with all of them, and the reader shows them.
"""

from __future__ import annotations

from collections.abc import Iterable

from tuireader.settings.config import Settings
from tuireader.settings.schema import BY_KEY


def theme_problem(settings: Settings, known: Iterable[str], using: str) -> str | None:
    """A message if the configured theme is not one of ``known`` (``using`` is
    the theme shown instead)."""
    names = sorted(known)
    if settings.theme in names:
        return None
    line = settings.lines.get("theme")
    where = f"{settings.config_path}" + (f", line {line}" if line else "")
    return (
        f"{where}, key 'theme': unknown theme {settings.theme!r}; "
        f"using {using!r}. Known: {', '.join(names)}"
    )


def all_problems(
    settings: Settings, themes: Iterable[str], directory_problem: str | None = None
) -> list[str]:
    """The file's problems, the theme's (against ``themes``) and the directory's."""
    problems = list(settings.problems)
    theme = theme_problem(settings, themes, BY_KEY["theme"].default)
    if theme:
        problems.append(theme)
    if directory_problem:
        problems.append(directory_problem)
    return problems
