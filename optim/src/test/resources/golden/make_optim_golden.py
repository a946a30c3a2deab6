#!/usr/bin/python3
"""Golden values for jgrad.optim, from PyTorch.

Run from this directory with Debian's python3-torch (1.13.1 on the project machines):

    /usr/bin/python3 make_optim_golden.py > optim_golden.txt

The output is a plain-text file read by OptimGoldenTest:

    # comment
    input <param> <shape> <values>           initial parameter values
    grad <step> <param> <shape> <values>     the gradient fed at step <step> (1-based)
    nograd <step> <param>                    the parameter has grad None at that step (skipped)
    case <name>
    optimizer SGD|Adam|AdamW|RMSprop|Adagrad|Adadelta
    group <param,param,...> defaults | <name>=<value> ...   one parameter group, in order; the first
                                             group's settings are the optimizer's (constructor
                                             keywords), the defaults of the later groups
    param <step> <param> <shape> <values>    parameter values after optimizer step <step>
    state <param> <name> <shape> <values>    optimizer state after the last step
    scheduler <name> <setting>=<value> ...   StepLR, CosineAnnealingLR, ExponentialLR, LambdaLR,
                                             ReduceLROnPlateau; a value may be a word (mode=max) or
                                             comma-separated, one per group (lr_lambda, min_lr)
    lrs <group lr> ...                       the scheduler's optimizer: one group per lr
    metrics <value> ...                      ReduceLROnPlateau only: the metric passed to step()
                                             at epochs 1, 2, ...
    lr <epoch> <lr of each group>            the lrs after construction (epoch 0) and each step()
    end

Shapes are comma-separated sizes, "-" for 0-D. Values have 17 significant digits.

How the numbers are made
------------------------
The optimizer goldens come from `sgd_current` and `adam_current` below: a re-implementation,
op for op on float64 torch tensors, of the single-tensor update rules of CURRENT PyTorch
(torch/optim/sgd.py `_single_tensor_sgd`, torch/optim/adam.py `_single_tensor_adam`, where
AdamW is Adam with decoupled weight decay). Current PyTorch negates the gradient for
`maximize` BEFORE weight decay and momentum; older releases applied it at the end. It also
updates Adam's first moment with `lerp_` where 1.13 uses `mul_(beta1).add_(g, 1 - beta1)`,
which differs in the last bits. Every case is also run through the installed torch.optim
(SGD, Adam, AdamW) and the script stops unless the two agree: bit for bit for SGD, and to
1e-14 for Adam/AdamW (the lerp rounding). On Debian's 1.13.1 the installed SGD and Adam
already negate first, so they agree with the current rule for maximize too; the check holds
for every case, maximize included.

The scheduler goldens are the installed torch.optim.lr_scheduler's own numbers: StepLR and
CosineAnnealingLR (the recursive, chainable form in step()) are unchanged in current PyTorch.

Appended later (after the first file's last line, so every earlier value stays byte for byte):
RMSprop and Adagrad, re-implemented the same way from current PyTorch's `_single_tensor_rmsprop`
and `_single_tensor_adagrad` (`rmsprop_current`, `adagrad_current`) and checked against the
installed torch.optim.RMSprop / Adagrad: current RMSprop updates the centered `grad_avg` with
`lerp_` where 1.13 uses `mul_(alpha).add_(g, 1 - alpha)`, so the check allows 1e-14 as for Adam;
1.13 keeps RMSprop's `step` as a Python int (current: a tensor) and creates Adagrad's state in
the constructor (current too; jgrad on the first step, the same once every parameter has
stepped). Then the schedulers ExponentialLR, LambdaLR (the lambdas are named in the file:
`decay<g>` is g ** epoch, `inverse` is 1 / (epoch + 1), `warmup<n>` is min(1, (epoch + 1) / n))
and ReduceLROnPlateau (fed the `metrics` line), all the installed torch's own numbers; their
rules are unchanged in current PyTorch.

Adadelta (appended later): `adadelta_current`, current PyTorch's `_single_tensor_adadelta` op for
op (the same rule as 1.13's; 1.13 keeps `step` as a Python int, current as a tensor), checked
against the installed torch.optim.Adadelta to 1e-14. A case may carry a `scheduler` line (StepLR,
as torch's mnist example uses it with Adadelta: step_size=1, gamma=0.7) followed by `lr` lines:
the scheduler is stepped after every optimizer step, and `lr <k>` gives the groups' lrs after k
steps; the scheduler (its chainable form, `lr * gamma`) is checked against the installed one.

Float32 (appended later): `/usr/bin/python3 make_optim_golden.py float32 > optim_float32_golden.txt`
writes, in the same format, the installed torch.optim's own float32 numbers (`float32_cases`):
the inputs and gradients above rounded to float32, each optimizer stepped on float32 parameters.
"""

import math
import random
import warnings

import torch

warnings.simplefilter("ignore")
torch.set_printoptions(precision=17)

NSTEPS = 5
SHAPES = {"W": (3, 4), "b": (4,)}
# Gradient scale per step: large early, small later, so that amsgrad's running max matters.
SCALES = [2.0, 1.0, 0.3, 0.1, 0.05]
NO_GRAD = {(3, "b")}  # (step, param): grad None at that step, so the param is skipped


def fmt(x):
    return "%.17g" % x


def shape_str(shape):
    return ",".join(str(s) for s in shape) if len(shape) else "-"


def tensor_line(prefix, t):
    t = t.detach().to(torch.float64)
    vals = " ".join(fmt(v) for v in t.reshape(-1).tolist())
    return f"{prefix} {shape_str(tuple(t.shape))} {vals}".rstrip()


rng = random.Random(20240611)


def randn(shape):
    n = math.prod(shape)
    return torch.tensor([rng.gauss(0.0, 1.0) for _ in range(n)], dtype=torch.float64).reshape(shape)


INIT = {name: randn(shape) for name, shape in SHAPES.items()}
GRADS = []  # GRADS[k][name]: gradient at step k+1, or None
for k in range(NSTEPS):
    step_grads = {}
    for name, shape in SHAPES.items():
        g = randn(shape) * SCALES[k]
        step_grads[name] = None if (k + 1, name) in NO_GRAD else g
    GRADS.append(step_grads)

SGD_DEFAULTS = dict(lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False, maximize=False)
ADAM_DEFAULTS = dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, maximize=False)
ADAMW_DEFAULTS = dict(ADAM_DEFAULTS, weight_decay=1e-2)
RMSPROP_DEFAULTS = dict(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False, maximize=False)
ADAGRAD_DEFAULTS = dict(lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10,
                        maximize=False)
ADADELTA_DEFAULTS = dict(lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0, maximize=False)
DEFAULTS = {"SGD": SGD_DEFAULTS, "Adam": ADAM_DEFAULTS, "AdamW": ADAMW_DEFAULTS, "RMSprop": RMSPROP_DEFAULTS,
            "Adagrad": ADAGRAD_DEFAULTS, "Adadelta": ADADELTA_DEFAULTS}


# ---------------------------------------------------------------- current PyTorch, re-implemented

def sgd_current(param, grad, state, lr, momentum, dampening, weight_decay, nesterov, maximize):
    grad = grad if not maximize else -grad
    if weight_decay != 0:
        grad = grad.add(param, alpha=weight_decay)
    if momentum != 0:
        buf = state.get("momentum_buffer")
        if buf is None:
            buf = torch.clone(grad).detach()
            state["momentum_buffer"] = buf
        else:
            buf.mul_(momentum).add_(grad, alpha=1 - dampening)
        if nesterov:
            grad = grad.add(buf, alpha=momentum)
        else:
            grad = buf
    param.add_(grad, alpha=-lr)


def adam_current(param, grad, state, lr, betas, eps, weight_decay, amsgrad, maximize, decoupled):
    beta1, beta2 = betas
    if len(state) == 0:
        state["step"] = torch.tensor(0.0, dtype=torch.float32)
        state["exp_avg"] = torch.zeros_like(param)
        state["exp_avg_sq"] = torch.zeros_like(param)
        if amsgrad:
            state["max_exp_avg_sq"] = torch.zeros_like(param)
    grad = grad if not maximize else -grad
    exp_avg, exp_avg_sq, step_t = state["exp_avg"], state["exp_avg_sq"], state["step"]
    step_t += 1
    if weight_decay != 0:
        if decoupled:
            param.mul_(1 - lr * weight_decay)
        else:
            grad = grad.add(param, alpha=weight_decay)
    exp_avg.lerp_(grad, 1 - beta1)
    exp_avg_sq.mul_(beta2).addcmul_(grad, grad.conj(), value=1 - beta2)
    step = step_t.item()
    bias_correction1 = 1 - beta1 ** step
    bias_correction2 = 1 - beta2 ** step
    step_size = lr / bias_correction1
    bias_correction2_sqrt = math.sqrt(bias_correction2)
    if amsgrad:
        torch.maximum(state["max_exp_avg_sq"], exp_avg_sq, out=state["max_exp_avg_sq"])
        denom = (state["max_exp_avg_sq"].sqrt() / bias_correction2_sqrt).add_(eps)
    else:
        denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
    param.addcdiv_(exp_avg, denom, value=-step_size)


def rmsprop_current(param, grad, state, lr, alpha, eps, weight_decay, momentum, centered, maximize):
    if len(state) == 0:
        state["step"] = torch.tensor(0.0, dtype=torch.float32)
        state["square_avg"] = torch.zeros_like(param)
        if momentum > 0:
            state["momentum_buffer"] = torch.zeros_like(param)
        if centered:
            state["grad_avg"] = torch.zeros_like(param)
    grad = grad if not maximize else -grad
    square_avg = state["square_avg"]
    state["step"] += 1
    if weight_decay != 0:
        grad = grad.add(param, alpha=weight_decay)
    square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
    if centered:
        grad_avg = state["grad_avg"]
        grad_avg.lerp_(grad, 1 - alpha)
        avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
    else:
        avg = square_avg.sqrt()
    avg = avg.add_(eps)
    if momentum > 0:
        buf = state["momentum_buffer"]
        buf.mul_(momentum).addcdiv_(grad, avg)
        param.add_(buf, alpha=-lr)
    else:
        param.addcdiv_(grad, avg, value=-lr)


def adagrad_current(param, grad, state, lr, lr_decay, weight_decay, initial_accumulator_value, eps, maximize,
                    constructor_initial_accumulator_value):
    # PyTorch fills "sum" in the constructor with the constructor's initial_accumulator_value, for
    # every group: a group's own value is never used.
    if len(state) == 0:
        state["step"] = torch.tensor(0.0, dtype=torch.float32)
        state["sum"] = torch.full_like(param, constructor_initial_accumulator_value)
    step_t = state["step"]
    step_t += 1
    step = step_t.item()
    grad = grad if not maximize else -grad
    if weight_decay != 0:
        grad = grad.add(param, alpha=weight_decay)
    clr = lr / (1 + (step - 1) * lr_decay)
    state["sum"].addcmul_(grad, grad, value=1)
    std = state["sum"].sqrt().add_(eps)
    param.addcdiv_(grad, std, value=-clr)


def adadelta_current(param, grad, state, lr, rho, eps, weight_decay, maximize):
    if len(state) == 0:
        state["step"] = torch.tensor(0.0, dtype=torch.float32)
        state["square_avg"] = torch.zeros_like(param)
        state["acc_delta"] = torch.zeros_like(param)
    square_avg, acc_delta = state["square_avg"], state["acc_delta"]
    state["step"] += 1
    grad = grad if not maximize else -grad
    if weight_decay != 0:
        grad = grad.add(param, alpha=weight_decay)
    square_avg.mul_(rho).addcmul_(grad, grad, value=1 - rho)
    std = square_avg.add(eps).sqrt_()
    delta = acc_delta.add(eps).sqrt_()
    delta.div_(std).mul_(grad)
    acc_delta.mul_(rho).addcmul_(delta, delta, value=1 - rho)
    param.add_(delta, alpha=-lr)


def run_current(kind, groups, sched=None):
    """groups: list of (names, options or None for defaults); sched: None or ("StepLR", settings),
    stepped after every optimizer step. Returns (snapshots, states, lrs)."""
    # The first group's settings are the constructor's keyword arguments: the defaults of the others.
    defaults = dict(DEFAULTS[kind], **(groups[0][1] or {}))
    params = {n: INIT[n].clone() for names, _ in groups for n in names}
    states = {n: {} for n in params}
    group_opts = [dict(defaults, **(opts or {})) for _, opts in groups]
    snapshots = []
    lrs = [[o["lr"] for o in group_opts]]
    for k in range(NSTEPS):
        for (names, _), o in zip(groups, group_opts):
            for n in names:
                g = GRADS[k][n]
                if g is None:
                    continue
                if kind == "SGD":
                    sgd_current(params[n], g.clone(), states[n], **o)
                elif kind == "RMSprop":
                    rmsprop_current(params[n], g.clone(), states[n], **o)
                elif kind == "Adagrad":
                    adagrad_current(params[n], g.clone(), states[n], **o,
                                    constructor_initial_accumulator_value=defaults["initial_accumulator_value"])
                elif kind == "Adadelta":
                    adadelta_current(params[n], g.clone(), states[n], **o)
                else:
                    adam_current(params[n], g.clone(), states[n], decoupled=(kind == "AdamW"), **o)
        snapshots.append({n: p.clone() for n, p in params.items()})
        if sched is not None:
            # StepLR's chainable form (unchanged in current PyTorch): lr * gamma every step_size epochs
            skind, settings = sched
            assert skind == "StepLR"
            if (k + 1) % settings["step_size"] == 0:
                for o in group_opts:
                    o["lr"] = o["lr"] * settings["gamma"]
        lrs.append([o["lr"] for o in group_opts])
    return snapshots, states, lrs


def run_torch(kind, groups, dtype=torch.float64, sched=None):
    """The installed torch.optim on the same inputs (converted to dtype); sched as for run_current."""
    params = {n: INIT[n].to(dtype, copy=True).requires_grad_(True) for names, _ in groups for n in names}
    cls = {"SGD": torch.optim.SGD, "Adam": torch.optim.Adam, "AdamW": torch.optim.AdamW,
           "RMSprop": torch.optim.RMSprop, "Adagrad": torch.optim.Adagrad, "Adadelta": torch.optim.Adadelta}[kind]
    pg = []
    for names, opts in groups:
        d = {"params": [params[n] for n in names]}
        d.update(opts if pg else {})
        pg.append(d)
    kwargs = dict(groups[0][1] or {})  # the first group's settings: the defaults of the others
    if kind == "SGD":
        kwargs.setdefault("lr", SGD_DEFAULTS["lr"])  # 1.13's SGD has no default lr; current's is 1e-3
    opt = cls(pg, foreach=False, **kwargs)
    scheduler = None if sched is None else getattr(torch.optim.lr_scheduler, sched[0])(opt, **sched[1])
    snapshots = []
    lrs = [[g["lr"] for g in opt.param_groups]]
    for k in range(NSTEPS):
        for n, p in params.items():
            g = GRADS[k][n]
            p.grad = None if g is None else g.to(dtype, copy=True)
        opt.step()
        snapshots.append({n: p.detach().clone() for n, p in params.items()})
        if scheduler is not None:
            scheduler.step()
        lrs.append([g["lr"] for g in opt.param_groups])
    # 1.13's SGD stores momentum_buffer=None when momentum is 0; current PyTorch stores nothing.
    states = {n: {k: v for k, v in opt.state[p].items() if v is not None} for n, p in params.items()}
    return snapshots, states, lrs


def check_agreement(name, kind, mine, theirs):
    (snap_a, st_a, lrs_a), (snap_b, st_b, lrs_b) = mine, theirs
    tol = 0.0 if kind == "SGD" else 1e-14
    if lrs_a != lrs_b:
        raise SystemExit(f"{name}: learning rates differ: {lrs_a} vs {lrs_b}")
    worst = 0.0
    for k in range(NSTEPS):
        for n in snap_a[k]:
            worst = max(worst, (snap_a[k][n] - snap_b[k][n]).abs().max().item())
    for n in st_a:
        if set(st_a[n]) != set(st_b[n]):
            raise SystemExit(f"{name}: state keys differ for {n}: {sorted(st_a[n])} vs {sorted(st_b[n])}")
        for key in st_a[n]:
            a = torch.as_tensor(st_a[n][key]).to(torch.float64)
            b = torch.as_tensor(st_b[n][key]).to(torch.float64)  # 1.13's RMSprop/Adadelta step is an int
            worst = max(worst, (a - b).abs().max().item())
    if worst > tol:
        raise SystemExit(f"{name}: re-implementation and torch {torch.__version__} differ by {worst}")
    return worst


def opt_value(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    return repr(float(v))


def group_line(names, opts):
    if opts is None:
        return f"group {','.join(names)} defaults"
    parts = []
    for key, v in opts.items():
        if key == "betas":
            parts.append(f"beta1={opt_value(v[0])}")
            parts.append(f"beta2={opt_value(v[1])}")
        else:
            parts.append(f"{key}={opt_value(v)}")
    return f"group {','.join(names)} " + " ".join(parts)


def optimizer_cases():
    cases = []
    # SGD: every valid combination of momentum, dampening, weight decay, nesterov, maximize.
    for momentum in (0.0, 0.9):
        for dampening in (0.0, 0.1):
            for wd in (0.0, 0.01):
                for nesterov in (False, True):
                    if nesterov and (momentum == 0 or dampening != 0):
                        continue
                    for maximize in (False, True):
                        name = f"sgd_m{momentum}_d{dampening}_wd{wd}" + ("_nesterov" if nesterov else "") + (
                            "_maximize" if maximize else "")
                        opts = dict(lr=0.1, momentum=momentum, dampening=dampening, weight_decay=wd,
                                    nesterov=nesterov, maximize=maximize)
                        cases.append((name, "SGD", [(["W", "b"], opts)]))
    cases.append(("sgd_lr0.05_m0.5_d0.5_wd0.2", "SGD",
                  [(["W", "b"], dict(lr=0.05, momentum=0.5, dampening=0.5, weight_decay=0.2))]))
    cases.append(("sgd_defaults", "SGD", [(["W", "b"], None)]))
    cases.append(("sgd_groups", "SGD", [
        (["W"], dict(lr=0.1, momentum=0.9, nesterov=True)),
        (["b"], dict(lr=0.01, weight_decay=0.01, maximize=True)),
    ]))
    # Adam and AdamW.
    for kind in ("Adam", "AdamW"):
        low = kind.lower()
        cases.append((f"{low}_defaults", kind, [(["W", "b"], None)]))
        cases.append((f"{low}_lr0.1", kind, [(["W", "b"], dict(lr=0.1))]))
        cases.append((f"{low}_wd0", kind, [(["W", "b"], dict(lr=0.1, weight_decay=0.0))]))
        cases.append((f"{low}_wd0.1", kind, [(["W", "b"], dict(lr=0.1, weight_decay=0.1))]))
        cases.append((f"{low}_amsgrad", kind, [(["W", "b"], dict(lr=0.1, amsgrad=True))]))
        cases.append((f"{low}_maximize", kind, [(["W", "b"], dict(lr=0.1, maximize=True))]))
        cases.append((f"{low}_maximize_wd_amsgrad", kind,
                      [(["W", "b"], dict(lr=0.1, weight_decay=0.1, amsgrad=True, maximize=True))]))
        cases.append((f"{low}_custom", kind,
                      [(["W", "b"], dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.05))]))
        cases.append((f"{low}_groups", kind, [
            (["W"], dict(lr=0.1, amsgrad=True)),
            (["b"], dict(lr=0.05, betas=(0.5, 0.9), weight_decay=0.3, maximize=True)),
        ]))
    return cases


def new_optimizer_cases():
    """Appended after the first file: RMSprop and Adagrad."""
    return [
        ("rmsprop_defaults", "RMSprop", [(["W", "b"], None)]),
        ("rmsprop_lr0.01_alpha0.9", "RMSprop", [(["W", "b"], dict(lr=0.01, alpha=0.9))]),
        ("rmsprop_momentum", "RMSprop", [(["W", "b"], dict(lr=0.01, momentum=0.9))]),
        ("rmsprop_centered", "RMSprop", [(["W", "b"], dict(lr=0.01, centered=True))]),
        ("rmsprop_centered_momentum", "RMSprop", [(["W", "b"], dict(lr=0.01, momentum=0.5, centered=True))]),
        ("rmsprop_wd0.1", "RMSprop", [(["W", "b"], dict(lr=0.01, weight_decay=0.1))]),
        ("rmsprop_maximize", "RMSprop", [(["W", "b"], dict(lr=0.01, maximize=True))]),
        ("rmsprop_everything", "RMSprop", [(["W", "b"], dict(lr=0.02, alpha=0.8, eps=1e-4, weight_decay=0.05,
                                                                momentum=0.7, centered=True, maximize=True))]),
        ("rmsprop_groups", "RMSprop", [
            (["W"], dict(lr=0.01, centered=True)),
            (["b"], dict(lr=0.05, momentum=0.9, weight_decay=0.01, maximize=True)),
        ]),
        ("adagrad_defaults", "Adagrad", [(["W", "b"], None)]),
        ("adagrad_lr0.1", "Adagrad", [(["W", "b"], dict(lr=0.1))]),
        ("adagrad_lr_decay", "Adagrad", [(["W", "b"], dict(lr=0.1, lr_decay=0.3))]),
        ("adagrad_wd0.1", "Adagrad", [(["W", "b"], dict(lr=0.1, weight_decay=0.1))]),
        ("adagrad_initial_accumulator", "Adagrad", [(["W", "b"], dict(lr=0.1, initial_accumulator_value=0.5))]),
        ("adagrad_eps", "Adagrad", [(["W", "b"], dict(lr=0.1, eps=1e-3))]),
        ("adagrad_maximize", "Adagrad", [(["W", "b"], dict(lr=0.1, maximize=True))]),
        ("adagrad_everything", "Adagrad", [(["W", "b"], dict(lr=0.05, lr_decay=0.1, weight_decay=0.2,
                                                                initial_accumulator_value=0.1, eps=1e-6,
                                                                maximize=True))]),
        ("adagrad_groups", "Adagrad", [
            (["W"], dict(lr=0.1, lr_decay=0.05)),
            (["b"], dict(lr=0.3, initial_accumulator_value=1.0, maximize=True)),
        ]),
    ]


# torch's examples/mnist: Adadelta(lr=1.0) with StepLR(step_size=1, gamma=0.7), stepped once per epoch
MNIST_STEPLR = ("StepLR", dict(step_size=1, gamma=0.7))


def adadelta_cases():
    """Appended later: Adadelta (the last two with a StepLR stepped after every optimizer step)."""
    return [
        ("adadelta_defaults", "Adadelta", [(["W", "b"], None)]),
        ("adadelta_lr0.5", "Adadelta", [(["W", "b"], dict(lr=0.5))]),
        ("adadelta_rho0.5", "Adadelta", [(["W", "b"], dict(lr=1.0, rho=0.5))]),
        ("adadelta_rho0", "Adadelta", [(["W", "b"], dict(lr=1.0, rho=0.0))]),
        ("adadelta_eps1e-3", "Adadelta", [(["W", "b"], dict(lr=1.0, eps=1e-3))]),
        ("adadelta_wd0.1", "Adadelta", [(["W", "b"], dict(lr=1.0, weight_decay=0.1))]),
        ("adadelta_maximize", "Adadelta", [(["W", "b"], dict(lr=1.0, maximize=True))]),
        ("adadelta_everything", "Adadelta", [(["W", "b"], dict(lr=0.5, rho=0.8, eps=1e-4, weight_decay=0.05,
                                                                  maximize=True))]),
        ("adadelta_groups", "Adadelta", [
            (["W"], dict(lr=1.0, rho=0.95)),
            (["b"], dict(lr=0.1, eps=1e-2, weight_decay=0.01, maximize=True)),
        ]),
        ("adadelta_steplr_s1_g0.7", "Adadelta", [(["W", "b"], dict(lr=1.0))], MNIST_STEPLR),
        ("adadelta_wd_steplr_s2_g0.5_groups", "Adadelta", [
            (["W"], dict(lr=1.0, weight_decay=0.01)),
            (["b"], dict(lr=0.5)),
        ], ("StepLR", dict(step_size=2, gamma=0.5))),
    ]


LAMBDAS = {
    "inverse": lambda e: 1.0 / (e + 1),
}


def make_lambda(name):
    if name in LAMBDAS:
        return LAMBDAS[name]
    if name.startswith("decay"):
        g = float(name[5:])
        return lambda e: g ** e
    if name.startswith("warmup"):
        n = int(name[6:])
        return lambda e: min(1.0, (e + 1) / n)
    raise SystemExit("unknown lambda " + name)


def new_scheduler_cases():
    """Appended after the first file: ExponentialLR, LambdaLR, ReduceLROnPlateau."""
    return [
        ("exponential_g0.9", "ExponentialLR", dict(gamma=0.9), [0.1]),
        ("exponential_g0.5_groups", "ExponentialLR", dict(gamma=0.5), [0.1, 0.02]),
        ("exponential_g1", "ExponentialLR", dict(gamma=1.0), [0.3]),
        ("lambda_decay0.95", "LambdaLR", dict(lr_lambda=["decay0.95"]), [0.1]),
        ("lambda_inverse", "LambdaLR", dict(lr_lambda=["inverse"]), [0.5]),
        ("lambda_per_group", "LambdaLR", dict(lr_lambda=["warmup5", "decay0.8"]), [0.1, 0.02]),
        ("plateau_defaults", "ReduceLROnPlateau", dict(), [0.1]),
        ("plateau_max_f0.5_p2_cooldown1_groups", "ReduceLROnPlateau",
         dict(mode="max", factor=0.5, patience=2, cooldown=1), [0.1, 0.05]),
        ("plateau_abs_t0.05_p1_minlr0.02", "ReduceLROnPlateau",
         dict(threshold_mode="abs", threshold=0.05, patience=1, min_lr=0.02), [0.1]),
        ("plateau_max_abs_minlrs_eps", "ReduceLROnPlateau",
         dict(mode="max", threshold_mode="abs", threshold=0.01, patience=0, factor=0.3, min_lr=[0.001, 0.02],
              eps=0.005), [0.1, 0.05]),
    ]


def plateau_metrics(mode, epochs):
    """A loss that falls, then wanders on a plateau (a score that rises, for mode max)."""
    r = random.Random(7)
    out = []
    for e in range(1, epochs + 1):
        v = max(1.0 - 0.15 * e, 0.3) + 0.02 * r.random()
        out.append(round(v if mode == "min" else 1.0 - v, 6))
    return out


def setting_str(k, v):
    if isinstance(v, list):
        return f"{k}=" + ",".join(x if isinstance(x, str) else opt_value(x) for x in v)
    if isinstance(v, str):
        return f"{k}={v}"
    return f"{k}={opt_value(v) if not isinstance(v, int) else v}"


def scheduler_cases():
    return [
        ("steplr_s7_g0.1", "StepLR", dict(step_size=7, gamma=0.1), [0.1]),
        ("steplr_s3_g0.5_groups", "StepLR", dict(step_size=3, gamma=0.5), [0.1, 0.02]),
        ("steplr_s1_g0.9", "StepLR", dict(step_size=1, gamma=0.9), [1.0]),
        ("cosine_t10", "CosineAnnealingLR", dict(T_max=10), [0.1]),
        ("cosine_t7_eta0.001_groups", "CosineAnnealingLR", dict(T_max=7, eta_min=0.001), [0.1, 0.05]),
        ("cosine_t1", "CosineAnnealingLR", dict(T_max=1), [0.5]),
        ("cosine_t30_eta0.01", "CosineAnnealingLR", dict(T_max=30, eta_min=0.01), [0.3]),
    ]


EPOCHS = 30


def optimizer_case_lines(out, name, kind, groups, sched=None):
    """Appends one optimizer case; returns the largest difference from the installed torch.optim."""
    mine = run_current(kind, groups, sched)
    worst = check_agreement(name, kind, mine, run_torch(kind, groups, sched=sched))
    case_lines(out, name, kind, groups, *mine, sched=sched)
    return worst


def case_lines(out, name, kind, groups, snapshots, states, lrs, sched=None):
    """Appends one optimizer case's lines: its groups, the parameters after each step, the final state.
    With a scheduler: its line and the lrs after construction and after each step (scheduler.step())."""
    out.append(f"case {name}")
    out.append(f"optimizer {kind}")
    for names, opts in groups:
        out.append(group_line(names, opts))
    if sched is not None:
        out.append(f"scheduler {sched[0]} " + " ".join(setting_str(k, v) for k, v in sched[1].items()))
        for epoch, group_lrs in enumerate(lrs):
            out.append(f"lr {epoch} " + " ".join(fmt(lr) for lr in group_lrs))
    for k in range(NSTEPS):
        for n, p in snapshots[k].items():
            out.append(tensor_line(f"param {k + 1} {n}", p))
    for n, st in states.items():
        for key, t in st.items():
            out.append(tensor_line(f"state {n} {key}", torch.as_tensor(t)))
    out.append("end")


def scheduler_case_lines(out, name, kind, kwargs, lrs):
    """Appends one scheduler case: the installed torch's learning rates after each epoch."""
    params = [torch.zeros(1, requires_grad=True) for _ in lrs]
    opt = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=lrs[0])
    args = dict(kwargs)
    if kind == "LambdaLR":
        fns = [make_lambda(n) for n in kwargs["lr_lambda"]]
        args["lr_lambda"] = fns if len(fns) > 1 else fns[0]
    sched = getattr(torch.optim.lr_scheduler, kind)(opt, **args)
    out.append(f"case {name}")
    out.append(f"scheduler {kind} " + " ".join(setting_str(k, v) for k, v in kwargs.items()))
    out[-1] = out[-1].rstrip()
    out.append("lrs " + " ".join(repr(lr) for lr in lrs))
    out.append("lr 0 " + " ".join(fmt(g["lr"]) for g in opt.param_groups))
    metrics = plateau_metrics(kwargs.get("mode", "min"), EPOCHS) if kind == "ReduceLROnPlateau" else None
    if metrics is not None:
        out.append("metrics " + " ".join(repr(m) for m in metrics))
    for epoch in range(1, EPOCHS + 1):
        opt.step()  # no grads: nothing moves, but the scheduler sees the usual call order
        if metrics is not None:
            sched.step(metrics[epoch - 1])
        else:
            sched.step()
        out.append(f"lr {epoch} " + " ".join(fmt(g["lr"]) for g in opt.param_groups))
    out.append("end")


def float32_cases():
    """Appended later, for optim_float32_golden.txt: each optimizer on FLOAT32 parameters."""
    return [
        ("f32_sgd", "SGD", [(["W", "b"], dict(lr=0.1))]),
        ("f32_sgd_momentum_wd", "SGD", [(["W", "b"], dict(lr=0.1, momentum=0.9, weight_decay=0.1))]),
        ("f32_sgd_nesterov_maximize", "SGD", [(["W", "b"], dict(lr=0.05, momentum=0.5, nesterov=True,
                                                                  maximize=True))]),
        ("f32_adam_defaults", "Adam", [(["W", "b"], None)]),
        ("f32_adam_amsgrad_wd", "Adam", [(["W", "b"], dict(lr=0.01, weight_decay=0.1, amsgrad=True))]),
        ("f32_adamw", "AdamW", [(["W", "b"], dict(lr=0.01))]),
        ("f32_rmsprop_centered_momentum", "RMSprop", [(["W", "b"], dict(lr=0.01, momentum=0.5, centered=True))]),
        ("f32_adagrad_everything", "Adagrad", [(["W", "b"], dict(lr=0.05, lr_decay=0.1, weight_decay=0.2,
                                                                     initial_accumulator_value=0.1, eps=1e-6))]),
        # appended: plain momentum with dampening, SGDKernel's float loop (no weight decay)
        ("f32_sgd_momentum_dampening", "SGD", [(["W", "b"], dict(lr=0.1, momentum=0.9, dampening=0.25))]),
        # appended: Adadelta
        ("f32_adadelta_defaults", "Adadelta", [(["W", "b"], None)]),
        ("f32_adadelta_everything", "Adadelta", [(["W", "b"], dict(lr=0.5, rho=0.8, eps=1e-4, weight_decay=0.05,
                                                                       maximize=True))]),
        ("f32_adadelta_steplr", "Adadelta", [(["W", "b"], dict(lr=1.0))], MNIST_STEPLR),
    ]


def float32_main():
    """optim_float32_golden.txt: the installed torch.optim run in float32 (its float kernels).

    The inputs and gradients are those of optim_golden.txt rounded to float32 (written as the
    float32 values); the parameters after each step and the final state are torch's float32
    values. Same format as optim_golden.txt.
    """
    out = [f"# jgrad.optim float32 golden values; made by make_optim_golden.py float32 with torch "
           f"{torch.__version__}; do not edit"]
    for name, t in INIT.items():
        out.append(tensor_line(f"input {name}", t.to(torch.float32)))
    for k in range(NSTEPS):
        for name in SHAPES:
            g = GRADS[k][name]
            out.append(f"nograd {k + 1} {name}" if g is None else tensor_line(f"grad {k + 1} {name}",
                                                                               g.to(torch.float32)))
    for name, kind, groups, *sched in float32_cases():
        sched = sched[0] if sched else None
        snapshots, states, lrs = run_torch(kind, groups, torch.float32, sched)
        for k in range(NSTEPS):
            for p in snapshots[k].values():
                assert p.dtype == torch.float32
        case_lines(out, name, kind, groups, snapshots, states, lrs, sched)
    print("\n".join(out))


def main():
    out = [f"# jgrad.optim golden values; made by make_optim_golden.py with torch {torch.__version__}; do not edit"]
    for name, t in INIT.items():
        out.append(tensor_line(f"input {name}", t))
    for k in range(NSTEPS):
        for name in SHAPES:
            g = GRADS[k][name]
            out.append(f"nograd {k + 1} {name}" if g is None else tensor_line(f"grad {k + 1} {name}", g))

    worst = 0.0
    for case in optimizer_cases():
        worst = max(worst, optimizer_case_lines(out, *case))
    for case in scheduler_cases():
        scheduler_case_lines(out, *case)
    out.append(f"# largest difference between the re-implementation and torch.optim: {worst:.3g}")

    # ---- appended later: every line above stays as it was
    worst = 0.0
    for case in new_optimizer_cases():
        worst = max(worst, optimizer_case_lines(out, *case))
    for case in new_scheduler_cases():
        scheduler_case_lines(out, *case)
    out.append(f"# appended cases: largest difference between the re-implementation and torch.optim: {worst:.3g}")

    # ---- appended later: Adadelta
    worst = 0.0
    for case in adadelta_cases():
        worst = max(worst, optimizer_case_lines(out, *case))
    out.append(f"# Adadelta: largest difference between the re-implementation and torch.optim: {worst:.3g}")
    print("\n".join(out))


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["float32"]:
        float32_main()
    else:
        main()
