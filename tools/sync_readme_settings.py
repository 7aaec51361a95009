"""Rewrite the README's settings table from the code: python tools/sync_readme_settings.py"""

from __future__ import annotations

from pathlib import Path

from paperasse.settings import settings_table

START, END = "<!-- settings:start -->\n", "\n<!-- settings:end -->"


def main() -> None:
    readme = Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text()
    head, rest = text.split(START)
    _, tail = rest.split(END)
    readme.write_text(head + START + settings_table() + END + tail)


if __name__ == "__main__":
    main()
