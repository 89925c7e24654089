#include "setup.h"
#include "headless.h"

#include <math.h>
#include <stdlib.h>

#include "lesson.h"
#include "report.h"
#include "scene.h"

/* One run: its trainer and the best epoch so far by validation loss
 * (training data loss without a split), with that epoch's weights for
 * early stopping to restore. Compare mode has several on one Problem. */
typedef struct {
    Trainer *t;
    const char *name; /* NULL outside compare mode */
    double best_loss;
    long best_epoch;
    double *best_params;
    int stopped;
    long ran;
    long diverged; /* the epoch whose loss or weights were not finite, 0 if none */
} Run;

static void best_update(Run *r, double loss)
{
    if (!(loss < r->best_loss) && r->best_epoch >= 0)
        return;
    r->best_loss = loss;
    r->best_epoch = trainer_epochs_done(r->t);
    if (r->best_params)
        trainer_get_params(r->t, r->best_params);
}

static void free_runs(Run *runs, int n)
{
    for (int i = 0; i < n; i++) {
        trainer_free(runs[i].t);
        free(runs[i].best_params);
    }
}

/* Trainers for every run, all from the same seed: same initial weights and
 * the same mini-batch order, only the hyperparameters differ. */
static int make_runs(const Config *c, const Problem *p, Run *runs, int *n, Err *err)
{
    *n = c->n_runs > 1 ? c->n_runs : 1;
    for (int i = 0; i < *n; i++) {
        TrainerConfig tc;
        config_trainer(c, p, &tc);
        if (c->n_runs > 1)
            tc.hyper = c->runs[i].hyper;
        runs[i] = (Run){NULL, c->n_runs > 1 ? c->runs[i].name : NULL, INFINITY, -1, NULL, 0, 0, 0};
        runs[i].t = trainer_new(p, &tc, err);
        if (runs[i].t)
            scene_initial_weights(c, runs[i].t); /* --load: the scene's weights */
        if (runs[i].t && c->early_stop > 0) {
            runs[i].best_params = malloc(sizeof(double) * trainer_model(runs[i].t)->n_params);
            if (!runs[i].best_params)
                err_set(err, ERR_INTERNAL, "out of memory");
        }
        if (!runs[i].t || (c->early_stop > 0 && !runs[i].best_params)) {
            free_runs(runs, i + 1);
            return -1;
        }
    }
    return 0;
}

/* A weight that overflowed to inf or nan: every loss after it is nan too.
 * Cheap next to an epoch, so epochs that are not reported are checked too. */
static int params_finite(const Model *m)
{
    for (size_t i = 0; i < m->n_params; i++)
        if (!isfinite(m->params[i]))
            return 0;
    return 1;
}

/* One epoch of one run, reported when due; returns 1 once it has stopped
 * (early stopping, or divergence: r->diverged says which). */
static int run_epoch(const Config *c, Run *r, long epoch, FILE *out, int *header_done)
{
    trainer_epoch(r->t);
    r->ran = epoch;
    int finite = params_finite(trainer_model(r->t));
    if (epoch % c->every == 0) {
        Metrics m;
        trainer_evaluate(r->t, &m);
        if (c->format == FORMAT_CSV && !(*header_done)++)
            report_csv_header(out, &m, r->name != NULL);
        report_epoch(out, c->format, &m, r->name);
        finite = finite && isfinite(m.train_loss) && (!m.has_val || isfinite(m.val_loss));
        if (finite)
            best_update(r, m.has_val ? m.val_loss : m.data_loss);
    } else if (finite && c->early_stop > 0) {
        double val = trainer_val_loss(r->t);
        finite = isfinite(val);
        if (finite)
            best_update(r, val);
    }
    if (!finite) {
        r->diverged = epoch;
        return 1;
    }
    return c->early_stop > 0 && epoch - r->best_epoch >= c->early_stop;
}

/* "training diverged at epoch E: ..., lower --lr (now X)": what to change
 * names the run's own setting in compare mode. */
static int diverged_error(const Config *c, const Run *r, Err *err)
{
    const Hyper *h = trainer_hyper(r->t);
    char saved[64] = "";
    if (c->save[0])
        snprintf(saved, sizeof saved, "; nothing saved");
    if (r->name)
        return err_set(err, ERR_INPUT,
                       "run '%s' diverged at epoch %ld (the loss is not finite): lower its lr (now "
                       "%g, --run %s:lr=...)%s",
                       r->name, r->diverged, h->lr, r->name, saved);
    return err_set(err, ERR_INPUT,
                   "training diverged at epoch %ld (the loss is not finite): lower --lr (now %g)%s",
                   r->diverged, h->lr, saved);
}

/* --lesson: each step's check against the final state of every run, one
 * record a step ({"step":2,"check":"...","holds":true}; "run" in compare
 * mode; a step without a check has "check":null and holds). */
static int lesson_checks(const Config *c, Run *runs, int n, FILE *out, Err *err)
{
    LessonFile *lf = malloc(sizeof *lf);
    if (!lf)
        return err_set(err, ERR_INTERNAL, "out of memory");
    if (lesson_open(c->lesson_src, lf, err)) {
        free(lf);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        Metrics m;
        trainer_evaluate(runs[i].t, &m);
        LessonState st;
        lesson_state_from(&m, trainer_hyper(runs[i].t), c->geometry ? "geometry" : "main", &st);
        for (int k = 0; k < lf->n_steps; k++) {
            const LessonCheck *chk = &lf->steps[k].check;
            fprintf(out, "{\"step\":%d", k + 1);
            if (runs[i].name) {
                fprintf(out, ",\"run\":");
                report_json_string(out, runs[i].name);
            }
            if (chk->n_terms) {
                fprintf(out, ",\"check\":");
                report_json_string(out, chk->text);
            } else
                fprintf(out, ",\"check\":null");
            fprintf(out, ",\"holds\":%s}\n", lesson_check_holds(chk, &st) ? "true" : "false");
        }
    }
    free(lf);
    return 0;
}

int headless_run(const Config *c, FILE *out, Err *err)
{
    Problem p;
    if (config_build_problem(c, &p, err))
        return err->kind == ERR_INTERNAL ? 1 : 2;
    if (p.raw_train.notice[0])
        fprintf(stderr, "regscope: %s: %s\n", p.raw_train.name, p.raw_train.notice);
    Run runs[CONFIG_MAX_RUNS];
    int n;
    if (make_runs(c, &p, runs, &n, err)) {
        problem_free(&p);
        return err->kind == ERR_INTERNAL ? 1 : 2;
    }
    int header_done = 0, running = n;
    const Run *diverged = NULL;
    for (long epoch = 1; epoch <= c->epochs && running > 0 && !diverged; epoch++)
        for (int i = 0; i < n && !diverged; i++)
            if (!runs[i].stopped && run_epoch(c, &runs[i], epoch, out, &header_done)) {
                runs[i].stopped = 1;
                running--;
                if (runs[i].diverged)
                    diverged = &runs[i];
            }
    for (int i = 0; i < n && c->format == FORMAT_JSONL && !diverged; i++)
        if (runs[i].best_params && runs[i].best_epoch > 0)
            trainer_set_params(runs[i].t, runs[i].best_params); /* early stopping restores */
    /* the lesson's checks on the weights kept, before the final records */
    int lesson_bad = c->lesson_src[0] && c->format == FORMAT_JSONL && !diverged &&
                     lesson_checks(c, runs, n, out, err);
    for (int i = 0; i < n && c->format == FORMAT_JSONL && !diverged && !lesson_bad; i++) {
        Run *r = &runs[i];
        report_final(out, r->ran, r->best_epoch < 0 ? 0 : r->best_epoch, trainer_model(r->t),
                     r->name, p.train.feature_names);
    }
    fflush(out);
    int status = ferror(out) ? 1 : 0;
    if (lesson_bad)
        status = err->kind == ERR_INTERNAL ? 1 : 2;
    else if (status)
        err_set(err, ERR_INTERNAL, "write error on output");
    else if (diverged) {
        diverged_error(c, diverged, err);
        status = HEADLESS_DIVERGED;
    } else if (c->save[0] && scene_save(c->save, c, &p, trainer_model(runs[0].t), err))
        status = err->kind == ERR_INTERNAL ? 1 : 2; /* --save: the first run's weights */
    free_runs(runs, n);
    problem_free(&p);
    return status;
}
