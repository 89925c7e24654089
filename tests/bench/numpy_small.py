"""NumPy peer of bench_small.sh: the same training as torch_small.py with a
hand-written forward and backward pass (float64).

usage: numpy_small.py [EPOCHS [REPEATS]]   (EPOCHS 0 = calibrate to ~2 s)
prints "epochs E" then per repeat "WALL_EPOCHS_PER_S CPU_EPOCHS_PER_S"."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402

from peer_data import time_epochs, xor_data  # noqa: E402

EPOCHS = int(sys.argv[1]) if len(sys.argv) > 1 else 0
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
LR, LAM, BATCH = 0.03, 0.001, 10
SIZES = [2, 8, 8, 1]

X, y = xor_data(1000)
y = y.reshape(-1, 1)
n = X.shape[0]
state = {}


def reset():
    rng = np.random.default_rng(1)
    Ws, bs = [], []
    for fan_in, fan_out in zip(SIZES[:-1], SIZES[1:]):
        bound = 1.0 / np.sqrt(fan_in)  # nn.Linear's default init range
        Ws.append(rng.uniform(-bound, bound, (fan_in, fan_out)))
        bs.append(rng.uniform(-bound, bound, fan_out))
    state["W"], state["b"], state["rng"] = Ws, bs, rng


def run_epoch():
    Ws, bs, rng = state["W"], state["b"], state["rng"]
    L = len(Ws)
    perm = rng.permutation(n)
    thr = LR * LAM
    for i in range(0, n, BATCH):
        idx = perm[i:i + BATCH]
        xb, yb = X[idx], y[idx]
        m = xb.shape[0]
        acts = [xb]
        a = xb
        for k in range(L):
            z = a @ Ws[k] + bs[k]
            a = np.tanh(z) if k < L - 1 else z
            acts.append(a)
        p = 1.0 / (1.0 + np.exp(-acts[-1]))
        delta = (p - yb) / m                  # d mean BCE / d logits
        for k in range(L - 1, -1, -1):
            gW = acts[k].T @ delta
            gb = delta.sum(axis=0)
            if k > 0:
                delta = (delta @ Ws[k].T) * (1.0 - acts[k] ** 2)
            Ws[k] -= LR * gW
            bs[k] -= LR * gb
            w = Ws[k]
            np.copyto(w, np.sign(w) * np.maximum(np.abs(w) - thr, 0.0))


epochs, rates = time_epochs(run_epoch, EPOCHS, REPEATS, reset)
print("epochs", epochs)
for wall, cpu in rates:
    print("%.3f %.3f" % (wall, cpu))
