"""Data and timing helpers shared by the Python peers of the benchmarks.

xor follows regscope's generator (src/data/data.c, TensorFlow Playground's
definition): x, y uniform in [-5, 5], pushed away from the axes by 0.3,
label (x + nx) * (y + ny) >= 0 with nx, ny uniform in [-5, 5] * noise
(regscope's default noise is 10 %). Features are z-scored with the
population standard deviation, as regscope does. Not bit-identical to
regscope's data (different RNG), same shape and distribution."""
import time

import numpy as np


def xor_data(n=1000, noise=0.10, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-5, 5, n)
    y = rng.uniform(-5, 5, n)
    x += np.where(x > 0, 0.3, -0.3)
    y += np.where(y > 0, 0.3, -0.3)
    nx = rng.uniform(-5, 5, n) * noise
    ny = rng.uniform(-5, 5, n) * noise
    label = ((x + nx) * (y + ny) >= 0).astype(np.float64)
    X = np.stack([x, y], axis=1)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    return X, label


def standardize(X):
    sd = X.std(axis=0)
    sd[sd == 0] = 1.0
    return (X - X.mean(axis=0)) / sd


def time_epochs(run_epoch, epochs, repeats, reset, target_s=2.0):
    """Calls reset() then run_epoch() `epochs` times, `repeats` times over;
    returns per repeat (epochs/s of wall time, epochs/s of CPU time of the
    process). epochs <= 0: calibrated so that one repeat takes about
    target_s seconds."""
    if epochs <= 0:
        reset()
        t = time.perf_counter()
        k = 0
        while time.perf_counter() - t < 0.3:
            run_epoch()
            k += 1
        per = (time.perf_counter() - t) / k
        epochs = max(2, int(target_s / per))
    rates = []
    for _ in range(repeats):
        reset()
        t, c = time.perf_counter(), time.process_time()
        for _ in range(epochs):
            run_epoch()
        t, c = time.perf_counter() - t, time.process_time() - c
        rates.append((epochs / t, epochs / c if c > 0 else float("nan")))
    return epochs, rates
