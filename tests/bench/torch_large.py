"""PyTorch peer of bench_large.sh: FILE.csv (features, then a 0/1 `label`
column), z-scored; 100 -> 256 -> 256 -> 1, tanh, BCEWithLogitsLoss (mean),
per-epoch shuffle, batch 256, plain SGD lr 0.03 (regscope's defaults,
lambda 0), float64. Loading is not timed. For each thread count given:
one untimed warm-up epoch, then EPOCHS epochs timed, REPEATS times. A
thread count whose warm-up epoch is more than 3x slower than the best
epoch so far is skipped (on a loaded machine two threads can be ten times
slower than one, and the bench must end).

usage: torch_large.py FILE.csv EPOCHS REPEATS THREADS...
prints "THREADS EPOCHS SECONDS" per timed repeat, "THREADS skipped WARM_S" for a
skipped thread count."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402
import torch  # noqa: E402

from peer_data import standardize  # noqa: E402

path, EPOCHS, REPEATS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
THREADS = [int(t) for t in sys.argv[4:]] or [1]
LR, BATCH = 0.03, 256
torch.set_default_dtype(torch.float64)

data = np.loadtxt(path, delimiter=",", skiprows=1)
X = torch.from_numpy(np.ascontiguousarray(standardize(data[:, :-1])))
y = torch.from_numpy(np.ascontiguousarray(data[:, -1:]))
n, d = X.shape
loss_fn = torch.nn.BCEWithLogitsLoss()


def new_model():
    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(d, 256), torch.nn.Tanh(),
        torch.nn.Linear(256, 256), torch.nn.Tanh(),
        torch.nn.Linear(256, 1))
    return model, torch.optim.SGD(model.parameters(), lr=LR)


def train(model, opt, epochs):
    t = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(n)
        for i in range(0, n, BATCH):
            idx = perm[i:i + BATCH]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(X[idx]), y[idx])
            loss.backward()
            opt.step()
    return time.perf_counter() - t


best_epoch = float("inf")
for threads in THREADS:
    torch.set_num_threads(threads)
    warm = train(*new_model(), 1)
    if warm > 3 * best_epoch:
        print(threads, "skipped", "%.4f" % warm, flush=True)
        continue
    best_epoch = min(best_epoch, warm)
    for _ in range(REPEATS):
        t = train(*new_model(), EPOCHS)
        best_epoch = min(best_epoch, t / EPOCHS)
        print(threads, EPOCHS, "%.4f" % t, flush=True)
