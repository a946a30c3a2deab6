#!/usr/bin/env python3
"""Golden values for jgrad core ops, computed by PyTorch in float64.

Run from this directory with Debian's python3-torch (1.13 here):

    /usr/bin/python3 make_core_golden.py > core_golden.txt
    /usr/bin/python3 make_core_golden.py masks > core_masks_golden.txt

The second file holds the ops that return BOOL masks (comparisons, logical ops, isclose,
allclose) and BOOL arithmetic, with explicit inputs and no gradients; GoldenMasksTest reads it.
Its inputs and outputs may have dtype bool (values 0 and 1).

A run on another CPU may change the last bits of the product-based cases (MKL/OpenBLAS pick
kernels by CPU); cases added later were appended from such a run, leaving the others as they were.

Every entry of jgrad's OpRegistry (core/src/test/java/jgrad/OpRegistry.java) is mirrored
below under the same label, with the same op, shapes, dims and index tensors. For each case
the script draws the inputs here (torch.manual_seed, seeded by the case name) and writes them
to the data file, so the Java test (GoldenOpsTest) runs the registry's function on the very
same inputs. It also writes a random grad_output, the forward output, and the gradient of
every input after backward(grad_output).

Besides one case per registry label (named exactly like the label) there are extra cases that
reuse a registry op on other inputs: numerically hard logits (+-1000, +-1e300), larger shapes,
empty tensors, NaN and infinity, ties and kinks.

File format, one record per case, values written with 17 significant digits:

    case <name>
    op <registry label>
    input <i> <dtype> <shape> <values...>
    gradout <shape> <values...>
    output <dtype> <shape> <values...>
    grad <i> <shape> <values...>        (or: grad <i> none)
    end

A shape is written like [2,3]; [] is 0-D. Values are space separated; nan, inf, -inf appear
as such.
"""
import random
import zlib

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

ANY, POSITIVE, AWAY = "any", "positive", "away"


def idx(values, *shape):
    return torch.tensor(values, dtype=torch.int64).reshape(*shape)


COND_23 = torch.tensor([[True, False, False], [True, True, False]])
COND_21 = torch.tensor([[False], [True]])
COND_0 = torch.tensor(True)

# label -> (function of a list of tensors, input shapes, domain); mirrors OpRegistry.all()
REGISTRY = {
    "add same shape": (lambda x: x[0] + x[1], [(2, 3), (2, 3)], ANY),
    "add broadcast row": (lambda x: x[0] + x[1], [(2, 3), (3,)], ANY),
    "add broadcast both": (lambda x: x[0] + x[1], [(2, 1), (1, 3)], ANY),
    "add 0-D": (lambda x: x[0] + x[1], [(), (2, 3)], ANY),
    "add scalar": (lambda x: x[0] + 1.5, [(2, 3)], ANY),
    "sub broadcast": (lambda x: x[0] - x[1], [(3, 1, 2), (4, 1)], ANY),
    "sub scalar": (lambda x: x[0] - 0.7, [(3,)], ANY),
    "mul broadcast": (lambda x: x[0] * x[1], [(2, 3), (2, 1)], ANY),
    "mul same": (lambda x: x[0] * x[1], [(4,), (4,)], ANY),
    "mul self": (lambda x: x[0] * x[0], [(2, 2)], ANY),
    "mul scalar": (lambda x: x[0] * -2.5, [(2, 3)], ANY),
    "div broadcast": (lambda x: x[0] / x[1], [(2, 3), (3,)], POSITIVE),
    "div 0-D": (lambda x: x[0] / x[1], [(2,), ()], POSITIVE),
    "div scalar": (lambda x: x[0] / 3.0, [(2, 3)], ANY),
    "neg": (lambda x: -x[0], [(2, 3)], ANY),
    "pow 3": (lambda x: x[0].pow(3), [(2, 3)], ANY),
    "pow -0.5": (lambda x: x[0].pow(-0.5), [(5,)], POSITIVE),
    "exp": (lambda x: x[0].exp(), [(2, 3)], ANY),
    "log": (lambda x: x[0].log(), [(2, 3)], POSITIVE),
    "sqrt": (lambda x: x[0].sqrt(), [(2, 3)], POSITIVE),
    "abs": (lambda x: x[0].abs(), [(2, 3)], AWAY),
    "relu": (lambda x: x[0].relu(), [(2, 3)], AWAY),
    "sigmoid": (lambda x: x[0].sigmoid(), [(2, 3)], ANY),
    "tanh": (lambda x: x[0].tanh(), [(2, 3)], ANY),
    "sin": (lambda x: x[0].sin(), [(2, 3)], ANY),
    "cos": (lambda x: x[0].cos(), [(2, 3)], ANY),
    "log1p": (lambda x: x[0].log1p(), [(2, 3)], POSITIVE),
    "expm1": (lambda x: x[0].expm1(), [(2, 3)], ANY),
    "clamp": (lambda x: x[0].clamp(-0.5, 0.5), [(3, 4)], ANY),
    "clamp tensors": (lambda x: x[0].clamp(x[1] - 0.5, x[2] + 0.5), [(2, 3), (3,), (2, 1)], ANY),
    "clamp tensor max only": (lambda x: x[0].clamp(None, x[1]), [(2, 3), (3,)], ANY),
    "clampMin": (lambda x: x[0].clamp_min(0.3), [(3, 4)], ANY),
    "clampMax": (lambda x: x[0].clamp_max(-0.2), [(3, 4)], ANY),
    "clampMin 0-D": (lambda x: x[0].clamp_min(0.3), [()], ANY),
    "minimum broadcast": (lambda x: torch.minimum(x[0], x[1]), [(2, 3), (3,)], ANY),
    "minimum self (ties)": (lambda x: torch.minimum(x[0], x[0]), [(2, 3)], ANY),
    "maximum broadcast": (lambda x: torch.maximum(x[0], x[1]), [(2, 1), (1, 3)], ANY),
    "maximum self (ties)": (lambda x: torch.maximum(x[0], x[0]), [(2, 3)], ANY),
    "maximum 0-D": (lambda x: torch.maximum(x[0], x[1]), [(), ()], ANY),
    "where": (lambda x: torch.where(COND_23, x[0], x[1]), [(2, 3), (2, 3)], ANY),
    "where broadcast": (lambda x: torch.where(COND_21, x[0], x[1]), [(1, 3), ()], ANY),
    "where 0-D": (lambda x: torch.where(COND_0, x[0], x[1]), [(), ()], ANY),
    "matmul 2-D x 2-D": (lambda x: x[0] @ x[1], [(3, 4), (4, 2)], ANY),
    "matmul 2-D x 1-D": (lambda x: x[0] @ x[1], [(3, 4), (4,)], ANY),
    "matmul 1-D x 2-D": (lambda x: x[0] @ x[1], [(4,), (4, 2)], ANY),
    "matmul 1-D x 1-D": (lambda x: x[0] @ x[1], [(4,), (4,)], ANY),
    "matmul a x a.t": (lambda x: x[0] @ x[0].t(), [(3, 2)], ANY),
    "addmm": (lambda x: torch.addmm(x[0], x[1], x[2]), [(4,), (3, 2), (2, 4)], ANY),
    "addmm a.t": (lambda x: torch.addmm(x[0], x[1].t(), x[2]), [(4,), (2, 3), (2, 4)], ANY),
    "addmm b.t": (lambda x: torch.addmm(x[0], x[1], x[2].t()), [(4,), (3, 2), (4, 2)], ANY),
    "addmm a.t b.t": (lambda x: torch.addmm(x[0], x[1].t(), x[2].t()), [(4,), (2, 3), (4, 2)], ANY),
    "t": (lambda x: x[0].t(), [(2, 3)], ANY),
    "reshape -1": (lambda x: x[0].reshape(3, -1), [(2, 3)], ANY),
    "reshape to 0-D": (lambda x: x[0].reshape(()), [(1, 1)], ANY),
    "view -1": (lambda x: x[0].view(-1, 2), [(2, 3)], ANY),
    "view of a view": (lambda x: x[0].view(6).view(3, 2), [(2, 3)], ANY),
    "flatten": (lambda x: x[0].flatten(), [(2, 3)], ANY),
    "unsqueeze -1": (lambda x: x[0].unsqueeze(-1), [(2, 3)], ANY),
    "squeeze 1": (lambda x: x[0].squeeze(1), [(2, 1, 3)], ANY),
    "expand": (lambda x: x[0].expand(2, 3, 4), [(3, 1)], ANY),
    "sumTo": (lambda x: x[0].sum_to_size(3, 1), [(2, 3, 4)], ANY),
    # issue 17's edge cases of expand and the shape ops, and issue 13's shape ops
    "expand -1 keeps sizes": (lambda x: x[0].expand(-1, 5, -1), [(5, 1, 5)], ANY),
    "expand -1 under a new dim": (lambda x: x[0].expand(2, -1, 3), [(5, 1)], ANY),
    "expand 0-D": (lambda x: x[0].expand(2, 3), [()], ANY),
    "squeeze all": (lambda x: x[0].squeeze(), [(1, 2, 1, 3)], ANY),
    "squeeze all to 0-D": (lambda x: x[0].squeeze(), [(1, 1)], ANY),
    "unsqueeze -3": (lambda x: x[0].unsqueeze(-3), [(2, 3)], ANY),
    "unsqueeze 0-D -1": (lambda x: x[0].unsqueeze(-1), [()], ANY),
    "flatten 0-D": (lambda x: x[0].flatten(), [()], ANY),
    "transpose 0 -1": (lambda x: x[0].transpose(0, -1), [(2, 3, 4)], ANY),
    "transpose -1 -2": (lambda x: x[0].transpose(-1, -2), [(3, 2)], ANY),
    "permute 3-D": (lambda x: x[0].permute(2, 0, 1), [(2, 3, 4)], ANY),
    "permute negative dims": (lambda x: x[0].permute(-1, 1, 0, -2), [(2, 3, 2, 2)], ANY),
    "narrow": (lambda x: x[0].narrow(1, 1, 3), [(3, 5)], ANY),
    "narrow negative start": (lambda x: x[0].narrow(0, -2, 2), [(4, 3)], ANY),
    "select -1": (lambda x: x[0].select(1, -1), [(3, 4)], ANY),
    "select 1-D to 0-D": (lambda x: x[0].select(0, 2), [(4,)], ANY),
    "slice step 2": (lambda x: x[0][:, 1:6:2], [(3, 7)], ANY),
    "slice clamped negative": (lambda x: x[0][-100:-1:3], [(5, 3)], ANY),
    "slice to the end": (lambda x: x[0][..., -3:], [(2, 5)], ANY),
    "split 2 reversed": (lambda x: torch.cat(list(reversed(x[0].split(2, 1))), 1), [(2, 5)], ANY),
    "split sizes reversed": (lambda x: torch.cat(list(reversed(x[0].split([1, 0, 3], 0))), 0), [(4, 2)], ANY),
    "chunk 3 of 5 reversed": (lambda x: torch.cat(list(reversed(x[0].chunk(3, -1))), -1), [(2, 5)], ANY),
    "chunk 4 of 6 second": (lambda x: x[0].chunk(4, 0)[1], [(6,)], ANY),
    "stack dim 0": (lambda x: torch.stack([x[0], x[1]], 0), [(2, 3), (2, 3)], ANY),
    "stack dim -1": (lambda x: torch.stack([x[0], x[1], x[0]], -1), [(2, 3), (2, 3)], ANY),
    "stack 0-D": (lambda x: torch.stack([x[0], x[1]], 0), [(), ()], ANY),
    "sum all": (lambda x: x[0].sum(), [(2, 3)], ANY),
    "sum 0-D": (lambda x: x[0].sum(), [()], ANY),
    "sum dim 1": (lambda x: x[0].sum(1), [(2, 3, 2)], ANY),
    "sum dim -1 keep": (lambda x: x[0].sum(-1, keepdim=True), [(2, 3)], ANY),
    "mean all": (lambda x: x[0].mean(), [(2, 3)], ANY),
    "mean dim 0": (lambda x: x[0].mean(0), [(4, 3)], ANY),
    "mean dim -2 keep": (lambda x: x[0].mean(-2, keepdim=True), [(2, 3, 2)], ANY),
    "max dim 1": (lambda x: x[0].max(1).values, [(3, 4)], ANY),
    "max dim 0 keep": (lambda x: x[0].max(0, keepdim=True).values, [(3, 4)], ANY),
    "max 1-D": (lambda x: x[0].max(-1).values, [(5,)], ANY),
    "logSumExp dim 1": (lambda x: x[0].logsumexp(1), [(3, 4)], ANY),
    "logSumExp dim 0 keep": (lambda x: x[0].logsumexp(0, keepdim=True), [(3, 4)], ANY),
    "logSumExp 3-D middle": (lambda x: x[0].logsumexp(-2), [(2, 3, 2)], ANY),
    "softmax dim 1": (lambda x: x[0].softmax(1), [(3, 4)], ANY),
    "softmax dim 0": (lambda x: x[0].softmax(0), [(3, 4)], ANY),
    "softmax 1-D": (lambda x: x[0].softmax(-1), [(5,)], ANY),
    "logSoftmax dim -1": (lambda x: x[0].log_softmax(-1), [(3, 4)], ANY),
    "logSoftmax 3-D dim 1": (lambda x: x[0].log_softmax(1), [(2, 3, 2)], ANY),
    "gather dim 1": (lambda x: x[0].gather(1, idx([0, 2, 1, 1], 2, 2)), [(2, 3)], ANY),
    "gather dim 0": (lambda x: x[0].gather(0, idx([1, 0, 1], 1, 3)), [(2, 3)], ANY),
    "scatterAdd": (lambda x: x[0].scatter_add(1, idx([0, 0, 2, 1], 2, 2), x[1]), [(2, 3), (2, 2)], ANY),
    "indexSelect rows": (lambda x: x[0].index_select(0, idx([2, 0, 1, 2], 4)), [(3, 2)], ANY),
    "cat dim 0": (lambda x: torch.cat([x[0], x[1]], 0), [(2, 3), (1, 3)], ANY),
    "cat dim -1": (lambda x: torch.cat([x[0], x[1]], -1), [(2, 1), (2, 2)], ANY),
    # issue 17's edge cases of cat, gather and index_select, and index_select along any dim
    "cat skips [0]": (lambda x: torch.cat([x[0], x[1]], 1), [(0,), (5, 5)], ANY),
    "cat skips [0] last": (lambda x: torch.cat([x[0], x[1], x[2]], 0), [(2, 3), (0,), (1, 3)], ANY),
    "gather 0-D index [1]": (lambda x: x[0].gather(0, idx([0], 1)), [()], ANY),
    "gather 0-D index [3]": (lambda x: x[0].gather(-1, idx([0, 0, 0], 3)), [()], ANY),
    "gather 1-D 0-D index": (lambda x: x[0].gather(0, idx([2], ())), [(3,)], ANY),
    "gather empty index": (lambda x: x[0].gather(1, torch.zeros(0, 5, 7, dtype=torch.int64)), [(2, 3)], ANY),
    "indexSelect 0-D": (lambda x: x[0].index_select(0, idx([0], 1)), [()], ANY),
    "indexSelect dim 1": (lambda x: x[0].index_select(1, idx([3, 0, 3], 3)), [(2, 4)], ANY),
    "indexSelect dim -1 0-D index": (lambda x: x[0].index_select(-1, idx([2], ())), [(3, 4)], ANY),
}

NAN = float("nan")
INF = float("inf")


def t(rows):
    return torch.tensor(rows, dtype=torch.float64)


# Extra cases: (name, registry label, explicit inputs or None, shapes or None, domain)
EXTRA = [
    # Stability: huge logits give finite values and gradients.
    ("logSumExp +-1000", "logSumExp dim 1", [t([[1000., -1000., 999., 0.], [-1000., -1000., -999., -1001.],
                                               [1e300, -1e300, 1e300, 0.], [-1e300, -1e300, -1e300, -1e300]])]),
    ("softmax +-1000", "softmax dim 1", [t([[1000., -1000., 999., 0.], [-1000., -1000., -999., -1001.],
                                           [1e300, -1e300, 1e300, 0.], [-1e300, -1e300, -1e300, -1e300]])]),
    ("logSoftmax +-1000", "logSoftmax dim -1", [t([[1000., -1000., 999., 0.], [-1000., -1000., -999., -1001.],
                                                  [1e300, -1e300, 1e300, 0.], [-1e300, -1e300, -1e300, -1e300]])]),
    ("softmax dim 0 +-1e300", "softmax dim 0", [t([[1e300, -1000., 5.], [-1e300, 1000., 5.], [1e300, 999., 5.]])]),
    ("logSumExp keep +-1e300", "logSumExp dim 0 keep", [t([[1e300, -1000., 5.], [-1e300, 1000., 5.],
                                                          [1e300, 999., 5.]])]),
    # Larger shapes.
    ("softmax 64x100", "softmax dim 1", None, [(64, 100)], ANY),
    ("logSoftmax 32x100", "logSoftmax dim -1", None, [(32, 100)], ANY),
    ("logSumExp 64x50", "logSumExp dim 1", None, [(64, 50)], ANY),
    ("softmax dim 0 50x16", "softmax dim 0", None, [(50, 16)], ANY),
    ("matmul 20x30 x 30x10", "matmul 2-D x 2-D", None, [(20, 30), (30, 10)], ANY),
    ("addmm linear 20x30 x 10x30", "addmm b.t", None, [(10,), (20, 30), (10, 30)], ANY),
    ("mean dim 0 30x20", "mean dim 0", None, [(30, 20)], ANY),
    ("add broadcast 16x1x8 + 5x1", "sub broadcast", None, [(16, 1, 8), (5, 1)], ANY),
    # Empty tensors.
    ("sum of empty", "sum all", None, [(0, 3)], ANY),
    ("sum over empty dim", "sum dim 1", None, [(2, 0, 2)], ANY),
    ("mean of empty", "mean all", None, [(0, 3)], ANY),
    ("mean over empty dim", "mean dim 0", None, [(0, 3)], ANY),
    ("matmul (0,3) x (3,2)", "matmul 2-D x 2-D", None, [(0, 3), (3, 2)], ANY),
    ("matmul (2,0) x (0,3)", "matmul 2-D x 2-D", None, [(2, 0), (0, 3)], ANY),
    ("addmm (0,3) x (3,2)", "addmm", None, [(2,), (0, 3), (3, 2)], ANY),
    ("addmm (2,0) x (0,3)", "addmm", None, [(3,), (2, 0), (0, 3)], ANY),
    ("softmax of (0,3)", "softmax dim 1", None, [(0, 3)], ANY),
    ("logSumExp over empty dim", "logSumExp dim 0 keep", None, [(0, 3)], ANY),
    ("add empty broadcast", "add broadcast row", None, [(0, 3), (3,)], ANY),
    # NaN and infinity propagate (no exception).
    ("relu NaN and 0", "relu", [t([[NAN, -1., 0.], [2., -0., INF]])]),
    ("abs NaN and 0", "abs", [t([[NAN, -1., 0.], [2., -0., -INF]])]),
    ("max NaN", "max dim 1", [t([[1., NAN, 3., 2.], [4., 5., 6., NAN], [-INF, -INF, -INF, -INF]])]),
    ("max ties", "max dim 1", [t([[1., 3., 3., 2.], [5., 5., 5., 5.], [0., -1., 0., -2.]])]),
    ("softmax NaN row", "softmax dim 1", [t([[1., NAN, 3., 2.], [4., 5., 6., 7.], [INF, 0., 1., 2.]])]),
    ("logSumExp NaN and inf", "logSumExp dim 1", [t([[1., NAN, 3., 2.], [INF, 5., 6., 7.],
                                                    [-INF, -INF, -INF, -INF]])]),
    ("sqrt at 0", "sqrt", [t([[0., 1., 4.], [9., 0.25, 2.]])]),
    ("sigmoid extremes", "sigmoid", [t([[-1000., 1000., 0.], [-40., 40., INF]])]),
    ("tanh extremes", "tanh", [t([[-1000., 1000., 0.], [-20., 20., -INF]])]),
    ("exp overflow", "exp", [t([[710., -746., 0.], [1., -1., 709.]])]),
    ("div by 0-D zero", "div 0-D", [t([1., -2.]), t(0.)]),
    # Shape ops on empty tensors (issue 17's neighbours): -1 with 0 elements, cat of [0] only, chunk of a
    # size-0 dim (chunks empty pieces), chunk of 2 into 3 (2 pieces), an empty slice.
    ("reshape -1 of (0,3)", "reshape -1", None, [(0, 3)], ANY),
    ("view -1 of (0,3)", "view -1", None, [(0, 3)], ANY),
    ("flatten of (0,3)", "flatten", None, [(0, 3)], ANY),
    ("squeeze all of (0,1)", "squeeze all", None, [(0, 1)], ANY),
    ("expand -1 over an empty dim", "expand -1 keeps sizes", None, [(0, 1, 5)], ANY),
    ("cat of two [0] along dim 1", "cat skips [0]", None, [(0,), (0,)], ANY),
    ("cat [0] with (0,5) along dim 1", "cat skips [0]", None, [(0,), (0, 5)], ANY),
    ("gather empty index from (0,3)", "gather empty index", None, [(0, 3)], ANY),
    ("slice step 2 of (3,1) is empty", "slice step 2", None, [(3, 1)], ANY),
    ("split 2 of (2,1)", "split 2 reversed", None, [(2, 1)], ANY),
    ("chunk 3 of a size-0 dim", "chunk 3 of 5 reversed", None, [(2, 0)], ANY),
    ("chunk 3 of 2", "chunk 3 of 5 reversed", None, [(2, 2)], ANY),
    ("transpose 0 -1 of (2,0,4)", "transpose 0 -1", None, [(2, 0, 4)], ANY),
    ("permute 3-D of (1,0,2)", "permute 3-D", None, [(1, 0, 2)], ANY),
    ("stack dim -1 of (0,3)", "stack dim -1", None, [(0, 3), (0, 3)], ANY),
    ("indexSelect dim 1 of (0,4)", "indexSelect dim 1", None, [(0, 4)], ANY),
    # Elementwise selection: ties, bounds, NaN, broadcasting.
    ("minimum ties and NaN", "minimum broadcast", [t([[1., 2., 3.], [NAN, 0., 5.]]), t([1., NAN, 3.])]),
    ("maximum ties and NaN", "maximum broadcast", [t([[2.], [NAN]]), t([[2., NAN, -INF]])]),
    ("clamp at bounds and NaN", "clamp", [t([[-0.5, 0.5, NAN, -1.], [1., 0.2, -INF, INF], [0., -0.0, 0.49, -0.51]])]),
    # min - 0.5 = [1, 1, 1, 1, 1, 1, 3, nan], max + 0.5 = [3, 3, 3, 3, 3, 3, 2, 6]: bounds, NaN, min > max
    ("clamp tensors bounds, NaN, min > max", "clamp tensors",
     [t([0., 1., 2., 3., 4., NAN, 1., 5.]), t([1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 3.5, NAN]),
      t([2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 1.5, 5.5])]),
    ("clamp tensor max NaN", "clamp tensor max only", [t([[1., NAN, 3.], [-1., 2., 5.]]), t([2., 2., NAN])]),
    ("clampMin at bound and NaN", "clampMin", [t([[0.3, NAN, -INF, INF], [0.29, 0.31, 0., 5.], [1., 2., 3., 4.]])]),
    ("clampMax at bound and NaN", "clampMax", [t([[-0.2, NAN, -INF, INF], [-0.21, -0.19, 0., -5.], [1., 2., 3., 4.]])]),
    ("where NaN not picked", "where", [t([[1., NAN, INF], [2., 3., NAN]]), t([[NAN, 4., 5.], [-INF, INF, 6.]])]),
    ("where broadcast 3-D", "where broadcast", [t([[[1., 2., 3.]], [[4., 5., 6.]]]), t(7.)]),
    ("log1p small and near -1", "log1p", [t([[1e-10, -1e-10, 0.], [-0.5, 1e-300, -0.999999]])]),
    ("expm1 small and extremes", "expm1", [t([[1e-10, -1e-10, 0.], [-800., 1e-300, 700.]])]),
    ("sin large", "sin", [t([[1e6, -1e6, 0.], [3.141592653589793, 100., -7.]])]),
    ("cos large", "cos", [t([[1e6, -1e6, 0.], [3.141592653589793, 100., -7.]])]),
]


# Issue 16's ops, appended after every earlier case (main() writes them last, so the cases above
# keep their place and values); mirrors OpRegistry.addIssue16.
MASK_3 = torch.tensor([False, True, True])
MASK_CAUSAL = torch.ones(3, 3).triu(1).bool()
ISSUE16 = {
    "maskedFill": (lambda x: x[0].masked_fill(COND_23, 0.5), [(2, 3)], ANY),
    "maskedFill mask row": (lambda x: x[0].masked_fill(MASK_3, -2.0), [(2, 3)], ANY),
    "maskedFill causal": (lambda x: x[0].masked_fill(MASK_CAUSAL, -1e9), [(2, 3, 3)], ANY),
    "maskedFill input broadcast": (lambda x: x[0].masked_fill(COND_21, 3.0), [(3,)], ANY),
    "maskedFill 0-D mask": (lambda x: x[0].masked_fill(COND_0, 1.0), [(2, 2)], ANY),
    "tril": (lambda x: x[0].tril(0), [(3, 4)], ANY),
    "tril -1 batch": (lambda x: x[0].tril(-1), [(2, 3, 4)], ANY),
    "tril 2 wide": (lambda x: x[0].tril(2), [(2, 5)], ANY),
    "triu": (lambda x: x[0].triu(0), [(4, 3)], ANY),
    "triu 1 batch": (lambda x: x[0].triu(1), [(2, 2, 3, 3)], ANY),
    "triu -5 keeps all": (lambda x: x[0].triu(-5), [(3, 2)], ANY),
    "var all": (lambda x: x[0].var(), [(2, 3)], ANY),
    "var dim 1": (lambda x: x[0].var(1), [(3, 4)], ANY),
    "var dim -2 keep": (lambda x: x[0].var(-2, keepdim=True), [(2, 3, 2)], ANY),
    "var correction 0": (lambda x: x[0].var(-1, correction=0), [(2, 3, 4)], ANY),
    "var correction 2 keep": (lambda x: x[0].var(0, correction=2, keepdim=True), [(5, 2)], ANY),
    "std all": (lambda x: x[0].std(), [(2, 3)], ANY),
    "std dim 0": (lambda x: x[0].std(0), [(4, 3)], ANY),
    "std dim -1 keep": (lambda x: x[0].std(-1, keepdim=True), [(2, 3, 4)], ANY),
    "std correction 0": (lambda x: x[0].std(1, correction=0), [(3, 4)], ANY),
    "erf": (lambda x: x[0].erf(), [(2, 3)], ANY),
    "erf wide": (lambda x: (x[0] * 2.5).erf(), [(4, 5)], ANY),
}
REGISTRY.update(ISSUE16)


def erf_grid():
    """erf over [-7, 7] in steps of 1/20, and +-10^k for k in [-320, 2] by halves (tails, tiny, subnormal)."""
    pts = [k / 20.0 for k in range(-140, 141)]
    for k in range(-640, 5):
        v = 10.0 ** (k / 2.0)
        if v > 0:
            pts += [v, -v]
    return t(pts)


ISSUE16_EXTRA = [
    ("maskedFill over nan and inf", "maskedFill", [t([[NAN, INF, -INF], [NAN, 1., -0.]])]),
    ("maskedFill empty", "maskedFill mask row", [torch.zeros(0, 3)]),
    ("tril empty batch", "tril -1 batch", [torch.zeros(0, 2, 3)]),
    ("tril nan above", "tril", [t([[1., NAN, INF, 2.], [NAN, 3., -INF, NAN], [4., 5., 6., NAN]])]),
    ("triu tall batch", "triu 1 batch", None, [(3, 1, 5, 2)], ANY),
    ("var dim of size 1", "var dim 1", None, [(3, 1)], ANY),
    # no "var all"/"std all" of one element: PyTorch 1.13's backward of them fails ("VarBackward0 returned an
    # invalid gradient ... got []"); "var dim of size 1" covers the NaN
    ("var empty dim", "var dim 1", [torch.zeros(2, 0)]),
    ("var large offset", "var dim 1", [t([[1e8 + 1, 1e8 + 2, 1e8 + 3, 1e8 + 4], [1e-8, 2e-8, 3e-8, 5e-8],
                                          [1e150, -1e150, 3e150, 0.]])]),
    ("var correction above n", "var correction 2 keep", None, [(2, 3)], ANY),
    ("var nan and inf", "var dim 1", [t([[NAN, 1., 2., 3.], [INF, 1., 2., 3.], [1., 1., 1., 1.]])]),
    ("std zero spread", "std dim 0", [t([[1., 2., 3.], [1., 5., 3.], [1., 0., 3.], [1., 1., 3.]])]),
    ("std dim -1 random", "std dim -1 keep", None, [(3, 2, 7)], ANY),
    ("erf special values", "erf", [t([NAN, INF, -INF, 0., -0., 1e-300, 5e-324, -1e-10, 0.84375, -1.25,
                                       2.857142857142857, 5.9, -5.99, 6., 28., -1e300])]),
    ("erf grid", "erf", [erf_grid()]),
]


# Issue 16, batched products: bmm and matmul with an operand of more than 2 dims (batch dims broadcast).
BATCHED = {
    "matmul 3-D x 3-D": (lambda x: x[0] @ x[1], [(2, 3, 4), (2, 4, 2)], ANY),
    "matmul batch broadcast": (lambda x: x[0] @ x[1], [(2, 1, 3, 4), (3, 4, 2)], ANY),
    "matmul 3-D x 2-D": (lambda x: x[0] @ x[1], [(2, 3, 4), (4, 2)], ANY),
    "matmul 3-D x 1-D": (lambda x: x[0] @ x[1], [(2, 3, 4), (4,)], ANY),
    "matmul 1-D x 3-D": (lambda x: x[0] @ x[1], [(4,), (2, 4, 3)], ANY),
    "matmul 2-D x 4-D": (lambda x: x[0] @ x[1], [(3, 4), (2, 1, 4, 2)], ANY),
    "bmm": (lambda x: torch.bmm(x[0], x[1]), [(2, 3, 4), (2, 4, 2)], ANY),
    "bmm a x a.t": (lambda x: torch.bmm(x[0], x[0].transpose(1, 2)), [(3, 2, 3)], ANY),
}
REGISTRY.update(BATCHED)

BATCHED_EXTRA = [
    ("bmm empty batch", "bmm", None, [(0, 3, 4), (0, 4, 2)], ANY),
    ("bmm inner size 0", "bmm", None, [(2, 3, 0), (2, 0, 2)], ANY),
    ("bmm long inner", "bmm", None, [(3, 2, 37), (3, 37, 5)], ANY),
    ("matmul 3-D x 3-D batch 1 broadcast", "matmul 3-D x 3-D", None, [(1, 3, 4), (5, 4, 2)], ANY),
    ("matmul 4-D x 3-D both broadcast", "matmul batch broadcast", None, [(3, 1, 2, 5), (4, 5, 3)], ANY),
    ("matmul 4-D x 2-D", "matmul 3-D x 2-D", None, [(2, 3, 2, 4), (4, 3)], ANY),
    ("matmul 4-D x 1-D", "matmul 3-D x 1-D", None, [(2, 1, 3, 4), (4,)], ANY),
    ("matmul 1-D x 4-D", "matmul 1-D x 3-D", None, [(3,), (2, 2, 3, 4)], ANY),
    ("matmul 2-D x 3-D empty batch", "matmul 2-D x 4-D", None, [(3, 4), (0, 4, 2)], ANY),
]


# Issue 16, 2-D convolution: torch.nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups).
CONV = {
    "conv2d 3x3": (lambda x: F.conv2d(x[0], x[1], x[2]), [(2, 2, 5, 5), (3, 2, 3, 3), (3,)], ANY),
    "conv2d stride 2": (lambda x: F.conv2d(x[0], x[1], x[2], stride=2), [(2, 2, 7, 7), (3, 2, 3, 3), (3,)], ANY),
    "conv2d padding 1": (lambda x: F.conv2d(x[0], x[1], x[2], padding=1), [(1, 2, 4, 4), (2, 2, 3, 3), (2,)], ANY),
    "conv2d dilation 2": (lambda x: F.conv2d(x[0], x[1], x[2], dilation=2), [(1, 2, 7, 6), (2, 2, 3, 3), (2,)],
                          ANY),
    "conv2d groups 2": (lambda x: F.conv2d(x[0], x[1], x[2], groups=2), [(2, 4, 4, 4), (6, 2, 3, 3), (6,)], ANY),
    "conv2d no bias": (lambda x: F.conv2d(x[0], x[1]), [(2, 3, 4, 4), (2, 3, 2, 2)], ANY),
    "conv2d unbatched": (lambda x: F.conv2d(x[0], x[1], x[2]), [(2, 5, 5), (3, 2, 3, 3), (3,)], ANY),
    "conv2d 1x1": (lambda x: F.conv2d(x[0], x[1], x[2]), [(2, 3, 3, 4), (5, 3, 1, 1), (5,)], ANY),
    "conv2d non-square": (lambda x: F.conv2d(x[0], x[1], x[2], stride=(2, 1), padding=(1, 0)),
                          [(1, 2, 6, 7), (3, 2, 2, 3), (3,)], ANY),
    "conv2d all options": (lambda x: F.conv2d(x[0], x[1], x[2], stride=(2, 1), padding=(1, 2), dilation=(1, 2),
                                              groups=2), [(2, 4, 5, 4), (4, 2, 2, 3), (4,)], ANY),
}
REGISTRY.update(CONV)

CONV_EXTRA = [
    ("conv2d empty batch", "conv2d 3x3", None, [(0, 2, 5, 5), (3, 2, 3, 3), (3,)], ANY),
    ("conv2d kernel as large as the input", "conv2d 3x3", None, [(2, 2, 3, 3), (3, 2, 3, 3), (3,)], ANY),
    ("conv2d larger", "conv2d 3x3", None, [(3, 4, 11, 9), (8, 4, 3, 3), (8,)], ANY),
    ("conv2d non-square larger", "conv2d non-square", None, [(2, 2, 9, 8), (3, 2, 3, 3), (3,)], ANY),
    ("conv2d groups 2 unbatched", "conv2d groups 2", None, [(4, 5, 3), (6, 2, 3, 3), (6,)], ANY),
    ("conv2d dilated kernel as large as the input", "conv2d dilation 2", None,
     [(2, 2, 5, 5), (2, 2, 3, 3), (2,)], ANY),
]


# Issue 16, 2-D pooling (torch.nn.functional max_pool2d, avg_pool2d, adaptive_avg_pool2d); mirrors
# OpRegistryPooling.
F = torch.nn.functional
POOLING = {
    "maxPool2d 2": (lambda x: F.max_pool2d(x[0], 2), [(1, 2, 4, 4)], ANY),
    "maxPool2d 3 stride 1": (lambda x: F.max_pool2d(x[0], 3, 1), [(1, 1, 5, 5)], ANY),
    "maxPool2d 3 stride 2 padding 1": (lambda x: F.max_pool2d(x[0], 3, 2, 1), [(2, 1, 5, 5)], ANY),
    "maxPool2d dilation 2": (lambda x: F.max_pool2d(x[0], 2, 1, 0, 2), [(1, 1, 5, 5)], ANY),
    "maxPool2d ceilMode": (lambda x: F.max_pool2d(x[0], 2, 2, 0, 1, True), [(1, 1, 5, 5)], ANY),
    "maxPool2d (2,3) (1,2) (1,0) (2,1) ceilMode": (lambda x: F.max_pool2d(x[0], (2, 3), (1, 2), (1, 0), (2, 1), True),
                                                   [(1, 2, 5, 6)], ANY),
    "maxPool2d unbatched": (lambda x: F.max_pool2d(x[0], 2), [(2, 4, 4)], ANY),
    "avgPool2d 2": (lambda x: F.avg_pool2d(x[0], 2), [(1, 2, 4, 4)], ANY),
    "avgPool2d 3 stride 1": (lambda x: F.avg_pool2d(x[0], 3, 1), [(1, 1, 5, 5)], ANY),
    "avgPool2d 3 stride 2 padding 1": (lambda x: F.avg_pool2d(x[0], 3, 2, 1), [(2, 1, 5, 5)], ANY),
    "avgPool2d padding 1 countIncludePad false": (lambda x: F.avg_pool2d(x[0], 3, 2, 1, False, False),
                                                  [(1, 2, 5, 5)], ANY),
    "avgPool2d ceilMode": (lambda x: F.avg_pool2d(x[0], 2, 2, 0, True), [(1, 1, 5, 5)], ANY),
    "avgPool2d 3 stride 2 padding 1 ceilMode": (lambda x: F.avg_pool2d(x[0], 3, 2, 1, True), [(1, 1, 4, 4)], ANY),
    "avgPool2d (2,3) (1,2) (1,1) unbatched": (lambda x: F.avg_pool2d(x[0], (2, 3), (1, 2), (1, 1), False, False),
                                              [(2, 4, 5)], ANY),
    "adaptiveAvgPool2d 5 to 3": (lambda x: F.adaptive_avg_pool2d(x[0], 3), [(1, 2, 5, 5)], ANY),
    "adaptiveAvgPool2d (7,5) to (3,2)": (lambda x: F.adaptive_avg_pool2d(x[0], (3, 2)), [(1, 1, 7, 5)], ANY),
    "adaptiveAvgPool2d global": (lambda x: F.adaptive_avg_pool2d(x[0], 1), [(2, 3, 3, 4)], ANY),
    "adaptiveAvgPool2d (2,3) up to (3,5)": (lambda x: F.adaptive_avg_pool2d(x[0], (3, 5)), [(1, 1, 2, 3)], ANY),
    "adaptiveAvgPool2d unbatched": (lambda x: F.adaptive_avg_pool2d(x[0], (2, 3)), [(2, 5, 4)], ANY),
}
REGISTRY.update(POOLING)

POOLING_EXTRA = [
    # ties: the first maximum in window order gets the gradient; with stride 1 a value wins several windows
    ("maxPool2d ties", "maxPool2d 2", [t([[[[1., 3., 3., 2.], [3., 1., 0., 3.], [2., 2., 2., 2.], [2., 2., 2., 2.]],
                                          [[0., 0., 0., 0.], [0., 0., 0., 0.], [-1., -1., 5., 5.], [-1., -1., 5., 5.]]]])]),
    ("maxPool2d stride 1 ties", "maxPool2d 3 stride 1", [t([[[[1., 1., 1., 1., 1.], [1., 2., 2., 2., 1.],
                                                              [1., 2., 2., 2., 1.], [1., 2., 2., 2., 1.],
                                                              [1., 1., 1., 1., 1.]]]])]),
    # NaN propagates (the last NaN of a window gets the gradient), -inf windows pick their first tap
    ("maxPool2d NaN and -inf", "maxPool2d 2", [t([[[[1., 3., 3., 2.], [3., 1., 0., 3.], [NAN, 1., 2., NAN],
                                                    [5., NAN, -INF, -INF]],
                                                   [[-INF, -INF, INF, 1.], [-INF, -INF, 2., INF], [NAN, NAN, 0., -0.],
                                                    [NAN, 1., -0., 0.]]]])]),
    ("maxPool2d padding with -inf and NaN", "maxPool2d 3 stride 2 padding 1",
     [t([[[[-INF, -INF, -INF, -INF, -INF], [-INF, NAN, -INF, -INF, -INF], [-INF, -INF, -INF, -INF, -INF],
           [-1e300, -INF, -INF, -INF, -INF], [-INF, -INF, -INF, -INF, 7.]]],
         [[[-5., -4., -3., -2., -1.], [-6., -7., -8., -9., -10.], [-11., -12., -13., -14., -15.],
           [-16., -17., -18., -19., -20.], [-21., -22., -23., -24., -25.]]]])]),
    ("maxPool2d MNIST-sized 2x2", "maxPool2d 2", None, [(2, 3, 24, 24)], ANY),
    ("maxPool2d odd size floors", "maxPool2d 2", None, [(1, 2, 5, 7)], ANY),
    ("maxPool2d empty batch", "maxPool2d 2", None, [(0, 2, 4, 4)], ANY),
    ("maxPool2d dilation 2 wide", "maxPool2d dilation 2", None, [(2, 2, 6, 9)], ANY),
    ("maxPool2d ceilMode 6x7", "maxPool2d ceilMode", None, [(1, 2, 6, 7)], ANY),
    # no case whose window has no tap inside the input (e.g. (1,1,1,3) with kernel 2, padding 1, dilation 2): the
    # value is -inf, but PyTorch 1.13's backward scatters into a position past the input and corrupts the heap
    ("avgPool2d NaN and inf", "avgPool2d 2", [t([[[[1., NAN, 3., 2.], [3., 1., INF, 3.], [-INF, 1., 2., 4.],
                                                   [5., INF, -1., 1e300]],
                                                  [[1., 2., 3., 4.], [5., 6., 7., 8.], [1e300, 1e300, 0., 0.],
                                                   [1e300, 1e300, 0., 0.]]]])]),
    ("avgPool2d padding 1 of 6x7", "avgPool2d 3 stride 2 padding 1", None, [(1, 2, 6, 7)], ANY),
    ("avgPool2d countIncludePad false ceilMode", "avgPool2d padding 1 countIncludePad false", None, [(2, 1, 6, 6)],
     ANY),
    ("avgPool2d ceilMode 6x7", "avgPool2d 3 stride 2 padding 1 ceilMode", None, [(2, 1, 6, 7)], ANY),
    ("avgPool2d empty batch", "avgPool2d 2", None, [(0, 1, 4, 4)], ANY),
    ("adaptiveAvgPool2d 10 to 3", "adaptiveAvgPool2d 5 to 3", None, [(2, 1, 10, 10)], ANY),
    ("adaptiveAvgPool2d 6 to 3 divisible", "adaptiveAvgPool2d 5 to 3", None, [(1, 2, 6, 6)], ANY),
    ("adaptiveAvgPool2d 7x13 to (3,2)", "adaptiveAvgPool2d (7,5) to (3,2)", None, [(1, 3, 7, 13)], ANY),
    ("adaptiveAvgPool2d 1x1 up to (3,5)", "adaptiveAvgPool2d (2,3) up to (3,5)", None, [(2, 1, 1, 1)], ANY),
    ("adaptiveAvgPool2d empty channels", "adaptiveAvgPool2d global", None, [(2, 0, 3, 4)], ANY),
    ("adaptiveAvgPool2d NaN and inf", "adaptiveAvgPool2d 5 to 3",
     [t([[[[NAN, 1., 2., 3., 4.], [1., 2., 3., 4., 5.], [INF, 1., 2., 3., -INF], [1., 2., 3., 4., 5.],
           [1., 2., 3., 4., 5.]]]])]),
]


def random_cases():
    """More shapes for the dim-taking and broadcasting ops: 2-D to 4-D inputs, sizes 1 to 4."""
    rnd = random.Random(2024)
    out = []

    def shape(lo, hi):
        return tuple(rnd.randint(1, 4) for _ in range(rnd.randint(lo, hi)))

    for label in ["sum dim 1", "sum dim -1 keep", "mean dim 0", "mean dim -2 keep", "max dim 1", "max dim 0 keep",
                  "logSumExp dim 1", "logSumExp 3-D middle", "logSumExp dim 0 keep", "softmax dim 1",
                  "softmax dim 0", "logSoftmax dim -1", "logSoftmax 3-D dim 1", "sumTo", "t", "matmul 2-D x 2-D"]:
        for k in range(3):
            if label == "sumTo":
                shapes = [(rnd.randint(1, 3), 3, rnd.randint(1, 4))]
            elif label == "t":
                shapes = [shape(2, 2)]
            elif label == "matmul 2-D x 2-D":
                n, m, q = rnd.randint(1, 6), rnd.randint(1, 6), rnd.randint(1, 6)
                shapes = [(n, m), (m, q)]
            else:
                shapes = [shape(2 if "3-D" not in label and "-2" not in label else 3, 4)]
            out.append(("%s random %d" % (label, k), label, None, shapes, ANY))
    for label, domain in [("add same shape", ANY), ("sub broadcast", ANY), ("mul broadcast", ANY),
                          ("div broadcast", POSITIVE)]:
        for k in range(4):
            full = shape(1, 4)
            pair = []
            for _ in range(2):
                nd = rnd.randint(0, len(full))
                pair.append(tuple(d if rnd.random() < 0.5 else 1 for d in full[len(full) - nd:]))
            out.append(("%s random %d" % (label, k), label, None, pair, domain))
    return out


def shape_op_random_cases():
    """transpose and permute on more shapes (sizes 1 to 4), drawn apart from random_cases() so its
    cases stay as they were."""
    rnd = random.Random(1713)
    out = []
    for label, lo in [("transpose 0 -1", 1), ("transpose -1 -2", 2), ("permute 3-D", 3)]:
        for k in range(3):
            shape = tuple(rnd.randint(1, 4) for _ in range(lo if lo == 3 else rnd.randint(max(lo, 2), 4)))
            out.append(("%s random %d" % (label, k), label, None, [shape], ANY))
    return out


def seeded(name):
    torch.manual_seed(zlib.crc32(name.encode()))


def draw(shapes, domain):
    out = []
    for s in shapes:
        v = torch.randn(s)
        if domain == POSITIVE:
            v = 0.5 + v.abs()
        elif domain == AWAY:
            v = v + torch.where(v >= 0, 0.2, -0.2)
        out.append(v)
    return out


def fmt_shape(shape):
    return "[" + ",".join(str(int(s)) for s in shape) + "]"


def fmt_values(x):
    vals = []
    for v in x.detach().reshape(-1).tolist():
        if v != v:
            vals.append("nan")
        elif v == INF:
            vals.append("inf")
        elif v == -INF:
            vals.append("-inf")
        else:
            vals.append("%.17g" % v)
    return " ".join(vals)


def dtype_name(x):
    return {torch.float64: "float64", torch.float32: "float32", torch.int64: "int64", torch.bool: "bool"}[x.dtype]


def line(*parts):
    return " ".join(p for p in parts if p != "")


def emit(name, label, inputs, fn=None, gradout=None, tagged=False):
    """One case; gradout None draws a grad_output; tagged writes the dtype on the gradout and grad
    lines too (make_core_golden_f32.py's files)."""
    fn = fn or REGISTRY[label][0]
    leaves = [x.clone().requires_grad_(x.is_floating_point()) for x in inputs]
    out = fn(leaves)
    if gradout is None:
        seeded(name + " grad_output")
        gradout = torch.randn(out.shape)

    def tag(x):
        return dtype_name(x) if tagged else ""

    lines = ["case " + name, "op " + label]
    for i, x in enumerate(leaves):
        lines.append(line("input", str(i), dtype_name(x), fmt_shape(x.shape), fmt_values(x)))
    lines.append(line("gradout", tag(gradout), fmt_shape(gradout.shape), fmt_values(gradout)))
    lines.append(line("output", dtype_name(out), fmt_shape(out.shape), fmt_values(out)))
    if out.requires_grad:
        out.backward(gradout)
    for i, x in enumerate(leaves):
        if x.grad is None:
            lines.append("grad %d none" % i)
        else:
            lines.append(line("grad", str(i), tag(x.grad), fmt_shape(x.grad.shape), fmt_values(x.grad)))
    lines.append("end")
    print("\n".join(lines))


def b(rows):
    return torch.tensor(rows, dtype=torch.bool)


def i64(rows):
    return torch.tensor(rows, dtype=torch.int64)


def as_bool(flag):
    return torch.tensor(bool(flag))


# The non-differentiable ops (BOOL masks) and BOOL arithmetic, for core_masks_golden.txt
# (GoldenMasksTest mirrors every label): label -> (function, explicit inputs).
A23 = t([[1., NAN, 3.], [-INF, 0., 2.]])
B3 = t([1., 1., INF])
MASKS = {
    "gt": (lambda x: x[0].gt(x[1]), [A23, B3]),
    "lt": (lambda x: x[0].lt(x[1]), [A23, B3]),
    "ge": (lambda x: x[0].ge(x[1]), [A23, B3]),
    "le": (lambda x: x[0].le(x[1]), [A23, B3]),
    "eq": (lambda x: x[0].eq(x[1]), [A23, B3]),
    "ne": (lambda x: x[0].ne(x[1]), [A23, B3]),
    "gt scalar": (lambda x: x[0].gt(1.0), [A23]),
    "lt scalar": (lambda x: x[0].lt(1.0), [A23]),
    "ge scalar": (lambda x: x[0].ge(1.0), [A23]),
    "le scalar": (lambda x: x[0].le(1.0), [A23]),
    "eq scalar": (lambda x: x[0].eq(1.0), [A23]),
    "ne scalar": (lambda x: x[0].ne(1.0), [A23]),
    "eq int64 and float64": (lambda x: x[0].eq(x[1]), [i64([[1], [2]]), t([1., 2., 2.5])]),
    "lt bool and float64": (lambda x: x[0].lt(x[1]), [b([True, False]), t([0.5, 0.5])]),
    "logicalNot": (lambda x: x[0].logical_not(), [A23]),
    "logicalAnd": (lambda x: x[0].logical_and(x[1]), [A23, t([0., 1., NAN])]),
    "logicalOr": (lambda x: x[0].logical_or(x[1]), [A23, t([[0.], [-0.0]])]),
    "isclose defaults": (lambda x: x[0].isclose(x[1]),
                         [t([1., 1. + 1e-6, 1. + 1e-4, NAN, INF, INF, 0., 1e-9, -0.0]),
                          t([1., 1., 1., NAN, INF, -INF, 1e-9, 0., 0.])]),
    "isclose rtol atol": (lambda x: x[0].isclose(x[1], rtol=0.1, atol=0.01), [t([[1.], [10.]]), t([1.05, 9.5, 11.5])]),
    "isclose zero tolerances": (lambda x: x[0].isclose(x[1], rtol=0., atol=0.), [t([1., 2., INF]), t([1., 2.5, INF])]),
    "allclose true": (lambda x: as_bool(x[0].allclose(x[1])), [t([1., 2., 3.]), t([1. + 1e-7, 2., 3.])]),
    "allclose false": (lambda x: as_bool(x[0].allclose(x[1])), [t([1., 2., 3.]), t([1. + 1e-3, 2., 3.])]),
    "allclose NaN": (lambda x: as_bool(x[0].allclose(x[1])), [t([1., NAN]), t([1., NAN])]),
    "allclose broadcast": (lambda x: as_bool(x[0].allclose(x[1], rtol=0.1, atol=0.)),
                           [t([[1., 2.], [1.05, 2.1]]), t([1., 2.])]),
    "to bool": (lambda x: x[0].to(torch.bool), [t([[0., -0.0, NAN], [INF, -2.5, 1e-300]])]),
    "bool to int64": (lambda x: x[0].to(torch.int64), [b([True, False, True])]),
    "bool to float64": (lambda x: x[0].to(torch.float64), [b([True, False, True])]),
    "bool add": (lambda x: x[0] + x[1], [b([True, True, False, False]), b([True, False, True, False])]),
    "bool mul": (lambda x: x[0] * x[1], [b([True, True, False, False]), b([True, False, True, False])]),
    "bool div": (lambda x: x[0] / x[1], [b([True, True, False, False]), b([True, False, True, False])]),
    "bool add int64": (lambda x: x[0] + x[1], [b([True, False]), i64([[3], [4]])]),
    "bool mul float64": (lambda x: x[0] * x[1], [b([True, False]), t([2.5, 2.5])]),
    "bool sum": (lambda x: x[0].sum(), [b([[True, False, True], [True, True, False]])]),
    "bool sum dim": (lambda x: x[0].sum(1), [b([[True, False, True], [True, True, False]])]),
    "bool maximum": (lambda x: torch.maximum(x[0], x[1]), [b([True, False]), b([False, False])]),
    "where bool condition input": (lambda x: torch.where(x[0], x[1], x[2]),
                                   [b([[True], [False]]), i64([1, 2, 3]), i64([-1, -2, -3])]),
    "where int64 and float64": (lambda x: torch.where(x[0], x[1], x[2]),
                                [b([True, False, True]), i64([1, 2, 3]), t([0.5, 0.5, 0.5])]),
    "where of masks": (lambda x: torch.where(x[0], x[1], x[2]),
                       [b([True, False]), b([True, True]), b([False, False])]),
}


def main_masks():
    print("# Generated by make_core_golden.py masks with torch %s; do not edit." % torch.__version__)
    for label, (fn, inputs) in MASKS.items():
        seeded(label)
        emit(label, label, inputs, fn)


def emit_entries(entries):
    """Extra cases: (name, label, fixed inputs or None, shapes, domain); None draws seeded by name."""
    for entry in entries:
        name, label = entry[0], entry[1]
        if entry[2] is not None:
            inputs = entry[2]
        else:
            seeded(name)
            inputs = draw(entry[3], entry[4])
        emit(name, label, inputs)


def emit_table(table):
    """One case a registry label, drawn from its shapes and domain, seeded by the label."""
    for label, (fn, shapes, domain) in table.items():
        seeded(label)
        emit(label, label, draw(shapes, domain))


def main():
    print("# Generated by make_core_golden.py with torch %s; do not edit." % torch.__version__)
    emit_table({k: v for k, v in REGISTRY.items() if k not in ISSUE16 and k not in BATCHED and k not in CONV
                and k not in POOLING})
    emit_entries(EXTRA + random_cases() + shape_op_random_cases())
    emit_table(ISSUE16)
    emit_entries(ISSUE16_EXTRA)
    emit_table(BATCHED)
    emit_entries(BATCHED_EXTRA)
    emit_table(CONV)
    emit_entries(CONV_EXTRA)
    emit_table(POOLING)
    emit_entries(POOLING_EXTRA)


if __name__ == "__main__":
    import sys
    main_masks() if sys.argv[1:] == ["masks"] else main()
