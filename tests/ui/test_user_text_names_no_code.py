"""Text a user reads names no source file, module, function or identifier: the guide
showed "(`ui/plane_aspect.py`)" and a "Where the code is" section, a lesson's goal read
"test_accuracy < 0.7", the Find learning rate tooltip named fastai's `lr_find`. Checked
on the guide's pages as shown, every lesson's goal as the panel shows it, and every
tooltip, label, button, list item and action of the window and its side windows."""

from __future__ import annotations

import html
import re

import pytest

CODE = [re.compile(p) for p in (
    r"\b\w+\.py\b",  # a source file
    r"\b(?:nnplay|ui|engine|training|data|lessons|cli|tests|docs)/\w",  # a folder of the repository
    r"\b[a-z]\w*\(\)",  # a function called
    r"\b[a-z]+_[a-z_0-9]+\b",  # a snake_case identifier
)]
SETTINGS_WORDS = {"tanh_mse", "leaky_relu"}  # the settings text's own values, as a user types them


def code_in(text: str) -> list[str]:
    """The code names in ``text`` (HTML tags and their attributes left out)."""
    plain = html.unescape(re.sub(r"</?[a-zA-Z][^<>]*>", " ", text))  # (a "<" of "g′ < 0.01" is text)
    return [m.group(0) for p in CODE for m in p.finditer(plain) if m.group(0) not in SETTINGS_WORDS]


def test_the_pattern_finds_what_the_tester_saw():
    assert code_in("each axis is fitted to its own column's range (`ui/plane_aspect.py`).")
    assert code_in("<b>Goal:</b> test_accuracy &lt; 0.7 after 200 epochs")
    assert code_in("(Smith's range test, fastai's lr_find).")
    assert not code_in("<span style='color:palette(text); font-weight:600'>… not yet</span> X₁ and x1")
    assert code_in("g′ < 0.01 for most examples; see layer_values.py > 2")


@pytest.mark.parametrize("page", ["panels.md", "equations.md", "try.md"])
def test_the_guide_names_no_code(qtbot, page):
    from nnplay.ui.guide import PAGES, GuideWindow

    guide = GuideWindow()
    qtbot.addWidget(guide)
    view = guide.tabs.widget([name for _, name in PAGES].index(page))
    shown = view.toPlainText()
    assert len(shown) > 1000 and not code_in(shown), code_in(shown)
    assert "Where the code is" not in shown


def test_every_lesson_goal_reads_as_words(qtbot):
    from nnplay.lessons import builtin_lessons
    from nnplay.ui.lessons_panel import LessonsPanel

    lessons = builtin_lessons()
    panel = LessonsPanel(lessons, set_up=lambda chosen: 1, open_file=lambda: None)
    qtbot.addWidget(panel)
    for i, lesson in enumerate(lessons):
        panel.show_lesson(i)
        status = panel.status.text()
        assert "Goal:" in status and not code_in(status), (lesson.name, status)


def test_no_text_of_the_window_names_code(window, qtbot):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

    from nnplay.ui.lr_finder_dialog import LrFinderDialog

    window.show_inspector()
    roots = [window, window.inspector, window.landscape_window, LrFinderDialog(window.controller, window)]
    texts = []
    for root in roots:
        for w in [root, *root.findChildren(QWidget)]:
            texts += [w.toolTip(), w.statusTip(), w.whatsThis()]
            if isinstance(w, (QLabel, QAbstractButton)):
                texts.append(w.text())
            if isinstance(w, QComboBox):
                texts += [w.itemText(i) for i in range(w.count())]
        for a in root.findChildren(QAction):
            texts += [a.text(), a.toolTip(), a.statusTip()]
    roots[-1].deleteLater()
    assert len(texts) > 500
    found = {t: code_in(t) for t in texts if code_in(t)}
    assert not found, found
