#include "data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "rng.h"

int dataset_alloc(Dataset *ds, int n, int d, Err *err)
{
    memset(ds, 0, sizeof *ds);
    if (n < 0 || d < 0)
        return err_set(err, ERR_INTERNAL, "bad dataset size %d x %d", n, d);
    ds->X = calloc((size_t)n * (size_t)d + 1, sizeof(double));
    ds->y = calloc((size_t)n + 1, sizeof(double));
    if (!ds->X || !ds->y) {
        dataset_free(ds);
        return err_set(err, ERR_INTERNAL, "out of memory for a %d x %d data set", n, d);
    }
    ds->n = n;
    ds->d = d;
    return 0;
}

static void free_names(char **names, int n)
{
    if (!names)
        return;
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

void dataset_free(Dataset *ds)
{
    if (!ds)
        return;
    free(ds->X);
    free(ds->y);
    free_names(ds->class_names, ds->n_classes);
    free_names(ds->feature_names, ds->d);
    free(ds->name);
    free(ds->fold);
    memset(ds, 0, sizeof *ds);
}

static char **copy_names(char *const *names, int n, int *ok)
{
    if (!names || n == 0)
        return NULL;
    char **out = calloc((size_t)n, sizeof *out);
    if (!out) {
        *ok = 0;
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        out[i] = dup_str(names[i]);
        if (names[i] && !out[i])
            *ok = 0;
    }
    return out;
}

/* Copies everything but X and y (which the caller fills). */
static int copy_meta(Dataset *dst, const Dataset *src, Err *err)
{
    int ok = 1;
    dst->task = src->task;
    dst->n_classes = src->n_classes;
    dst->class_names = copy_names(src->class_names, src->n_classes, &ok);
    dst->feature_names = copy_names(src->feature_names, src->d, &ok);
    dst->name = dup_str(src->name);
    memcpy(dst->notice, src->notice, sizeof dst->notice);
    if (!ok || (src->name && !dst->name)) {
        dataset_free(dst);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    return 0;
}

/* dst's fold numbers: those of src's rows idx (NULL: rows 0..m-1). */
static int copy_folds(Dataset *dst, const Dataset *src, const int *idx, int m, Err *err)
{
    if (!src->fold)
        return 0;
    dst->fold = malloc(sizeof(int) * ((size_t)m + 1));
    if (!dst->fold) {
        dataset_free(dst);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    for (int i = 0; i < m; i++)
        dst->fold[i] = src->fold[idx ? idx[i] : i];
    return 0;
}

int dataset_copy(Dataset *dst, const Dataset *src, Err *err)
{
    if (dataset_alloc(dst, src->n, src->d, err))
        return -1;
    memcpy(dst->X, src->X, (size_t)src->n * (size_t)src->d * sizeof(double));
    memcpy(dst->y, src->y, (size_t)src->n * sizeof(double));
    return copy_meta(dst, src, err) || copy_folds(dst, src, NULL, src->n, err) ? -1 : 0;
}

int dataset_take_rows(Dataset *dst, const Dataset *src, const int *idx, int m, Err *err)
{
    if (dataset_alloc(dst, m, src->d, err))
        return -1;
    size_t d = (size_t)src->d;
    for (int i = 0; i < m; i++) {
        memcpy(dst->X + (size_t)i * d, src->X + (size_t)idx[i] * d, d * sizeof(double));
        dst->y[i] = src->y[idx[i]];
    }
    return copy_meta(dst, src, err) || copy_folds(dst, src, idx, m, err) ? -1 : 0;
}

/* ---- generators ----------------------------------------------------------
 * circle, xor, gauss and spiral follow TensorFlow Playground's definitions
 * (coordinates in [-6, 6], noise as a fraction of the radius), so lessons
 * carry over; moons is scikit-learn's make_moons scaled to the same range. */

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

const char *const data_generator_names[] = {"circle", "xor",    "gauss",  "spiral", "moons",
                                            "line",   "sparse", "groups", "corr",   NULL};

int data_is_generator(const char *name)
{
    for (int i = 0; data_generator_names[i]; i++)
        if (strcmp(name, data_generator_names[i]) == 0)
            return 1;
    return 0;
}

static void put2(Dataset *ds, int i, double x1, double x2, int label)
{
    ds->X[2 * i] = x1;
    ds->X[2 * i + 1] = x2;
    ds->y[i] = label;
}

static void gen_circle(Dataset *ds, double noise, Rng *r)
{
    const double radius = 5.0;
    for (int i = 0; i < ds->n; i++) {
        int inner = i < ds->n / 2;
        double rr = inner ? rng_range(r, 0, radius * 0.5) : rng_range(r, radius * 0.7, radius);
        double angle = rng_range(r, 0, 2 * M_PI);
        double x = rr * sin(angle), y = rr * cos(angle);
        double nx = rng_range(r, -radius, radius) * noise,
               ny = rng_range(r, -radius, radius) * noise;
        /* The label is decided with the noise, the point drawn without it. */
        int label = hypot(x + nx, y + ny) < radius * 0.5 ? 1 : 0;
        put2(ds, i, x, y, label);
    }
}

static void gen_xor(Dataset *ds, double noise, Rng *r)
{
    const double padding = 0.3;
    for (int i = 0; i < ds->n; i++) {
        double x = rng_range(r, -5, 5), y = rng_range(r, -5, 5);
        x += x > 0 ? padding : -padding;
        y += y > 0 ? padding : -padding;
        double nx = rng_range(r, -5, 5) * noise, ny = rng_range(r, -5, 5) * noise;
        put2(ds, i, x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
    }
}

static void gen_gauss(Dataset *ds, double noise, Rng *r)
{
    /* Playground maps noise 0..0.5 to variance 0.5..4. */
    double variance = 0.5 + (fmin(noise, 0.5) / 0.5) * 3.5;
    double sd = sqrt(variance);
    for (int i = 0; i < ds->n; i++) {
        int label = i < ds->n / 2;
        double c = label ? 2.0 : -2.0;
        put2(ds, i, c + sd * rng_normal(r), c + sd * rng_normal(r), label);
    }
}

static void gen_spiral(Dataset *ds, double noise, Rng *r)
{
    int half = ds->n / 2;
    for (int i = 0; i < ds->n; i++) {
        int label = i < half;
        int k = label ? i : i - half;
        int m = label ? half : ds->n - half;
        double frac = m ? (double)k / m : 0;
        double rr = frac * 5.0, t = 1.75 * frac * 2 * M_PI + (label ? 0 : M_PI);
        put2(ds, i, rr * sin(t) + rng_range(r, -1, 1) * noise,
             rr * cos(t) + rng_range(r, -1, 1) * noise, label);
    }
}

static void gen_moons(Dataset *ds, double noise, Rng *r)
{
    int half = ds->n / 2;
    for (int i = 0; i < ds->n; i++) {
        int label = i >= half;
        double t = rng_range(r, 0, M_PI);
        double x = label ? 1 - cos(t) : cos(t), y = label ? 0.5 - sin(t) : sin(t);
        x += noise * rng_normal(r);
        y += noise * rng_normal(r);
        /* centre on the origin and scale to Playground's range */
        put2(ds, i, (x - 0.5) * 3.0, (y - 0.25) * 3.0, label);
    }
}

/* 1-D regression: a smooth curve with Gaussian noise, where a high-degree
 * expansion overfits and L2 smooths it. */
static void gen_line(Dataset *ds, double noise, Rng *r)
{
    for (int i = 0; i < ds->n; i++) {
        double x = rng_range(r, -3, 3);
        ds->X[i] = x;
        ds->y[i] = sin(1.2 * x) + 0.3 * x + noise * 2.0 * rng_normal(r);
    }
}

/* Many features, few informative: y = X w* + noise, with 5 non-zero
 * entries of w* among SPARSE_D. The lasso's showcase. */
#define SPARSE_D 30
static const double w_true[5] = {3.0, -2.0, 1.5, -1.0, 0.5};
static void gen_sparse(Dataset *ds, double noise, Rng *r)
{
    for (int i = 0; i < ds->n; i++) {
        double *x = ds->X + (size_t)i * SPARSE_D;
        double y = 0;
        for (int j = 0; j < SPARSE_D; j++) {
            x[j] = rng_normal(r);
            if (j < 5)
                y += w_true[j] * x[j];
        }
        ds->y[i] = y + noise * 2.0 * rng_normal(r);
    }
}

/* Regression on groups of strongly correlated features: 3 latent factors,
 * each seen through 4 columns (factor + sd 0.1 noise: correlation ~0.99
 * within a group), then 3 pure-noise columns; y depends on the factors, so
 * the signal is spread over every column of a group. The lasso keeps some
 * columns of a group and zeroes the others, which ones changing with the
 * seed; the elastic net spreads the weight over the whole group and, the
 * columns' noise averaging out, predicts better (Zou and Hastie 2005's
 * grouping effect). Columns are named A1..A4 B1..B4 C1..C4 n1..n3. */
#define GROUPS_K 3
#define GROUPS_SIZE 4
#define GROUPS_NOISE_D 3
#define GROUPS_JITTER 0.1
#define GROUPS_D (GROUPS_K * GROUPS_SIZE + GROUPS_NOISE_D)
static const double w_factor[GROUPS_K] = {2.0, -1.5, 1.0};
static void gen_groups(Dataset *ds, double noise, Rng *r)
{
    for (int i = 0; i < ds->n; i++) {
        double *x = ds->X + (size_t)i * GROUPS_D;
        double y = 0;
        for (int g = 0; g < GROUPS_K; g++) {
            double z = rng_normal(r);
            for (int k = 0; k < GROUPS_SIZE; k++)
                x[g * GROUPS_SIZE + k] = z + GROUPS_JITTER * rng_normal(r);
            y += w_factor[g] * z; /* the factor: every column of the group carries it */
        }
        for (int j = GROUPS_K * GROUPS_SIZE; j < GROUPS_D; j++)
            x[j] = rng_normal(r);
        ds->y[i] = y + noise * 2.0 * rng_normal(r);
    }
    ds->feature_names = calloc(GROUPS_D, sizeof *ds->feature_names);
    for (int j = 0; ds->feature_names && j < GROUPS_D; j++) {
        char buf[8];
        int grp = j / GROUPS_SIZE;
        if (grp < GROUPS_K)
            snprintf(buf, sizeof buf, "%c%d", 'A' + grp, j % GROUPS_SIZE + 1);
        else
            snprintf(buf, sizeof buf, "n%d", j - GROUPS_K * GROUPS_SIZE + 1);
        ds->feature_names[j] = dup_str(buf); /* a NULL name shows as xJ */
    }
}

int data_true_weights(const char *name, double direction_deg, double *w, int d)
{
    if (strcmp(name, "sparse") == 0 && d == SPARSE_D) {
        for (int j = 0; j < d; j++)
            w[j] = j < 5 ? w_true[j] : 0;
        return 1;
    }
    if (strcmp(name, "groups") == 0 && d == GROUPS_D) {
        /* a group's columns are z + jitter: the population least-squares
         * weights share w_g equally, w_g / (size + jitter^2) each */
        for (int j = 0; j < d; j++)
            w[j] = j < GROUPS_K * GROUPS_SIZE
                       ? w_factor[j / GROUPS_SIZE] / (GROUPS_SIZE + GROUPS_JITTER * GROUPS_JITTER)
                       : 0;
        return 1;
    }
    if (strcmp(name, "corr") == 0 && d == 2) {
        double t = direction_deg * M_PI / 180;
        w[0] = cos(t), w[1] = sin(t);
        return 1;
    }
    return 0;
}

const char *data_generator_groups(const char *name)
{
    /* a literal: the training and path threads ask at once */
    _Static_assert(GROUPS_K == 3 && GROUPS_SIZE == 4, "the groups' spec below");
    return strcmp(name, "groups") == 0 ? "A1,A2,A3,A4;B1,B2,B3,B4;C1,C2,C3,C4" : "";
}

/* The geometry view's data: two standard normal features with correlation
 * rho (x2 = rho x1 + sqrt(1 - rho^2) z), y = cos(t) x1 + sin(t) x2 + noise
 * for the true direction t: the data loss over (w1, w2) is an ellipse
 * tilted by rho, centred near (cos t, sin t). */
static void gen_corr(Dataset *ds, double noise, double rho, double direction_deg, Rng *r)
{
    double t = direction_deg * M_PI / 180, c = cos(t), s = sin(t), q = sqrt(1 - rho * rho);
    for (int i = 0; i < ds->n; i++) {
        double x1 = rng_normal(r), x2 = rho * x1 + q * rng_normal(r);
        ds->X[2 * i] = x1;
        ds->X[2 * i + 1] = x2;
        ds->y[i] = c * x1 + s * x2 + noise * 2.0 * rng_normal(r);
    }
}

int data_generate_corr(int samples, double noise_pct, double rho, double direction_deg,
                       uint64_t seed, Dataset *out, Err *err)
{
    if (samples < 2)
        return err_set(err, ERR_INPUT, "--samples must be at least 2 (got %d)", samples);
    if (!(rho > -1 && rho < 1))
        return err_set(err, ERR_INPUT, "--corr must be between -1 and 1 (got %g)", rho);
    if (dataset_alloc(out, samples, 2, err))
        return -1;
    Rng r;
    rng_seed(&r, seed ^ 0x5eedda7aULL);
    out->task = TASK_REGRESS;
    out->n_classes = 0;
    gen_corr(out, noise_pct / 100.0, rho, direction_deg, &r);
    out->name = dup_str("corr");
    if (!out->name) {
        dataset_free(out);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    return 0;
}

int data_generate(const char *name, int samples, double noise_pct, uint64_t seed, Dataset *out,
                  Err *err)
{
    if (strcmp(name, "corr") == 0)
        return data_generate_corr(samples, noise_pct, DATA_CORR_DEFAULT, DATA_DIRECTION_DEFAULT,
                                  seed, out, err);
    if (!data_is_generator(name))
        return err_set(err, ERR_INPUT, "unknown data set '%s'", name);
    if (samples < 2)
        return err_set(err, ERR_INPUT, "--samples must be at least 2 (got %d)", samples);
    int d = strcmp(name, "line") == 0     ? 1
            : strcmp(name, "sparse") == 0 ? SPARSE_D
            : strcmp(name, "groups") == 0 ? GROUPS_D
                                          : 2;
    if (dataset_alloc(out, samples, d, err))
        return -1;
    Rng r;
    rng_seed(&r, seed ^ 0x5eedda7aULL);
    double noise = noise_pct / 100.0;
    int regress = d != 2;
    out->task = regress ? TASK_REGRESS : TASK_CLASSIFY;
    out->n_classes = regress ? 0 : 2;
    if (strcmp(name, "circle") == 0)
        gen_circle(out, noise, &r);
    else if (strcmp(name, "xor") == 0)
        gen_xor(out, noise, &r);
    else if (strcmp(name, "gauss") == 0)
        gen_gauss(out, noise, &r);
    else if (strcmp(name, "spiral") == 0)
        gen_spiral(out, noise, &r);
    else if (strcmp(name, "moons") == 0)
        gen_moons(out, noise, &r);
    else if (strcmp(name, "line") == 0)
        gen_line(out, noise, &r);
    else if (strcmp(name, "groups") == 0)
        gen_groups(out, noise, &r);
    else
        gen_sparse(out, noise, &r);
    out->name = dup_str(name);
    if (!out->name) {
        dataset_free(out);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    return 0;
}

/* ---- split --------------------------------------------------------------- */

int data_split(const Dataset *all, double val_ratio, uint64_t seed, Dataset *train, Dataset *val,
               Err *err)
{
    int n = all->n;
    int *idx = malloc(sizeof(int) * (size_t)(n + 1));
    int *tr = malloc(sizeof(int) * (size_t)(n + 1));
    int *va = malloc(sizeof(int) * (size_t)(n + 1));
    if (!idx || !tr || !va) {
        free(idx), free(tr), free(va);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    Rng r;
    rng_seed(&r, seed ^ 0x5b117ULL);
    for (int i = 0; i < n; i++)
        idx[i] = i;
    rng_shuffle_int(&r, idx, n);
    int nt = 0, nv = 0;
    int groups = all->task == TASK_CLASSIFY && all->n_classes > 0 ? all->n_classes : 1;
    /* Stratify: within each class (in shuffled order), the first
     * round(count * ratio) rows go to validation. */
    for (int g = 0; g < groups; g++) {
        int count = 0;
        for (int i = 0; i < n; i++)
            if (groups == 1 || (int)all->y[idx[i]] == g)
                count++;
        int want = (int)floor(count * val_ratio + 0.5);
        if (val_ratio > 0 && want == count && count > 0)
            want = count - 1; /* keep at least one of each class for training */
        int taken = 0;
        for (int i = 0; i < n; i++) {
            if (groups != 1 && (int)all->y[idx[i]] != g)
                continue;
            if (taken++ < want)
                va[nv++] = idx[i];
            else
                tr[nt++] = idx[i];
        }
    }
    int rc = dataset_take_rows(train, all, tr, nt, err);
    if (rc == 0) {
        rc = dataset_take_rows(val, all, va, nv, err);
        if (rc)
            dataset_free(train);
    }
    free(idx), free(tr), free(va);
    return rc;
}

/* ---- standardization ----------------------------------------------------- */

static int standardizer_alloc(Standardizer *st, int d, Err *err)
{
    st->d = d;
    st->mean = calloc((size_t)d + 1, sizeof(double));
    st->scale = calloc((size_t)d + 1, sizeof(double));
    if (!st->mean || !st->scale) {
        standardizer_free(st);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    return 0;
}

int standardizer_identity(Standardizer *st, int d, Err *err)
{
    if (standardizer_alloc(st, d, err))
        return -1;
    for (int j = 0; j < d; j++)
        st->scale[j] = 1.0;
    return 0;
}

int standardizer_fit(Standardizer *st, const Dataset *ds, Err *err)
{
    if (standardizer_alloc(st, ds->d, err))
        return -1;
    int n = ds->n, d = ds->d;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            st->mean[j] += ds->X[(size_t)i * d + j];
    for (int j = 0; j < d; j++)
        st->mean[j] = n ? st->mean[j] / n : 0;
    /* Two-pass variance: stable for columns with a large offset. */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double c = ds->X[(size_t)i * d + j] - st->mean[j];
            st->scale[j] += c * c;
        }
    for (int j = 0; j < d; j++) {
        int constant = 1;
        for (int i = 1; i < n && constant; i++)
            constant = ds->X[(size_t)i * d + j] == ds->X[j];
        if (constant) {
            /* exactly centred and unscaled: a rounded mean would leave a
             * tiny sd that blows the column up into a second bias */
            st->mean[j] = n ? ds->X[j] : 0;
            st->scale[j] = 1.0;
            continue;
        }
        double sd = sqrt(st->scale[j] / n);
        st->scale[j] = sd > 0 ? sd : 1.0;
    }
    return 0;
}

void standardizer_apply(const Standardizer *st, double *x, int n)
{
    int d = st->d;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            x[(size_t)i * d + j] = (x[(size_t)i * d + j] - st->mean[j]) / st->scale[j];
}

void standardizer_free(Standardizer *st)
{
    free(st->mean);
    free(st->scale);
    memset(st, 0, sizeof *st);
}
