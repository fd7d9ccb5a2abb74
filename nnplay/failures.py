"""How a fault below the command line reaches its one line there, without the
line being parsed: a bad value says which option it is about (``naming_option``),
and a failure at run time says it is one (``RunFailure``).

The CLI (``cli/base.as_option_error``) builds "argument --target: no column
named 'zz' (in d.csv)" from a fault's ``option``, ``what`` and ``place``; a
``RunFailure`` (the live window's measure failed, the disk refused a file
whose path was checked) is no argument's fault: "nnplay bench: the live window
(case A) failed: …", exit code 1. Imports nothing: every layer uses it.
"""

from __future__ import annotations


class RunFailure(Exception):
    """Something failed while running, not because of an argument: the message is one line naming
    what failed and where (``nnplay CMD: message``, exit code 1)."""


def naming_option(exc: Exception, option: str | None, what: str, place: str = "") -> Exception:
    """``exc`` marked as a bad value of the command line's ``option`` (``--target``), ``what``
    being the fault alone and ``place`` where it is (a file name), from which the CLI builds its
    line; its own message is unchanged (the window shows it). ``option`` None: ``exc`` as it is."""
    if option:
        exc.option, exc.what, exc.place = option, what, place
    return exc
