"""The gradient check's result under the Gradients panel's button: its verdict,
the relative error per layer, and the epoch (and mini-batch) of the weights it
checked, greyed and said to be out of date once the weights change
(``result_age.ResultAge``)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ..numbers import count, format_number
from .result_age import ResultAge


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
        worst = max(max(r["dW_error"], r["db_error"]) for r in result["layers"])
        verdict = "backprop agrees" if worst < 1e-6 else ("close (a kink in relu or L1?)" if worst < 1e-3
                                                           else "MISMATCH")
        colour = "#1e7e34" if worst < 1e-6 else ("#b36b00" if worst < 1e-3 else "#b3261e")
        cells = ", ".join(f"[{r['layer']}] {format_number(max(r['dW_error'], r['db_error']), 2)}" for r in result["layers"])
        self._parts = (colour, f"<b>Gradient check: {verdict}.</b>", f"Relative error per layer {cells} (central "
                       f"differences, {count(result['examples'], 'training example')}).")
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
