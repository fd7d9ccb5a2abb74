"""Whether the playground is still on a lesson's setup: a lesson's goal is about
its own data (the data set and its noise), so a run on other data (another
generated set, a CSV file, points drawn by hand) is not judged by it. The rest
of the setup (features, layers, activation, optimizer, rates, batch size) is
the learner's to change: that is what the lessons' questions ask for."""

from __future__ import annotations

from ..training import TrainConfig

DATA_SETTINGS = ("dataset", "noise")  # what makes the data the lesson's; see module docstring


def _data_name(config: TrainConfig) -> str:
    return "a file's or drawn data" if config.dataset == "csv" else config.dataset


def left_setup(lesson_config: TrainConfig, config: TrainConfig) -> str | None:
    """None while ``config`` trains on the data ``lesson_config`` sets up; else one
    line saying what changed, e.g. "the data set is spiral, not the lesson's circle"."""
    if config.dataset != lesson_config.dataset:
        return f"the data set is {_data_name(config)}, not the lesson's {_data_name(lesson_config)}"
    if config.noise != lesson_config.noise:
        return f"the noise is {config.noise:g}, not the lesson's {lesson_config.noise:g}"
    return None


def unlike_lesson(lesson_config: TrainConfig, config: TrainConfig) -> str | None:
    """Before a lesson is set up: None when the playground already shows the lesson's
    data and hidden layers (what its text describes); else one line saying what differs,
    e.g. "the data set is spiral, not the lesson's circle"."""
    if (left := left_setup(lesson_config, config)) is not None:
        return left
    if tuple(config.hidden) != tuple(lesson_config.hidden):
        return f"the hidden layers are {_layers(config.hidden)}, not the lesson's {_layers(lesson_config.hidden)}"
    return None


def _layers(hidden) -> str:
    return ", ".join(str(n) for n in hidden) if hidden else "none"


# settings one control sets together: a lesson asking for one asks for the others (Regularisation: L1 or L2)
ONE_CONTROL = (frozenset({"l1", "l2"}),)


def asked_settings(lesson) -> frozenset[str]:
    """The settings ``lesson`` asks the learner to change (by name: "features", "lr"...): its
    ``solution``'s, with those set by the same control (ONE_CONTROL); empty for a lesson answered
    by watching or by weights typed in (no solution)."""
    keys = set(TrainConfig.text_patch(lesson.solution)) if lesson.solution else set()
    for group in ONE_CONTROL:
        if keys & group:
            keys |= group
    return frozenset(keys)


def changed_settings(lesson_config: TrainConfig, config: TrainConfig, asked=frozenset()) -> dict:
    """After Set up: the settings of ``config`` (by name: "lr", "hidden"...) that differ from the
    lesson's, each with its value now, for a note that the lesson's text describes its setup, not
    this one. The settings in ``asked`` (``asked_settings``: what the question asks the learner to
    change, ticking X₁X₂ in the XOR lesson) are left out: making that change is doing the lesson."""
    now, lesson = config.to_dict(), lesson_config.to_dict()
    return {k: v for k, v in now.items() if k != "extra" and k not in asked and v != lesson.get(k)}
