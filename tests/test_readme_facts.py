"""README facts that follow the code: the render section names every panel
`nnplay render --list` names (it lacked `distributions`), and the Redo keys are
those Qt binds on this platform (it said Ctrl+Y on Linux, where X11 binds Ctrl+Shift+Z)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from nnplay.ui.export import PANELS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_the_render_section_names_every_panel():
    start = README.index("`nnplay render FILE.nnplay --panel NAME")
    section = README[start:README.index("`nnplay render --list` names them", start)]
    named = set(re.findall(r"`([a-z]+)`", section))
    assert set(PANELS) <= named, set(PANELS) - named


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's Linux key bindings are read on Linux")
def test_the_redo_keys_the_readme_gives_for_linux_are_qts(qapp):
    from PySide6.QtGui import QKeySequence

    keys = [k.toString(QKeySequence.SequenceFormat.PortableText)
            for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
    assert "Ctrl+Shift+Z" in keys
    assert "Ctrl+Shift+Z on Linux" in README and "Ctrl+Y on\nWindows and Linux" not in README


def top_level(sentence: str) -> str:
    """``sentence`` with every bracketed aside emptied: "a (b, c) and d" -> "a () and d"."""
    while (shorter := re.sub(r"\([^()]*\)", "()", sentence)) != sentence:
        sentence = shorter
    return sentence


def test_no_list_joins_its_items_with_two_ands():
    """A list of named items ends "…, x and y": the render section's read "`inspector` (…)
    and `landscape` (…) and `distributions` (…)", the last item added with a second "and"."""
    text = " ".join(README.split())
    doubled = [m.group(0) for m in re.finditer(r", `[^`]+`(?: \(\))? and `[^`]+`(?: \(\))? and `[^`]+`", top_level(text))]
    assert not doubled, doubled
