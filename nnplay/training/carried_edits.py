"""What a new run keeps of the run before it (a data-set change, a setting that
rebuilds the network): the settings are the new run's config, so the schedule,
clipping, dropout and the layers named by ``freeze`` carry over; the frozen and
pruned parameters set by hand (Run › the diagram's menu) are tied to the
weights, and carry over as they were while the network keeps its shape, as a
Reset keeps them; a layer the old settings froze and the new ones do not is
not carried (it stayed frozen behind settings that no longer named it). When
the shape changes, a whole frozen layer that still exists stays frozen, and the rest (frozen neurons and weights, pruning) is
dropped, and said so in one sentence (RunInfo.notes, shown by the window)."""

from __future__ import annotations

from ..numbers import agree


def carry_edits(new, old) -> str:
    """Carry Trainer ``old``'s frozen and pruned parameters to Trainer ``new``
    (fresh, not trained yet) as the module says; returns the sentence saying
    what was dropped, '' when nothing was."""
    if old is None:
        return ""
    before, after = old.net.masks, new.net.masks
    unfrozen = set(old.config.freeze) - set(new.config.freeze)  # no longer named by the settings: not carried
    if unfrozen:
        before = before.copy()
        for layer in unfrozen:
            before.set_frozen(layer - 1, frozen=False)
    pruned = bool(before.pruned.any() or any(n.any() for n in before.neurons))
    if not (before.frozen.any() or pruned):
        return ""
    if old.net.sizes == new.net.sizes:
        state = before.state()
        state["frozen"] = state["frozen"] | after.frozen  # the new settings' frozen layers as well
        after.load_state(state)
        return ""
    whole = [l for l, block in enumerate(before.frozen_blocks) if block.all() and l < new.net.n_layers]
    for l in whole:
        after.set_frozen(l)
    parts = [b for b in before.frozen_blocks if b.any() and not b.all()]
    dropped = []
    if parts or any(b.all() for l, b in enumerate(before.frozen_blocks) if l not in whole):
        dropped.append("frozen")
    if pruned:
        dropped.append("pruned")
    if not dropped:
        return ""
    kept = f"; frozen {agree(len(whole), 'layer')} {', '.join(str(l + 1) for l in whole)} kept" if whole else ""
    return (f"Dropped what was {' and '.join(dropped)} (neurons and weights): the network changed shape "
            f"({'-'.join(map(str, new.net.sizes))}){kept}.")
