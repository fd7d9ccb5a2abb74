"""Shortcuts named in tooltips as the running system spells and binds them.

A tooltip that says "(Ctrl+Shift+Z)" while the button's key is
``QKeySequence.StandardKey.Redo`` lies wherever that standard key is something
else (Ctrl+Y on Windows and on a Linux desktop without the GNOME or KDE
theme; ⇧⌘Z on macOS). Every tooltip that names a key takes it from the real
``QKeySequence`` with ``toString(NativeText)``, the text the menus show.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from ..user_text import sentence

NATIVE = QKeySequence.SequenceFormat.NativeText


def keys_text(*keys) -> str:
    """The keys (QKeySequence, a StandardKey, a string such as "Ctrl+B") as the
    system shows them, joined by " or "; "" when none is bound."""
    texts = []
    for k in keys:
        seqs = QKeySequence.keyBindings(k)[:1] if isinstance(k, QKeySequence.StandardKey) else [QKeySequence(k)]
        texts += [s.toString(NATIVE) for s in seqs if not s.isEmpty()]
    return " or ".join(texts)


def bound_keys(obj) -> str:
    """The keys bound to ``obj`` (a QAction: all of its shortcuts; a button: its one), as the system shows them."""
    seqs = obj.shortcuts() if isinstance(obj, QAction) else [obj.shortcut()]
    return keys_text(*seqs)


def tip_with_keys(obj, tip: str) -> None:
    """Give ``obj`` (a QAction or a button with a shortcut) the tooltip ``tip``
    (one sentence, without its final period) followed by its real keys: "Redo
    what was undone (Ctrl+Y)."."""
    keys = bound_keys(obj)
    obj.setToolTip(f"{tip.rstrip('.')} ({keys})." if keys else sentence(tip))
