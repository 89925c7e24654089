"""PyTorch peer of bench_small.sh: the classroom case in idiomatic PyTorch.

xor, 1000 samples, all trained; 2 -> 8 -> 8 -> 1, tanh, sigmoid output with
BCEWithLogitsLoss (mean); per-epoch shuffle, batch 10, plain SGD lr 0.03,
then the L1 proximal step (soft-threshold by lr * lambda) on the weight
matrices only, lambda 0.001 alpha 1. float64, one thread.

usage: torch_small.py [EPOCHS [REPEATS]]   (EPOCHS 0 = calibrate to ~2 s)
prints "epochs E" then per repeat "WALL_EPOCHS_PER_S CPU_EPOCHS_PER_S"."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402

from peer_data import time_epochs, xor_data  # noqa: E402

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

EPOCHS = int(sys.argv[1]) if len(sys.argv) > 1 else 0
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
LR, LAM, BATCH = 0.03, 0.001, 10

Xn, yn = xor_data(1000)
X = torch.from_numpy(Xn)
y = torch.from_numpy(yn).reshape(-1, 1)
n = X.shape[0]
state = {}


def reset():
    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 8), torch.nn.Tanh(),
        torch.nn.Linear(8, 8), torch.nn.Tanh(),
        torch.nn.Linear(8, 1))
    state["model"] = model
    state["opt"] = torch.optim.SGD(model.parameters(), lr=LR)
    state["weights"] = [m.weight for m in model if isinstance(m, torch.nn.Linear)]


loss_fn = torch.nn.BCEWithLogitsLoss()


def run_epoch():
    model, opt, weights = state["model"], state["opt"], state["weights"]
    perm = torch.randperm(n)
    for i in range(0, n, BATCH):
        idx = perm[i:i + BATCH]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(X[idx]), y[idx])
        loss.backward()
        opt.step()
        with torch.no_grad():
            for w in weights:
                w.copy_(torch.sign(w) * torch.clamp(w.abs() - LR * LAM, min=0))


epochs, rates = time_epochs(run_epoch, EPOCHS, REPEATS, reset)
print("epochs", epochs)
for wall, cpu in rates:
    print("%.3f %.3f" % (wall, cpu))
