#include "setup.h"
#include "live.h"
#include "live_internal.h"
#include "knob_table.h"
#include "scene.h"

#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PUBLISH_SECONDS 0.030
/* The first epochs are evaluated and published one by one, later ones once
 * per publish: fast training still shows its steep start in the loss plot
 * (whose points are spaced evenly, so this reads like a log epoch axis). */
#define LIVE_DENSE_EPOCHS 200

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- problem and trainer (training thread) ------------------------------- */

static void plot_range(Live *lv)
{
    const Dataset *sets[2] = {&lv->problem.raw_train, &lv->problem.raw_val};
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < sets[s]->n; i++)
            for (int j = 0; j < 2; j++) {
                double v = j < sets[s]->d ? sets[s]->X[(size_t)i * sets[s]->d + j] : sets[s]->y[i];
                lo[j] = v < lo[j] ? v : lo[j];
                hi[j] = v > hi[j] ? v : hi[j];
            }
    for (int j = 0; j < 2; j++) {
        double pad = (hi[j] - lo[j]) * 0.08;
        if (!(pad > 0))
            pad = 1;
        lo[j] -= pad;
        hi[j] += pad;
    }
    lv->x0 = lo[0], lv->x1 = hi[0], lv->y0 = lo[1], lv->y1 = hi[1];
}

static void history_clear(Live *lv)
{
    lv->n_hist = 0;
    lv->n_marks = 0;
    lv->best_epoch = -1;
    lv->best_val = INFINITY;
    lv->diverged = 0;
    lv->early_stopped = 0;
    lv->pause_reached = 0;
}

/* Builds a new problem and trainer from cfg; on failure keeps the old ones
 * and says why in the message. */
static int rebuild(Live *lv, const Config *cfg, Err *err)
{
    Problem p;
    if (config_build_problem(cfg, &p, err))
        return -1;
    TrainerConfig tc;
    config_trainer(cfg, &p, &tc);
    /* The trainer keeps a pointer to the problem: build it on the final
     * address, so swap in the problem first and undo on failure. */
    Problem old = lv->problem;
    lv->problem = p;
    Trainer *t = trainer_new(&lv->problem, &tc, err);
    if (!t) {
        lv->problem = old;
        problem_free(&p);
        return -1;
    }
    scene_initial_weights(cfg, t); /* --load: the scene's weights */
    if (lv->trainer) {
        trainer_free(lv->trainer);
        problem_free(&old);
    }
    lv->trainer = t;
    lv->cfg = *cfg;
    lv->problem_version++;
    lv->geo_landscape_stale = 1;
    plot_range(lv);
    history_clear(lv);
    return 0;
}

/* ---- snapshot (live_snapshot.c fills back, the training thread swaps) ---- */

static void publish(Live *lv)
{
    live_fill_back(lv);
    pthread_mutex_lock(&lv->mu);
    LiveSnapshot *t = lv->front;
    lv->front = lv->back;
    lv->back = t;
    lv->front->version = lv->back->version + 1;
    pthread_mutex_unlock(&lv->mu);
}

/* The training thread pauses itself with a message for the status line:
 * the thread's own flag, and the control's so the UI follows it. */
static void pause_self(Live *lv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void pause_self(Live *lv, const char *fmt, ...)
{
    lv->paused = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lv->message, sizeof lv->message, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&lv->mu);
    lv->ctl.paused = 1;
    pthread_mutex_unlock(&lv->mu);
}

/* --early-stop: after PATIENCE epochs without a better validation loss
 * (every epoch is evaluated while it is on, see train_burst), restore the
 * best weights seen and pause, once; space trains on from there. Returns 1
 * when it stops training now. */
static int early_stop_check(Live *lv)
{
    const Metrics *m = &lv->metrics;
    if (lv->cfg.early_stop <= 0 || lv->early_stopped || lv->best_epoch < 0 || !lv->best_params ||
        lv->best_cap < trainer_model(lv->trainer)->n_params ||
        m->epoch - lv->best_epoch < lv->cfg.early_stop)
        return 0;
    trainer_set_params(lv->trainer, lv->best_params);
    trainer_evaluate(lv->trainer, &lv->metrics);
    lv->early_stopped = 1;
    pause_self(lv,
               "early stop: no better val loss in %d epochs, the weights of epoch %ld restored "
               "(space: train on)",
               lv->cfg.early_stop, lv->best_epoch);
    return 1;
}

/* --pause-at (a lesson's point): pause once, on reaching cfg.pause_epoch,
 * so a class sees the run where its point is made; space trains on. */
static int at_pause_epoch(const Live *lv)
{
    return lv->cfg.pause_epoch > 0 && !lv->pause_reached &&
           trainer_epochs_done(lv->trainer) >= lv->cfg.pause_epoch;
}

static void pause_if_due(Live *lv)
{
    if (!at_pause_epoch(lv))
        return;
    lv->pause_reached = 1;
    if (lv->paused)
        return; /* stepped past it ('s', --snapshot): already where it stops */
    pause_self(lv, "paused at epoch %ld (space: train on)", lv->cfg.pause_epoch);
}

/* Keeps the best validation loss (and, for early stopping, its weights)
 * from the last evaluation; returns early_stop_check's answer. Early
 * stopping judges whole epochs from epoch 1 on, as headless training does,
 * never the weights of a burst that ended mid-epoch. */
static int note_best(Live *lv)
{
    const Metrics *m = &lv->metrics;
    if (lv->cfg.early_stop > 0 && (m->epoch < 1 || !trainer_at_epoch_start(lv->trainer)))
        return 0;
    double v = m->has_val ? m->val_loss : m->data_loss;
    if (v < lv->best_val) {
        lv->best_val = v;
        lv->best_epoch = m->epoch;
        const Model *bm = trainer_model(lv->trainer);
        if (lv->cfg.early_stop > 0 &&
            grow(&lv->best_params, &lv->best_cap, bm->n_params, sizeof(double)) == 0)
            trainer_get_params(lv->trainer, lv->best_params);
    }
    return early_stop_check(lv);
}

/* Evaluate now and append to the history (once per epoch). A non-finite
 * loss pauses training: the UI shows the message, 'r' recovers. Returns 1
 * when early stopping stopped training now. */
static int evaluate(Live *lv)
{
    trainer_evaluate(lv->trainer, &lv->metrics);
    const Metrics *m = &lv->metrics;
    if (!isfinite(m->train_loss) || (m->has_val && !isfinite(m->val_loss))) {
        lv->diverged = 1;
        pause_self(lv, "diverged (loss is not finite): lower lr, then press r to reset");
        return 0;
    }
    if (lv->n_hist > 0 && lv->hist_epoch[lv->n_hist - 1] == m->epoch)
        lv->n_hist--; /* same epoch evaluated again (hyper changed): replace */
    if (lv->n_hist == LIVE_HISTORY_MAX) {
        /* keep every other point: the curve keeps its shape, memory stays fixed */
        int j = 0;
        for (int i = 0; i < LIVE_HISTORY_MAX; i += 2, j++) {
            lv->hist_epoch[j] = lv->hist_epoch[i];
            lv->hist_train[j] = lv->hist_train[i];
            lv->hist_val[j] = lv->hist_val[i];
            lv->hist_data[j] = lv->hist_data[i];
            lv->hist_penalty[j] = lv->hist_penalty[i];
            lv->hist_w1[j] = lv->hist_w1[i];
            lv->hist_w2[j] = lv->hist_w2[i];
        }
        lv->n_hist = j;
    }
    int i = lv->n_hist++;
    lv->hist_epoch[i] = m->epoch;
    lv->hist_train[i] = m->train_loss;
    lv->hist_val[i] = m->has_val ? m->val_loss : NAN;
    lv->hist_data[i] = m->data_loss;
    lv->hist_penalty[i] = m->penalty;
    const Model *model = trainer_model(lv->trainer);
    int two = geometry_fits(model);
    lv->hist_w1[i] = two ? model->params[model->layer[0].w_off] : NAN;
    lv->hist_w2[i] = two ? model->params[model->layer[0].w_off + 1] : NAN;
    return note_best(lv);
}

/* ---- the training thread --------------------------------------------------- */

/* Appends a space (unless first) and the formatted note to buf, bounded. */
static void note(char *buf, size_t size, const char *fmt, ...)
{
    size_t n = strlen(buf);
    if (n + 2 >= size)
        return;
    if (n)
        buf[n++] = ' ';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, size - n, fmt, ap);
    va_end(ap);
}

/* "lambda 0.03 alpha 0": the settings of b that differ from a. */
static void describe_change(const Hyper *a, const Hyper *b, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int k = 0; k < KNOB_COUNT; k++) {
        const KnobInfo *info = knob_info((KnobId)k);
        if (info->format == KF_OTHER ||
            knob_hyper_value(a, (KnobId)k) == knob_hyper_value(b, (KnobId)k))
            continue;
        char v[32];
        knob_format_hyper(b, (KnobId)k, v, sizeof v);
        if (info->title_utf8) /* a named number; a method or optimizer names itself */
            note(buf, size, "%s %s", info->label, v);
        else
            note(buf, size, "%s", v);
    }
}

/* A knob change at the current epoch joins the history's marks; changes at
 * one epoch (keys pressed while paused, or fast) make one mark saying what
 * differs from before the first of them. */
static void mark_change(Live *lv, const Hyper *before, const Hyper *after)
{
    char label[LIVE_MARK_LABEL];
    long epoch = trainer_epochs_done(lv->trainer);
    int i = lv->n_marks - 1;
    if (i >= 0 && lv->mark_epoch[i] == epoch) { /* one more change at this epoch */
        describe_change(&lv->mark_before[i], after, lv->mark_label[i], LIVE_MARK_LABEL);
        if (!lv->mark_label[i][0]) /* changed back to what it was: no mark */
            lv->n_marks--;
        return;
    }
    describe_change(before, after, label, sizeof label);
    if (!label[0])
        return;
    if (lv->n_marks == LIVE_MARKS_MAX) { /* the oldest drops out */
        memmove(lv->mark_epoch, lv->mark_epoch + 1, sizeof(long) * (LIVE_MARKS_MAX - 1));
        memmove(lv->mark_label, lv->mark_label + 1,
                sizeof lv->mark_label[0] * (LIVE_MARKS_MAX - 1));
        memmove(lv->mark_before, lv->mark_before + 1, sizeof(Hyper) * (LIVE_MARKS_MAX - 1));
        lv->n_marks--;
    }
    i = lv->n_marks++;
    lv->mark_epoch[i] = epoch;
    lv->mark_before[i] = *before;
    memcpy(lv->mark_label[i], label, sizeof label);
}

/* 'S': the scene as it stands once the rest of the same control block is
 * in force (a pause pressed just before S is saved as paused). */
static void save_scene_request(Live *lv, const LiveControl *c)
{
    Err serr = {0};
    Config sc = lv->cfg;
    sc.speed = lv->speed;
    sc.start_paused = lv->paused;
    sc.theme = c->cfg.theme; /* the UI's, which the request brings */
    sc.font_size = c->cfg.font_size;
    sc.n_runs = c->save_n_runs;
    memcpy(sc.runs, c->save_runs, sizeof sc.runs);
    if (scene_save(c->save_path, &sc, &lv->problem, trainer_model(lv->trainer), &serr))
        snprintf(lv->save_msg, sizeof lv->save_msg, "%.250s", serr.msg);
    else
        snprintf(lv->save_msg, sizeof lv->save_msg, "wrote scene %.200s", c->save_path);
    lv->save_done = c->save_req;
}

/* Applies what changed in the control block since last time. */
static void apply_control(Live *lv, const LiveControl *c, int *steps)
{
    Err err = {0};
    if (c->rebuild) {
        lv->message[0] = '\0';
        if (rebuild(lv, &c->cfg, &err)) {
            snprintf(lv->message, sizeof lv->message, "%s", err.msg);
            /* tell the UI which settings are really in force */
            pthread_mutex_lock(&lv->mu);
            lv->ctl.cfg = lv->cfg;
            pthread_mutex_unlock(&lv->mu);
        }
    } else if (c->reset) {
        lv->message[0] = '\0';
        lv->cfg.seed = c->cfg.seed;
        trainer_reset(lv->trainer, c->cfg.seed);
        history_clear(lv);
    } else if (c->clear_history) {
        int diverged = lv->diverged, early_stopped = lv->early_stopped;
        int pause_reached = lv->pause_reached;
        history_clear(lv);
        lv->diverged = diverged, lv->early_stopped = early_stopped;
        lv->pause_reached = pause_reached;
    }
    if (!c->rebuild && !c->reset)
        mark_change(lv, &lv->cfg.hyper, &c->cfg.hyper);
    lv->cfg.hyper = c->cfg.hyper;
    trainer_set_hyper(lv->trainer, &c->cfg.hyper);
    if (c->cfg.speed != lv->speed)
        lv->rate_t0 = lv->eps_rate = 0; /* a new limit: a new rate from here */
    lv->speed = c->cfg.speed;
    if (c->cfg.pause_epoch != lv->cfg.pause_epoch) { /* a lesson step's pause-at */
        lv->cfg.pause_epoch = c->cfg.pause_epoch;
        lv->pause_reached = 0;
    }
    if (c->n_edits > 0) { /* mouse points: train on from here (pointedit.h) */
        Err perr = {0};
        if (points_apply_edits(&lv->problem, lv->trainer, c->edits, c->n_edits, &perr) < 0 &&
            perr.kind == ERR_INTERNAL)
            snprintf(lv->message, sizeof lv->message, "%s", perr.msg);
        lv->geo_landscape_stale = 1;
    }
    lv->grid_w = c->grid_w;
    lv->grid_h = c->grid_h;
    lv->want_geo = c->geometry;
    if (c->paused)
        lv->rate_t0 = 0; /* the rate's window ends with a pause */
    if (lv->paused && !c->paused && (lv->early_stopped || lv->pause_reached) && !lv->diverged)
        lv->message[0] = '\0'; /* training on past a stop: the notice has been read */
    lv->paused = c->paused;
    *steps += c->step_epochs;
    if (c->reset || c->rebuild)
        lv->diverged = 0;
    if (c->save_req != lv->save_done)
        save_scene_request(lv, c);
}

/* Epochs per second over windows of half a second of wall time, waits for
 * the speed limit and the publishing included: the rate a person sees the
 * epoch counter move at. A pause ends the window. */
static void measure_rate(Live *lv, double t0, double epochs)
{
    if (lv->rate_t0 <= 0) {
        lv->rate_t0 = t0;
        lv->rate_epochs = 0;
    }
    lv->rate_epochs += epochs;
    double now = now_seconds(), dt = now - lv->rate_t0;
    if (dt < 0.5)
        return;
    double rate = lv->rate_epochs / dt;
    lv->eps_rate = lv->eps_rate > 0 ? 0.5 * lv->eps_rate + 0.5 * rate : rate;
    lv->rate_t0 = now;
    lv->rate_epochs = 0;
}

/* Trains mini-batches for about PUBLISH_SECONDS, until the control block
 * changes, or until the speed limit says wait. */
static void train_burst(Live *lv)
{
    double t0 = now_seconds(), now = t0;
    long e0 = trainer_epochs_done(lv->trainer);
    int batches = 0, n = lv->problem.train.n, B = trainer_hyper(lv->trainer)->batch;
    if (B <= 0 || B > n)
        B = n;
    double step_cost = lv->speed > 0 ? (double)B / n / lv->speed : 0; /* seconds per batch */
    if (lv->next_step_at < t0 - PUBLISH_SECONDS)
        lv->next_step_at = t0; /* no credit saved up while paused */
    while (now - t0 < PUBLISH_SECONDS && atomic_load(&lv->ctl_version) == lv->seen_version) {
        if (step_cost > 0 && now < lv->next_step_at)
            break;
        int epoch_done = trainer_step(lv->trainer);
        batches++;
        lv->next_step_at += step_cost;
        if (epoch_done && trainer_epochs_done(lv->trainer) <= LIVE_DENSE_EPOCHS)
            break; /* record the first epochs one by one: the curve's steep start */
        if (epoch_done && at_pause_epoch(lv))
            break;
        if (epoch_done && lv->cfg.early_stop > 0) { /* the patience counts every epoch */
            trainer_evaluate(lv->trainer, &lv->metrics);
            if (note_best(lv))
                break;
        }
        now = now_seconds();
    }
    (void)e0;
    measure_rate(lv, t0, (double)batches * B / n);
}

/* With a speed limit, sleep until the next batch is due (a control change
 * wakes the thread early). */
static void wait_for_speed_limit(Live *lv)
{
    double wait = lv->next_step_at - now_seconds();
    if (lv->speed <= 0 || wait <= 0)
        return;
    if (wait > 0.25)
        wait = 0.25;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long ns = ts.tv_nsec + (long)(wait * 1e9);
    ts.tv_sec += ns / 1000000000L;
    ts.tv_nsec = ns % 1000000000L;
    pthread_mutex_lock(&lv->mu);
    if (lv->ctl.version == lv->seen_version)
        pthread_cond_timedwait(&lv->wake, &lv->mu, &ts);
    pthread_mutex_unlock(&lv->mu);
}

static void *train_thread(void *arg)
{
    Live *lv = arg;
    int steps = 0;
    for (;;) {
        pthread_mutex_lock(&lv->mu);
        while (!lv->ctl.quit && lv->ctl.version == lv->seen_version && lv->paused && steps == 0)
            pthread_cond_wait(&lv->wake, &lv->mu);
        if (lv->ctl.quit) {
            pthread_mutex_unlock(&lv->mu);
            break;
        }
        int changed = lv->ctl.version != lv->seen_version;
        LiveControl c = lv->ctl;
        lv->ctl.step_epochs = 0;
        lv->ctl.reset = 0;
        lv->ctl.rebuild = 0;
        lv->ctl.clear_history = 0;
        lv->ctl.n_edits = 0;
        lv->seen_version = lv->ctl.version;
        pthread_mutex_unlock(&lv->mu);

        if (changed) {
            apply_control(lv, &c, &steps);
            if (lv->paused && steps == 0) {
                evaluate(lv);
                publish(lv);
                continue;
            }
        }
        if (steps > 0 && lv->paused) {
            trainer_epoch(lv->trainer); /* 's': exactly one epoch */
            steps--;
        } else {
            steps = 0;
            train_burst(lv);
        }
        if (evaluate(lv))
            steps = 0; /* an early stop ends a run of steps too (--snapshot) */
        pause_if_due(lv);
        publish(lv);
        wait_for_speed_limit(lv);
    }
    return NULL;
}

/* ---- the UI's side ----------------------------------------------------------- */

Live *live_start(const Config *cfg, int start_paused, Err *err)
{
    Live *lv = calloc(1, sizeof *lv);
    if (!lv) {
        err_set(err, ERR_INTERNAL, "out of memory");
        return NULL;
    }
    if (rebuild(lv, cfg, err)) {
        free(lv);
        return NULL;
    }
    /* what loading the table did (row names, dropped rows): the startup notice */
    snprintf(lv->message, sizeof lv->message, "%s", lv->problem.raw_train.notice);
    pthread_mutex_init(&lv->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC); /* timed waits immune to clock jumps */
    pthread_cond_init(&lv->wake, &ca);
    pthread_condattr_destroy(&ca);
    lv->front = &lv->snap[0];
    lv->back = &lv->snap[1];
    lv->ctl.cfg = *cfg;
    lv->ctl.paused = start_paused;
    lv->paused = start_paused;
    lv->ctl.version = 1; /* the thread applies the initial control block */
    atomic_store(&lv->ctl_version, 1);
    evaluate(lv);
    live_fill_back(lv);
    LiveSnapshot *t = lv->front;
    lv->front = lv->back;
    lv->back = t;
    lv->front->version = 1;
    if (pthread_create(&lv->thread, NULL, train_thread, lv)) {
        err_set(err, ERR_INTERNAL, "cannot start the training thread");
        live_stop(lv);
        return NULL;
    }
    lv->started = 1;
    return lv;
}

void live_stop(Live *lv)
{
    if (!lv)
        return;
    if (lv->started) {
        pthread_mutex_lock(&lv->mu);
        lv->ctl.quit = 1;
        lv->ctl.version++;
        atomic_store(&lv->ctl_version, lv->ctl.version);
        pthread_cond_signal(&lv->wake);
        pthread_mutex_unlock(&lv->mu);
        pthread_join(lv->thread, NULL);
    }
    trainer_free(lv->trainer);
    problem_free(&lv->problem);
    live_snapshot_free(&lv->snap[0]);
    live_snapshot_free(&lv->snap[1]);
    free(lv->grid_raw), free(lv->grid_feat), free(lv->grid_out);
    free(lv->best_params);
    pthread_mutex_destroy(&lv->mu);
    pthread_cond_destroy(&lv->wake);
    free(lv);
}

LiveControl *live_control_lock(Live *lv)
{
    pthread_mutex_lock(&lv->mu);
    return &lv->ctl;
}

void live_control_unlock(Live *lv)
{
    lv->ctl.version++;
    atomic_store(&lv->ctl_version, lv->ctl.version);
    pthread_cond_signal(&lv->wake);
    pthread_mutex_unlock(&lv->mu);
}

void live_control_read(Live *lv, LiveControl *out)
{
    pthread_mutex_lock(&lv->mu);
    *out = lv->ctl;
    pthread_mutex_unlock(&lv->mu);
}

const LiveSnapshot *live_snapshot_lock(Live *lv)
{
    pthread_mutex_lock(&lv->mu);
    return lv->front;
}

void live_snapshot_unlock(Live *lv) { pthread_mutex_unlock(&lv->mu); }

void live_snapshots_lock(Live *const *lv, int n, const LiveSnapshot **s)
{
    for (int i = 0; i < n; i++)
        s[i] = live_snapshot_lock(lv[i]);
}

void live_snapshots_unlock(Live *const *lv, int n)
{
    for (int i = n - 1; i >= 0; i--)
        live_snapshot_unlock(lv[i]);
}
