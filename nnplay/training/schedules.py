"""Learning-rate schedules, per epoch, written as one setting: ``constant``,
``step:S:G``, ``cosine:T:E`` or ``warmup:N:F`` (parameters after the name may be
left out; their defaults are PyTorch's where it has one). With alpha_0 the
learning rate set and e the epoch (0 for the first):

    constant   alpha_0
    step       alpha_0 G^floor(e / S)                          torch.optim.lr_scheduler.StepLR
               (S epochs per step, default 100; G the factor, default 0.1)
    cosine     E + (alpha_0 - E) (1 + cos(pi min(e, T) / T)) / 2
               (T the annealing epochs, default 500; E the lowest rate, default 0):
               CosineAnnealingLR's closed form up to T, then E held. PyTorch's
               curve is periodic past T_max (it rises back to alpha_0 by 2T);
               an annealing run, like timm's CosineLRScheduler with one cycle
               and Hugging Face's cosine schedule, ends at its lowest rate, so
               a schedule never raises the rate it has lowered (SGDR's warm
               restarts, Loshchilov & Hutter 2017, are a separate choice)
    warmup     alpha_0 (F + (1 - F) min(e, N) / N)             LinearLR with end_factor 1
               (N epochs of warm-up, default 5; F the starting factor, default 1/3)

(PyTorch's documentation: https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate.)
"""

from __future__ import annotations

import functools
import math

from ..numbers import count, format_number
SCHEDULES = ("constant", "step", "cosine", "warmup")
# (parameter names, defaults, whether each is a whole number)
_PARAMETERS = {
    "constant": ((), (), ()),
    "step": (("epochs per step", "factor"), (100, 0.1), (True, False)),
    "cosine": (("annealing epochs", "lowest rate"), (500, 0.0), (True, False)),
    "warmup": (("warm-up epochs", "starting factor"), (5, 1 / 3), (True, False)),
}


def parse_schedule(text: str) -> tuple[str, tuple[float, ...]]:
    """(name, parameters with defaults filled in) of a schedule setting;
    ValueError naming the problem in one line."""
    name, *raw = str(text).strip().lower().split(":")
    if name not in SCHEDULES:
        raise ValueError(f"unknown schedule {text!r}: choose one of {', '.join(SCHEDULES)} "
                         "(e.g. step:100:0.5, cosine:500, warmup:5)")
    names, defaults, whole = _PARAMETERS[name]
    if len(raw) > len(names):
        raise ValueError(f"schedule {name!r} takes at most {count(len(names), 'parameter')} ({', '.join(names) or 'none'}); "
                         f"got {text!r}")
    values = list(defaults)
    for i, r in enumerate(raw):
        try:
            v = float(r)
        except ValueError:
            raise ValueError(f"schedule {name!r}: {names[i]} {r!r} is not a number") from None
        if not math.isfinite(v) or (whole[i] and (v != int(v) or v < 1)):
            raise ValueError(f"schedule {name!r}: {names[i]} must be a finite{' whole' if whole[i] else ''} number"
                             f"{' >= 1' if whole[i] else ''}, got {r!r}")
        values[i] = int(v) if whole[i] else v
    _check_ranges(name, values)
    return name, tuple(values)


def _check_ranges(name: str, values: list) -> None:
    if name == "step" and not values[1] > 0:
        raise ValueError(f"schedule 'step': the factor must be > 0, got {values[1]!r}")
    if name == "cosine" and values[1] < 0:
        raise ValueError(f"schedule 'cosine': the lowest rate must be >= 0, got {values[1]!r}")
    if name == "warmup" and not 0 < values[1] <= 1:
        raise ValueError(f"schedule 'warmup': the starting factor must be in (0, 1], got {values[1]!r}")


@functools.lru_cache(maxsize=16)
def _parsed(schedule: str) -> tuple[str, tuple[float, ...]]:
    """``parse_schedule``, each setting read once: the training loop asks for the rate at every
    4 ms stretch of a long epoch's steps (about 110 times an epoch on 100,000 rows; 1.7 us a parse)."""
    return parse_schedule(schedule)


def learning_rate(schedule: str, lr: float, epoch: int) -> float:
    """The learning rate of ``epoch`` (0 for the first) under ``schedule`` with
    the set rate ``lr`` (formulas in the module's notes)."""
    name, p = _parsed(schedule)
    if name == "step":
        return lr * p[1] ** (epoch // p[0])
    if name == "cosine":
        return p[1] + (lr - p[1]) * (1 + math.cos(math.pi * min(epoch, p[0]) / p[0])) / 2
    if name == "warmup":
        return lr * (p[1] + (1 - p[1]) * min(epoch, p[0]) / p[0])
    return lr


def rate_now(trainer) -> float:
    """The learning rate of the run's steps now, from its settings and epoch
    alone: the schedule's rate for the epoch being trained (part-way through
    one) or else the last one trained (epoch ``trainer.epoch - 1``; the base
    rate before any). The one source for every report of the rate a run has
    reached (the health diagnosis of ``nnplay train`` as it finishes, of
    ``nnplay diagnose`` and the window reading the run back from its session),
    so they agree whatever the optimizer's own ``lr`` was left at."""
    config = trainer.config
    return learning_rate(config.schedule, config.lr, rate_epoch(trainer))


def rate_epoch(trainer) -> int:
    """The epoch whose scheduled rate the run's steps use now (``rate_now``'s):
    the one being trained, part-way through, else the last one trained (0 before any)."""
    done, _per_epoch = trainer.batch_position
    return trainer.epoch if done else max(trainer.epoch - 1, 0)


def schedule_words(schedule: str, lr: float, epoch: int) -> str:
    """What ``schedule`` has done to the base rate ``lr`` at ``epoch`` (the epoch
    whose rate the steps use, as ``rate_now`` picks it), in words true for every
    schedule and epoch: lowered (and, past a cosine's T, held at its lowest),
    raised, still warming up, or at its base rate; "" for a constant rate. One
    plain clause, no brackets: the health advice and ``nnplay train``'s summary
    put it inside sentences of their own. The one wording of both."""
    name, p = parse_schedule(schedule)
    if name == "constant":
        return ""
    now = learning_rate(schedule, lr, epoch)
    if name == "warmup" and now < lr:
        return (f"the warmup schedule is still raising the learning rate: {format_number(now, 3)} now, its base rate {format_number(lr)} "
                f"from epoch {p[0]} on")
    if now < lr:
        held = f", its lowest, held from epoch {p[0]} on" if name == "cosine" and epoch >= p[0] else ""
        return f"the {name} schedule has lowered the learning rate to {format_number(now, 3)} from its base rate {format_number(lr)}{held}"
    if now > lr:  # a step schedule's factor above 1
        return f"the {name} schedule has raised the learning rate to {format_number(now, 3)} from its base rate {format_number(lr)}"
    return f"the {name} schedule has the learning rate at its base rate {format_number(lr)}"


def same_schedule(a, b) -> bool:
    """Whether two schedule settings are one schedule: the same name and
    parameters once the defaults are filled in ("cosine" is "cosine:500" and
    "cosine:500:0"; "step" is "step:100:0.1"); a text that is not a schedule is
    compared as it is."""
    try:
        (name_a, p_a), (name_b, p_b) = parse_schedule(a), parse_schedule(b)
    except ValueError:
        return a == b
    return name_a == name_b and all(math.isclose(x, y, rel_tol=1e-9, abs_tol=0.0) for x, y in zip(p_a, p_b))


def canonical_schedule(text: str) -> str:
    """The setting as the settings text writes it: the name, then any parameter
    given ("Step:100" -> "step:100"); ValueError for a bad one."""
    parse_schedule(text)
    return ":".join(part.strip() for part in str(text).strip().lower().split(":"))
