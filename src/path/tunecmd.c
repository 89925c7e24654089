/* tunecmd: the --tune command (see tunecmd.h).
 *
 * For a linear model the grid is alpha (--tune alpha=V1,V2,...) x lambda,
 * where the lambda axis is the path's grid shared by every alpha (--path-len
 * values log-spaced from lambda_max down to lambda_max * --path-min-ratio),
 * computed once on the training split at the largest alpha given: there the
 * first lambda zeroes every weight, and at a smaller alpha its path starts
 * among denser models (the lasso's interesting range, not the far larger
 * lambda_max of a near-ridge alpha). Cross-validation: --cv K folds (10 by
 * default, as cv.glmnet), or those of --foldid. Output, for every alpha in
 * the order given and every lambda, largest first:
 *   {"alpha":..,"lambda":..,"cv_mean":..,"cv_se":..}
 * then
 *   {"tune":true,"folds":K,"best":{cell},"one_se":{cell},
 *    "alphas":[{"alpha":..,"lambda_min":..,"lambda_1se":..},..]}
 * best and one_se as tune_pick; per alpha cv.glmnet's lambda.min and
 * lambda.1se. */
#include "setup.h"
#include "tunecmd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pathcmd.h"
#include "report.h"
#include "tune.h"
#include "tune_net.h"

#define TUNE_MAX_VALUES 100
#define TUNE_DEFAULT_FOLDS 10

static int status_of(const Err *err) { return err->kind == ERR_INTERNAL ? 1 : 2; }

int tune_parse_alphas(const Config *c, double *alphas, int max, int *n, Err *err)
{
    *n = 0;
    if (c->n_tune != 1 || strncmp(c->tune[0], "alpha=", 6) != 0) {
        for (int i = 0; i < c->n_tune; i++)
            if (strncmp(c->tune[i], "lambda=", 7) == 0)
                return err_set(err, ERR_INPUT,
                               "--tune lambda: for a linear model the lambda axis is the path's "
                               "grid (--path-len, --path-min-ratio); tune alpha=V1,V2,...");
        return err_set(err, ERR_INPUT,
                       "--tune %s: a linear model's grid is alpha x the path's lambdas: "
                       "--tune alpha=V1,V2,...",
                       c->n_tune ? c->tune[c->n_tune - 1] : "");
    }
    const char *s = c->tune[0] + 6;
    for (;;) {
        char *end;
        double v = strtod(s, &end);
        if (end == s || (*end != ',' && *end != '\0') || !(v >= 0 && v <= 1))
            return err_set(err, ERR_INPUT,
                           "--tune %s: alpha values are numbers in [0, 1], comma-separated",
                           c->tune[0]);
        if (*n == max)
            return err_set(err, ERR_INPUT, "--tune: at most %d values", max);
        alphas[(*n)++] = v;
        if (*end == '\0')
            return 0;
        s = end + 1;
    }
}

static void put_cell(FILE *out, double alpha, double lambda, double mean, double se)
{
    fputs("{\"alpha\":", out);
    report_json_number(out, alpha, "%.17g");
    fputs(",\"lambda\":", out);
    report_json_number(out, lambda, "%.17g");
    fputs(",\"cv_mean\":", out);
    report_json_number(out, mean, "%.15g");
    fputs(",\"cv_se\":", out);
    report_json_number(out, se, "%.15g");
    fputc('}', out);
}

static void print_grid(FILE *out, const double *alphas, int n_alpha, const double *lambdas,
                       int n_lambda, const PathCV *cv, TuneCell *cells, int folds)
{
    for (int a = 0; a < n_alpha; a++)
        for (int l = 0; l < n_lambda; l++) {
            TuneCell *t = &cells[a * n_lambda + l];
            *t = (TuneCell){alphas[a], lambdas[l], cv[a].mean[l], cv[a].se[l]};
            put_cell(out, t->alpha, t->lambda, t->mean, t->se);
            fputc('\n', out);
        }
    int best, one_se;
    tune_pick(cells, n_alpha * n_lambda, &best, &one_se);
    fprintf(out, "{\"tune\":true,\"folds\":%d", folds);
    const char *name[2] = {"best", "one_se"};
    int which[2] = {best, one_se};
    for (int i = 0; i < 2; i++) {
        fprintf(out, ",\"%s\":", name[i]);
        if (which[i] < 0) {
            fputs("null", out);
            continue;
        }
        const TuneCell *t = &cells[which[i]];
        put_cell(out, t->alpha, t->lambda, t->mean, t->se);
    }
    fputs(",\"alphas\":[", out);
    for (int a = 0; a < n_alpha; a++) {
        fprintf(out, "%s{\"alpha\":", a ? "," : "");
        report_json_number(out, alphas[a], "%.17g");
        fputs(",\"lambda_min\":", out);
        report_json_number(out, lambdas[cv[a].i_min], "%.17g");
        fputs(",\"lambda_1se\":", out);
        report_json_number(out, lambdas[cv[a].i_1se], "%.17g");
        fputc('}', out);
    }
    fputs("]}\n", out);
}

static int check_config(const Config *c, Err *err)
{
    if (c->format != FORMAT_JSONL)
        return err_set(err, ERR_INPUT, "--tune prints JSON Lines only (--format jsonl)");
    return 0;
}

int tune_headless_run(const Config *c, FILE *out, Err *err)
{
    double alphas[TUNE_MAX_VALUES];
    int n_alpha;
    if (c->n_hidden > 0)
        return tune_net_headless_run(c, out, err);
    if (check_config(c, err) || tune_parse_alphas(c, alphas, TUNE_MAX_VALUES, &n_alpha, err))
        return 2;
    Problem p;
    if (config_build_problem(c, &p, err))
        return status_of(err);
    int L = c->path_len, status = 0;
    int folds = path_cv_folds_for(c, &p.train, TUNE_DEFAULT_FOLDS, err);
    double *lambdas = malloc(sizeof(double) * (size_t)L);
    PathCV *cv = calloc((size_t)n_alpha, sizeof *cv);
    TuneCell *cells = malloc(sizeof *cells * (size_t)n_alpha * (size_t)L);
    if (folds < 0) {
        status = 2;
        goto done;
    }
    if (!lambdas || !cv || !cells) {
        err_set(err, ERR_INTERNAL, "out of memory");
        status = 1;
        goto done;
    }
    double amax = 0;
    for (int a = 0; a < n_alpha; a++)
        amax = fmax(amax, alphas[a]);
    PenaltyGroups groups;
    PathOptions opt;
    path_options_for(c, &p, &groups, &opt);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = c->threads > 0 ? c->threads : cores > 0 ? (int)cores : 1;
    if (path_lambda_grid_opt(&p.train, p.task, p.n_classes, amax, L, c->path_min_ratio, &opt,
                             lambdas, err) ||
        tune_cv_grid(&p.train, p.task, p.n_classes, alphas, n_alpha, lambdas, L, folds, c->seed,
                     &opt, threads, isatty(2) ? tune_progress_stderr : NULL, NULL, cv, err)) {
        status = status_of(err);
        goto done;
    }
    print_grid(out, alphas, n_alpha, lambdas, L, cv, cells, folds);
    for (int a = 0; a < n_alpha; a++)
        path_cv_free(&cv[a]);
    fflush(out);
    if (ferror(out)) {
        err_set(err, ERR_INTERNAL, "write error on output");
        status = 1;
    }
done:
    free(lambdas), free(cv), free(cells);
    problem_free(&p);
    return status;
}
