"""Guided lessons: data files that set up the playground, explain, ask, and
check a goal live. The built-in ones are ``builtin/*.toml`` in this package
(read with importlib.resources); a teacher's own file is read the same way
(``nnplay --lesson path/to/file.toml``). Qt-free: the window's panel and the
command line use this package."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from ..user_text import shown
from ..write_errors import cannot_read
from .goals import MET, MISSED, PENDING, Goal, GoalTracker, parse_goal
from .schema import Lesson, LessonError, parse_lesson

__all__ = ["MET", "MISSED", "PENDING", "Goal", "GoalTracker", "Lesson", "LessonError", "builtin_lessons",
           "find_lesson", "load_lesson_file", "parse_goal", "parse_lesson"]


def builtin_lessons() -> list[Lesson]:
    """The lessons that come with nnplay, in their order (the files' NN- prefix).
    A new list each call; the files are read and parsed once per process (a
    window's Lessons panel is built with every window)."""
    return list(_parsed_builtin())


@cache
def _parsed_builtin() -> tuple[Lesson, ...]:
    folder = resources.files("nnplay.lessons").joinpath("builtin")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return tuple(parse_lesson(f.read_bytes(), f"lessons/{f.name}") for f in files)


def load_lesson_file(path: str | Path) -> Lesson:
    """A teacher's own lesson file; LessonError (one line) when it cannot be read or is bad."""
    p = Path(path)
    try:
        with p.open("rb") as f:
            raw = f.read(200_000)
    except OSError as exc:
        raise LessonError(cannot_read(path, exc, "lesson file")) from None
    return parse_lesson(raw, str(path))


def _is_file(name: str) -> bool:
    """Whether ``name`` is a file (False for a name the system refuses: too long, a NUL in it)."""
    try:
        return Path(name).is_file()
    except (OSError, ValueError):
        return False


def find_lesson(name_or_path: str) -> Lesson:
    """A built-in lesson by name (or its number, 1 first), else a .toml file;
    LessonError naming the lessons there are."""
    if name_or_path.lower().endswith(".toml") or _is_file(name_or_path):
        return load_lesson_file(name_or_path)
    lessons = builtin_lessons()
    for i, lesson in enumerate(lessons, 1):
        if name_or_path.lower() in (lesson.name, str(i)):
            return lesson
    raise LessonError(f"no lesson named {shown(name_or_path)}; the lessons are "
                      f"{', '.join(lesson.name for lesson in lessons)} (or give a .toml file)")
