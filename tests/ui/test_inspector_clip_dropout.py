"""The inspector's equations show what gradient clipping and dropout did to the
traced step: the clip factor in the update, the mask M[l] in the forward pass."""

import numpy as np

from nnplay.training import TrainConfig, Trainer
from nnplay.ui.inspector_equations import layer_equations


def _trace(text: str):
    t = Trainer(TrainConfig.from_text(text))
    t.run(2)
    return t.trace_next_batch()


def test_a_clipped_step_says_by_how_much_and_the_factor_is_the_norms_ratio():
    tr = _trace("dataset=xor&hidden=4&lr=0.03&clip=0.001&seed=3")
    assert tr.clip_max_norm == 0.001 and tr.grad_norm > 0.001
    assert np.isclose(tr.clip_factor, 0.001 / (tr.grad_norm + 1e-6))
    note = layer_equations(tr, 1)[-2][1]  # the update of W[1]
    assert "Clipped" in note and "scaled by" in note
    loose = _trace("dataset=xor&hidden=4&lr=0.03&clip=1000&seed=3")
    assert loose.clip_factor == 1.0 and "is within it" in layer_equations(loose, 1)[-2][1]
    off = _trace("dataset=xor&hidden=4&lr=0.03&seed=3")
    assert off.clip_max_norm == 0 and "lip" not in layer_equations(off, 1)[-2][1]


def test_dropout_shows_the_steps_mask_in_the_forward_equation():
    tr = _trace("dataset=xor&hidden=6&dropout=0.5&seed=3")
    formula, note, terms = layer_equations(tr, 1)[0]
    assert "M[1]" in formula and "inverted dropout" in note
    mask = next(t[1] for t in terms if isinstance(t, tuple) and t[0] == "M[1]")
    assert mask.shape == (6, tr.m) and set(np.unique(mask)) <= {0.0, 2.0} and (mask == 0).any()
    assert "M[" not in layer_equations(tr, 2)[0][0]  # the output layer has no dropout
    plain = _trace("dataset=xor&hidden=6&seed=3")
    assert "M[1]" not in layer_equations(plain, 1)[0][0]
