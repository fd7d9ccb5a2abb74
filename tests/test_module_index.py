"""docs/modules.md lists every module of nnplay/ under its own package, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def listed() -> set[str]:
    """The modules docs/modules.md lists, as paths ("nnplay/ui/heatmap.py")."""
    found, package = set(), None
    for line in (ROOT / "docs" / "modules.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"## `(nnplay/(?:\w+/)?)`", line)
        if heading:
            package = heading.group(1)
        elif line.startswith("## "):
            package = None
        entry = re.match(r"- `(\w+\.py)`: \S", line)
        if entry:
            assert package, f"docs/modules.md lists {entry.group(1)} under no package"
            found.add(package + entry.group(1))
    return found


def test_every_module_is_listed_once_under_its_package_with_a_line():
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "nnplay").rglob("*.py")}
    index = listed()
    assert sorted(modules - index) == [], "modules missing from docs/modules.md"
    assert sorted(index - modules) == [], "docs/modules.md lists modules that do not exist"


def test_the_architecture_document_sends_the_reader_to_the_index():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert "[modules.md](modules.md)" in text
