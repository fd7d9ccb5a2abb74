"""A lesson file (TOML) checked against the lesson schema, key by key; a bad
file raises LessonError with one line naming the file, the key and what is wrong.

The keys (``SCHEMA``): ``title``, ``text`` (a few sentences), ``setup`` (a
settings text, as Edit > Copy settings writes it, applied over the default
settings), ``question``, ``goal`` (see goals.py), ``hints`` (a list of
sentences), ``explanation`` (shown when the goal is met), and optionally
``solution`` (a settings text applied over ``setup``: the change the lesson asks
for, with which the goal is reached; a lesson whose point is a failure has none),
``views`` (a list of the window's views its question points to, keys of
``needs.VIEWS``: the window brings them into sight) and ``weights`` (a table of
parameters set by hand, see hand_weights.py).
Nothing in a file is ever run as code.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..numbers import Written
from ..training import TrainConfig
from ..training.start_check import check_startable
from ..user_text import not_utf8, shown
from .goals import Goal, parse_goal
from .hand_weights import check_weights, network_sizes, parse_weights
from .needs import VIEWS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# key -> (required, what it must be)
SCHEMA = {
    "title": (True, "text"),
    "text": (True, "text"),
    "setup": (True, "text"),
    "question": (True, "text"),
    "goal": (True, "text"),
    "hints": (True, "list of texts"),
    "explanation": (True, "text"),
    "solution": (False, "text"),
    "views": (False, "list of views"),
    "weights": (False, "table of parameters"),
}
MAX_BYTES = 64_000  # a lesson is a page of text, not a data set


LESSON_NEEDS_FILE = ("names dataset=csv, but a lesson has no CSV file to load: "
                     "choose a built-in data set (dataset=spiral...)")


class LessonError(ValueError):
    """A lesson that cannot be used: ``str()`` is one line, 'FILE: KEY: what is wrong'."""


@dataclass(frozen=True)
class Lesson:
    name: str  # the file's name without .toml (and without a leading "NN-" order number)
    title: str
    text: str
    setup: str  # a settings text
    question: str
    goal: Goal
    hints: tuple[str, ...]
    explanation: str
    solution: str = ""
    views: tuple[str, ...] = ()  # the window's views its question points to (needs.VIEWS), brought into sight
    weights: tuple = ()  # parameters the learner sets by hand (hand_weights.parse_weights)
    source: str = ""  # where it was read from

    @property
    def config(self) -> TrainConfig:
        """The settings ``setup`` states, over the defaults."""
        return TrainConfig.from_text(self.setup)

    @property
    def solved_config(self) -> TrainConfig:
        """``config`` with ``solution`` applied (``config`` itself without one)."""
        if not self.solution:
            return self.config
        return self.config.with_changes(**TrainConfig.text_patch(self.solution))


def lesson_name(path: str | Path) -> str:
    stem = Path(path).stem
    head, _, rest = stem.partition("-")
    return rest if head.isdigit() and rest else stem


def parse_lesson(raw: bytes | str, source: str) -> Lesson:
    """The Lesson in TOML text ``raw``; LessonError naming ``source``, the key and the fault."""
    def fail(key: str, what: str) -> LessonError:
        return LessonError(f"{source}: {key}: {what}" if key else f"{source}: {what}")

    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            raise fail("", f"{len(raw):,} bytes is too long for a lesson (at most {MAX_BYTES:,})")
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise fail("", not_utf8(raw, exc) + "; save it as UTF-8") from None
    try:
        doc = tomllib.loads(raw, parse_float=Written)  # (a refusal names 1e400 as written, not inf)
    except tomllib.TOMLDecodeError as exc:
        raise fail("", f"not valid TOML: {exc}") from None
    for key in doc:
        if key not in SCHEMA:
            raise fail(key, f"unknown key; a lesson has {', '.join(SCHEMA)}")
    values = {}
    for key, (required, kind) in SCHEMA.items():
        if key not in doc:
            if required:
                raise fail(key, f"missing (a {kind})")
            continue
        v = doc[key]
        if key == "weights":
            try:
                values[key] = parse_weights(v)
            except ValueError as exc:
                raise fail(key, str(exc)) from None
        elif key == "views":
            if not isinstance(v, list) or not all(isinstance(name, str) for name in v):
                raise fail(key, f"must be a list of views like [\"curves\"], got {_kind(v)}")
            if unknown := [name for name in v if name not in VIEWS]:
                raise fail(key, f"no view named {shown(unknown[0])}; the views are {', '.join(VIEWS)}")
            values[key] = tuple(v)
        elif kind == "text":
            if not isinstance(v, str):
                raise fail(key, f"must be a text in quotes, got {_kind(v)}")
            if not v.strip():
                raise fail(key, "is empty")
            values[key] = " ".join(v.split()) if key not in ("setup", "solution") else v.strip()
        else:
            if not isinstance(v, list) or not all(isinstance(h, str) and h.strip() for h in v):
                raise fail(key, f"must be a list of texts like [\"first\", \"second\"], got {_kind(v)}")
            values[key] = tuple(" ".join(h.split()) for h in v)
    try:
        values["goal"] = parse_goal(values["goal"])
    except ValueError as exc:
        raise fail("goal", str(exc)) from None
    lesson = Lesson(name=lesson_name(source), source=source, **values)
    for key, make in (("setup", lambda: lesson.config), ("solution", lambda: lesson.solved_config)):
        try:
            check_startable(make(), LESSON_NEEDS_FILE)  # as the window would start it, before it is built
        except ValueError as exc:
            raise fail(key, str(exc)) from None
    if lesson.weights:
        try:  # against the network the learner types them into (check_weights, as --check applies them)
            check_weights(network_sizes(lesson.solved_config), lesson.weights)
        except ValueError as exc:
            raise fail("weights", str(exc)) from None
    return lesson


def _kind(v) -> str:
    if isinstance(v, list):
        return "a list" if v else "an empty list"
    return {str: "a text", bool: "true/false", int: "a number", float: "a number", dict: "a table"}.get(
        type(v), type(v).__name__)
