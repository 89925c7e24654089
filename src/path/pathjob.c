/* pathjob: see pathjob.h. */
#include "setup.h"
#include "pathjob.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "pathcmd.h"
#include "settings.h"

struct PathJob {
    Config cfg;
    pthread_t thread;
    pthread_mutex_t mu; /* guards steps_done, steps, done, cancel */
    int steps_done, steps;
    int done, cancel;
    /* written by the thread before done is set, read-only afterwards */
    int ok;
    Err err;
    Problem problem;
    int have_problem;
    PenaltyGroups groups; /* the problem's, for opt */
    PathOptions opt;      /* the penalty the path is solved with */
    PathJobResult res;
};

static int cancelled(PathJob *j)
{
    pthread_mutex_lock(&j->mu);
    int c = j->cancel;
    pthread_mutex_unlock(&j->mu);
    return c;
}

static void step(PathJob *j, int steps_done, int steps)
{
    pthread_mutex_lock(&j->mu);
    j->steps_done = steps_done;
    j->steps = steps;
    pthread_mutex_unlock(&j->mu);
}

static void result_free(PathJobResult *r)
{
    free(r->lambda), free(r->W), free(r->b), free(r->train_loss), free(r->data_loss);
    free(r->val_loss), free(r->nonzero), free(r->cv_mean), free(r->cv_se);
    free(r->rW), free(r->rb), free(r->r_train_loss), free(r->r_val_loss);
    memset(r, 0, sizeof *r);
}

/* path_cv's progress: the folds done as steps after the fit, and the
 * cancel flag checked between folds. */
typedef struct {
    PathJob *job;
    int step0, steps;
} CvProgress;

static int cv_progress(void *ctx, int done)
{
    CvProgress *cp = ctx;
    if (done > 0)
        step(cp->job, cp->step0 + done, cp->steps);
    return cancelled(cp->job);
}

static int run_cv(PathJob *j, const Dataset *train, int folds, int step0, int steps)
{
    PathJobResult *r = &j->res;
    CvProgress cp = {j, step0, steps};
    PathCV cv;
    if (path_cv_progress(train, r->task, r->n_classes, r->alpha, r->lambda, r->n_lambda, folds,
                         j->cfg.seed, &j->opt, cv_progress, &cp, &cv, &j->err))
        return -1;
    r->cv_mean = cv.mean, r->cv_se = cv.se;
    r->i_min = cv.i_min, r->i_1se = cv.i_1se;
    r->has_cv = 1;
    r->folds = folds;
    return 0;
}

/* The relaxed lasso along pr (path_relax) into the result. */
static int run_relax(PathJob *j, const PathResult *pr)
{
    const Problem *p = &j->problem;
    PathJobResult *r = &j->res;
    PathResult rr;
    if (path_relax(&p->train, p->task, p->n_classes, r->alpha, &j->opt, pr, j->cfg.relax_gamma, &rr,
                   &j->err))
        return -1;
    int L = pr->n_lambda, k = pr->k, kd = pr->k * pr->d;
    r->r_val_loss = malloc(sizeof(double) * L);
    if (!r->r_val_loss) {
        path_result_free(&rr);
        return err_set(&j->err, ERR_INTERNAL, "out of memory");
    }
    for (int l = 0; l < L; l++)
        r->r_val_loss[l] = p->val.n > 0
                               ? path_data_loss(&p->val, p->task, p->n_classes,
                                                rr.W + (size_t)l * kd, rr.b + (size_t)l * k)
                               : NAN;
    r->rW = rr.W, r->rb = rr.b, r->r_train_loss = rr.data_loss;
    rr.W = rr.b = rr.data_loss = NULL;
    path_result_free(&rr);
    r->has_relax = 1;
    r->relax_gamma = j->cfg.relax_gamma;
    return 0;
}

static int run(PathJob *j)
{
    const Config *c = &j->cfg;
    PathJobResult *r = &j->res;
    if (config_build_problem(c, &j->problem, &j->err))
        return -1;
    j->have_problem = 1;
    const Problem *p = &j->problem;
    int L = c->path_len > 0 ? c->path_len : 100;
    int folds = c->cv_folds > 0 ? c->cv_folds : PATHJOB_DEFAULT_FOLDS;
    int given = path_cv_foldid_count(&p->train);
    if (p->train.fold) /* --foldid: its folds, or none when --cv disagrees */
        folds = given < 2 || (c->cv_folds > 0 && c->cv_folds != given) ? 0 : given;
    else if (folds < 2 || p->train.n < 3 * folds)
        folds = 0; /* too few rows for cross-validation */
    int steps = 1 + folds;
    step(j, 0, steps);
    r->n_lambda = L;
    r->task = p->task;
    r->n_classes = p->n_classes;
    r->alpha = c->hyper.alpha;
    r->i_min = r->i_1se = -1;
    r->lambda = malloc(sizeof(double) * L);
    r->train_loss = malloc(sizeof(double) * L);
    r->data_loss = malloc(sizeof(double) * L);
    r->val_loss = malloc(sizeof(double) * L);
    r->nonzero = malloc(sizeof(int) * L);
    if (!r->lambda || !r->train_loss || !r->data_loss || !r->val_loss || !r->nonzero)
        return err_set(&j->err, ERR_INTERNAL, "out of memory");
    PathResult pr = {0};
    double ratio = c->path_min_ratio > 0 && c->path_min_ratio < 1 ? c->path_min_ratio : 1e-3;
    path_options_for(c, p, &j->groups, &j->opt);
    if (path_lambda_grid_opt(&p->train, p->task, p->n_classes, r->alpha, L, ratio, &j->opt,
                             r->lambda, &j->err) ||
        path_fit(&p->train, p->task, p->n_classes, r->alpha, r->lambda, L, &j->opt, &pr, &j->err)) {
        path_result_free(&pr);
        return -1;
    }
    if (c->relax && run_relax(j, &pr)) {
        path_result_free(&pr);
        return -1;
    }
    /* take the fit's arrays over */
    r->k = pr.k, r->d = pr.d;
    r->W = pr.W, r->b = pr.b;
    pr.W = pr.b = NULL;
    int kd = r->k * r->d;
    r->has_val = p->val.n > 0;
    for (int l = 0; l < L; l++) {
        const double *W = r->W + (size_t)l * kd, *b = r->b + (size_t)l * r->k;
        r->train_loss[l] = pr.objective[l];
        r->data_loss[l] = pr.data_loss[l];
        r->val_loss[l] = r->has_val ? path_data_loss(&p->val, p->task, p->n_classes, W, b) : NAN;
        int nz = 0;
        for (int i = 0; i < kd; i++)
            nz += W[i] != 0;
        r->nonzero[l] = nz;
    }
    path_result_free(&pr);
    step(j, 1, steps);
    if (folds && run_cv(j, &p->train, folds, 1, steps))
        return -1;
    return 0;
}

static void *thread_main(void *arg)
{
    PathJob *j = arg;
    int ok = run(j) == 0;
    if (!ok) {
        result_free(&j->res);
        if (j->have_problem)
            problem_free(&j->problem);
        j->have_problem = 0;
    }
    j->ok = ok;
    pthread_mutex_lock(&j->mu);
    j->done = 1;
    j->steps_done = j->steps = 1;
    pthread_mutex_unlock(&j->mu);
    return NULL;
}

PathJob *pathjob_start(const Config *c, Err *err)
{
    if (c->n_hidden != 0) {
        err_set(err, ERR_INPUT, "the path needs a linear model");
        return NULL;
    }
    PathJob *j = calloc(1, sizeof *j);
    if (!j) {
        err_set(err, ERR_INTERNAL, "out of memory");
        return NULL;
    }
    j->cfg = *c;
    j->cfg.n_runs = 0;
    j->steps = 1;
    pthread_mutex_init(&j->mu, NULL);
    if (pthread_create(&j->thread, NULL, thread_main, j)) {
        pthread_mutex_destroy(&j->mu);
        free(j);
        err_set(err, ERR_INTERNAL, "cannot start the path thread");
        return NULL;
    }
    return j;
}

double pathjob_progress(PathJob *j)
{
    pthread_mutex_lock(&j->mu);
    double f = j->done ? 1.0 : j->steps > 0 ? (double)j->steps_done / j->steps : 0.0;
    pthread_mutex_unlock(&j->mu);
    return f;
}

int pathjob_done(PathJob *j)
{
    pthread_mutex_lock(&j->mu);
    int d = j->done;
    pthread_mutex_unlock(&j->mu);
    return d;
}

const PathJobResult *pathjob_result(PathJob *j)
{
    return pathjob_done(j) && j->ok ? &j->res : NULL;
}

const Problem *pathjob_problem(PathJob *j) { return pathjob_done(j) && j->ok ? &j->problem : NULL; }

const char *pathjob_error(PathJob *j) { return pathjob_done(j) && !j->ok ? j->err.msg : NULL; }

const Config *pathjob_config(PathJob *j) { return &j->cfg; }

void pathjob_free(PathJob *j)
{
    if (!j)
        return;
    pthread_mutex_lock(&j->mu);
    j->cancel = 1;
    pthread_mutex_unlock(&j->mu);
    pthread_join(j->thread, NULL);
    pthread_mutex_destroy(&j->mu);
    result_free(&j->res);
    if (j->have_problem)
        problem_free(&j->problem);
    free(j);
}

void pathjob_predict(const PathJobResult *r, int i, const double *feat, int n, double *out)
{
    int k = r->k, d = r->d;
    const double *W = r->W + (size_t)i * k * d, *b = r->b + (size_t)i * k;
    for (int row = 0; row < n; row++) {
        const double *x = feat + (size_t)row * d;
        double *o = out + (size_t)row * k;
        for (int c = 0; c < k; c++) {
            double z = b[c];
            for (int t = 0; t < d; t++)
                z += W[(size_t)c * d + t] * x[t];
            o[c] = z;
        }
        if (r->task == TASK_REGRESS)
            continue;
        if (k == 1) {
            o[0] = 1.0 / (1.0 + exp(-o[0]));
            continue;
        }
        double m = o[0], s = 0;
        for (int c = 1; c < k; c++)
            m = o[c] > m ? o[c] : m;
        for (int c = 0; c < k; c++)
            s += (o[c] = exp(o[c] - m));
        for (int c = 0; c < k; c++)
            o[c] /= s;
    }
}

int pathjob_config_differs(const Config *a, const Config *b)
{
    return settings_differ(a, b, USE_PATH);
}
