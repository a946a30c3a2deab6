#!/usr/bin/env python3
"""Writes nn_golden.txt: PyTorch's values for jgrad.nn's golden tests.

Run from this directory with a float64-capable PyTorch (Debian's python3-torch 1.13 was used):

    /usr/bin/python3 make_nn_golden.py > nn_golden.txt

Format, one item per line (no JSON, so Java parses it with String.split):

    case <name>                      starts a case
    op <op>                          cross_entropy, nll_loss, mse_loss, bce_with_logits, linear,
                                     log_softmax, softmax, relu, sigmoid, tanh, flatten
    param <key> <value>              reduction, ignore_index, label_smoothing, dim
    tensor <label> <dtype> <shape> <values...>
                                     dtype float64, float32 or int64; shape comma-separated, "scalar" for
                                     0-D; values row-major, repr with 17 significant digits
    end                              ends the case

Every case holds its inputs, a grad_output (random, fixed by the seed) and the outputs of
forward and of backward(grad_output): grad_input, and grad_target / grad_weight /
grad_bias where the op has them.
"""
import itertools

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
GEN = torch.Generator().manual_seed(20240611)


def randn(*shape):
    return torch.randn(tuple(shape), generator=GEN)


def rand(*shape):
    return torch.rand(tuple(shape), generator=GEN)


def randint(high, shape):
    return torch.randint(0, high, shape, generator=GEN)


def fmt(v):
    if v != v:
        return "nan"
    if v == float("inf"):
        return "inf"
    if v == float("-inf"):
        return "-inf"
    return "%.17g" % v


def tensor_line(label, t):
    t = t.detach()
    dtype = {torch.int64: "int64", torch.float32: "float32"}.get(t.dtype, "float64")
    shape = ",".join(str(s) for s in t.shape) if t.dim() > 0 else "scalar"
    vals = " ".join(fmt(float(v)) for v in t.reshape(-1).tolist())
    return ("tensor %s %s %s %s" % (label, dtype, shape, vals)).rstrip()


OUT = []
NAMES = set()


def emit(name, op, params, tensors):
    assert name not in NAMES, name
    NAMES.add(name)
    OUT.append("case " + name)
    OUT.append("op " + op)
    for k, v in params.items():
        OUT.append("param %s %s" % (k, v))
    for label, t in tensors:
        if t is not None:
            OUT.append(tensor_line(label, t))
    OUT.append("end")


RANKS = {"C": (4,), "NC": (3, 4), "NCd": (2, 4, 3)}
C = 4


def target_shape(shape):
    return shape[:1] + shape[2:] if len(shape) > 1 else ()


def index_target(shape, ignore):
    """Class indices; with ignore, exactly one target (the first) is the ignored class 1."""
    ts = target_shape(shape)
    t = randint(C, ts)
    if ignore:
        flat = t.reshape(-1)
        flat[flat == 1] = 0
        flat[0] = 1
        t = flat.reshape(ts)
    return t


def prob_target(shape):
    cd = 0 if len(shape) == 1 else 1
    return torch.softmax(randn(*shape) * 1.5, dim=cd)


def run_loss(name, op, params, x, target, weight=None, pos_weight=None, target_grad=False,
             weight_grad=False, fn=None):
    x = x.clone().requires_grad_(True)
    tgt = target.clone()
    if target_grad:
        tgt.requires_grad_(True)
    w = None if weight is None else weight.clone().requires_grad_(weight_grad)
    loss = fn(x, tgt, w)
    g = randn(*loss.shape).to(loss.dtype)  # float64 cases: as drawn; f32_* cases: rounded to float32
    loss.backward(g)
    tensors = [("input", x), ("target", target)]
    if weight is not None:
        tensors.append(("weight", weight))
    if pos_weight is not None:
        tensors.append(("pos_weight", pos_weight))
    tensors += [("grad_output", g), ("loss", loss), ("grad_input", x.grad)]
    if target_grad:
        tensors.append(("grad_target", tgt.grad))
    if weight_grad:
        tensors.append(("grad_weight", w.grad))
    emit(name, op, params, tensors)


def ce_params(red, ign, ls):
    p = {"reduction": red}
    if ign is not None:
        p["ignore_index"] = ign
    if ls:
        p["label_smoothing"] = ls
    return p


# ---------------------------------------------------------------- cross entropy, every option
for rank, red, has_w, ign, ls in itertools.product(RANKS, ["none", "mean", "sum"], [False, True],
                                                   [False, True], [0.0, 0.1]):
    shape = RANKS[rank]
    x = randn(*shape) * 2
    t = index_target(shape, ign)
    w = rand(C) + 0.5 if has_w else None
    ii = 1 if ign else None
    name = "ce/idx/%s/%s/%s/%s/ls%s" % (rank, red, "w" if has_w else "now", "ign" if ign else "noign", ls)
    run_loss(name, "cross_entropy", ce_params(red, ii, ls), x, t, w,
             fn=lambda a, b, ww, red=red, ii=ii, ls=ls: F.cross_entropy(
                 a, b, weight=ww, reduction=red, ignore_index=-100 if ii is None else ii, label_smoothing=ls))

for rank, red, has_w, ls in itertools.product(RANKS, ["none", "mean", "sum"], [False, True], [0.0, 0.1]):
    shape = RANKS[rank]
    x = randn(*shape) * 2
    t = prob_target(shape)
    w = rand(C) + 0.5 if has_w else None
    name = "ce/prob/%s/%s/%s/ls%s" % (rank, red, "w" if has_w else "now", ls)
    run_loss(name, "cross_entropy", ce_params(red, None, ls), x, t, w, target_grad=True, weight_grad=has_w,
             fn=lambda a, b, ww, red=red, ls=ls: F.cross_entropy(a, b, weight=ww, reduction=red,
                                                                 label_smoothing=ls))

# ---------------------------------------------------------------- cross entropy, edge cases
def ce_case(name, x, t, red="mean", w=None, ii=None, ls=0.0, target_grad=False):
    run_loss(name, "cross_entropy", ce_params(red, ii, ls), x, t, w, target_grad=target_grad,
             fn=lambda a, b, ww: F.cross_entropy(a, b, weight=ww, reduction=red,
                                                 ignore_index=-100 if ii is None else ii, label_smoothing=ls))


for red in ["none", "mean", "sum"]:
    ce_case("ce/edge/default-ignore/" + red, randn(4, 3), torch.tensor([2, -100, 0, -100]), red=red)
    ce_case("ce/edge/rank4/" + red, randn(2, 3, 2, 2), randint(3, (2, 2, 2)), red=red, w=rand(3) + 0.5, ls=0.2)
for ls in [0.0, 0.1]:
    ce_case("ce/edge/all-ignored/ls%s" % ls, randn(3, 4), torch.tensor([-100, -100, -100]), ls=ls)
    ce_case("ce/edge/all-ignored-weighted/ls%s" % ls, randn(3, 4), torch.tensor([2, 2, 2]), w=rand(4) + 0.5,
            ii=2, ls=ls)
    for scale in [1000.0, 1e300]:
        big = torch.tensor([[1.0, -1.0, 0.5], [-1.0, 1.0, 0.0], [1.0, 1.0, -1.0]]) * scale
        ce_case("ce/edge/big%g/idx/ls%s" % (scale, ls), big, torch.tensor([1, 1, 2]), ls=ls)
        ce_case("ce/edge/big%g/prob/ls%s" % (scale, ls), big, torch.tensor(
            [[0.2, 0.3, 0.5], [0.0, 1.0, 0.0], [0.5, 0.5, 0.0]]), ls=ls, target_grad=True)
    ce_case("ce/edge/label-smoothing-one/ls%s" % ls, randn(3, 4), torch.tensor([0, 3, 1]), ls=1.0 - ls)
for red in ["mean", "sum", "none"]:
    ce_case("ce/edge/empty-batch/idx/" + red, torch.zeros(0, 4), torch.zeros(0, dtype=torch.int64), red=red)
    ce_case("ce/edge/empty-batch/prob/" + red, torch.zeros(0, 4), torch.zeros(0, 4), red=red)

# The TensorFlow documentation's examples (tf.nn.softmax_cross_entropy_with_logits and
# tf.nn.sparse_softmax_cross_entropy_with_logits).
ce_case("ce/tf/dense", torch.tensor([[4.0, 2.0, 1.0], [0.0, 5.0, 1.0]]), torch.tensor([[1.0, 0.0, 0.0],
                                                                                     [0.0, 0.8, 0.2]]), red="none")
ce_case("ce/tf/sparse", torch.tensor([[2.0, -5.0, 0.5, -0.1], [0.0, 0.0, 1.9, 1.4], [-100.0, 100.0, -100.0, -100.0]]),
        torch.tensor([0, 3, 1]), red="none")

# ---------------------------------------------------------------- NLL loss, every option
for rank, red, has_w, ign in itertools.product(RANKS, ["none", "mean", "sum"], [False, True], [False, True]):
    shape = RANKS[rank]
    x = torch.log_softmax(randn(*shape) * 2, dim=0 if len(shape) == 1 else 1)
    t = index_target(shape, ign)
    w = rand(C) + 0.5 if has_w else None
    ii = 1 if ign else None
    p = {"reduction": red}
    if ii is not None:
        p["ignore_index"] = ii
    name = "nll/%s/%s/%s/%s" % (rank, red, "w" if has_w else "now", "ign" if ign else "noign")
    run_loss(name, "nll_loss", p, x, t, w,
             fn=lambda a, b, ww, red=red, ii=ii: F.nll_loss(a, b, weight=ww, reduction=red,
                                                           ignore_index=-100 if ii is None else ii))
run_loss("nll/edge/all-ignored", "nll_loss", {"reduction": "mean"}, randn(3, 4), torch.tensor([-100, -100, -100]),
         fn=lambda a, b, ww: F.nll_loss(a, b))

# ---------------------------------------------------------------- MSE
for red in ["none", "mean", "sum"]:
    run_loss("mse/same/" + red, "mse_loss", {"reduction": red}, randn(3, 4), randn(3, 4), target_grad=True,
             fn=lambda a, b, ww, red=red: F.mse_loss(a, b, reduction=red))
    run_loss("mse/scalar/" + red, "mse_loss", {"reduction": red}, randn(), randn(), target_grad=True,
             fn=lambda a, b, ww, red=red: F.mse_loss(a, b, reduction=red))

# ---------------------------------------------------------------- BCE with logits
for red, has_w, has_pw in itertools.product(["none", "mean", "sum"], [False, True], [False, True]):
    x = randn(3, 4) * 3
    x[0] = torch.tensor([1000.0, -1000.0, 40.0, -40.0])
    t = rand(3, 4)
    t[0] = torch.tensor([0.0, 1.0, 1.0, 0.0])
    w = rand(3, 4) + 0.5 if has_w else None
    pw = rand(4) * 2 + 0.5 if has_pw else None
    name = "bce/%s/%s/%s" % (red, "w" if has_w else "now", "pw" if has_pw else "nopw")
    run_loss(name, "bce_with_logits", {"reduction": red}, x, t, w, pos_weight=pw, target_grad=True,
             fn=lambda a, b, ww, red=red, pw=pw: F.binary_cross_entropy_with_logits(
                 a, b, weight=ww, pos_weight=pw, reduction=red))

# ---------------------------------------------------------------- Linear
for name, xshape, bias in [("linear/2d/bias", (4, 3), True), ("linear/2d/nobias", (4, 3), False),
                           ("linear/1d/bias", (3,), True), ("linear/3d/bias", (2, 4, 3), True)]:
    x = randn(*xshape).requires_grad_(True)
    w = randn(2, 3).requires_grad_(True)
    b = randn(2).requires_grad_(True) if bias else None
    y = F.linear(x, w, b)
    g = randn(*y.shape)
    y.backward(g)
    emit(name, "linear", {}, [("input", x), ("weight", w), ("bias", b), ("grad_output", g), ("output", y),
                              ("grad_input", x.grad), ("grad_weight", w.grad),
                              ("grad_bias", None if b is None else b.grad)])

# ---------------------------------------------------------------- softmax family and activations
for op, shape, dim in [("log_softmax", (3, 4), 1), ("log_softmax", (3, 4), 0), ("log_softmax", (2, 3, 4), -1),
                       ("log_softmax", (2, 3, 4), 1), ("softmax", (3, 4), 1), ("softmax", (3, 4), 0),
                       ("softmax", (2, 3, 4), -1), ("softmax", (2, 3, 4), 1)]:
    x = (randn(*shape) * 3).requires_grad_(True)
    y = getattr(torch, op)(x, dim=dim)
    g = randn(*y.shape)
    y.backward(g)
    emit("%s/%s/dim%d" % (op, "x".join(map(str, shape)), dim), op, {"dim": dim},
         [("input", x), ("grad_output", g), ("output", y), ("grad_input", x.grad)])
for op, fn in [("relu", torch.relu), ("sigmoid", torch.sigmoid), ("tanh", torch.tanh),
               ("flatten", lambda t: torch.flatten(t, 1))]:
    x = (randn(2, 3, 2) * 2).requires_grad_(True)
    y = fn(x)
    g = randn(*y.shape)
    y.backward(g)
    emit(op, op, {}, [("input", x), ("grad_output", g), ("output", y), ("grad_input", x.grad)])

# ---------------------------------------------------------------- appended: clip_grad_norm_ and state dicts
# (new cases go here, after every earlier draw from GEN, so the earlier cases keep their values).
# A rerun on another machine can differ in the last digit of the matmul results (linear/*), so
# nn_golden.txt keeps its existing lines as committed and only the new cases' lines are appended
# (and the case count in the header updated); this is how the cases below were added.
#
#   op clip_grad_norm: params max_norm, norm_type, num_params; tensor param_<i> and, for the
#   params that have a grad, grad_<i>; outputs total_norm and clipped_<i> (the grads afterwards).
#   op state_dict: params named_parameters, named_buffers, state_dict_keys (comma-joined, "-"
#   for none) and num_parameters, of the model named by the case (built the same way in Java).
import torch.nn as nn


def clip_case(name, shapes, max_norm, norm_type, without_grad=(), scale=1.0):
    params = [randn(*s).requires_grad_(True) for s in shapes]
    for i, p in enumerate(params):
        if i not in without_grad:
            p.grad = randn(*p.shape) * scale
    grads = [None if p.grad is None else p.grad.clone() for p in params]
    total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type)
    tensors = []
    for i, p in enumerate(params):
        tensors.append(("param_%d" % i, p))
        tensors.append(("grad_%d" % i, grads[i]))
    tensors.append(("total_norm", total))
    for i, p in enumerate(params):
        tensors.append(("clipped_%d" % i, p.grad))
    emit(name, "clip_grad_norm", {"max_norm": fmt(max_norm), "norm_type": fmt(norm_type),
                                  "num_params": len(params)}, tensors)


SHAPES = [(3, 2), (3,), (2, 2, 2)]
clip_case("clip/2/clipped", SHAPES, 1.0, 2.0)
clip_case("clip/2/unclipped", SHAPES, 100.0, 2.0)
clip_case("clip/inf/clipped", SHAPES, 0.5, float("inf"))
clip_case("clip/1.5/clipped", SHAPES, 1.0, 1.5)
clip_case("clip/1/clipped", SHAPES, 2.0, 1.0)
clip_case("clip/3/clipped", SHAPES, 0.25, 3.0)
clip_case("clip/2/one-without-grad", SHAPES, 1.0, 2.0, without_grad=(1,))
clip_case("clip/inf/one-without-grad", SHAPES, 0.1, float("inf"), without_grad=(0,))
clip_case("clip/2/single", [(4,)], 0.5, 2.0)
clip_case("clip/2/large", SHAPES, 1.0, 2.0, scale=1e150)


class Buffered(nn.Module):
    """A param registered after a buffer; a persistent and a non-persistent buffer."""

    def __init__(self):
        super().__init__()
        self.register_buffer("count", torch.zeros((), dtype=torch.int64))
        self.register_buffer("scratch", torch.zeros(2), persistent=False)
        self.w = nn.Parameter(torch.ones(2))


class Net(nn.Module):
    """Own buffer registered first, own param, then children: a Linear and a ModuleList."""

    def __init__(self):
        super().__init__()
        self.register_buffer("running", torch.zeros(3))
        self.scale = nn.Parameter(torch.ones(3))
        self.fc = nn.Linear(3, 2)
        self.blocks = nn.ModuleList([nn.Linear(2, 2, bias=False), Buffered()])


def state_case(name, model):
    def keys(ks):
        ks = list(ks)
        return ",".join(ks) if ks else "-"
    emit(name, "state_dict", {"named_parameters": keys(k for k, _ in model.named_parameters()),
                              "named_buffers": keys(k for k, _ in model.named_buffers()),
                              "state_dict_keys": keys(model.state_dict().keys()),
                              "num_parameters": sum(p.numel() for p in model.parameters())}, [])


state_case("state/modulelist", nn.ModuleList([nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 2, bias=False)]))
state_case("state/buffered", Buffered())
state_case("state/net", Net())

# ---------------------------------------------------------------- appended: float32 (op names f32_*)
# Added the same way (only these cases' lines appended to nn_golden.txt). Every tensor is float32
# (targets int64), from a generator of their own; the losses, gradients and the training run are
# PyTorch's float32 computations. f32_train: Sequential(Linear(2, 10), ReLU(), Linear(10, 2)) with
# CrossEntropyLoss and SGD(lr) trained on X, y for `steps` steps from init_<key>: the loss before
# each step (losses) and the parameters after the last (final_<key>).
GEN32 = torch.Generator().manual_seed(20261206)


def randn32(*shape):
    return torch.randn(tuple(shape), generator=GEN32, dtype=torch.float32)


def rand32(*shape):
    return torch.rand(tuple(shape), generator=GEN32, dtype=torch.float32)


for red in ["none", "mean", "sum"]:
    run_loss("f32/mse/" + red, "f32_mse_loss", {"reduction": red}, randn32(3, 4), randn32(3, 4), target_grad=True,
             fn=lambda a, b, ww, red=red: F.mse_loss(a, b, reduction=red))
    x = torch.log_softmax(randn32(5, 4) * 2, dim=1)
    t = torch.randint(0, 4, (5,), generator=GEN32)
    t[0] = 1
    run_loss("f32/nll/" + red, "f32_nll_loss", {"reduction": red, "ignore_index": 1}, x, t, rand32(4) + 0.5,
             fn=lambda a, b, ww, red=red: F.nll_loss(a, b, weight=ww, reduction=red, ignore_index=1))
    x = randn32(3, 4) * 3
    x[0] = torch.tensor([100.0, -100.0, 20.0, -20.0])
    pw = rand32(4) * 2 + 0.5
    run_loss("f32/bce/" + red, "f32_bce_with_logits", {"reduction": red}, x, rand32(3, 4), rand32(3, 4) + 0.5,
             pos_weight=pw, target_grad=True,
             fn=lambda a, b, ww, red=red, pw=pw: F.binary_cross_entropy_with_logits(
                 a, b, weight=ww, pos_weight=pw, reduction=red))
x = (randn32(3, 4) * 3).requires_grad_(True)
y = torch.log_softmax(x, dim=1)
g = randn32(3, 4)
y.backward(g)
emit("f32/log_softmax", "f32_log_softmax", {"dim": 1}, [("input", x), ("grad_output", g), ("output", y),
                                                        ("grad_input", x.grad)])
params = [randn32(*s).requires_grad_(True) for s in SHAPES]
for p in params:
    p.grad = randn32(*p.shape)
grads = [p.grad.clone() for p in params]
total = torch.nn.utils.clip_grad_norm_(params, 1.0)
emit("f32/clip", "f32_clip_grad_norm", {"max_norm": "1.0", "norm_type": "2.0", "num_params": len(params)},
     [t for i, p in enumerate(params) for t in (("param_%d" % i, p), ("grad_%d" % i, grads[i]))]
     + [("total_norm", total)] + [("clipped_%d" % i, p.grad) for i, p in enumerate(params)])


def train_case(name, steps, lr):
    model = nn.Sequential(nn.Linear(2, 10), nn.ReLU(), nn.Linear(10, 2)).to(torch.float32)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(randn32(*p.shape) * 0.5)
    assert all(p.dtype == torch.float32 for p in model.parameters())
    init = [("init_" + k, v.clone()) for k, v in model.state_dict().items()]
    X = torch.tensor([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0]], dtype=torch.float32)
    y = torch.tensor([0, 0, 1, 1])
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = F.cross_entropy(model(X), y)
        loss.backward()
        opt.step()
        assert loss.dtype == torch.float32
        losses.append(loss.detach())
    final = [("final_" + k, v) for k, v in model.state_dict().items()]
    emit(name, "f32_train", {"steps": steps, "lr": lr}, [("X", X), ("y", y)] + init
         + [("losses", torch.stack(losses))] + final)


train_case("f32/train/mlp-ce-sgd", 5, 0.01)
train_case("f32/train/mlp-ce-sgd-lr0.5", 20, 0.5)

# ---------------------------------------------------------------- appended: float32 cross entropy
# Added the same way (only these cases' lines appended to nn_golden.txt), op f32_cross_entropy: PyTorch's
# float32 computations on float32 logits (targets int64 or float32 probabilities, weights float32),
# from a generator of their own, grad_output float32 too; f32/ce/mixed has a float64 probability target
# (a float64 loss, as PyTorch promotes).
GENCE32 = torch.Generator().manual_seed(20261207)


def randn_ce32(*shape):
    return torch.randn(tuple(shape), generator=GENCE32, dtype=torch.float32)


CE32_CASES = []


def ce32(name, x, t, red="mean", w=None, ii=None, ls=0.0, target_grad=False):
    # run_loss draws each case's grad_output from GEN: these cases seed it with their own number
    # and restore it afterwards, so no other case's values depend on them (or they on others).
    state = GEN.get_state()
    GEN.manual_seed(20261207 + len(CE32_CASES))
    CE32_CASES.append(name)
    run_loss(name, "f32_cross_entropy", ce_params(red, ii, ls), x, t, w, target_grad=target_grad,
             weight_grad=w is not None and target_grad,
             fn=lambda a, b, ww: F.cross_entropy(a, b, weight=ww, reduction=red,
                                                 ignore_index=-100 if ii is None else ii, label_smoothing=ls))
    GEN.set_state(state)


for rank, red, has_w, ign, ls in itertools.product(["NC", "NCd"], ["none", "mean", "sum"], [False, True],
                                                   [False, True], [0.0, 0.1]):
    shape = RANKS[rank]
    t = torch.randint(0, C, target_shape(shape), generator=GENCE32)
    if ign:
        t.reshape(-1)[0] = 1
    w = torch.rand(C, generator=GENCE32, dtype=torch.float32) + 0.5 if has_w else None
    ce32("f32/ce/idx/%s/%s/%s/%s/ls%s" % (rank, red, "w" if has_w else "now", "ign" if ign else "noign", ls),
         randn_ce32(*shape) * 2, t, red=red, w=w, ii=1 if ign else None, ls=ls)
for rank, red, has_w, ls in itertools.product(["NC", "NCd"], ["none", "mean", "sum"], [False, True], [0.0, 0.1]):
    shape = RANKS[rank]
    t = torch.softmax(randn_ce32(*shape) * 1.5, dim=1)
    w = torch.rand(C, generator=GENCE32, dtype=torch.float32) + 0.5 if has_w else None
    ce32("f32/ce/prob/%s/%s/%s/ls%s" % (rank, red, "w" if has_w else "now", ls), randn_ce32(*shape) * 2, t,
         red=red, w=w, ls=ls, target_grad=True)
big32 = torch.tensor([[1000.0, -1000.0, 500.0, 0.0], [-1000.0, 1000.0, 0.0, 1000.0], [1000.0, 999.0, -1.0, -1000.0]],
                     dtype=torch.float32)
for red in ["none", "mean"]:
    ce32("f32/ce/big1000/idx/" + red, big32.clone(), torch.tensor([1, 3, 2]), red=red, ls=0.1)
    ce32("f32/ce/big1000/prob/" + red, big32.clone(), torch.softmax(randn_ce32(3, 4), dim=1), red=red,
         target_grad=True)
ce32("f32/ce/mixed/prob-f64-target", randn_ce32(3, 4), torch.softmax(randn_ce32(3, 4), dim=1).double(),
     target_grad=True)

# ---------------------------------------------------------------- appended: LeakyReLU, SiLU, Softplus
# Added the same way (only these cases' lines appended to nn_golden.txt), from a generator of their own.
# op leaky_relu (param negative_slope), silu, softplus (params beta, threshold); the input holds the
# kinks and the threshold exactly (0 for leaky_relu, beta*x == threshold for softplus) and large values;
# float64 and float32 (computed by PyTorch in float32) versions of each.
GENACT = torch.Generator().manual_seed(20261208)


def act_case(name, op, params, fn, special):
    for dt in [torch.float64, torch.float32]:
        x = torch.randn((3, 4), generator=GENACT, dtype=torch.float64) * 3
        x.reshape(-1)[:len(special)] = torch.tensor(special, dtype=torch.float64)
        x = x.to(dt).requires_grad_(True)
        y = fn(x)
        g = torch.randn(tuple(y.shape), generator=GENACT, dtype=torch.float64).to(dt)
        y.backward(g)
        emit(name + ("/f32" if dt == torch.float32 else ""), op, params,
             [("input", x), ("grad_output", g), ("output", y), ("grad_input", x.grad)])


for slope in [0.01, 0.2, -0.5, 1.5]:
    act_case("leaky_relu/slope%s" % slope, "leaky_relu", {"negative_slope": slope},
             lambda t, s=slope: F.leaky_relu(t, s), [0.0, -0.0, 1e-300, -1e-300, 50.0, -50.0])
act_case("silu", "silu", {}, F.silu, [0.0, -0.0, 40.0, -40.0, 800.0, -800.0])
for beta, thr in [(1.0, 20.0), (2.0, 4.0), (0.5, 3.0), (-1.0, 2.0), (1.0, -1.0), (3.0, 50.0)]:
    act_case("softplus/beta%s/threshold%s" % (beta, thr), "softplus", {"beta": beta, "threshold": thr},
             lambda t, b=beta, th=thr: F.softplus(t, b, th),
             [0.0, thr / beta, thr / beta + 1e-6, thr / beta - 1e-6, 30.0, -30.0, 700.0, -700.0])

# ---------------------------------------------------------------- appended: GELU, LayerNorm, Embedding
# Added the same way (only these cases' lines appended to nn_golden.txt), from a generator of their own.
# op gelu (param approximate none|tanh) via act_case; op layer_norm (param normalized_shape comma-joined,
# eps, affine; tensors weight and bias when affine, and their grads grad_weight, grad_bias);
# op embedding (param padding_idx, "None" for none; tensors weight, indices int64, grad_weight).
# float64 and float32 (computed by PyTorch in float32) versions of each.
GENACT = torch.Generator().manual_seed(20261216)
for approx in ["none", "tanh"]:
    act_case("gelu/%s" % approx, "gelu", {"approximate": approx},
             lambda t, a=approx: F.gelu(t, approximate=a), [0.0, -0.0, 10.0, -10.0, 40.0, -40.0, 1e-3, -5.5])


def ln_case(name, shape, norm, eps, affine):
    for dt in [torch.float64, torch.float32]:
        x = (torch.randn(shape, generator=GENACT, dtype=torch.float64) * 2 + 1).to(dt).requires_grad_(True)
        w = b = None
        if affine:
            w = torch.randn(norm, generator=GENACT, dtype=torch.float64).to(dt).requires_grad_(True)
            b = torch.randn(norm, generator=GENACT, dtype=torch.float64).to(dt).requires_grad_(True)
        y = F.layer_norm(x, norm, w, b, eps)
        g = torch.randn(tuple(y.shape), generator=GENACT, dtype=torch.float64).to(dt)
        y.backward(g)
        emit(name + ("/f32" if dt == torch.float32 else ""), "layer_norm",
             {"normalized_shape": ",".join(str(n) for n in norm), "eps": eps, "affine": affine},
             [("input", x), ("weight", w), ("bias", b), ("grad_output", g), ("output", y),
              ("grad_input", x.grad), ("grad_weight", None if w is None else w.grad),
              ("grad_bias", None if b is None else b.grad)])


ln_case("layer_norm/NC/4", (3, 4), (4,), 1e-5, True)
ln_case("layer_norm/NCd/3,4", (2, 3, 4), (3, 4), 1e-5, True)
ln_case("layer_norm/NCd/4/eps0.1/noaffine", (2, 3, 4), (4,), 0.1, False)
ln_case("layer_norm/C/5", (5,), (5,), 1e-5, True)


def emb_case(name, num, dim, pad, idx_shape):
    for dt in [torch.float64, torch.float32]:
        w = torch.randn((num, dim), generator=GENACT, dtype=torch.float64).to(dt).requires_grad_(True)
        idx = torch.randint(0, num, idx_shape, generator=GENACT)
        if pad is not None:
            idx.reshape(-1)[0] = pad % num
            idx.reshape(-1)[-1] = pad % num
        y = F.embedding(idx, w, padding_idx=pad)
        g = torch.randn(tuple(y.shape), generator=GENACT, dtype=torch.float64).to(dt)
        y.backward(g)
        emit(name + ("/f32" if dt == torch.float32 else ""), "embedding", {"padding_idx": pad},
             [("weight", w), ("indices", idx), ("grad_output", g), ("output", y), ("grad_weight", w.grad)])


emb_case("embedding/nopad", 10, 3, None, (2, 4))
emb_case("embedding/pad0", 10, 3, 0, (3, 4))
emb_case("embedding/pad-1", 6, 2, -1, (5,))
emb_case("embedding/scalar-index", 4, 3, None, ())

# ---------------------------------------------------------------- appended: BatchNorm1d, BatchNorm2d
# Added the same way (only these cases' lines appended to nn_golden.txt), from a generator of their own.
# op batch_norm (params module BatchNorm1d|BatchNorm2d, num_features, eps, momentum, affine, track):
# a fresh module (weight/bias set to the case's when affine) in train mode runs input (backward with
# grad_output: output, grad_input, grad_weight, grad_bias), then input2 (output2); running_mean and
# running_var after these 2 train steps (when tracked); then in eval mode input3 gives eval_output.
# float64 and float32 (module and inputs in float32) versions of each.
GENBN = torch.Generator().manual_seed(20261217)


def bn_case(name, cls, c, shape, eps=1e-5, momentum=0.1, affine=True, track=True):
    for dt in [torch.float64, torch.float32]:
        def rnd(*s):
            return torch.randn(s, generator=GENBN, dtype=torch.float64).to(dt)
        m = cls(c, eps=eps, momentum=momentum, affine=affine, track_running_stats=track).to(dt)
        w = b = None
        if affine:
            with torch.no_grad():
                m.weight.copy_(rnd(c))
                m.bias.copy_(rnd(c))
            w, b = m.weight.detach().clone(), m.bias.detach().clone()
        x = (rnd(*shape) * 2 + 1).requires_grad_(True)
        y = m(x)
        g = rnd(*shape)
        y.backward(g)
        x2 = rnd(*shape) * 3 - 1
        y2 = m(x2)
        m.eval()
        x3 = rnd(*shape)
        y3 = m(x3)
        emit(name + ("/f32" if dt == torch.float32 else ""), "batch_norm",
             {"module": cls.__name__, "num_features": c, "eps": eps, "momentum": momentum, "affine": affine,
              "track": track},
             [("weight", w), ("bias", b), ("input", x), ("grad_output", g), ("output", y), ("grad_input", x.grad),
              ("grad_weight", None if w is None else m.weight.grad), ("grad_bias", None if b is None else m.bias.grad),
              ("input2", x2), ("output2", y2.detach()),
              ("running_mean", m.running_mean if track else None), ("running_var", m.running_var if track else None),
              ("input3", x3), ("eval_output", y3.detach())])


bn_case("batch_norm/1d/NC", nn.BatchNorm1d, 4, (5, 4))
bn_case("batch_norm/1d/NCL", nn.BatchNorm1d, 3, (2, 3, 4))
bn_case("batch_norm/1d/NC/eps0.1/momentum0.3/noaffine", nn.BatchNorm1d, 4, (3, 4), eps=0.1, momentum=0.3,
        affine=False)
bn_case("batch_norm/1d/NC/notrack", nn.BatchNorm1d, 3, (4, 3), track=False)
bn_case("batch_norm/2d/NCHW", nn.BatchNorm2d, 3, (2, 3, 2, 3))
bn_case("batch_norm/2d/NCHW/N1/momentum1.0", nn.BatchNorm2d, 2, (1, 2, 3, 2), momentum=1.0)

# ---------------------------------------------------------------- appended: momentum=None, F.batch_norm
# BatchNorm with momentum=None (cumulative moving average: factor 1 / num_batches_tracked), as above.
bn_case("batch_norm/1d/NC/momentumNone", nn.BatchNorm1d, 4, (5, 4), momentum=None)
bn_case("batch_norm/2d/NCHW/momentumNone/noaffine", nn.BatchNorm2d, 3, (2, 3, 2, 2), momentum=None, affine=False)

# op functional_batch_norm (params training, momentum, eps): F.batch_norm(input, running_mean,
# running_var, weight, bias, training, momentum, eps) once, backward with grad_output; running_mean
# and running_var are the tensors passed in (absent: None), running_mean_after / running_var_after
# their values afterwards (updated in place when training). float64 and float32 versions.
GENFBN = torch.Generator().manual_seed(20261218)


def fbn_case(name, shape, training, momentum=0.1, eps=1e-5, running=True, affine=True):
    for dt in [torch.float64, torch.float32]:
        def rnd(*s):
            return torch.randn(s, generator=GENFBN, dtype=torch.float64).to(dt)
        c = shape[1]
        rm = rnd(c) if running else None
        rv = rnd(c).abs() + 0.5 if running else None
        rm0 = None if rm is None else rm.clone()
        rv0 = None if rv is None else rv.clone()
        w = rnd(c).requires_grad_(True) if affine else None
        b = rnd(c).requires_grad_(True) if affine else None
        x = (rnd(*shape) * 2 + 1).requires_grad_(True)
        y = F.batch_norm(x, rm, rv, w, b, training, momentum, eps)
        g = rnd(*shape)
        y.backward(g)
        emit(name + ("/f32" if dt == torch.float32 else ""), "functional_batch_norm",
             {"training": training, "momentum": momentum, "eps": eps},
             [("running_mean", rm0), ("running_var", rv0), ("weight", w), ("bias", b), ("input", x),
              ("grad_output", g), ("output", y), ("grad_input", x.grad),
              ("grad_weight", None if w is None else w.grad), ("grad_bias", None if b is None else b.grad),
              ("running_mean_after", rm), ("running_var_after", rv)])


fbn_case("functional_batch_norm/train/NC", (5, 3), True)
fbn_case("functional_batch_norm/train/norunning/NCL", (2, 3, 4), True)
fbn_case("functional_batch_norm/train/NCHW/momentum0.5/eps0.1/noaffine", (2, 2, 3, 2), True, momentum=0.5, eps=0.1,
         affine=False)
fbn_case("functional_batch_norm/eval/NCHW", (2, 3, 2, 2), False)
fbn_case("functional_batch_norm/eval/NC/eps0.001/noaffine", (4, 3), False, eps=1e-3, affine=False)

# ---------------------------------------------------------------- appended: more dims for cross entropy and NLL
# Added the same way (only these cases' lines appended to nn_golden.txt), from a generator of their own
# (grad_output too: GEN is re-seeded per case and restored, as for ce32). Inputs (N, C, d1, d2) and
# (N, C, d1, d2, d3) with index targets (N, d1, ...) and probability targets (N, C, d1, ...), with
# weight, ignore_index and label_smoothing, every reduction, float64 (ops cross_entropy, nll_loss) and
# float32 (f32_cross_entropy, f32_nll_loss). op cross_entropy_view: nanoGPT's pattern, (B, T, C)
# logits and (B, T) targets, F.cross_entropy(input.view(B*T, C), target.view(B*T), ignore_index=...);
# grad_input has the (B, T, C) shape (/f32: float32).
GENMD = torch.Generator().manual_seed(20261219)
MD_CASES = []


def md_run(name, op, params, x, t, w, target_grad, fn):
    state = GEN.get_state()
    GEN.manual_seed(20261219 + len(MD_CASES))
    MD_CASES.append(name)
    run_loss(name, op, params, x, t, w, target_grad=target_grad, weight_grad=w is not None and target_grad, fn=fn)
    GEN.set_state(state)


def md_tensors(shape, dt, ign):
    x = torch.randn(shape, generator=GENMD, dtype=torch.float64).to(dt) * 2
    t = torch.randint(0, shape[1], shape[:1] + shape[2:], generator=GENMD)
    if ign:
        t.reshape(-1)[0] = 1
    w = (torch.rand(shape[1], generator=GENMD, dtype=torch.float64) + 0.5).to(dt)
    p = torch.softmax(torch.randn(shape, generator=GENMD, dtype=torch.float64) * 1.5, dim=1).to(dt)
    return x, t, w, p


for dt, prefix in [(torch.float64, ""), (torch.float32, "f32/")]:
    ce_op = "f32_cross_entropy" if prefix else "cross_entropy"
    nll_op = "f32_nll_loss" if prefix else "nll_loss"
    for shape, rank in [((2, 4, 2, 3), "NCdd"), ((2, 3, 2, 2, 2), "NCddd")]:
        for red in ["none", "mean", "sum"]:
            x, t, w, p = md_tensors(shape, dt, True)
            md_run(prefix + "ce/md/idx/%s/%s/w/ign/ls0.1" % (rank, red), ce_op, ce_params(red, 1, 0.1), x, t, w, False,
                   lambda a, b, ww, red=red: F.cross_entropy(a, b, weight=ww, reduction=red, ignore_index=1,
                                                             label_smoothing=0.1))
            md_run(prefix + "ce/md/prob/%s/%s/w/ls0.1" % (rank, red), ce_op, ce_params(red, None, 0.1), x, p, w, True,
                   lambda a, b, ww, red=red: F.cross_entropy(a, b, weight=ww, reduction=red, label_smoothing=0.1))
            md_run(prefix + "nll/md/%s/%s/w/ign" % (rank, red), nll_op, {"reduction": red, "ignore_index": 1},
                   torch.log_softmax(x, dim=1), t, w, False,
                   lambda a, b, ww, red=red: F.nll_loss(a, b, weight=ww, reduction=red, ignore_index=1))
    for (B, T, Cv), ii in [((2, 3, 5), -100), ((3, 4, 6), -1)]:
        x = (torch.randn((B, T, Cv), generator=GENMD, dtype=torch.float64) * 2).to(dt)
        t = torch.randint(0, Cv, (B, T), generator=GENMD)
        if ii == -1:
            t[1, 2] = -1  # nanoGPT marks positions to skip with -1
        md_run("cross_entropy_view/B%dT%dC%d/ignore%d%s" % (B, T, Cv, ii, "/f32" if prefix else ""),
               "cross_entropy_view", {"reduction": "mean", "ignore_index": ii}, x, t, None, False,
               lambda a, b, ww, ii=ii, Cv=Cv: F.cross_entropy(a.view(-1, Cv), b.view(-1), ignore_index=ii))

# ---------------------------------------------------------------- appended: Conv2d
# Added the same way (only these cases' lines appended to nn_golden.txt), from a generator of their own.
# op conv2d (params in_channels, out_channels, kernel_size, stride, padding, dilation (each "h,w"), groups,
# bias): an nn.Conv2d whose weight (and bias) are set to the case's runs input (backward with grad_output:
# output, grad_input, grad_weight, grad_bias). float64 and float32 (module and inputs in float32) versions.
GENCONV = torch.Generator().manual_seed(20261218)


def conv_case(name, cin, cout, k, shape, stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1, bias=True):
    for dt in [torch.float64, torch.float32]:
        def rnd(*s):
            return torch.randn(s, generator=GENCONV, dtype=torch.float64).to(dt)
        m = nn.Conv2d(cin, cout, k, stride, padding, dilation, groups, bias).to(dt)
        with torch.no_grad():
            m.weight.copy_(rnd(*m.weight.shape))
            if bias:
                m.bias.copy_(rnd(cout))
        w = m.weight.detach().clone()
        b = m.bias.detach().clone() if bias else None
        x = rnd(*shape).requires_grad_(True)
        y = m(x)
        g = rnd(*y.shape)
        y.backward(g)

        def hw(p):
            return "%d,%d" % tuple(p)
        emit(name + ("/f32" if dt == torch.float32 else ""), "conv2d",
             {"in_channels": cin, "out_channels": cout, "kernel_size": hw(k), "stride": hw(stride),
              "padding": hw(padding), "dilation": hw(dilation), "groups": groups, "bias": bias},
             [("weight", w), ("bias", b), ("input", x), ("grad_output", g), ("output", y), ("grad_input", x.grad),
              ("grad_weight", m.weight.grad), ("grad_bias", m.bias.grad if bias else None)])


conv_case("conv2d/3x3", 1, 4, (3, 3), (2, 1, 6, 6))
conv_case("conv2d/3x3/stride2/pad1", 2, 3, (3, 3), (2, 2, 7, 6), stride=(2, 2), padding=(1, 1))
conv_case("conv2d/2x3/dil2,1/groups2/nobias", 4, 6, (2, 3), (1, 4, 6, 7), dilation=(2, 1), groups=2, bias=False)
conv_case("conv2d/unbatched/5x5/pad2", 3, 2, (5, 5), (3, 5, 4), padding=(2, 2))

# ---------------------------------------------------------------- appended: pooling layers
# Added the same way (only these cases' lines appended to nn_golden.txt), from a generator of their own.
# op pool (param layers: which stack, built by PoolingModuleTest from the case name): a conv-like input
# (ReLU of random values, so windows of zeros tie) through the layers; output and grad_input after
# backward(grad_output). float64 and float32 (input in float32) versions of each.
GENPOOL = torch.Generator().manual_seed(20261218)
POOL_STACKS = {
    "max2": lambda: nn.MaxPool2d(2),
    "max3s2p1-avg3s1p1nopad-adaptive2x3": lambda: nn.Sequential(nn.MaxPool2d(3, 2, 1),
                                                                nn.AvgPool2d(3, 1, 1, count_include_pad=False),
                                                                nn.AdaptiveAvgPool2d((2, 3))),
    "maxrect-avg2ceil-adaptive1": lambda: nn.Sequential(nn.MaxPool2d((2, 3), (1, 2), (1, 0), (2, 1), ceil_mode=True),
                                                        nn.AvgPool2d(2, ceil_mode=True), nn.AdaptiveAvgPool2d(1)),
}


def pool_case(name, layers, shape):
    for dt in [torch.float64, torch.float32]:
        def rnd(*s):
            return torch.randn(s, generator=GENPOOL, dtype=torch.float64).to(dt)
        x = rnd(*shape).relu().requires_grad_(True)
        y = POOL_STACKS[layers]()(x)
        g = rnd(*y.shape)
        y.backward(g)
        emit(name + ("/f32" if dt == torch.float32 else ""), "pool", {"layers": layers},
             [("input", x), ("grad_output", g), ("output", y), ("grad_input", x.grad)])


pool_case("pool/max2/mnist-like", "max2", (4, 8, 12, 12))
pool_case("pool/stack", "max3s2p1-avg3s1p1nopad-adaptive2x3", (2, 3, 11, 9))
pool_case("pool/stack/unbatched", "maxrect-avg2ceil-adaptive1", (3, 7, 8))

print("# PyTorch golden values for jgrad.nn; written by make_nn_golden.py with torch " + torch.__version__)
print("# %d cases" % len(NAMES))
print("\n".join(OUT))
