"""One wording, everywhere, for a file that cannot be read or written:
'PATH: cannot read: WHY' and 'PATH: cannot write: WHY', the same words for a
missing folder or file whichever subcommand or dialog asks (a CSV, a session,
a lesson, an export), the file's name shortened (user_text.file_name)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .user_text import file_name


def cannot_write(path, exc: OSError | None = None) -> str:
    """'PATH: cannot write: the folder F does not exist' when the folder is missing,
    else 'PATH: cannot write: <the system's reason>' (``exc``, an OSError)."""
    folder = Path(path).parent
    if not folder.is_dir():
        return f"{file_name(path)}: cannot write: the folder {file_name(folder)} does not exist"
    if exc is not None and exc.errno == errno.ENOENT:  # the folder is there but takes no new file (/proc)
        return f"{file_name(path)}: cannot write: the folder {file_name(folder)} does not take new files"
    return f"{file_name(path)}: cannot write: {_reason(exc) if exc is not None else 'not writable'}"


def unreadable(path, kind: str = "file") -> str | None:
    """Why ``path`` cannot be read as a ``kind`` ("CSV file", "session file"), in
    one line 'PATH: cannot read: WHY' (the folder does not exist, no such file, it
    is a folder, or a device/pipe/socket); None when it is a regular file."""
    p = Path(path)
    try:
        if p.is_file():
            return None
        if p.is_dir():
            why = f"it is a folder, not a {kind}"
        elif p.exists():  # a device (/dev/zero), a pipe or a socket: endless, or waiting forever
            why = f"it is not a regular file (a device, pipe or socket); give a {kind}"
        elif not p.parent.is_dir():
            why = f"the folder {file_name(p.parent)} does not exist"
        else:
            why = "no such file"
    except (OSError, ValueError) as exc:  # a name the system refuses (too long, a NUL in it)
        why = _reason(exc) if isinstance(exc, OSError) else "the system refuses this file name"
    return f"{file_name(path)}: cannot read: {why}"


def cannot_read(path, exc: OSError | None = None, kind: str = "file") -> str:
    """``unreadable``'s line when the file is missing or not a file, else
    'PATH: cannot read: <the system's reason>' (``exc``, an OSError)."""
    return unreadable(path, kind) or f"{file_name(path)}: cannot read: {_reason(exc) if exc else 'not readable'}"


def _reason(exc: OSError) -> str:
    """The system's reason in words ('Permission denied'), without Python's [Errno N] and repr of the name."""
    return exc.strerror or os.strerror(exc.errno) if exc.errno else str(exc)
