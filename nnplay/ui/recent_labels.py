"""The entries of File › Open recent: each file by its name, and where two
names are the same, by as much of their folders as tells them apart
("cls5sess.nnplay — t6cli" and "cls5sess.nnplay — home/ana"), as editors such
as VS Code do. The full path goes in the entry's tooltip and status tip."""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath


def recent_labels(paths: list[str]) -> list[str]:
    """One label per path, in order: the file name, with the shortest end of its
    folder path that no other file of the same name shares when names clash."""
    names = [PurePath(p).name for p in paths]
    clashes = Counter(names)
    labels = []
    for path, name in zip(paths, names):
        if clashes[name] < 2:
            labels.append(name)
            continue
        others = [PurePath(q).parent.parts for q, n in zip(paths, names) if n == name and q != path]
        folders = PurePath(path).parent.parts
        depth = 1
        while depth < len(folders) and any(o[-depth:] == folders[-depth:] for o in others):
            depth += 1
        shown = "/".join(part.strip("/") or "/" for part in folders[-depth:]) or "."
        labels.append(f"{name} — {shown}")
    return labels


def same_file(a: str, b: str) -> bool:
    """Whether two spellings of a path name one file (./x and x, a/../b and b)."""
    from pathlib import Path

    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b
