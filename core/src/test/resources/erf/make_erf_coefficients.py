#!/usr/bin/python3
"""Derives the coefficients of jgrad.ops.ErfFunction from mpmath's erf and erfc.

Run:  /usr/bin/python3 core/src/test/resources/erf/make_erf_coefficients.py
(mpmath and nothing else; ~10 s). It prints the Java constants and arrays that ErfFunction
holds, with the intervals and the largest relative error of each fit, measured at 50 digits on a
dense grid with the coefficients as rounded to double. Paste the printed block into
ErfFunction between its "generated" markers.

Method (all of it in mpmath at 50 digits, nothing taken from another library's tables):
  * |x| < 1: erf(x) = x * P(x^2). P(t) = erf(sqrt t)/sqrt t is interpolated at the
    Chebyshev points of [0, 1] (near-minimax), the Chebyshev series is converted to powers of
    t, and the constant term is kept as a double-double (hi + lo) so that erf(x) ~ x * P(0)
    near 0 carries one rounding only.
  * 1 <= |x| < XMAX: erfc(x) = exp(-x^2) * R(x), R(x) = erfc(x) * exp(x^2), which falls
    smoothly from 0.43 to 0.09. R is interpolated the same way on a few intervals [a, b), as a
    polynomial in s = x - (a + b)/2 (|s| <= (b - a)/2, so the powers shrink and Horner's rule
    is well conditioned), and erf = 1 - erfc.
  * |x| >= XMAX: erfc(x) < 2^-54, half an ulp below 1, so erf rounds to +-1.

Degrees are the smallest for which the fit's error, in units of the final erf's last place
(2^-53 near 1 for the tail, 2^-52..2^-53 relative for P), stays under TARGET_ULP; the double
rounding of the evaluation adds about half an ulp on top of that (measured separately: see
ErfFunction's javadoc).
"""
import math

import mpmath
from mpmath import mp, mpf

mp.dps = 50
TARGET_ULP = 1.0 / 8           # fit error allowed, as a fraction of the result's ulp (2^-53)
SMALL_END = mpf(1)
TAIL_BREAKS = [mpf(1), mpf(2), mpf("3.25")]   # then up to XMAX


def xmax():
    """Smallest double x with erfc(x) < 2^-54 (erf(x) rounds to 1 from there on)."""
    lim = mpf(2) ** -54
    x = mpmath.findroot(lambda v: mpmath.erfc(v) - lim, mpf(5.9))
    d = float(x)
    while mpmath.erfc(mpf(d)) >= lim:
        d = math.nextafter(d, math.inf)
    while mpmath.erfc(mpf(math.nextafter(d, 0.0))) < lim:
        d = math.nextafter(d, 0.0)
    return d


def cheb_fit(f, a, b, n):
    """Coefficients (mp) of the degree-n polynomial in s = x - (a+b)/2 interpolating f at the
    n+1 Chebyshev points of [a, b]."""
    m, h = (a + b) / 2, (b - a) / 2
    nodes = [mpmath.cos(mp.pi * (k + mpf(1) / 2) / (n + 1)) for k in range(n + 1)]
    vals = [f(m + h * u) for u in nodes]
    cheb = []
    for j in range(n + 1):
        c = mpf(2) / (n + 1) * mpmath.fsum(vals[k] * mpmath.cos(mp.pi * j * (k + mpf(1) / 2) / (n + 1))
                                           for k in range(n + 1))
        cheb.append(c)
    cheb[0] /= 2
    # Chebyshev -> powers of u (recurrence T_{j+1} = 2u T_j - T_{j-1}), then of s = h u.
    power = [mpf(0)] * (n + 1)
    t_prev, t_cur = [mpf(1)], [mpf(0), mpf(1)]
    for j in range(n + 1):
        tj = t_prev if j == 0 else t_cur
        if j >= 2:
            t_next = [mpf(0)] + [2 * c for c in t_cur]
            for i, c in enumerate(t_prev):
                t_next[i] -= c
            t_prev, t_cur = t_cur, t_next
            tj = t_cur
        for i, c in enumerate(tj):
            power[i] += cheb[j] * c
    return [c / h ** i for i, c in enumerate(power)]


def horner(coeffs, s):
    r = mpf(0)
    for c in reversed(coeffs):
        r = r * s + c
    return r


def grid(a, b, count=1500):
    return [a + (b - a) * mpf(k) / count for k in range(count + 1)]


def small_fit():
    def p(t):
        if t == 0:
            return 2 / mpmath.sqrt(mp.pi)
        r = mpmath.sqrt(t)
        return mpmath.erf(r) / r
    a, b = mpf(0), SMALL_END ** 2
    for n in range(4, 30):
        c = cheb_fit(p, a, b, n)
        m = (a + b) / 2
        # expand from s = t - m to powers of t, so that the Java side needs no shift
        powers = [mpf(0)] * (n + 1)
        for k, ck in enumerate(c):
            for i in range(k + 1):
                powers[i] += ck * mpmath.binomial(k, i) * (-m) ** (k - i)
        hi = float(powers[0])
        lo = float(powers[0] - hi)
        rest = [float(v) for v in powers[1:]]
        dd = [mpf(hi) + mpf(lo)] + [mpf(v) for v in rest]
        err = max(abs(horner(dd, t) / p(t) - 1) for t in grid(a, b))
        # relative error of erf = x P(x^2); erf on [0, 1) has its ulp >= 2^-53 relative... up to 2^-52
        if err <= TARGET_ULP * 2.0 ** -53:
            return hi, lo, rest, err
    raise RuntimeError("no degree reached the target on [0, 1)")


def tail_fit(a, b):
    def r(x):
        return mpmath.erfc(x) * mpmath.exp(x * x)
    for n in range(3, 40):
        c = cheb_fit(r, a, b, n)
        m = (a + b) / 2
        cd = [float(v) for v in c]
        cm = [mpf(v) for v in cd]
        rel = max(abs(horner(cm, x - m) / r(x) - 1) for x in grid(a, b))
        # absolute error of erfc, in ulps of erf (2^-53 in [0.5, 1)), worst at the left end
        ulp_err = rel * mpmath.erfc(a) / mpf(2) ** -53
        if ulp_err <= TARGET_ULP:
            return float(m), cd, rel, ulp_err
    raise RuntimeError("no degree reached the target on [%s, %s)" % (a, b))


def java_array(name, values, doc):
    body = ",\n".join("            " + repr(v) for v in values)
    return "    /** %s */\n    private static final double[] %s = {\n%s,\n    };" % (doc, name, body)


def main():
    top = xmax()
    breaks = TAIL_BREAKS + [mpf(top)]
    hi, lo, rest, err = small_fit()
    print("    // generated by core/src/test/resources/erf/make_erf_coefficients.py (mpmath %s): do not edit" % mpmath.__version__)
    print("    /** erf(x) rounds to +-1 from here on: erfc(XMAX) &lt; 2^-54 (its predecessor's erfc is not). */")
    print("    static final double XMAX = %r;" % top)
    print("    /** P(0) = 2/sqrt(pi) (as fitted), high part. */")
    print("    private static final double P0_HI = %r;" % hi)
    print("    /** P(0), low part. */")
    print("    private static final double P0_LO = %r;" % lo)
    print(java_array("P", rest,
                     "|x| &lt; 1: erf(x) = x (P0 + t (P[0] + t P[1] + ...)), t = x^2; relative fit error %.2e." % err))
    for i in range(len(breaks) - 1):
        a, b = breaks[i], breaks[i + 1]
        m, cd, rel, ulp_err = tail_fit(a, b)
        print("    /** Centre of [%s, %s). */" % (mpmath.nstr(a, 17), mpmath.nstr(b, 17)))
        print("    private static final double R%d_MID = %r;" % (i, m))
        if i < len(breaks) - 2:
            print("    /** End of R%d's interval. */" % i)
            print("    private static final double R%d_END = %r;" % (i, float(b)))
        print(java_array("R%d" % i, cd,
                         "[%s, %s): erfc(x) exp(x^2) as a polynomial in x - R%d_MID; relative fit error %.2e "
                         "(%.3f ulp of erf)." % (mpmath.nstr(a, 17), mpmath.nstr(b, 17), i, rel, ulp_err)))
    print("    // end of generated code")


if __name__ == "__main__":
    main()
