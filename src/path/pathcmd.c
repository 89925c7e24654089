/* pathcmd: the --path command (see pathcmd.h).
 *
 * Per lambda, largest first:
 *   {"lambda":..,"train_loss":..,"val_loss":..,"zero_frac":..,"nonzero":N,
 *    ["cv_mean":..,"cv_se":..,]"layers":[{"W":[[..]],"b":[..]}]}
 *    [,"relaxed":{"train_loss":..,"data_loss":..[,"val_loss":..],"layers":[..]}]}
 * train_loss is the objective (data loss + penalty) on the training split,
 * val_loss the data loss on the validation split (absent with
 * --val-ratio 0); with --relax, relaxed is the relaxed lasso at that lambda
 * (path_relax: the active set refitted without penalty, blended by
 * --relax-gamma) with its train_loss in the same sense (its data loss plus
 * the penalty at lambda) and its weights in the same layout. Then
 *   {"path":true,"best_lambda":..,"best_index":i,"best_by":"val"|"cv"|"last"
 *    [,"lambda_min":..,"lambda_1se":..,"index_min":i,"index_1se":i],"features":[..]}
 * best: the lowest validation loss; without a validation split the cv
 * lambda_min with --cv, else the smallest lambda (the last record);
 * features: the names of W's columns (the inputs after encoding and
 * --features expansion). */
#include "setup.h"
#include "pathcmd.h"

#include <math.h>
#include <stdlib.h>

#include "path.h"
#include "report.h"

static void put_field(FILE *out, const char *name, double v)
{
    fprintf(out, ",\"%s\":", name);
    report_json_number(out, v, "%.15g");
}

static int status_of(const Err *err) { return err->kind == ERR_INTERNAL ? 1 : 2; }

void path_options_for(const Config *c, const Problem *p, PenaltyGroups *groups, PathOptions *opt)
{
    path_options_default(opt);
    opt->penalty = c->hyper.penalty;
    opt->gamma = c->hyper.gamma;
    *groups = (PenaltyGroups){p->n_groups, p->d, p->group_start, p->group_cols};
    opt->groups = p->n_groups > 0 ? groups : NULL;
}

int path_cv_folds_for(const Config *c, const Dataset *train, int want, Err *err)
{
    if (!c->foldid[0])
        return c->cv_folds > 0 ? c->cv_folds : want;
    if (!train->fold)
        return err_set(err, ERR_INPUT,
                       "--foldid %s: these data have no fold column (a CSV file's "
                       "column is needed; a scene's points carry none)",
                       c->foldid);
    int k = path_cv_foldid_count(train);
    if (c->cv_folds > 0 && c->cv_folds != k)
        return err_set(err, ERR_INPUT,
                       "--cv %d disagrees with --foldid %s, whose training rows hold %d distinct "
                       "fold numbers",
                       c->cv_folds, c->foldid, k);
    if (k < 2)
        return err_set(err, ERR_INPUT,
                       "--foldid %s: the training rows hold %d fold number(s), cross-validation "
                       "needs 2 or more",
                       c->foldid, k);
    return k;
}

int path_headless_run(const Config *c, FILE *out, Err *err)
{
    if (c->n_hidden != 0) {
        err_set(err, ERR_INPUT,
                "--path solves linear models only (use --model linear, not hidden layers)");
        return 2;
    }
    if (c->format != FORMAT_JSONL) {
        err_set(err, ERR_INPUT, "--path prints JSON Lines only (--format jsonl)");
        return 2;
    }
    Problem p;
    if (config_build_problem(c, &p, err))
        return status_of(err);
    int K = c->path_len, status = 0;
    double alpha = c->hyper.alpha;
    double *lambdas = malloc(sizeof(double) * K);
    PathResult pr = {0};
    PathCV cv = {0};
    PathResult rr = {0};
    int folds = path_cv_folds_for(c, &p.train, 0, err);
    int has_cv = folds > 0, has_val = p.val.n > 0;
    if (folds < 0) {
        status = 2;
        goto done;
    }
    if (!lambdas) {
        err_set(err, ERR_INTERNAL, "out of memory");
        status = 1;
        goto done;
    }
    PenaltyGroups groups;
    PathOptions opt;
    path_options_for(c, &p, &groups, &opt);
    if (path_lambda_grid_opt(&p.train, p.task, p.n_classes, alpha, K, c->path_min_ratio, &opt,
                             lambdas, err) ||
        path_fit(&p.train, p.task, p.n_classes, alpha, lambdas, K, &opt, &pr, err) ||
        (has_cv && path_cv(&p.train, p.task, p.n_classes, alpha, lambdas, K, folds, c->seed, &opt,
                           &cv, err)) ||
        (c->relax &&
         path_relax(&p.train, p.task, p.n_classes, alpha, &opt, &pr, c->relax_gamma, &rr, err))) {
        status = status_of(err);
        goto done;
    }
    int kd = pr.k * pr.d, best = K - 1;
    const char *best_by = "last";
    double best_val = INFINITY;
    if (!has_val && has_cv)
        best = cv.i_min, best_by = "cv";
    for (int l = 0; l < K; l++) {
        const double *W = pr.W + (size_t)l * kd, *b = pr.b + (size_t)l * pr.k;
        int nonzero = 0;
        for (int i = 0; i < kd; i++)
            nonzero += W[i] != 0;
        fputs("{\"lambda\":", out);
        report_json_number(out, lambdas[l], "%.17g");
        put_field(out, "train_loss", pr.objective[l]);
        if (has_val) {
            double v = path_data_loss(&p.val, p.task, p.n_classes, W, b);
            put_field(out, "val_loss", v);
            if (v < best_val)
                best_val = v, best = l, best_by = "val";
        }
        put_field(out, "zero_frac", kd ? (double)(kd - nonzero) / kd : 0.0);
        fprintf(out, ",\"nonzero\":%d", nonzero);
        if (has_cv) {
            put_field(out, "cv_mean", cv.mean[l]);
            put_field(out, "cv_se", cv.se[l]);
        }
        fputs(",\"layers\":[", out);
        report_layer(out, W, b, pr.k, pr.d);
        fputs("]", out);
        if (c->relax) {
            fputs(",\"relaxed\":{\"train_loss\":", out);
            report_json_number(out, rr.objective[l], "%.15g");
            /* the refit's fit itself: its objective counts the penalty it was not fitted under */
            put_field(out, "data_loss", rr.data_loss[l]);
            if (has_val)
                put_field(out, "val_loss",
                          path_data_loss(&p.val, p.task, p.n_classes, rr.W + (size_t)l * kd,
                                         rr.b + (size_t)l * pr.k));
            fputs(",\"layers\":[", out);
            report_layer(out, rr.W + (size_t)l * kd, rr.b + (size_t)l * pr.k, pr.k, pr.d);
            fputs("]}", out);
        }
        fputs("}\n", out);
    }
    fputs("{\"path\":true,\"best_lambda\":", out);
    report_json_number(out, lambdas[best], "%.17g");
    fprintf(out, ",\"best_index\":%d,\"best_by\":\"%s\"", best, best_by);
    if (has_cv) {
        fputs(",\"lambda_min\":", out);
        report_json_number(out, lambdas[cv.i_min], "%.17g");
        fputs(",\"lambda_1se\":", out);
        report_json_number(out, lambdas[cv.i_1se], "%.17g");
        fprintf(out, ",\"index_min\":%d,\"index_1se\":%d", cv.i_min, cv.i_1se);
    }
    report_features(out, p.train.feature_names, pr.d);
    fputs("}\n", out);
    fflush(out);
    if (ferror(out)) {
        err_set(err, ERR_INTERNAL, "write error on output");
        status = 1;
    }
done:
    free(lambdas);
    path_result_free(&pr);
    path_cv_free(&cv);
    path_result_free(&rr);
    problem_free(&p);
    return status;
}
