"""One wording, everywhere, for a file that cannot be written."""

from __future__ import annotations

from pathlib import Path


def cannot_write(path, exc: OSError | None = None) -> str:
    """'PATH: cannot write: the folder F does not exist' when the folder is missing,
    else 'PATH: cannot write: <the system's reason>' (``exc``, an OSError)."""
    folder = Path(path).parent
    if not folder.is_dir():
        return f"{path}: cannot write: the folder {folder} does not exist"
    return f"{path}: cannot write: {(exc.strerror or exc) if exc is not None else 'not writable'}"
