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
    optimizer SGD|Adam|AdamW
    group <param,param,...> defaults | <name>=<value> ...   one parameter group, in order; the first
                                             group's settings are the optimizer's (constructor
                                             keywords), the defaults of the later groups
    param <step> <param> <shape> <values>    parameter values after optimizer step <step>
    state <param> <name> <shape> <values>    optimizer state after the last step
    scheduler StepLR|CosineAnnealingLR <name>=<value> ...
    lrs <group lr> ...                       the scheduler's optimizer: one group per lr
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


def run_current(kind, groups):
    """groups: list of (names, options or None for defaults). Returns (snapshots, states)."""
    # The first group's settings are the constructor's keyword arguments: the defaults of the others.
    defaults = dict({"SGD": SGD_DEFAULTS, "Adam": ADAM_DEFAULTS, "AdamW": ADAMW_DEFAULTS}[kind], **(groups[0][1] or {}))
    params = {n: INIT[n].clone() for names, _ in groups for n in names}
    states = {n: {} for n in params}
    snapshots = []
    for k in range(NSTEPS):
        for names, opts in groups:
            o = dict(defaults, **(opts or {}))
            for n in names:
                g = GRADS[k][n]
                if g is None:
                    continue
                if kind == "SGD":
                    sgd_current(params[n], g.clone(), states[n], **o)
                else:
                    adam_current(params[n], g.clone(), states[n], decoupled=(kind == "AdamW"), **o)
        snapshots.append({n: p.clone() for n, p in params.items()})
    return snapshots, states


def run_torch(kind, groups):
    """The installed torch.optim on the same inputs."""
    params = {n: INIT[n].clone().requires_grad_(True) for names, _ in groups for n in names}
    cls = {"SGD": torch.optim.SGD, "Adam": torch.optim.Adam, "AdamW": torch.optim.AdamW}[kind]
    pg = []
    for names, opts in groups:
        d = {"params": [params[n] for n in names]}
        d.update(opts if pg else {})
        pg.append(d)
    kwargs = dict(groups[0][1] or {})  # the first group's settings: the defaults of the others
    if kind == "SGD":
        kwargs.setdefault("lr", SGD_DEFAULTS["lr"])  # 1.13's SGD has no default lr; current's is 1e-3
    opt = cls(pg, foreach=False, **kwargs)
    snapshots = []
    for k in range(NSTEPS):
        for n, p in params.items():
            g = GRADS[k][n]
            p.grad = None if g is None else g.clone()
        opt.step()
        snapshots.append({n: p.detach().clone() for n, p in params.items()})
    # 1.13's SGD stores momentum_buffer=None when momentum is 0; current PyTorch stores nothing.
    states = {n: {k: v for k, v in opt.state[p].items() if v is not None} for n, p in params.items()}
    return snapshots, states


def check_agreement(name, kind, mine, theirs):
    (snap_a, st_a), (snap_b, st_b) = mine, theirs
    tol = 0.0 if kind == "SGD" else 1e-14
    worst = 0.0
    for k in range(NSTEPS):
        for n in snap_a[k]:
            worst = max(worst, (snap_a[k][n] - snap_b[k][n]).abs().max().item())
    for n in st_a:
        if set(st_a[n]) != set(st_b[n]):
            raise SystemExit(f"{name}: state keys differ for {n}: {sorted(st_a[n])} vs {sorted(st_b[n])}")
        for key in st_a[n]:
            a = st_a[n][key].to(torch.float64)
            b = st_b[n][key].to(torch.float64)
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


def main():
    out = [f"# jgrad.optim golden values; made by make_optim_golden.py with torch {torch.__version__}; do not edit"]
    for name, t in INIT.items():
        out.append(tensor_line(f"input {name}", t))
    for k in range(NSTEPS):
        for name in SHAPES:
            g = GRADS[k][name]
            out.append(f"nograd {k + 1} {name}" if g is None else tensor_line(f"grad {k + 1} {name}", g))

    worst = 0.0
    for name, kind, groups in optimizer_cases():
        mine = run_current(kind, groups)
        worst = max(worst, check_agreement(name, kind, mine, run_torch(kind, groups)))
        snapshots, states = mine
        out.append(f"case {name}")
        out.append(f"optimizer {kind}")
        for names, opts in groups:
            out.append(group_line(names, opts))
        for k in range(NSTEPS):
            for n, p in snapshots[k].items():
                out.append(tensor_line(f"param {k + 1} {n}", p))
        for n, st in states.items():
            for key, t in st.items():
                out.append(tensor_line(f"state {n} {key}", t))
        out.append("end")

    epochs = 30
    for name, kind, kwargs, lrs in scheduler_cases():
        params = [torch.zeros(1, requires_grad=True) for _ in lrs]
        opt = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=lrs[0])
        cls = getattr(torch.optim.lr_scheduler, kind)
        sched = cls(opt, **kwargs)
        out.append(f"case {name}")
        out.append(f"scheduler {kind} " + " ".join(f"{k}={opt_value(v) if not isinstance(v, int) else v}"
                                                  for k, v in kwargs.items()))
        out.append("lrs " + " ".join(repr(lr) for lr in lrs))
        out.append("lr 0 " + " ".join(fmt(v) for v in sched.get_last_lr()))
        for epoch in range(1, epochs + 1):
            opt.step()  # no grads: nothing moves, but the scheduler sees the usual call order
            sched.step()
            out.append(f"lr {epoch} " + " ".join(fmt(v) for v in sched.get_last_lr()))
        out.append("end")

    out.append(f"# largest difference between the re-implementation and torch.optim: {worst:.3g}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
