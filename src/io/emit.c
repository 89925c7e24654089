/* emit: the equivalent scikit-learn / Keras / PyTorch script (see emit.h).
 *
 * The script is plain text assembled from fixed Python blocks (fputs) and
 * a settings block (fprintf); every number is written as the shortest
 * literal that reads back as the same double (emit_fmt.c). The header,
 * settings and common functions every library's script starts with are in
 * emit_py.c; this file uses it, it never uses this one. */
#include "setup.h"
#include "emit.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvload.h"
#include "script_parts.h"

/* ---- conversions ------------------------------------------------------------ */

double emit_sklearn_logistic_C(double lambda, int n_train)
{
    if (!(lambda > 0) || n_train < 1)
        return INFINITY;
    return 1.0 / (lambda * n_train);
}

double emit_sklearn_ridge_alpha(double lambda, int n_train) { return lambda * n_train; }

void emit_sklearn_elasticnet(double lambda, double alpha, double *en_alpha, double *l1_ratio)
{
    *en_alpha = lambda;
    *l1_ratio = alpha;
}

double emit_sklearn_mlp_alpha(double lambda, double alpha, int batch_rows)
{
    return lambda * (1.0 - alpha) * batch_rows;
}

void emit_keras_regularizer(double lambda, double alpha, char *buf, size_t size)
{
    double l1 = lambda * alpha, l2 = lambda * (1.0 - alpha) / 2.0;
    char a[40], b[40];
    emit_fmt_double(l1, a, sizeof a);
    emit_fmt_double(l2, b, sizeof b);
    if (!(lambda > 0))
        snprintf(buf, size, "None");
    else if (l2 == 0)
        snprintf(buf, size, "l1(%s)", a);
    else if (l1 == 0)
        snprintf(buf, size, "l2(%s)", b);
    else
        snprintf(buf, size, "l1_l2(l1=%s, l2=%s)", a, b);
}

/* ---- the data ---------------------------------------------------------------- */

static int looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 4 && strcmp(s + n - 4, ".csv") == 0);
}

/* The CSV loader's names of the inputs (xJ where it gave none). 0 or -1. */
static int copy_columns(EmitData *dd, const Problem *p)
{
    char **names = p->raw_train.feature_names;
    dd->columns = calloc((size_t)dd->d_raw + 1, sizeof *dd->columns);
    for (int j = 0; dd->columns && j < dd->d_raw; j++) {
        char auto_name[32];
        snprintf(auto_name, sizeof auto_name, "x%d", j + 1);
        if (!(dd->columns[j] = strdup(names && names[j] ? names[j] : auto_name))) {
            emit_data_free(dd);
            return -1;
        }
    }
    return dd->columns ? 0 : -1;
}

int emit_describe(const Config *c, EmitData *dd, Err *err)
{
    memset(dd, 0, sizeof *dd);
    Problem p;
    if (config_build_problem(c, &p, err))
        return -1;
    dd->generator = data_is_generator(c->data);
    dd->task = p.task;
    dd->n_classes = p.n_classes;
    dd->n_train = p.train.n;
    dd->n_val = p.val.n;
    dd->d_raw = p.d_raw;
    dd->d = p.d;
    if (!dd->generator && copy_columns(dd, &p)) {
        problem_free(&p);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    problem_free(&p);
    if (!dd->generator) {
        char path[4096];
        int found = looks_like_path(c->data) ? snprintf(path, sizeof path, "%s", c->data) >= 0
                                             : csv_find_dataset(c->data, path, sizeof path) == 0;
        int e = found && !realpath(path, dd->csv_path) ? errno : 0;
        if (!found || e) {
            emit_data_free(dd);
            return found ? err_set(err, ERR_INPUT, "%s: %s", path, strerror(e))
                         : err_set(err, ERR_INPUT, "unknown data set '%s'", c->data);
        }
    }
    return 0;
}

void emit_data_free(EmitData *dd)
{
    for (int j = 0; dd->columns && j < dd->d_raw; j++)
        free(dd->columns[j]);
    free(dd->columns);
    dd->columns = NULL;
}

/* ---- the script ---------------------------------------------------------------- */

static const char py_standardize_numpy[] =
    "if STANDARDIZE:\n"
    "    # z-scores with the training split's mean and population sd (ddof 0);\n"
    "    # a constant column is centred and left unscaled (StandardScaler's rule)\n"
    "    mean, sd = X_train.mean(axis=0), X_train.std(axis=0)\n"
    "    sd[sd == 0] = 1.0\n"
    "    X_train, X_val = (X_train - mean) / sd, (X_val - mean) / sd\n";

/* ---- scikit-learn ---------------------------------------------------------------- */

static void write_sklearn_logistic(FILE *out, const Hyper *h, const EmitData *dd)
{
    char a[48], b[48];
    double C = emit_sklearn_logistic_C(h->lambda, dd->n_train);
    emit_fmt_double(C, a, sizeof a);
    fputs("from sklearn.linear_model import LogisticRegression  # noqa: E402\n\n", out);
    fprintf(out,
            "# LogisticRegression minimizes C * sum(log-loss) + r(w); divided by C n that is\n"
            "# mean log-loss + 1/(C n) * r(w): lambda = 1/(C n), so C = 1/(lambda n) =\n"
            "# 1/(%g * %d). %s regression%s; the intercept is not penalized. The same\n"
            "# optimum as regscope's (--optimizer sgd --batch 0 converges to it).\n",
            h->lambda, dd->n_train, dd->n_classes > 2 ? "Multinomial (softmax)" : "Binary logistic",
            dd->n_classes > 2 ? ", as regscope's softmax" : "");
    if (!(h->lambda > 0))
        fputs("model = LogisticRegression(penalty=None, solver=\"lbfgs\", tol=1e-10, "
              "max_iter=100000)\n",
              out);
    else if (h->alpha == 0)
        fprintf(out,
                "model = LogisticRegression(penalty=\"l2\", C=%s, solver=\"lbfgs\", tol=1e-10, "
                "max_iter=100000)\n",
                a);
    else if (h->alpha == 1)
        fprintf(out,
                "model = LogisticRegression(penalty=\"l1\", C=%s, solver=\"saga\", tol=1e-10, "
                "max_iter=100000)\n",
                a);
    else {
        emit_fmt_double(h->alpha, b, sizeof b);
        fprintf(out,
                "model = LogisticRegression(penalty=\"elasticnet\", C=%s, l1_ratio=%s, "
                "solver=\"saga\",\n"
                "                           tol=1e-10, max_iter=100000)\n",
                a, b);
    }
    fputs("model.fit(X_train, y_train)\n"
          "P = model.predict_proba(X_train)\n"
          "P = P[:, 1] if N_CLASSES == 2 else P\n"
          "weights = [model.coef_]\n",
          out);
}

static void write_sklearn_linear(FILE *out, const Hyper *h, const EmitData *dd)
{
    char a[48], b[48];
    fputs("from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, Ridge  # noqa: "
          "E402,F401\n\n",
          out);
    fputs("# ElasticNet(alpha=a, l1_ratio=r) minimizes 1/(2n) ||y - Xw - b||^2 + a r ||w||_1\n"
          "# + a (1 - r)/2 ||w||^2: regscope's objective with a = lambda, r = alpha.\n",
          out);
    if (!(h->lambda > 0)) {
        fputs("model = LinearRegression()  # lambda 0: least squares\n", out);
    } else if (h->alpha == 1) {
        emit_fmt_double(h->lambda, a, sizeof a);
        fprintf(out, "model = Lasso(alpha=%s, tol=1e-12, max_iter=1000000)  # lambda, alpha 1\n",
                a);
    } else if (h->alpha == 0) {
        emit_fmt_double(emit_sklearn_ridge_alpha(h->lambda, dd->n_train), a, sizeof a);
        fprintf(
            out,
            "# Ridge(alpha=a) minimizes ||y - Xw - b||^2 + a ||w||^2 (sums, not means): divided "
            "by\n"
            "# 2n that is regscope's objective with lambda = a/n, so a = lambda * n = %g * %d.\n"
            "model = Ridge(alpha=%s)\n",
            h->lambda, dd->n_train, a);
    } else {
        double ea, r;
        emit_sklearn_elasticnet(h->lambda, h->alpha, &ea, &r);
        emit_fmt_double(ea, a, sizeof a);
        emit_fmt_double(r, b, sizeof b);
        fprintf(out, "model = ElasticNet(alpha=%s, l1_ratio=%s, tol=1e-12, max_iter=1000000)\n", a,
                b);
    }
    fputs("model.fit(X_train, y_train)\n"
          "P = model.predict(X_train)\n"
          "weights = [model.coef_]\n",
          out);
}

/* The comment block on what the MLP shares with regscope's network and what not. */
static void write_sklearn_mlp_notes(FILE *out, const Config *c, int batch)
{
    const Hyper *h = &c->hyper;
    fputs("# What is equivalent and what is not:\n"
          "# - MLP* minimizes, per mini-batch of b rows, mean loss + alpha/(2b) * ||W||^2\n"
          "#   (0.5 * alpha * sum W^2 / n_samples in scikit-learn's _backprop), biases\n"
          "#   unpenalized: regscope's L2 part lambda*(1 - alpha)/2 * ||W||^2 is alpha =\n",
          out);
    fprintf(out, "#   lambda * (1 - alpha) * b = %g * %g * %d.\n", h->lambda, 1 - h->alpha, batch);
    if (h->lambda > 0 && h->alpha > 0)
        fprintf(
            out,
            "# - NOT equivalent: the L1 part (lambda*alpha = %g): scikit-learn's MLP has no L1.\n",
            h->lambda * h->alpha);
    else
        fputs("# - regscope's L1 part is 0 here, so the objective is the same.\n", out);
    if (h->keep < 1 || h->input_keep < 1)
        fputs("# - NOT equivalent: dropout (KEEP / INPUT_KEEP): scikit-learn's MLP has none.\n",
              out);
    if (h->optimizer != OPT_SGD)
        fputs("# - regscope applies the penalty decoupled with momentum / Adam (as AdamW);\n"
              "#   scikit-learn adds it to the gradient: same objective, other path.\n",
              out);
    if (c->early_stop > 0)
        fputs("# - early stopping: scikit-learn holds out its own validation_fraction and\n"
              "#   scores it (accuracy / R^2), regscope watches the validation loss.\n",
              out);
    fputs("# - the initial weights (both Glorot-style) and the batch order differ, so a\n"
          "#   network ends in another (local) optimum: expect close, not equal, losses.\n"
          "# - the output layer matches: one sigmoid unit (binary), softmax (k classes),\n"
          "#   identity with 1/(2n) squared loss (regression).\n",
          out);
}

static void write_sklearn_mlp(FILE *out, const Config *c, const EmitData *dd)
{
    const Hyper *h = &c->hyper;
    char a[48];
    int batch = h->batch > 0 && h->batch < dd->n_train ? h->batch : dd->n_train;
    double ma = emit_sklearn_mlp_alpha(h->lambda, h->alpha, batch);
    emit_fmt_double(ma, a, sizeof a);
    int classify = dd->task != TASK_REGRESS;
    const char *act = c->act == ACT_SIGMOID  ? "logistic"
                      : c->act == ACT_LINEAR ? "identity"
                                             : act_name(c->act);
    fprintf(out, "from sklearn.neural_network import %s  # noqa: E402\n\n",
            classify ? "MLPClassifier" : "MLPRegressor");
    write_sklearn_mlp_notes(out, c, batch);
    fprintf(out,
            "model = %s(\n"
            "    hidden_layer_sizes=tuple(HIDDEN), activation=\"%s\", solver=\"%s\",\n"
            "    alpha=%s, batch_size=batch, learning_rate_init=LR, max_iter=EPOCHS,\n"
            "    momentum=%s, nesterovs_momentum=False, beta_1=0.9, beta_2=0.999, epsilon=1e-8,\n"
            "    shuffle=True, random_state=SEED, tol=0.0,\n",
            classify ? "MLPClassifier" : "MLPRegressor", act,
            h->optimizer == OPT_ADAM ? "adam" : "sgd", a,
            h->optimizer == OPT_MOMENTUM ? "0.9" : "0.0");
    if (c->early_stop > 0)
        fputs("    early_stopping=True, validation_fraction=max(VAL_RATIO, 0.1), "
              "n_iter_no_change=EARLY_STOP)\n"
              "model.fit(np.vstack([X_train, X_val]), np.concatenate([y_train, y_val]))\n",
              out);
    else
        fputs("    early_stopping=False, n_iter_no_change=EPOCHS + 1)\n"
              "model.fit(X_train, y_train)\n",
              out);
    if (classify)
        fputs("P = model.predict_proba(X_train)\n"
              "P = P[:, 1] if N_CLASSES == 2 else P\n",
              out);
    else
        fputs("P = model.predict(X_train)\n", out);
    fputs("weights = model.coefs_  # W of every layer (in x out here)\n", out);
}

static void write_sklearn(FILE *out, const Config *c, const EmitData *dd)
{
    fputs("\nfrom sklearn.preprocessing import StandardScaler  # noqa: E402\n\n"
          "if STANDARDIZE:\n"
          "    # z-scores with the training split's mean and population sd (ddof 0),\n"
          "    # constant columns centred and unscaled: regscope's rule\n"
          "    scaler = StandardScaler().fit(X_train)\n"
          "    X_train = scaler.transform(X_train)\n"
          "    X_val = scaler.transform(X_val) if len(X_val) else X_val\n\n",
          out);
    if (c->n_hidden == 0 && dd->task != TASK_REGRESS)
        write_sklearn_logistic(out, &c->hyper, dd);
    else if (c->n_hidden == 0)
        write_sklearn_linear(out, &c->hyper, dd);
    else
        write_sklearn_mlp(out, c, dd);
    fputs("\nobjective = data_loss(P, y_train) + penalty(weights)\n"
          "print(f\"train data_loss {data_loss(P, y_train):.10g}  penalty "
          "{penalty(weights):.10g}\")\n"
          "print(f\"objective {objective:.10g}\")\n",
          out);
}

/* ---- Keras ---------------------------------------------------------------- */

static void write_keras(FILE *out, const Config *c, const EmitData *dd)
{
    const Hyper *h = &c->hyper;
    char reg[160];
    emit_keras_regularizer(h->lambda, h->alpha, reg, sizeof reg);
    fputs(py_standardize_numpy, out);
    fputs("\nimport tensorflow as tf  # noqa: E402\n"
          "from tensorflow import keras  # noqa: E402\n"
          "from tensorflow.keras import layers, regularizers  # noqa: E402\n\n"
          "keras.utils.set_random_seed(SEED)\n\n",
          out);
    fprintf(out,
            "# kernel_regularizer adds l1 * sum|W| + l2 * sum W^2 to the mean batch loss:\n"
            "# regscope's penalty with l1 = lambda*alpha = %g, l2 = lambda*(1 - alpha)/2 = %g.\n"
            "# Biases are not penalized (no bias_regularizer), as in regscope.\n"
            "# Keras applies L1 as a subgradient (weights jitter around 0, never exactly 0);\n"
            "# regscope's default --l1-method prox soft-thresholds them to exact zeros.\n",
            h->lambda * h->alpha, h->lambda * (1 - h->alpha) / 2);
    if (h->optimizer != OPT_SGD)
        fputs("# regscope applies the penalty decoupled with momentum / Adam (as AdamW);\n"
              "# here it is part of the loss: the same objective, another path.\n",
              out);
    if (strcmp(reg, "None") == 0)
        fputs("reg = None  # lambda 0: no penalty\n", out);
    else
        fprintf(out, "reg = regularizers.%s\n", reg);
    int k = dd->task == TASK_REGRESS ? 1 : dd->n_classes > 2 ? dd->n_classes : 1;
    const char *head = dd->task == TASK_REGRESS ? "linear"
                       : dd->n_classes > 2      ? "softmax"
                                                : "sigmoid";
    const char *init = c->n_hidden == 0     ? "\"zeros\""
                       : c->act == ACT_RELU ? "\"he_uniform\""
                                            : "\"glorot_uniform\"";
    fprintf(out,
            "model = keras.Sequential([keras.Input(shape=(X_train.shape[1],))])\n"
            "if INPUT_KEEP < 1:\n"
            "    model.add(layers.Dropout(rate=1 - INPUT_KEEP))  # inverted dropout, as regscope\n"
            "for width in HIDDEN:\n"
            "    model.add(layers.Dense(width, activation=ACTIVATION, kernel_regularizer=reg,\n"
            "                           kernel_initializer=%s))\n"
            "    if KEEP < 1:\n"
            "        model.add(layers.Dropout(rate=1 - KEEP))\n"
            "model.add(layers.Dense(%d, activation=\"%s\", kernel_regularizer=reg, "
            "kernel_initializer=%s))\n\n",
            init, k, head, c->n_hidden == 0 ? "\"zeros\"" : "\"glorot_uniform\"");
    if (dd->task == TASK_REGRESS)
        fputs(
            "\ndef half_mse(y_true, y_pred):\n"
            "    \"\"\"1/(2n) sum (y - yhat)^2: regscope's regression loss. Keras' \"mse\" has no\n"
            "    1/2, which would double the data loss against the penalty.\"\"\"\n"
            "    return 0.5 * tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)\n\n\n"
            "loss = half_mse\n",
            out);
    else
        fprintf(out, "loss = \"%s\"\n",
                dd->n_classes > 2 ? "sparse_categorical_crossentropy" : "binary_crossentropy");
    if (h->optimizer == OPT_ADAM)
        fputs("optimizer = keras.optimizers.Adam(learning_rate=LR, beta_1=0.9, beta_2=0.999, "
              "epsilon=1e-8)\n",
              out);
    else if (h->optimizer == OPT_MOMENTUM)
        fputs("optimizer = keras.optimizers.SGD(learning_rate=LR, momentum=0.9)  # heavy ball\n",
              out);
    else
        fputs("optimizer = keras.optimizers.SGD(learning_rate=LR)\n", out);
    fputs(
        "model.compile(optimizer=optimizer, loss=loss)\n"
        "callbacks = []\n"
        "if EARLY_STOP and len(y_val):\n"
        "    callbacks.append(keras.callbacks.EarlyStopping(monitor=\"val_loss\", "
        "patience=EARLY_STOP,\n"
        "                                                   restore_best_weights=True))\n"
        "model.fit(X_train, y_train, batch_size=batch, epochs=EPOCHS, shuffle=True, verbose=0,\n"
        "          validation_data=(X_val, y_val) if len(y_val) else None, callbacks=callbacks)\n\n"
        "P = model.predict(X_train, verbose=0)\n"
        "weights = [layer.get_weights()[0] for layer in model.layers if isinstance(layer, "
        "layers.Dense)]\n"
        "objective = data_loss(P, y_train) + penalty(weights)\n"
        "print(f\"train data_loss {data_loss(P, y_train):.10g}  penalty "
        "{penalty(weights):.10g}\")\n"
        "print(f\"objective {objective:.10g}\")\n",
        out);
}

/* ---- PyTorch ---------------------------------------------------------------- */

/* The training loop: mini-batches, the explicit penalty when asked for,
 * early stopping on the validation loss; then regscope's objective. */
static const char py_torch_train_loop[] =
    "\nbest_val, best_state, waited = float(\"inf\"), None, 0\n"
    "for epoch in range(EPOCHS):\n"
    "    model.train()\n"
    "    order = torch.randperm(n)\n"
    "    for start in range(0, n, batch):\n"
    "        idx = order[start:start + batch]\n"
    "        optimizer.zero_grad()\n"
    "        loss = loss_fn(model(xt_train[idx]), yt_train[idx])\n"
    "        if EXPLICIT_PENALTY:\n"
    "            loss = loss + torch_penalty()\n"
    "        loss.backward()\n"
    "        optimizer.step()\n"
    "    if EARLY_STOP and len(y_val):\n"
    "        model.eval()\n"
    "        with torch.no_grad():\n"
    "            v = loss_fn(model(xt_val), yt_val).item()\n"
    "        if v < best_val:\n"
    "            best_val, waited = v, 0\n"
    "            best_state = {k: t.clone() for k, t in model.state_dict().items()}\n"
    "        else:\n"
    "            waited += 1\n"
    "            if waited >= EARLY_STOP:\n"
    "                break\n"
    "if best_state is not None:\n"
    "    model.load_state_dict(best_state)  # regscope restores the best epoch\n\n"
    "model.eval()\n"
    "with torch.no_grad():\n"
    "    data = loss_fn(model(xt_train), yt_train).item()\n"
    "    pen = torch_penalty().item() if LAMBDA > 0 else 0.0\n"
    "print(f\"train data_loss {data:.10g}  penalty {pen:.10g}\")\n"
    "print(f\"objective {data + pen:.10g}\")\n";

/* The network as regscope builds it: dropout, widths, activation, init. */
static void write_pytorch_model(FILE *out, const Config *c, const EmitData *dd)
{
    int k = dd->task == TASK_REGRESS ? 1 : dd->n_classes > 2 ? dd->n_classes : 1;
    const char *act = c->act == ACT_RELU      ? "nn.ReLU"
                      : c->act == ACT_SIGMOID ? "nn.Sigmoid"
                      : c->act == ACT_LINEAR  ? "nn.Identity"
                                              : "nn.Tanh";
    fprintf(out,
            "modules = []\n"
            "if INPUT_KEEP < 1:\n"
            "    modules.append(nn.Dropout(p=1 - INPUT_KEEP))  # inverted dropout, as regscope\n"
            "width = X_train.shape[1]\n"
            "for h in HIDDEN:\n"
            "    modules += [nn.Linear(width, h), %s()]\n"
            "    if KEEP < 1:\n"
            "        modules.append(nn.Dropout(p=1 - KEEP))\n"
            "    width = h\n"
            "modules.append(nn.Linear(width, %d))\n"
            "model = nn.Sequential(*modules)\n"
            "weights = [p for name, p in model.named_parameters() if name.endswith(\"weight\")]\n"
            "biases = [p for name, p in model.named_parameters() if name.endswith(\"bias\")]\n",
            act, k);
    if (c->n_hidden == 0)
        fputs("for p in weights + biases:\n"
              "    nn.init.zeros_(p)  # regscope starts a linear model at 0\n",
              out);
    else
        fprintf(out,
                "for p in weights:\n"
                "    nn.init.%s(p)  # regscope's initialisation\n"
                "for p in biases:\n"
                "    nn.init.zeros_(p)\n",
                c->act == ACT_RELU ? "kaiming_uniform_" : "xavier_uniform_");
}

static void write_pytorch_loss(FILE *out, const EmitData *dd)
{
    if (dd->task == TASK_REGRESS)
        fputs("\n\ndef loss_fn(out, t):\n"
              "    return 0.5 * nn.functional.mse_loss(out, t)  # 1/(2n) sum (y - yhat)^2\n\n\n"
              "yt_train = torch.tensor(y_train, dtype=torch.float64).reshape(-1, 1)\n"
              "yt_val = torch.tensor(y_val, dtype=torch.float64).reshape(-1, 1)\n",
              out);
    else if (dd->n_classes > 2)
        fputs("loss_fn = nn.CrossEntropyLoss()  # softmax + mean cross-entropy\n"
              "yt_train = torch.tensor(y_train, dtype=torch.long)\n"
              "yt_val = torch.tensor(y_val, dtype=torch.long)\n",
              out);
    else
        fputs("loss_fn = nn.BCEWithLogitsLoss()  # sigmoid + mean log-loss\n"
              "yt_train = torch.tensor(y_train, dtype=torch.float64).reshape(-1, 1)\n"
              "yt_val = torch.tensor(y_val, dtype=torch.float64).reshape(-1, 1)\n",
              out);
}

static void write_pytorch_optimizer(FILE *out, const Hyper *h)
{
    int wd = h->optimizer == OPT_SGD && h->alpha == 0;
    if (wd)
        fputs("# sgd with alpha 0: SGD(weight_decay=wd) adds wd * w to the gradient of the\n"
              "# weights, the gradient of lambda/2 * sum w^2: wd = lambda (biases excluded).\n"
              "EXPLICIT_PENALTY = False\n"
              "optimizer = torch.optim.SGD([{\"params\": weights, \"weight_decay\": LAMBDA},\n"
              "                             {\"params\": biases, \"weight_decay\": 0.0}], lr=LR)\n",
              out);
    else {
        fputs("# The penalty is added to the loss explicitly (weights only). L1 is then a\n"
              "# subgradient: weights jitter around 0 instead of regscope's exact zeros (prox).\n",
              out);
        if (h->optimizer != OPT_SGD)
            fputs("# regscope applies the penalty decoupled with momentum / Adam (as AdamW);\n"
                  "# here it is part of the loss: the same objective, another path.\n",
                  out);
        fputs("EXPLICIT_PENALTY = True\n", out);
        if (h->optimizer == OPT_ADAM)
            fputs("optimizer = torch.optim.Adam(model.parameters(), lr=LR, betas=(0.9, 0.999), "
                  "eps=1e-8)\n",
                  out);
        else if (h->optimizer == OPT_MOMENTUM)
            fputs("optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)\n", out);
        else
            fputs("optimizer = torch.optim.SGD(model.parameters(), lr=LR)\n", out);
    }
}

static void write_pytorch(FILE *out, const Config *c, const EmitData *dd)
{
    fputs(py_standardize_numpy, out);
    fputs("\nimport torch  # noqa: E402\n"
          "from torch import nn  # noqa: E402\n\n"
          "torch.manual_seed(SEED)\n"
          "torch.set_default_dtype(torch.float64)  # regscope computes in double\n\n",
          out);
    write_pytorch_model(out, c, dd);
    write_pytorch_loss(out, dd);
    fputs("xt_train = torch.tensor(X_train)\n"
          "xt_val = torch.tensor(X_val)\n\n\n"
          "def torch_penalty():\n"
          "    \"\"\"lambda * (alpha * sum|w| + (1 - alpha)/2 * sum w^2), weights only.\"\"\"\n"
          "    l1 = sum(w.abs().sum() for w in weights)\n"
          "    l2 = sum(w.pow(2).sum() for w in weights)\n"
          "    return LAMBDA * (ALPHA * l1 + (1 - ALPHA) / 2 * l2)\n\n\n",
          out);
    write_pytorch_optimizer(out, &c->hyper);
    fputs(py_torch_train_loop, out);
}

int emit_write(FILE *out, const Config *c, const EmitData *dd, EmitLib lib)
{
    emit_write_header(out, c, dd, lib);
    if (c->hyper.penalty != PEN_ENET) {
        emit_write_unavailable(out, c, lib);
        fflush(out);
        return ferror(out) ? -1 : 0;
    }
    emit_write_settings(out, c, dd);
    if (lib == EMIT_SKLEARN)
        write_sklearn(out, c, dd);
    else if (lib == EMIT_KERAS)
        write_keras(out, c, dd);
    else
        write_pytorch(out, c, dd);
    fflush(out);
    return ferror(out) ? -1 : 0;
}

char *emit_script_string(const Config *c, EmitLib lib, Err *err)
{
    EmitData dd;
    if (emit_describe(c, &dd, err))
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        emit_data_free(&dd);
        err_set(err, ERR_INTERNAL, "out of memory");
        return NULL;
    }
    int rc = emit_write(f, c, &dd, lib);
    emit_data_free(&dd);
    if (fclose(f) || rc) {
        free(buf);
        err_set(err, ERR_INTERNAL, "out of memory");
        return NULL;
    }
    return buf;
}

int emit_run(const Config *c, FILE *out, Err *err)
{
    EmitLib lib;
    if (emit_lib_parse(c->emit, &lib)) {
        err_set(err, ERR_INPUT, "--emit: expected sklearn, keras or pytorch, got '%s'", c->emit);
        return 2;
    }
    char *s = emit_script_string(c, lib, err);
    if (!s)
        return err->kind == ERR_INTERNAL ? 1 : 2;
    int bad = fputs(s, out) == EOF || fflush(out) != 0;
    free(s);
    if (bad) {
        err_set(err, ERR_INTERNAL, "cannot write the script: %s", strerror(errno));
        return 1;
    }
    return 0;
}
