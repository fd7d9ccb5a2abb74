"""What `nnplay` (no subcommand) opens the window with, checked before the
window is built: the settings text (``--settings``), a lesson (``--lesson``),
a CSV file (``--data``) and a saved session (``--session``), and which of them
may go together (``start_options``). Anything bad raises ValueError with one
line naming the option and the fault (the command prints it and exits 2)."""

from __future__ import annotations

from dataclasses import dataclass

from .base import OptionError, blamed_on, typed


@dataclass
class WindowStart:
    """``config``: the settings to start with (None: the window's own start,
    which may restore the last session); ``lesson``: a nnplay.lessons.Lesson to
    open; ``csv``: (path, Dataset, settings {name: value}) to load at once;
    ``session``: the absolute path of a session to open."""
    config: object = None
    lesson: object = None
    csv: tuple | None = None
    session: str | None = None


def window_start(args) -> WindowStart:
    """The checked start of the window from the parsed top-level ``args``. Plain ``nnplay`` imports
    nothing heavy here (no NumPy, no training code): its launch window paints first
    (``ui/launch_window.py``); the options that need the training code to be checked import it."""
    from .start_options import check_together, data_set_contradiction

    check_together(args)  # two options deciding the same thing: one line naming both
    start = WindowStart()
    refuse_import_options_without_data(args)
    patch = {}
    if args.settings is not None or getattr(args, "data", None) or getattr(args, "session", None) is not None:
        from ..training import TrainConfig
        from ..training.start_check import check_startable, check_with_data
    if args.settings is not None:
        try:
            patch = TrainConfig.text_patch(args.settings)
        except ValueError as exc:
            raise OptionError("--settings", exc) from None
    if getattr(args, "data", None):
        from ..data import load_csv
        from .import_flags import import_options

        if problem := data_set_contradiction(patch, args.data):
            raise problem
        with blamed_on("--data"):  # DataError (a ValueError) names the file and the fault
            data = load_csv(args.data, options=import_options(args))
        settings = {k: v for k, v in patch.items() if k != "dataset"}
        try:
            start.config = check_with_data(settings, data).with_changes(dataset=TrainConfig().dataset)
        except ValueError as exc:
            raise OptionError("--settings", f"with --data {args.data}: {exc}") from None
        start.csv = (args.data, data, settings)
    elif args.settings is not None:
        try:
            start.config = TrainConfig.from_text(args.settings)
            check_startable(start.config)
        except ValueError as exc:
            raise OptionError("--settings", exc) from None
    if args.lesson is not None:
        from ..lessons import find_lesson

        with blamed_on("--lesson"):  # a bad one is refused here, in one line naming the file
            start.lesson = find_lesson(args.lesson)
    if getattr(args, "session", None) is not None:
        from pathlib import Path

        from ..training.session import load_session

        with blamed_on("--session"):  # SessionError (a ValueError) names the file
            config = load_session(args.session).config
        # the window starts with the session's settings (a config given: no last session restored), a CSV or
        # drawn run's on a built-in data set until the session's own data is opened, as with --data
        start.config = config if config.dataset != "csv" else config.with_changes(dataset=TrainConfig().dataset)
        start.session = str(Path(args.session).resolve())
    return start


def refuse_import_options_without_data(args) -> None:
    """``--na``, ``--target``... read a CSV: without ``--data`` they are refused, never ignored."""
    from .import_flags import import_defaults

    if getattr(args, "data", None):
        return
    for dest, default in import_defaults().items():  # (the parser's own defaults: no second copy to drift)
        if getattr(args, dest, default) != default:
            raise OptionError(f"--{dest.replace('_', '-')}", "applies to your own CSV: give it with --data FILE.csv",
                              typed(args, dest))
