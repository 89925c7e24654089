/* emit_py: the part of an --emit script that is the same for every library
 * (see emit.h): header, settings block, data loader (numpy generators, or
 * emit_table.c's CSV reader) and the common functions (regscope's split, the
 * training-mean fill of --missing mean, the expansion, the objective), as
 * fixed Python text and fprintf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script_parts.h"

#define REGSCOPE_EMIT_VERSION "0.1.0"

/* ---- the script ---------------------------------------------------------------- */

static void py_num(FILE *out, double v)
{
    char b[48];
    emit_fmt_double(v, b, sizeof b);
    fputs(b, out);
}

static const char *const py_generators[][2] = {
    {"circle", "    inner = np.arange(n) < n // 2\n"
               "    rr = np.where(inner, r.uniform(0, 2.5, n), r.uniform(3.5, 5, n))\n"
               "    angle = r.uniform(0, 2 * np.pi, n)\n"
               "    x, y = rr * np.sin(angle), rr * np.cos(angle)\n"
               "    nx, ny = r.uniform(-5, 5, n) * noise, r.uniform(-5, 5, n) * noise\n"
               "    return np.c_[x, y], (np.hypot(x + nx, y + ny) < 2.5).astype(int)\n"},
    {"xor", "    x, y = r.uniform(-5, 5, n), r.uniform(-5, 5, n)\n"
            "    x += np.where(x > 0, 0.3, -0.3)\n"
            "    y += np.where(y > 0, 0.3, -0.3)\n"
            "    nx, ny = r.uniform(-5, 5, n) * noise, r.uniform(-5, 5, n) * noise\n"
            "    return np.c_[x, y], ((x + nx) * (y + ny) >= 0).astype(int)\n"},
    {"gauss",
     "    sd = np.sqrt(0.5 + min(noise, 0.5) / 0.5 * 3.5)\n"
     "    label = (np.arange(n) < n // 2).astype(int)\n"
     "    c = np.where(label == 1, 2.0, -2.0)\n"
     "    return np.c_[c + sd * r.standard_normal(n), c + sd * r.standard_normal(n)], label\n"},
    {"spiral", "    half = n // 2\n"
               "    label = (np.arange(n) < half).astype(int)\n"
               "    k = np.where(label == 1, np.arange(n), np.arange(n) - half)\n"
               "    frac = k / np.maximum(np.where(label == 1, half, n - half), 1)\n"
               "    rr, t = frac * 5.0, 1.75 * frac * 2 * np.pi + np.where(label == 1, 0, np.pi)\n"
               "    return (np.c_[rr * np.sin(t) + r.uniform(-1, 1, n) * noise,\n"
               "                  rr * np.cos(t) + r.uniform(-1, 1, n) * noise], label)\n"},
    {"moons",
     "    label = (np.arange(n) >= n // 2).astype(int)\n"
     "    t = r.uniform(0, np.pi, n)\n"
     "    x = np.where(label == 1, 1 - np.cos(t), np.cos(t)) + noise * r.standard_normal(n)\n"
     "    y = np.where(label == 1, 0.5 - np.sin(t), np.sin(t)) + noise * r.standard_normal(n)\n"
     "    return np.c_[(x - 0.5) * 3.0, (y - 0.25) * 3.0], label\n"},
    {"line",
     "    x = r.uniform(-3, 3, n)\n"
     "    return x[:, None], np.sin(1.2 * x) + 0.3 * x + noise * 2.0 * r.standard_normal(n)\n"},
    {"sparse", "    X = r.standard_normal((n, 30))  # 5 informative features of 30\n"
               "    w = np.array([3.0, -2.0, 1.5, -1.0, 0.5])\n"
               "    return X, X[:, :5] @ w + noise * 2.0 * r.standard_normal(n)\n"},
    {"groups",
     "    Z = r.standard_normal((n, 3))  # 3 factors, 4 correlated columns each, 3 noise\n"
     "    X = np.c_[np.repeat(Z, 4, axis=1) + 0.25 * r.standard_normal((n, 12)),\n"
     "              r.standard_normal((n, 3))]\n"
     "    w = np.array([2.0, -1.5, 1.0])  # on each group's first column\n"
     "    return X, X[:, [0, 4, 8]] @ w + noise * 2.0 * r.standard_normal(n)\n"},
    {"corr", "    x1 = r.standard_normal(n)  # two features with correlation CORR\n"
             "    x2 = CORR * x1 + np.sqrt(1 - CORR**2) * r.standard_normal(n)\n"
             "    t = np.radians(DIRECTION)  # the true weights' direction\n"
             "    y = np.cos(t) * x1 + np.sin(t) * x2 + noise * 2.0 * r.standard_normal(n)\n"
             "    return np.c_[x1, x2], y\n"},
};

static const char py_common[] =
    "\n"
    "\n"
    "def expand(X):\n"
    "    \"\"\"regscope's --features expansion of (x1, x2).\"\"\"\n"
    "    if FEATURES is None:\n"
    "        return X\n"
    "    cols = []\n"
    "    for f in FEATURES:\n"
    "        if f == \"sin1\":\n"
    "            cols.append(np.sin(X[:, 0]))\n"
    "        elif f == \"sin2\":\n"
    "            cols.append(np.sin(X[:, 1]))\n"
    "        else:\n"
    "            cols.append(X[:, 0] ** f[0] * X[:, 1] ** f[1])\n"
    "    return np.column_stack(cols)\n"
    "\n"
    "\n"
    "def regscope_rng(seed):\n"
    "    \"\"\"regscope's random numbers: xoshiro256** seeded by splitmix64, as 64-bit\n"
    "    words (Python integers masked to 64 bits).\"\"\"\n"
    "    mask, s = 2**64 - 1, []\n"
    "    for _ in range(4):\n"
    "        seed = (seed + 0x9E3779B97F4A7C15) & mask\n"
    "        z = ((seed ^ (seed >> 30)) * 0xBF58476D1CE4E5B9) & mask\n"
    "        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask\n"
    "        s.append(z ^ (z >> 31))\n"
    "\n"
    "    def rotl(x, k):\n"
    "        return ((x << k) | (x >> (64 - k))) & mask\n"
    "\n"
    "    def next_u64():\n"
    "        result = (rotl((s[1] * 5) & mask, 7) * 9) & mask\n"
    "        t = (s[1] << 17) & mask\n"
    "        s[2] ^= s[0]\n"
    "        s[3] ^= s[1]\n"
    "        s[1] ^= s[2]\n"
    "        s[0] ^= s[3]\n"
    "        s[2] ^= t\n"
    "        s[3] = rotl(s[3], 45)\n"
    "        return result\n"
    "    return next_u64\n"
    "\n"
    "\n"
    "def rng_below(next_u64, n):\n"
    "    \"\"\"Uniform in [0, n) from the low 32 bits of a word (Lemire's\n"
    "    multiply-shift with rejection), as regscope draws it.\"\"\"\n"
    "    m = (next_u64() & 0xFFFFFFFF) * n\n"
    "    if (m & 0xFFFFFFFF) < n:\n"
    "        t = (2**32 - n) % n\n"
    "        while (m & 0xFFFFFFFF) < t:\n"
    "            m = (next_u64() & 0xFFFFFFFF) * n\n"
    "    return m >> 32\n"
    "\n"
    "\n"
    "def split(X, y):\n"
    "    \"\"\"regscope's split, row for row: the rows shuffled (Fisher-Yates, its\n"
    "    generator seeded with SEED ^ 0x5b117), then of each class (regression:\n"
    "    of all rows) the first round(count * VAL_RATIO) in that order to\n"
    "    validation, at least one of each class left for training.\"\"\"\n"
    "    if VAL_RATIO == 0:\n"
    "        return X, y, X[:0], y[:0]\n"
    "    next_u64 = regscope_rng(SEED ^ 0x5B117)\n"
    "    order = list(range(len(y)))\n"
    "    for i in range(len(order) - 1, 0, -1):\n"
    "        j = rng_below(next_u64, i + 1)\n"
    "        order[i], order[j] = order[j], order[i]\n"
    "    groups = {}\n"
    "    for i in order:\n"
    "        groups.setdefault(y[i] if TASK == \"classify\" else 0, []).append(i)\n"
    "    train, val = [], []\n"
    "    for g in sorted(groups):\n"
    "        rows = groups[g]\n"
    "        k = min(int(np.floor(len(rows) * VAL_RATIO + 0.5)), len(rows) - 1)\n"
    "        val += rows[:k]\n"
    "        train += rows[k:]\n"
    "    train, val = np.array(train, dtype=int), np.array(val, dtype=int)\n"
    "    return X[train], y[train], X[val], y[val]\n"
    "\n"
    "\n"
    "def fill_missing(X_train, X_val):\n"
    "    \"\"\"--missing mean: a missing value (nan) := the mean of its column's known\n"
    "    training values (0 when there is none), after the split as in regscope.\"\"\"\n"
    "    X_train, X_val = X_train.copy(), X_val.copy()\n"
    "    for j in np.flatnonzero(np.isnan(X_train).any(axis=0) | np.isnan(X_val).any(axis=0)):\n"
    "        known = X_train[~np.isnan(X_train[:, j]), j]\n"
    "        mean = known.mean() if len(known) else 0.0\n"
    "        X_train[np.isnan(X_train[:, j]), j] = mean\n"
    "        X_val[np.isnan(X_val[:, j]), j] = mean\n"
    "    return X_train, X_val\n"
    "\n"
    "\n"
    "def data_loss(P, y):\n"
    "    \"\"\"regscope's data loss: mean log-loss, mean cross-entropy, or\n"
    "    1/(2n) sum (y - yhat)^2. P: probabilities of class 1 (binary), of every\n"
    "    class (k classes), or predicted values.\"\"\"\n"
    "    P = np.asarray(P, dtype=float)\n"
    "    if TASK == \"regress\":\n"
    "        return 0.5 * np.mean((y - P.reshape(len(y))) ** 2)\n"
    "    tiny = np.finfo(float).tiny\n"
    "    if N_CLASSES == 2:\n"
    "        p = P.reshape(len(y))\n"
    "        return -np.mean(np.where(y == 1, np.log(np.maximum(p, tiny)), np.log(np.maximum(1 - "
    "p, tiny))))\n"
    "    return -np.mean(np.log(np.maximum(P[np.arange(len(y)), y], tiny)))\n"
    "\n"
    "\n"
    "def penalty(weights):\n"
    "    \"\"\"lambda * (alpha * sum|w| + (1 - alpha)/2 * sum w^2) over the weight\n"
    "    matrices (never the biases).\"\"\"\n"
    "    l1 = sum(np.abs(np.asarray(W)).sum() for W in weights)\n"
    "    l2 = sum((np.asarray(W) ** 2).sum() for W in weights)\n"
    "    return LAMBDA * (ALPHA * l1 + (1 - ALPHA) / 2 * l2)\n"
    "\n"
    "\n"
    "X, y = load_data()\n"
    "X_train, y_train, X_val, y_val = split(X, y)\n";

/* A CSV file's split must keep regscope's row counts. */
static const char py_check_rows[] =
    "if (len(y_train), len(y_val)) != ROWS:\n"
    "    raise SystemExit(f\"{DATA}: {len(y_train)} training and {len(y_val)} validation rows \"\n"
    "                     f\"here, {ROWS} in regscope: was the file changed?\")\n";

static const char py_prepare[] = "X_train, X_val = fill_missing(X_train, X_val)\n"
                                 "X_train, X_val = expand(X_train), expand(X_val)\n"
                                 "n = len(y_train)\n"
                                 "batch = BATCH if 0 < BATCH < n else n  # 0 = full batch\n";

static void write_features(FILE *out, const Config *c)
{
    FeatureSpec fs;
    Err e = {0};
    if (!c->features[0] || features_parse(c->features, &fs, &e) || fs.n == 0) {
        fputs("FEATURES = None  # no expansion\n", out);
        return;
    }
    fprintf(out, "FEATURES = [  # --features %s: (power of x1, power of x2) or sin\n    ",
            c->features);
    for (int i = 0; i < fs.n; i++) {
        const Feature *f = &fs.f[i];
        int p1 = 0, p2 = 0;
        switch (f->kind) {
        case FEAT_X1: p1 = 1; break;
        case FEAT_X2: p2 = 1; break;
        case FEAT_X1SQ: p1 = 2; break;
        case FEAT_X2SQ: p2 = 2; break;
        case FEAT_X1X2: p1 = p2 = 1; break;
        case FEAT_MONO: p1 = f->p1, p2 = f->p2; break;
        case FEAT_SIN1: fputs("\"sin1\"", out); break;
        case FEAT_SIN2: fputs("\"sin2\"", out); break;
        }
        if (f->kind != FEAT_SIN1 && f->kind != FEAT_SIN2)
            fprintf(out, "(%d, %d)", p1, p2);
        fputs(i + 1 < fs.n ? (i % 8 == 7 ? ",\n    " : ", ") : "\n]\n", out);
    }
}

void emit_write_header(FILE *out, const Config *c, const EmitData *dd, EmitLib lib)
{
    char cmd[4096];
    config_command_line(c, cmd, sizeof cmd);
    const char *lib_title = lib == EMIT_SKLEARN ? "scikit-learn"
                            : lib == EMIT_KERAS ? "Keras"
                                                : "PyTorch";
    fprintf(out,
            "#!/usr/bin/env python3\n"
            "# Generated by `regscope --emit %s` (regscope " REGSCOPE_EMIT_VERSION ") for\n#   ",
            emit_lib_name(lib));
    emit_py_comment(out, cmd);
    fprintf(out,
            "\n"
            "# The same model with the same settings in %s. regscope minimizes\n"
            "#   total(W) = data_loss(W) + lambda * (alpha * sum|w| + (1 - alpha)/2 * sum w^2)\n"
            "# (biases unpenalized; data_loss = mean log-loss, mean cross-entropy or\n"
            "# 1/(2n) sum (y - yhat)^2 on the training split). The last line printed is\n"
            "# that objective for the weights found here: \"objective <value>\".\n",
            lib_title);
    if (dd->generator)
        fprintf(
            out,
            "# Data: regscope's '%s' generator re-written in numpy: the same kind of\n"
            "# data, NOT the same numbers (regscope has its own RNG), so weights and\n"
            "# losses differ a little from regscope's run. For an exact comparison\n"
            "# train regscope on a CSV file (--data FILE.csv): the script reads the same file.\n",
            c->data);
    else
        fputs("# Data: the CSV file read, encoded and split as regscope does: the same\n"
              "# columns (checked against regscope's, COLUMNS) and the same training rows.\n",
              out);
    fprintf(out, "# Usage: python3 THIS.py   (needs numpy%s)\n",
            lib == EMIT_SKLEARN ? " and scikit-learn"
            : lib == EMIT_KERAS ? " and tensorflow"
                                : " and torch");
    fputs("import csv  # noqa: F401\nimport io  # noqa: F401\nimport math  # noqa: F401\n"
          "import re  # noqa: F401\n\nimport numpy as np\n\n",
          out);
}

void emit_write_settings(FILE *out, const Config *c, const EmitData *dd)
{
    const Hyper *h = &c->hyper;
    if (dd->generator) {
        fputs("DATA = None  # built-in generator, below\n", out);
        fputs("GENERATOR = ", out);
        emit_py_str(out, c->data);
        fprintf(out, "\nSAMPLES = %d\nNOISE = ", c->samples);
        py_num(out, c->noise / 100.0);
        fprintf(out, "  # --noise %g percent\n", c->noise);
        if (strcmp(c->data, "corr") == 0) {
            fputs("CORR = ", out);
            py_num(out, c->corr);
            fputs("\nDIRECTION = ", out);
            py_num(out, c->direction);
            fputs("  # degrees\n", out);
        }
    } else {
        emit_write_table_settings(out, c, dd);
    }
    fprintf(out, "TASK = \"%s\"\nN_CLASSES = %d  # 0 for regression\n",
            dd->task == TASK_REGRESS ? "regress" : "classify", dd->n_classes);
    write_features(out, c);
    fprintf(out, "SEED = %llu\nVAL_RATIO = ", (unsigned long long)c->seed);
    py_num(out, c->val_ratio);
    fprintf(out, "\nSTANDARDIZE = %s\n", c->standardize ? "True" : "False");
    fputs("LAMBDA = ", out);
    py_num(out, h->lambda);
    fputs("\nALPHA = ", out);
    py_num(out, h->alpha);
    fputs("  # L1 share: 1 lasso, 0 ridge\nKEEP = ", out);
    py_num(out, h->keep);
    fputs("  # dropout keep probability on hidden units (1 = off)\nINPUT_KEEP = ", out);
    py_num(out, h->input_keep);
    fputs("\nLR = ", out);
    py_num(out, h->lr);
    fprintf(out, "\nBATCH = %d  # 0 = full batch\nEPOCHS = %d\nHIDDEN = [", h->batch, c->epochs);
    for (int i = 0; i < c->n_hidden; i++)
        fprintf(out, "%s%d", i ? ", " : "", c->hidden[i]);
    fprintf(out,
            "]  # [] = linear model\nACTIVATION = \"%s\"\nOPTIMIZER = \"%s\"\nEARLY_STOP = %d  # "
            "patience, 0 = off\n",
            act_name(c->act), optimizer_name(h->optimizer), c->early_stop);
    fprintf(out, "# regscope trained on %d rows (validation: %d), %d inputs after expansion\n\n\n",
            dd->n_train, dd->n_val, dd->d);
    if (dd->generator) {
        const char *body = NULL;
        for (size_t i = 0; i < sizeof py_generators / sizeof py_generators[0]; i++)
            if (strcmp(py_generators[i][0], c->data) == 0)
                body = py_generators[i][1];
        fprintf(out,
                "def load_data():\n"
                "    \"\"\"regscope's '%s' generator in numpy (same kind of data, other "
                "numbers).\"\"\"\n"
                "    r = np.random.default_rng(SEED)\n"
                "    n, noise = SAMPLES, NOISE\n%s",
                c->data, body ? body : "    raise SystemExit(\"unknown generator\")\n");
    } else {
        emit_write_table_loader(out);
    }
    fputs(py_common, out);
    if (!dd->generator)
        fputs(py_check_rows, out);
    fputs(py_prepare, out);
}

void emit_write_unavailable(FILE *out, const Config *c, EmitLib lib)
{
    const char *title = lib == EMIT_SKLEARN ? "scikit-learn"
                        : lib == EMIT_KERAS ? "Keras"
                                            : "PyTorch";
    fprintf(out,
            "import sys  # noqa: E402\n\n"
            "sys.exit(\"--penalty %s is not available in %s: this script stops rather than \"\n"
            "         \"train another penalty\")\n",
            penalty_kind_name(c->hyper.penalty), title);
}
