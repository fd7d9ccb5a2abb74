"""The gradient check's result under the Gradients panel's button: its verdict,
the relative error per layer, and the epoch (and mini-batch) of the weights it
checked, greyed and said to be out of date once the weights change
(``result_age.ResultAge``)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ..numbers import count, format_number
from .result_age import ResultAge


def check_words(result: dict) -> tuple[str, str, str]:
    """(colour, verdict, details) of a ``Trainer.gradient_check()`` result. Entries whose
    step crosses a ReLU or L1 kink (``at_kink``, see engine.gradcheck) are left out and
    counted, never read as a mismatch; a layer with nothing else to compare is "not checkable".
    A layer whose gradients are all below the differences' rounding (``too_small``, a saturated
    tanh's 1e-10) is "too small to check", never a mismatch: the verdict is of the other layers."""
    layers = result["layers"]
    compared = [r for r in layers if r.get("checked", 1)]
    empty = [r for r in compared if r.get("zero", 0) == r["checked"]]  # every compared gradient exactly 0
    small = [r for r in compared if r not in empty and r.get("zero", 0) + r.get("too_small", 0) == r["checked"]]
    resolved = [r for r in compared if r not in empty and r not in small]
    worst = max((max(r["dW_error"], r["db_error"]) for r in resolved), default=0.0)
    if not compared:
        verdict, colour = "not checkable here", "#b36b00"
    elif len(empty) == len(compared):  # a true but empty agreement: 0 = 0 everywhere says nothing of backprop
        verdict, colour = "every compared gradient is 0, so it says nothing", "#b36b00"
    elif not resolved:
        verdict, colour = "every gradient too small to check", "#b36b00"
    else:
        verdict = "backprop agrees" if worst < 1e-6 else ("close" if worst < 1e-3 else "MISMATCH")
        colour = "#1e7e34" if worst < 1e-6 else ("#b36b00" if worst < 1e-3 else "#b3261e")

    def cell(r) -> str:
        if not r.get("checked", 1):
            return "not checkable"
        if r in empty:
            return "all gradients 0"
        return "too small to check" if r in small else format_number(max(r["dW_error"], r["db_error"]), 2)

    cells = ", ".join(f"[{r['layer']}] {cell(r)}" for r in layers)
    details = (f"Relative error per layer {cells} (central differences, "
               f"{count(result['examples'], 'training example')}).")
    if empty:
        where = "every layer" if len(empty) == len(compared) else ", ".join(f"[{r['layer']}]" for r in empty)
        details += (f" Backprop and the differences give exactly 0 for every parameter compared in {where} (all "
                    "weights 0, say: no signal flows back), so their agreement there says nothing.")
    tiny = sum(r.get("too_small", 0) for r in compared)
    if tiny:
        noise = max(r.get("noise", 0.0) for r in compared)
        details += (f" {count(tiny, 'gradient')} below {format_number(noise, 1)}, what differences of step 10⁻⁶ "
                    "can resolve at this loss (their rounding), left out: too small to check (a saturated "
                    "unit passes back almost nothing), neither an agreement nor a mismatch.")
    kinks = sum(r.get("at_kink", 0) for r in layers)
    if kinks:
        details += (f" {count(kinks, 'parameter')} not checkable: a step of ±10⁻⁶ in "
                    f"{'it' if kinks == 1 else 'each'} moves a ReLU unit (or an L1 weight) across its kink at 0, "
                    "where the slope jumps; left out.")
    return colour, f"<b>Gradient check: {verdict}.</b>", details


class CheckReport:
    """``label`` shows the last check (``show``); ``follow(frame)`` with every frame."""

    def __init__(self):
        self.label = QLabel("")
        self.label.setObjectName("gradient_check_result")
        self.label.setWordWrap(True)
        self.label.setVisible(False)
        self.age = ResultAge()  # the epoch the check is of, and whether the weights changed since
        self._parts = ("", "", "")  # the check's colour, verdict and details
        self._frame = None  # the window's last frame (a check that comes is of its weights when at that point)

    def clear(self) -> None:
        """A new run: no check shown."""
        self.label.setVisible(False)
        self.age.clear()
        self._frame = None

    def follow(self, frame) -> None:
        self._frame = frame
        if self.age.follow(frame):  # trained on or edited since the check: say so
            self._say()

    def show(self, result) -> None:
        """``Trainer.gradient_check()``'s relative errors per layer, or ``result`` itself when it is a
        one-line refusal (a run that has diverged)."""
        if isinstance(result, str):
            self.age.clear()
            self.label.setText(result)
            self.label.setVisible(True)
            return
        self._parts = check_words(result)
        self.age.stamp(result["epoch"], *result["batch"], frame=self._frame)
        self._say()

    def _say(self) -> None:
        """The result with the epoch it is of; greyed, and said, once the weights changed."""
        age, (colour, verdict, details) = self.age.text(), self._parts
        if self.age.stale:  # the verdict greyed: no longer the colour of a current result
            self.label.setText(f"<span style='color:gray'>{verdict} {details}</span> <b>{age}</b> "
                               "Check again for the weights now.")
        else:
            self.label.setText(f"<span style='color:{colour}'>{verdict}</span> {details} {age}")
        self.label.setVisible(True)
