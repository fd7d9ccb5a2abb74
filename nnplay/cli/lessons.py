"""`nnplay lessons`: list the built-in lessons, show one, or check one headless."""

from __future__ import annotations

import textwrap

from .base import EXIT_OK, OptionError, blamed_on

EXIT_GOAL_NOT_MET = 1  # --check: the lesson played, its goal not met (2 stays bad input: a lesson that cannot be read)


def register(sub) -> None:
    p = sub.add_parser("lessons", help="list the built-in lessons (nnplay --lesson NAME opens one)",
                       description="List the guided lessons; nnplay --lesson NAME (or FILE.toml) opens one "
                                   "in the window.")
    p.add_argument("lesson", nargs="?", metavar="NAME|FILE.toml",
                   help="show this lesson in full (a built-in name or number, or a lesson file of your own)")
    p.add_argument("--check", action="store_true",
                   help="play the lesson headless, its solution applied, and say whether its goal is reached "
                        "(exit 0 met, 1 not met, 2 a lesson that cannot be read)")
    p.add_argument("--goals", action="store_true", help="list what a goal can measure, and its form")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..lessons import builtin_lessons, find_lesson

    if args.goals:
        if args.lesson is not None or args.check:  # (they would be ignored)
            raise OptionError("--goals", "not allowed with " + ("a lesson" if args.lesson is not None else "--check")
                              + " (--goals lists what any goal can measure)")
        return _print_goals()
    if args.lesson is None:
        if args.check:
            raise OptionError("--check", "needs a lesson: nnplay lessons NAME --check")
        lessons = builtin_lessons()
        width = max(len(lesson.name) for lesson in lessons)
        for i, lesson in enumerate(lessons, 1):
            print(f"{i:>2}  {lesson.name:<{width}}  {lesson.title}")
        print("\nnnplay --lesson NAME opens one in the window; nnplay lessons NAME shows it here.")
        return EXIT_OK
    with blamed_on("NAME|FILE.toml"):  # no such lesson, or a lesson file that cannot be read
        lesson = find_lesson(args.lesson)
    if args.check:
        return _check(lesson)
    wrap = textwrap.TextWrapper(width=88)
    print(lesson.title, "\n")
    for label, text in (("", lesson.text), ("Question: ", lesson.question), ("Goal: ", lesson.goal.words())):
        print(wrap.fill(label + text), "\n")
    for i, hint in enumerate(lesson.hints, 1):
        print(wrap.fill(f"Hint {i}: {hint}"))
    print(f"\nSettings: {lesson.setup}")
    return EXIT_OK


def _check(lesson) -> int:
    from ..lessons import MET
    from ..lessons.play import play

    outcome = play(lesson, solved=True)
    how = " and ".join(([f"with its solution {lesson.solution!r}"] if lesson.solution else [])
                       + ([_hand_set(lesson.weights)] if lesson.weights else [])) or "as set up"
    print(f"{lesson.name}: goal '{lesson.goal}' {outcome.status} at epoch {outcome.epoch}, played {how}")
    return EXIT_OK if outcome.status == MET else EXIT_GOAL_NOT_MET  # (2 is bad input: the lesson itself)


def _hand_set(weights) -> str:
    """'with its 15 hand-set parameters (W[1], b[1], ...)': the numbers counted, the matrices named."""
    from ..lessons.hand_weights import count_numbers

    names = ", ".join(f"{kind}[{layer}]" for kind, layer, _ in weights)
    return f"with its {count_numbers(weights)} hand-set parameters ({names})"


def _print_goals() -> int:
    from ..lessons.goals import GOAL_HELP, MEASURES

    print(GOAL_HELP[0].upper() + GOAL_HELP[1:] + ".\nConditions join with 'and'; the comparisons are "
          "< <= > >= ==.\n\nMeasures:")
    width = max(map(len, MEASURES))
    for name, meaning in MEASURES.items():
        print(f"  {name:<{width}}  {meaning}")
    print(f"  {'diverged':<{width}}  the loss stopped being a finite number")
    return EXIT_OK
