"""A message that joins the user's or a lesson's own text with punctuation ends
it as a sentence once (the tester: "Lesson set up: Which one input feature
solves XOR?. Press Space to train."): ``user_text.sentence``, and a source test
that no f-string puts punctuation straight after such a text."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest

from nnplay.user_text import sentence

# names of values that hold someone's own words: a lesson's texts, a data note, a tooltip, a title
OWN_TEXT = {"title", "question", "hint", "explanation", "note", "notes", "tip", "text", "summary"}
SOURCE = Path(__file__).resolve().parent.parent / "nnplay"


@pytest.mark.parametrize("text, ended", [
    ("Which one input feature solves XOR?", "Which one input feature solves XOR?"),
    ("Dropped 47 of 50,000 rows", "Dropped 47 of 50,000 rows."),
    ("Already one.", "Already one."),
    ("Wow!", "Wow!"),
    ("Trailing space ", "Trailing space."),
    ("and so on…", "and so on…"),
])
def test_sentence_ends_a_text_once(text, ended):
    assert sentence(text) == ended


def _names(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)} | {
        f.func.id for f in ast.walk(node) if isinstance(f, ast.Call) and isinstance(f.func, ast.Name)}


def test_no_message_puts_punctuation_straight_after_someones_own_text():
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for joined in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
            parts = joined.values
            for value, after in itertools.pairwise(parts):
                if not (isinstance(value, ast.FormattedValue) and isinstance(after, ast.Constant)):
                    continue
                if not str(after.value)[:1] in (".", "?", "!"):
                    continue
                names = _names(value.value)
                if names & OWN_TEXT and "sentence" not in names:
                    found.append(f"{path.relative_to(SOURCE.parent)}:{joined.lineno}: {ast.unparse(value.value)}")
    assert found == []
