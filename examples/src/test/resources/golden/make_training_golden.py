#!/usr/bin/env python3
"""Golden values for a whole small training run in PyTorch (float64), for TrainingRunGoldenTest.

Run with Debian's python3-torch:  /usr/bin/python3 make_training_golden.py > training_golden.txt
A 4-8-3 MLP starts from the weights written below, trains with minibatch SGD (momentum,
weight decay) and, in a second run, with Adam, over 5 epochs of 4 shuffled minibatches; the
file holds the data, the initial weights, the batch order, every step's loss and the final
weights. jgrad must reproduce the losses and final weights to 1e-9 (it does to ~1e-15).
"""
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(1234)
N, D, H, C = 64, 4, 8, 3
X = torch.randn(N, D, generator=g)
y = torch.randint(0, C, (N,), generator=g)
EPOCHS, BATCH = 5, 16
perms = [torch.randperm(N, generator=g) for _ in range(EPOCHS)]


def fmt(t):
    t = t.detach().reshape(-1)
    return " ".join(repr(float(v)) if t.dtype == torch.float64 else str(int(v)) for v in t)


def line(kind, name, t):
    shape = ",".join(str(s) for s in t.shape)
    print(f"{kind} {name} {shape} {fmt(t)}")


torch.manual_seed(0)
model0 = nn.Sequential(nn.Linear(D, H), nn.ReLU(), nn.Linear(H, C))
init = {k: v.detach().clone() for k, v in model0.state_dict().items()}

print("# made by make_training_golden.py with torch", torch.__version__)
line("data", "X", X)
line("data", "y", y)
for e, p in enumerate(perms):
    line("data", f"perm{e}", p)
for k, v in init.items():
    line("init", k, v)

for run, make_opt in (("sgd", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=1e-4)),
                      ("adam", lambda ps: torch.optim.Adam(ps, lr=0.01))):
    model = nn.Sequential(nn.Linear(D, H), nn.ReLU(), nn.Linear(H, C))
    model.load_state_dict(init)
    opt = make_opt(model.parameters())
    crit = nn.CrossEntropyLoss()
    losses = []
    for e in range(EPOCHS):
        for b in range(N // BATCH):
            idx = perms[e][b * BATCH:(b + 1) * BATCH]
            opt.zero_grad()
            loss = crit(model(X[idx]), y[idx])
            loss.backward()
            opt.step()
            losses.append(loss.item())
    line("losses", run, torch.tensor(losses))
    for k, v in model.state_dict().items():
        line("final", f"{run}.{k}", v)
