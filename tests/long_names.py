"""A CSV whose input columns have long names that differ only in their middle, as tester 23's
("measurement_0_with_a_rather_long_name_ü", "measurement_1_…"), and a two-class label."""

from __future__ import annotations

import numpy as np


def long_named_csv(path, columns: int = 12, rows: int = 60) -> list[str]:
    """Write the CSV to ``path`` (UTF-8): ``columns`` inputs of ``rows`` random values, the label "a"
    where the first input is positive, else "b". Returns the inputs' names."""
    names = [f"measurement_{k}_with_a_rather_long_name_ü" for k in range(columns)]
    rng = np.random.default_rng(0)
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(names) + ",label\n")
        f.writelines(",".join(f"{v:.3f}" for v in row) + f",{'a' if row[0] > 0 else 'b'}\n"
                     for row in rng.normal(size=(rows, columns)))
    return names
