"""One wording for a tool that reads the run's current weights (Find learning
rate, Check gradients, the backprop inspector's next step) asked for on a run
that has diverged: its weights are the last finite ones, from the edge of
divergence, so an answer from them would mean nothing; the tool says so in one
line and names the way out, Reset, as the divergence banner does."""

from __future__ import annotations


def diverged_epoch(controller) -> int | None:
    """The epoch run A diverged at (its last frame's ``diverged_at``), or None."""
    frame = controller.last_frame
    return None if frame is None else frame.snapshot.diverged_at


def reset_first(epoch: int, what: str) -> str:
    """"The run diverged at epoch 12: press Reset (R) first, then <what> from fresh weights." """
    return f"The run diverged at epoch {epoch}: press Reset (R) first, then {what} from fresh weights."
