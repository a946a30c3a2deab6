#!/usr/bin/python3
"""Writes erf_reference.txt: x and the correctly rounded erf(x), from mpmath at 200 bits.

Run:  /usr/bin/python3 core/src/test/resources/erf/make_erf_reference.py > core/src/test/resources/erf/erf_reference.txt
(mpmath only; a few seconds). ErfFunctionTest reads it. Points: 4,000 uniform on [-7, 7] and
1,000 on [-1.3, 1.3] (fixed seed), 10^k for k from -320 to 0 by quarters (tiny and subnormal),
and 8 doubles on either side of each interval edge of ErfFunction (1, 2, 3.25, XMAX), both signs.
Each line: x and erf(x) as Java/Python hexadecimal floating-point literals.
"""
import math
import random

import mpmath
from mpmath import mp, mpf

mp.prec = 200
XMAX = 5.921587195794507   # ErfFunction.XMAX, printed by make_erf_coefficients.py


def points():
    rng = random.Random(20261206)
    xs = [rng.uniform(-7.0, 7.0) for _ in range(4000)]
    xs += [rng.uniform(-1.3, 1.3) for _ in range(1000)]
    xs += [10.0 ** (k / 4) for k in range(-1280, 1)]
    xs += [5e-324, 2.2250738585072014e-308]
    for edge in (1.0, 2.0, 3.25, XMAX):
        y = edge
        for _ in range(8):
            xs.append(y)
            y = math.nextafter(y, math.inf)
        y = edge
        for _ in range(8):
            y = math.nextafter(y, 0.0)
            xs.append(y)
    return xs + [-v for v in xs if v > 1.0]


def main():
    xs = points()
    print("# x erf(x), correctly rounded (mpmath %s, 200 bits); %d points; made by make_erf_reference.py"
          % (mpmath.__version__, len(xs)))
    for x in xs:
        print(x.hex(), float(mpmath.erf(mpf(x))).hex())


if __name__ == "__main__":
    main()
