"""Every file nnplay writes for the user appears whole or not at all: it is
written to a temporary file of its own in the same folder, then renamed into
place (``os.replace``, atomic on one file system), and removed on any error,
so no partial file is ever visible under the name and an existing file is
kept until the new one is complete. The pattern of ``git``'s lock files and
Python's own ``tempfile`` docs; used by every exporter, the CLI and the window."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def written_in_place(path: str | os.PathLike) -> Iterator[Path]:
    """Yield the temporary path to write to instead of ``path`` (beside it,
    hidden, ending in the same suffix so that a writer choosing its format by
    suffix chooses the same); when the block ends without error it is renamed
    to ``path``, else removed and the error raised (OSError as the system gave
    it, naming the temporary file: callers word it with the real path, see
    ``write_errors.cannot_write``). The file is made with the usual permissions
    (0666 less the umask), not ``mkstemp``'s 0600."""
    path = Path(path)
    tmp = _made_beside(path)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_probe(path: str | os.PathLike) -> None:
    """Raise OSError unless a file can be made in the folder of ``path`` (a
    temporary one, removed at once): the check made before any work, for a
    folder that exists but cannot be written (read-only, /proc, a full disk's
    quota aside)."""
    os.unlink(_made_beside(Path(path)))


def _made_beside(path: Path) -> Path:
    """A new empty hidden file beside ``path``, ending in its suffix; OSError when the folder is unwritable."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part{path.suffix}")
    os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    return tmp


def leftovers(path: str | os.PathLike) -> list[Path]:
    """The temporary files of ``path`` that a killed writer left beside it."""
    path = Path(path)
    return sorted(path.parent.glob(f".{path.name}.*.part*"))


def write_text(path: str | os.PathLike, text: str) -> None:
    """``text`` to ``path`` as UTF-8, whole or not at all (``written_in_place``)."""
    with written_in_place(path) as part:
        part.write_text(text, encoding="utf-8")
