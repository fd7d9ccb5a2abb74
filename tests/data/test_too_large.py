"""A number too large to train on is called that, with the limit, however the
cell writes it (an exponent, hundreds or millions of digits, a sign, quotes, a
decimal comma, in an input or the target), and whatever --na says: not a
missing value, not "not a number", not "not a finite number"."""

from __future__ import annotations

import pytest

from nnplay.data import DataError, load_csv
from nnplay.data.columns import ImportOptions
from nnplay.data.magnitude import too_large

LIMIT = "is too large to train on (nnplay takes numbers up to 1·10¹⁰⁰ in size; rescale the column)"
NINES = "9" * 400

CASES = {
    "four hundred nines": f"x1,x2,label\n{NINES},1,0\n1,2,1\n3,4,0\n",
    "negative": f"x1,x2,label\n-{NINES},1,0\n1,2,1\n3,4,0\n",
    "five million digits": "x1,x2,label\n" + "9" * 5_000_000 + ",1,0\n1,2,1\n3,4,0\n",
    "1e400": "x1,x2,label\n1e400,1,0\n1,2,1\n3,4,0\n",
    "-1e400": "x1,x2,label\n-1e400,1,0\n1,2,1\n3,4,0\n",
    "1e308": "x1,x2,label\n1e308,1,0\n1,2,1\n3,4,0\n",
    "quoted": f'x1,x2,label\n"{NINES}",1,0\n1,2,1\n3,4,0\n',
    "decimal comma": f"x1;x2;label\n{NINES},5;1;0\n1;2;1\n3;4;0\n",
    "in the target": f"x1,x2,y\n1,2,{NINES}\n1,2,1.5\n3,4,0.5\n",
    # --na drop would not help it: said before the missing cell on the line above
    "after a missing cell": f"x1,x2,label\n,1,0\n{NINES},1,0\n1,2,1\n3,4,0\n",
}


@pytest.mark.parametrize("na", ["refuse", "drop"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_number_too_large_is_called_too_large(case, na, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(CASES[case])
    with pytest.raises(DataError) as err:
        load_csv(path, options=ImportOptions(na=na))
    message = str(err.value)
    assert LIMIT in message and "\n" not in message, message
    assert "missing" not in message and "not a number" not in message and "finite" not in message


def test_what_is_not_too_large():
    assert not any(too_large(c) for c in ("1e100", "-1e100", "1" + "0" * 100, "0e999", "1e-400", "0." + "0" * 500 + "1",
                                          "inf", "nan", "abc", "", "1,5", NINES + ",5"))
    assert all(too_large(c) for c in ("1.0000001e100", "1e101", ".5e102", " 1e400 ", "+" + NINES, "1e99999999999999"))
    assert too_large(NINES + ",5", decimal_comma=True)
