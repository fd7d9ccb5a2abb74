"""The learning-rate schedule and gradient clipping, chosen in the Run menu
(Run › Learning-rate schedule, Run › Gradient clipping): radio items of common
choices that write the setting to the run state (``TrainConfig.schedule``,
as the settings text writes it, e.g. ``step:100:0.5``; ``TrainConfig.clip``,
the largest gradient norm, 0 = off). A value that is not in the list (pasted,
or from a session) joins it once (an equivalent one, "cosine" for "cosine:500", is
the item already there: ``choice_match``), so the menu always shows what the run uses. Both
change the run live; where they act is drawn beside the curves
(``schedule_views``). In a menu, not the Network column: that column's
height belongs to the diagram."""

from __future__ import annotations

from PySide6.QtGui import QActionGroup

from ..numbers import agree, format_number
from ..training.commands import SetClip, SetDropout, SetFrozenLayers, SetSchedule
from ..training.schedules import parse_schedule, same_schedule
from .choice_match import index_of, same_value

SCHEDULE_CHOICES = [
    ("Constant", "constant"),
    ("Step decay: ×0.5 every 100 epochs", "step:100:0.5"),
    ("Step decay: ×0.1 every 500 epochs", "step:500:0.1"),
    ("Cosine annealing over 500 epochs", "cosine:500"),
    ("Cosine annealing over 2000 epochs", "cosine:2000"),
    ("Linear warm-up over 5 epochs", "warmup:5"),
    ("Linear warm-up over 50 epochs", "warmup:50"),
]
CLIP_CHOICES = [("Off", 0.0), ("At norm 0.1", 0.1), ("At norm 0.5", 0.5), ("At norm 1", 1.0),
                ("At norm 5", 5.0), ("At norm 10", 10.0)]
LIVE = ("schedule", "clip", "dropout", "freeze")  # issue 17's settings that change while the run trains


def live_commands(config, changed) -> list:
    """The commands that make the changed live settings of issue 17 take effect."""
    out = []
    if "dropout" in changed:  # (chosen under each hidden layer in the diagram, see layer_activation)
        out.append(SetDropout(tuple(config.dropout)))
    if "freeze" in changed:  # (a layer's title's menu in the diagram, see diagram_menu)
        out.append(SetFrozenLayers(tuple(config.freeze)))
    if "schedule" in changed:
        out.append(SetSchedule(config.schedule))
    if "clip" in changed:
        out.append(SetClip(config.clip))
    return out


def schedule_text(schedule: str) -> str:
    """A schedule setting in words, for a value not in the list, its defaults
    filled in: "step:200:0.3" reads "Step decay: ×0.3 every 200 epochs", "step"
    "Step decay: ×0.1 every 100 epochs"."""
    try:
        name, p = parse_schedule(schedule)
    except ValueError:
        return schedule
    if name == "step":
        return f"Step decay: ×{format_number(p[1])} every {_epochs(p[0])}"
    if name == "cosine":
        return f"Cosine annealing over {_epochs(p[0])}" + (f" (lowest {format_number(p[1])})" if p[1] else "")
    if name == "warmup":
        return f"Linear warm-up over {_epochs(p[0])}" + (f" (from ×{format_number(p[1])})" if p[1] != 1 / 3 else "")
    return "Constant"


class _ChoiceMenu:
    """A submenu of exclusive, checkable choices for one setting."""

    def __init__(self, menu, name: str, choices, emit, same=same_value):
        self.menu, self.name, self.emit, self.same = menu, name, emit, same
        self.group = QActionGroup(menu)
        self.group.setExclusive(True)
        for text, value in choices:
            self._add(text, value)

    def _add(self, text: str, value):
        action = self.menu.addAction(text)
        action.setCheckable(True)
        action.setData(value)
        self.group.addAction(action)
        action.triggered.connect(lambda _=False, v=value: self.emit(**{self.name: v}))
        return action

    def show(self, value, text: str) -> None:
        """Check the item of ``value`` (the same by ``same``: "cosine" is the item
        "cosine:500"); a value no item has joins the list, once."""
        actions = self.group.actions()
        i = index_of([a.data() for a in actions], value, self.same)
        (actions[i] if i >= 0 else self._add(text, value)).setChecked(True)

    def checked(self):
        action = self.group.checkedAction()
        return None if action is None else action.data()

    def action(self, value):
        return next(a for a in self.group.actions() if self.same(a.data(), value))


class ScheduleMenus:
    """Run › Learning-rate schedule and Run › Gradient clipping; ``bind(state)``
    shows a ``RunState`` and writes the choices to it."""

    def __init__(self, run_menu):
        self._state = None
        schedule = run_menu.addMenu("Learning-rate schedule")
        schedule.setObjectName("schedule_menu")
        schedule.setToolTipsVisible(True)
        schedule.menuAction().setToolTip("How the learning rate changes over the epochs (drawn under the loss "
                                         "curve); changes live.")
        clip = run_menu.addMenu("Gradient clipping")
        clip.setObjectName("clip_menu")
        clip.menuAction().setToolTip("Scale a step whose gradient norm is larger down to this norm (clipped "
                                     "epochs are marked on the gradient-norm curve); changes live.")
        self.schedule = _ChoiceMenu(schedule, "schedule", SCHEDULE_CHOICES, self._emit, same_schedule)
        self.clip = _ChoiceMenu(clip, "clip", CLIP_CHOICES, self._emit)

    def bind(self, state) -> None:
        self._state = state
        state.subscribe(lambda _: self.show(state.config), ("schedule", "clip", "refused"))
        self.show(state.config)

    def show(self, config) -> None:
        self.schedule.show(config.schedule, schedule_text(config.schedule))
        self.clip.show(float(config.clip), f"At norm {format_number(config.clip)}")

    def _emit(self, **change) -> None:
        if self._state is not None:
            self._state.apply(**change)


def _epochs(n: int) -> str:
    """A schedule's epoch count, and "epoch" agreeing with it."""
    return f"{n} {agree(n, 'epoch')}"
