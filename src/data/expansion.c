#include "expansion.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    FeatKind kind;
} named_features[] = {
    {"x1", FEAT_X1},     {"x2", FEAT_X2},     {"x1^2", FEAT_X1SQ}, {"x2^2", FEAT_X2SQ},
    {"x1x2", FEAT_X1X2}, {"sin1", FEAT_SIN1}, {"sin2", FEAT_SIN2},
};
#define N_NAMED (int)(sizeof named_features / sizeof named_features[0])

static int parse_poly(const char *deg, FeatureSpec *fs, Err *err)
{
    char *end;
    long d = strtol(deg, &end, 10);
    if (*deg == '\0' || *end != '\0' || d < 1 || d > 9)
        return err_set(err, ERR_INPUT, "--features: poly:D needs a degree D from 1 to 9 (got '%s')",
                       deg);
    fs->n = 0;
    /* Degree by degree, x1's power falling: x1 x2 | x1^2 x1x2 x2^2 | ... */
    for (int total = 1; total <= d; total++)
        for (int p1 = total; p1 >= 0; p1--)
            fs->f[fs->n++] = (Feature){FEAT_MONO, p1, total - p1};
    return 0;
}

int features_parse(const char *spec, FeatureSpec *fs, Err *err)
{
    memset(fs, 0, sizeof *fs);
    fs->d_in = 2;
    if (!spec || !*spec || strcmp(spec, "x1,x2") == 0 || strcmp(spec, "none") == 0 ||
        strcmp(spec, "raw") == 0) /* the inputs as they are */
        return 0;
    if (strncmp(spec, "poly:", 5) == 0)
        return parse_poly(spec + 5, fs, err);
    const char *p = spec;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        int found = -1;
        for (int i = 0; i < N_NAMED; i++)
            if (strlen(named_features[i].name) == len &&
                strncmp(p, named_features[i].name, len) == 0)
                found = i;
        if (found < 0)
            return err_set(err, ERR_INPUT,
                           "--features: unknown feature '%.*s' (use x1,x2,x1^2,x2^2,x1x2,sin1,sin2 "
                           "or poly:D)",
                           (int)len, p);
        for (int i = 0; i < fs->n; i++)
            if (fs->f[i].kind == named_features[found].kind)
                return err_set(err, ERR_INPUT, "--features: '%.*s' is listed twice", (int)len, p);
        fs->f[fs->n++] = (Feature){named_features[found].kind, 0, 0};
        if (!comma)
            break;
        p = comma + 1;
        if (!*p)
            return err_set(err, ERR_INPUT, "--features: empty name after ','");
    }
    return 0;
}

int features_dim(const FeatureSpec *fs, int d_in) { return fs->n ? fs->n : d_in; }

static double feature_value(const Feature *f, double x1, double x2)
{
    switch (f->kind) {
    case FEAT_X1: return x1;
    case FEAT_X2: return x2;
    case FEAT_X1SQ: return x1 * x1;
    case FEAT_X2SQ: return x2 * x2;
    case FEAT_X1X2: return x1 * x2;
    case FEAT_SIN1: return sin(x1);
    case FEAT_SIN2: return sin(x2);
    case FEAT_MONO: break;
    }
    double v = 1.0;
    for (int i = 0; i < f->p1; i++)
        v *= x1;
    for (int i = 0; i < f->p2; i++)
        v *= x2;
    return v;
}

static int uses_x2(const Feature *f)
{
    return f->kind == FEAT_X2 || f->kind == FEAT_X2SQ || f->kind == FEAT_X1X2 ||
           f->kind == FEAT_SIN2 || (f->kind == FEAT_MONO && f->p2 > 0);
}

int features_bind(FeatureSpec *fs, int d_in, const char *data_name, Err *err)
{
    if (fs->n == 0 || d_in == fs->d_in)
        return 0;
    const char *name = data_name ? data_name : "data";
    if (d_in != 1 || fs->d_in != 2)
        return err_set(err, ERR_INPUT, "--features needs 1-D or 2-D data; '%s' has %d inputs", name,
                       d_in);
    int n = 0;
    for (int k = 0; k < fs->n; k++) {
        if (!uses_x2(&fs->f[k])) {
            fs->f[n++] = fs->f[k];
            continue;
        }
        if (fs->f[k].kind != FEAT_MONO) {
            char buf[16];
            features_name(fs, k, buf, sizeof buf);
            return err_set(err, ERR_INPUT, "--features: '%s' needs 2-D data; '%s' has one input x1",
                           buf, name);
        }
    }
    fs->n = n;
    fs->d_in = 1;
    return 0;
}

void features_expand(const FeatureSpec *fs, const double *x, int n, double *out)
{
    int d = fs->d_in == 1 ? 1 : 2;
    for (int i = 0; i < n; i++) {
        const double *row = x + (size_t)i * d;
        for (int k = 0; k < fs->n; k++)
            out[(size_t)i * fs->n + k] = feature_value(&fs->f[k], row[0], d == 2 ? row[1] : 0.0);
    }
}

int features_apply(FeatureSpec *fs, Dataset *ds, Err *err)
{
    if (fs->n == 0)
        return 0;
    if (features_bind(fs, ds->d, ds->name, err))
        return -1;
    double *X = malloc(sizeof(double) * ((size_t)ds->n * fs->n + 1));
    char **names = calloc((size_t)fs->n, sizeof *names);
    if (!X || !names) {
        free(X), free(names);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    features_expand(fs, ds->X, ds->n, X);
    for (int k = 0; k < fs->n; k++) {
        char buf[32];
        features_name(fs, k, buf, sizeof buf);
        names[k] = malloc(strlen(buf) + 1);
        if (names[k])
            strcpy(names[k], buf);
    }
    if (ds->feature_names) {
        for (int j = 0; j < ds->d; j++)
            free(ds->feature_names[j]);
        free(ds->feature_names);
    }
    free(ds->X);
    ds->X = X;
    ds->d = fs->n;
    ds->feature_names = names;
    return 0;
}

static int append_power(char *buf, int size, int used, const char *var, int p)
{
    if (p == 0 || used >= size)
        return used;
    int w = p == 1 ? snprintf(buf + used, (size_t)(size - used), "%s", var)
                   : snprintf(buf + used, (size_t)(size - used), "%s^%d", var, p);
    return w > 0 ? used + w : used;
}

void features_name(const FeatureSpec *fs, int i, char *buf, int size)
{
    if (size <= 0)
        return;
    buf[0] = '\0';
    if (fs->n == 0) {
        snprintf(buf, (size_t)size, "x%d", i + 1);
        return;
    }
    const Feature *f = &fs->f[i];
    if (f->kind != FEAT_MONO) {
        for (int k = 0; k < N_NAMED; k++)
            if (named_features[k].kind == f->kind)
                snprintf(buf, (size_t)size, "%s", named_features[k].name);
        return;
    }
    int used = append_power(buf, size, 0, "x1", f->p1);
    append_power(buf, size, used, "x2", f->p2);
}
