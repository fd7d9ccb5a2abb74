"""The user's own text (a column name, a file name, a value typed) inside one
of nnplay's messages: shortened in its middle with "…" and kept on one line.

A CSV may name a column with 5,000 characters, a settings text may hold a
value as long, and a message that echoes them whole is no longer one line a
user can read. Every message that repeats the user's text passes it through
``shown`` (a name or value), ``file_name`` (a path) or ``listed`` (a list of
names); ``one_line`` is the last guard of a whole message (the CLI's). Both
ends of a name are kept, as Qt's ``ElideMiddle`` does (``sepal_len…_cm``):
names often differ at their ends. Qt-free: engine, data and training use it.
"""

from __future__ import annotations

import os
import re

ELLIPSIS = "…"
NAME_CHARS = 40  # the most characters of a name or value a message repeats
PATH_CHARS = 160  # ... of a file name (its folders and its name: a usual path is shown whole)
LIST_NAMES = 8  # the most names a list in a message spells out
MESSAGE_CHARS = 600  # the longest a whole message may be


def _flat(text: str) -> str:
    """``text`` on one line: line breaks and tabs written as \\n, \\r, \\t."""
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def middle_cut(text: str, limit: int = NAME_CHARS) -> str:
    """``text`` with its middle replaced by "…" when it is longer than ``limit``
    characters (``limit`` >= 3); shorter text is returned as it is."""
    if len(text) <= limit:
        return text
    head = limit // 2
    tail = limit - 1 - head
    return text[:head] + ELLIPSIS + (text[-tail:] if tail else "")


SIDES = ("middle", "end", "after", "start")  # where a list of names is cut, in the order tried (distinct_cuts)


def cut(text: str, limit: int, side: str = "middle") -> str:
    """``text`` cut to ``limit`` characters with "…" (``limit`` >= 3): in its ``middle``, at its ``end``
    (its start kept) or at its ``start`` (its end kept); shorter text is returned as it is."""
    if len(text) <= limit or side == "middle":
        return middle_cut(text, limit)
    return text[:limit - 1] + ELLIPSIS if side == "end" else ELLIPSIS + text[len(text) - limit + 1:]


def distinct_cuts(names, fit) -> list[str]:
    """``names`` each shortened by ``fit(text, side)`` (``cut``, or Qt's elidedText in pixels: the side
    "middle", "end" or "start"), one side for the whole list, so that names that differ still read
    differently. A list of "class_3_with_a_rather_long_name", "class_10_with_a_rather_long_name"...
    cut in the middle read "class_…_name" every one: the first of SIDES that keeps them apart is taken,
    where "after" drops the start all the names share ("…3_with_a_r…"); where none does, the side
    that keeps the most apart."""
    names = [str(n) for n in names]
    want = len(set(names))
    shared = len(os.path.commonprefix(names)) if len(names) > 1 else 0
    best = None
    for side in SIDES:
        if side == "after":
            if not shared:
                continue
            shown = [n if fit(n, "end") == n else fit(ELLIPSIS + n[shared:], "end") for n in names]
        else:
            shown = [fit(n, side) for n in names]
        if len(set(shown)) == want:
            return shown
        if best is None or len(set(shown)) > len(set(best)):
            best = shown
    return best


def shortened(text, limit: int = NAME_CHARS) -> str:
    """``text`` on one line (``_flat``), cut in its middle past ``limit`` characters (``middle_cut``)."""
    return middle_cut(_flat(str(text)), limit)


def shown(text, limit: int = NAME_CHARS) -> str:
    """``repr`` of ``text`` cut in its middle past ``limit`` characters: a name or value quoted in a
    message, a line break in it written once as \\n (``repr`` writes it so: flattened first, as
    ``shortened`` does, its backslash was doubled: '1\\\\n2')."""
    return repr(middle_cut(str(text), limit))


def file_name(path, limit: int = PATH_CHARS) -> str:
    """A file's name (str, Path) for a message, shortened in its middle."""
    return shortened(os.fspath(path) if isinstance(path, os.PathLike) else path, limit)


def listed(names, limit: int = NAME_CHARS, most: int = LIST_NAMES) -> str:
    """'a, b, c' for the user's ``names``, each shortened; past ``most`` names,
    'a, b, ... and 12 more'."""
    names = [shortened(n, limit) for n in names]
    if len(names) <= most:
        return ", ".join(names)
    return ", ".join(names[:most]) + f" and {len(names) - most:,} more"


# a quoted text: its quotes with no letter outside them ('ce' is for ... use 'mse': two short ones)
_QUOTED = re.compile(rf"(?<!\w)(?:'([^'\n]{{{NAME_CHARS + 1},}})'|\"([^\"\n]{{{NAME_CHARS + 1},}})\")(?!\w)")
_WORD = re.compile(rf"\S{{{PATH_CHARS + 1},}}")


def one_line(message, limit: int = MESSAGE_CHARS) -> str:
    """A whole message on one line and of a sane length: quoted text longer than
    ``NAME_CHARS`` and words (a file name, an argument) longer than ``PATH_CHARS``
    shortened in their middle, and the whole cut in its middle past ``limit``.
    The last guard of the CLI's error line; the messages shorten what they repeat
    themselves (``shown``, ``file_name``, ``listed``)."""
    text = _flat(str(message))
    text = _QUOTED.sub(lambda m: m.group(0)[0] + middle_cut(m.group(1) or m.group(2)) + m.group(0)[-1], text)  # (as quoted)
    text = _WORD.sub(lambda m: shortened(m.group(0), PATH_CHARS), text)
    return shortened(text, limit)


def not_utf8(raw: bytes, exc: UnicodeDecodeError) -> str:
    """Where ``raw`` stops being UTF-8, in a user's words (Python says "'utf-8' codec can't decode
    byte 0xe9 in position 74: invalid continuation byte"): "not UTF-8 text (line 5, column 16: byte
    0xe9)". The line counts newlines, the column characters, both from 1."""
    start = raw.rfind(b"\n", 0, exc.start) + 1
    line = raw.count(b"\n", 0, exc.start) + 1
    column = len(raw[start:exc.start].decode("utf-8", errors="replace")) + 1
    return f"not UTF-8 text (line {line}, column {column}: byte {raw[exc.start]:#04x})"


SENTENCE_ENDS = (".", "?", "!", "…")


def sentence(text, mark: str = ".") -> str:
    """``text`` (a title, a note, a tooltip: the user's or a lesson's own words)
    ended as a sentence: ``mark`` added unless it already ends in a sentence's
    punctuation ("Which one input feature solves XOR?" stays as it is, never
    "XOR?."). Every message that joins such a text with punctuation uses it."""
    text = str(text).rstrip()
    return text if text.endswith(SENTENCE_ENDS) else text + mark


def refusal(exc: Exception) -> str:
    """Why a run could not be built, in one line: a ValueError is nnplay's own words (a setting or a
    saved state that does not fit); anything else is named with its type."""
    return str(exc) if isinstance(exc, ValueError) else f"cannot build this run: {type(exc).__name__}: {exc}"
