"""A penguins-like CSV for tests (as palmerpenguins: a text column first, four
measurements, another text column, the species last), made up here: island and
sex are one-hot encoded, so the first input columns are 0/1 dummies."""

from __future__ import annotations

import numpy as np

MEASUREMENTS = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")


def write_penguins_like(path, n: int = 150, seed: int = 0):
    rng = np.random.default_rng(seed)
    species = rng.integers(0, 3, n)
    island = rng.choice(["Biscoe", "Dream", "Torgersen"], n)
    sex = rng.choice(["male", "female"], n)
    bill_length = 39 + 5 * species + rng.normal(0, 2, n)
    bill_depth = 18.5 - 2 * species + rng.normal(0, 0.8, n)
    flipper = np.round(190 + 12 * species + rng.normal(0, 5, n))
    mass = np.round(3700 + 600 * species + rng.normal(0, 300, n), -1)
    names = np.array(["Adelie", "Chinstrap", "Gentoo"])[species]
    rows = [f"{i},{a:.1f},{b:.1f},{f:.0f},{m:.0f},{s},{k}"
            for i, a, b, f, m, s, k in zip(island, bill_length, bill_depth, flipper, mass, sex, names)]
    path.write_text("island," + ",".join(MEASUREMENTS) + ",sex,species\n" + "\n".join(rows) + "\n")
    return path
