/* Unit tests of pathjob (the background path computation) and pathview (its
 * TUI panel, rendered to text):
 * - the job finishes, progress reaches 1, the grid is decreasing, W at
 *   lambda_max is all zeros, and everything equals path_fit / path_cv /
 *   path_data_loss called directly on the same problem (bit for bit);
 * - freeing a job while it runs is safe (cancel between steps);
 * - hidden-layer models are refused, bad data fails through pathjob_error;
 * - pathjob_predict: probabilities in (0, 1), softmax rows sum to 1;
 * - the view: a progress line while computing, then the title line, the
 *   selection moving with the arrow keys, the lambda_min / lambda_1se marks,
 *   only ASCII in ASCII mode; a snapshot shows the path's weights. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curses.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "setup.h"
#include "path.h"
#include "pathjob.h"
#include "pathview.h"

static void sparse_config(Config *c)
{
    config_defaults(c);
    snprintf(c->data, sizeof c->data, "sparse");
    c->n_hidden = 0;
    config_apply_model_defaults(c);
    c->hyper.alpha = 1.0;
}

static void wait_done(PathJob *j)
{
    for (int i = 0; i < 20000 && !pathjob_done(j); i++) {
        struct timespec ts = {0, 1000000L};
        nanosleep(&ts, NULL);
    }
    assert_true(pathjob_done(j));
}

static void test_job_matches_path_fit_and_cv(void **state)
{
    (void)state;
    Config c;
    sparse_config(&c);
    c.path_len = 40;
    Err err = {0};
    PathJob *j = pathjob_start(&c, &err);
    assert_non_null(j);
    double last = 0;
    while (!pathjob_done(j)) { /* progress never goes back */
        double p = pathjob_progress(j);
        assert_true(p >= last && p <= 1.0);
        last = p;
    }
    assert_true(pathjob_progress(j) == 1.0);
    assert_null(pathjob_error(j));
    const PathJobResult *r = pathjob_result(j);
    assert_non_null(r);
    assert_int_equal(r->n_lambda, 40);
    for (int i = 1; i < r->n_lambda; i++)
        assert_true(r->lambda[i] < r->lambda[i - 1]);
    for (int e = 0; e < r->k * r->d; e++)
        assert_true(r->W[e] == 0.0);
    assert_int_equal(r->nonzero[0], 0);
    assert_true(r->nonzero[r->n_lambda - 1] > 0);

    /* the same computation, directly */
    Problem p;
    assert_int_equal(config_build_problem(&c, &p, &err), 0);
    double lam[40];
    assert_int_equal(path_lambda_grid(&p.train, p.task, p.n_classes, 1.0, 40, 1e-3, lam, &err), 0);
    assert_memory_equal(lam, r->lambda, sizeof lam);
    PathResult pr;
    assert_int_equal(path_fit(&p.train, p.task, p.n_classes, 1.0, lam, 40, NULL, &pr, &err), 0);
    assert_int_equal(pr.k, r->k);
    assert_int_equal(pr.d, r->d);
    assert_memory_equal(pr.W, r->W, sizeof(double) * 40 * pr.k * pr.d);
    assert_memory_equal(pr.b, r->b, sizeof(double) * 40 * pr.k);
    assert_memory_equal(pr.objective, r->train_loss, sizeof(double) * 40);
    assert_true(r->has_val);
    for (int l = 0; l < 40; l++)
        assert_true(r->val_loss[l] == path_data_loss(&p.val, p.task, p.n_classes,
                                                     pr.W + (size_t)l * pr.k * pr.d,
                                                     pr.b + (size_t)l * pr.k));
    PathCV cv;
    assert_int_equal(path_cv(&p.train, p.task, p.n_classes, 1.0, lam, 40, PATHJOB_DEFAULT_FOLDS,
                             c.seed, NULL, &cv, &err),
                     0);
    assert_true(r->has_cv);
    assert_int_equal(r->folds, PATHJOB_DEFAULT_FOLDS);
    assert_memory_equal(cv.mean, r->cv_mean, sizeof(double) * 40);
    assert_memory_equal(cv.se, r->cv_se, sizeof(double) * 40);
    assert_int_equal(cv.i_min, r->i_min);
    assert_int_equal(cv.i_1se, r->i_1se);
    assert_true(r->i_1se <= r->i_min);
    path_cv_free(&cv);
    path_result_free(&pr);
    problem_free(&p);
    assert_non_null(pathjob_problem(j));
    pathjob_free(j);
}

static void test_free_while_running(void **state)
{
    (void)state;
    Config c;
    sparse_config(&c);
    c.samples = 2000;
    for (int t = 0; t < 5; t++) {
        Err err = {0};
        PathJob *j = pathjob_start(&c, &err);
        assert_non_null(j);
        if (t & 1) {
            struct timespec ts = {0, 1000000L * t};
            nanosleep(&ts, NULL);
        }
        pathjob_free(j); /* cancels between steps and joins */
    }
    pathjob_free(NULL);
}

static void test_refusals_and_errors(void **state)
{
    (void)state;
    Config c;
    sparse_config(&c);
    c.n_hidden = 1;
    c.hidden[0] = 8;
    Err err = {0};
    assert_null(pathjob_start(&c, &err));
    assert_non_null(strstr(err.msg, "linear"));

    sparse_config(&c);
    snprintf(c.data, sizeof c.data, "/nonexistent/regscope-no-such.csv");
    PathJob *j = pathjob_start(&c, &err);
    assert_non_null(j);
    wait_done(j);
    assert_null(pathjob_result(j));
    assert_null(pathjob_problem(j));
    assert_non_null(pathjob_error(j));
    assert_true(pathjob_error(j)[0] != '\0');
    pathjob_free(j);

    /* a tiny training split: no cross-validation, the path all the same */
    sparse_config(&c);
    c.samples = 12;
    c.path_len = 10;
    j = pathjob_start(&c, &err);
    assert_non_null(j);
    wait_done(j);
    const PathJobResult *r = pathjob_result(j);
    assert_non_null(r);
    assert_false(r->has_cv);
    assert_int_equal(r->i_min, -1);
    pathjob_free(j);
}

static void test_predict_and_config_differs(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c); /* a 2-D classification generator */
    c.n_hidden = 0;
    config_apply_model_defaults(&c);
    c.path_len = 20;
    Err err = {0};
    PathJob *j = pathjob_start(&c, &err);
    assert_non_null(j);
    wait_done(j);
    const PathJobResult *r = pathjob_result(j);
    assert_non_null(r);
    assert_int_equal(r->task, TASK_CLASSIFY);
    const Problem *p = pathjob_problem(j);
    double raw[6] = {0, 0, 1, -1, -2, 0.5}, feat[3 * 64], out[3 * 8];
    assert_true(p->d <= 64);
    problem_transform(p, raw, 3, feat);
    pathjob_predict(r, r->n_lambda - 1, feat, 3, out);
    for (int i = 0; i < 3 * r->k; i++)
        assert_true(out[i] > 0 && out[i] < 1);
    pathjob_predict(r, 0, feat, 3, out); /* all weights 0: the same p everywhere */
    assert_true(fabs(out[0] - out[r->k]) < 1e-12);
    pathjob_free(j);

    /* softmax: rows of probabilities */
    PathJobResult s = {0};
    double W[3 * 2] = {1, -1, 0.5, 2, -1, 0}, b[3] = {0.1, 0, -0.1}, x[2] = {0.3, -0.7}, o[3];
    s.k = 3, s.d = 2, s.n_lambda = 1, s.task = TASK_CLASSIFY, s.n_classes = 3;
    s.W = W, s.b = b;
    pathjob_predict(&s, 0, x, 1, o);
    assert_true(fabs(o[0] + o[1] + o[2] - 1) < 1e-12);

    Config a = c, bcfg = c;
    bcfg.hyper.lambda = 0.5;
    bcfg.hyper.lr = 0.3;
    assert_false(pathjob_config_differs(&a, &bcfg));
    bcfg.hyper.alpha = 0.5;
    assert_true(pathjob_config_differs(&a, &bcfg));
    bcfg = c;
    snprintf(bcfg.data, sizeof bcfg.data, "xor");
    assert_true(pathjob_config_differs(&a, &bcfg));
}

/* ---- the view --------------------------------------------------------------- */

static char *render_view(PathView *v, int cols, int rows, CanvasGlyphs g, int colour)
{
    Canvas *c = canvas_new(cols, rows, g, colour);
    assert_non_null(c);
    pathview_draw(c, rect_make(0, 0, cols, rows), v);
    char *t = canvas_to_text(c);
    canvas_free(c);
    return t;
}

static void test_view_renders_title_marks_and_moves(void **state)
{
    (void)state;
    Config c;
    sparse_config(&c);
    Err err = {0};
    PathView *v = pathview_open(&c, 0.0, &err);
    assert_non_null(v);
    assert_int_equal(pathview_selected(v), -1);
    pathview_wait(v);
    char *t = render_view(v, 80, 30, CANVAS_UTF8, 1);
    const PathJobResult *r = pathjob_result(pathview_job(v));
    assert_non_null(r);
    assert_true(r->has_cv);
    /* lambda <= 0 asked: lambda_min is selected */
    assert_int_equal(pathview_selected(v), r->i_min);
    char want[64];
    snprintf(want, sizeof want, "path: lambda %.3g (%d/%d)", r->lambda[r->i_min], r->i_min + 1,
             r->n_lambda);
    assert_non_null(strstr(t, want));
    assert_non_null(strstr(t, "nonzero "));
    /* the selection's name is on the title line at 80 columns */
    assert_non_null(strstr(t, r->i_min == r->i_1se ? "= lambda_min = lambda_1se" : "= lambda_min"));
    assert_non_null(strstr(t, "lambda_min"));
    free(t);
    t = render_view(v, 120, 30, CANVAS_UTF8, 1);
    assert_non_null(strstr(t, "= lambda_min"));
    assert_non_null(strstr(t, "regularization path  <-/-> move, p close")); /* in the border */
    assert_non_null(strstr(t, "lambda_1se"));
    assert_non_null(strstr(t, "regularization path"));
    /* the axis row carries ^ (selection), m and 1 unless they coincide */
    assert_non_null(strchr(t, '^'));
    if (r->i_1se != r->i_min)
        assert_non_null(strstr(t, "1"));
    free(t);

    /* arrows move the selection, clamped at the ends */
    int s0 = pathview_selected(v);
    assert_true(pathview_key(v, KEY_LEFT));
    assert_int_equal(pathview_selected(v), s0 - 1);
    assert_true(pathview_key(v, KEY_HOME));
    assert_int_equal(pathview_selected(v), 0);
    assert_true(pathview_key(v, KEY_LEFT));
    assert_int_equal(pathview_selected(v), 0);
    assert_true(pathview_key(v, KEY_END));
    assert_int_equal(pathview_selected(v), r->n_lambda - 1);
    assert_true(pathview_key(v, KEY_RIGHT));
    assert_int_equal(pathview_selected(v), r->n_lambda - 1);
    assert_false(pathview_key(v, 'x'));
    assert_true(pathview_key(v, KEY_HOME));
    t = render_view(v, 80, 30, CANVAS_UTF8, 1);
    snprintf(want, sizeof want, "path: lambda %.3g (1/%d)  nonzero 0/%d", r->lambda[0], r->n_lambda,
             r->k * r->d);
    assert_non_null(strstr(t, want));
    /* an end label under a mark is left out, never moved aside (beside a
     * mark it would read as the mark's lambda): the selection at the left
     * end, the left label goes and the right one stays at its end */
    char num[16], label[48];
    canvas_fmt_num(r->lambda[0], num, sizeof num);
    snprintf(label, sizeof label, "\xe2\x94\x94lambda %s", num); /* └lambda X */
    assert_null(strstr(t, label));
    assert_null(strstr(t, "\xe2\x94\x80lambda")); /* nor moved along the axis */
    free(t);
    assert_true(pathview_key(v, KEY_END));
    t = render_view(v, 80, 30, CANVAS_UTF8, 1);
    canvas_fmt_num(r->lambda[r->n_lambda - 1], num, sizeof num);
    snprintf(label, sizeof label, "\xe2\x94\x80%s\xe2\x94\x80", num); /* ─X─: not moved left */
    assert_null(strstr(t, label));
    canvas_fmt_num(r->lambda[0], num, sizeof num);
    snprintf(label, sizeof label, "\xe2\x94\x94lambda %s", num); /* the left end's, at its end */
    assert_non_null(strstr(t, label));
    free(t);
    assert_true(pathview_key(v, KEY_HOME));

    /* ASCII, monochrome: only bytes < 128, still the marks */
    t = render_view(v, 100, 32, CANVAS_ASCII, 0);
    for (const char *q = t; *q; q++)
        assert_true((unsigned char)*q < 128);
    assert_non_null(strstr(t, "path: lambda"));
    assert_non_null(strstr(t, "lambda_min"));
    assert_non_null(strchr(t, '|'));
    free(t);

    /* tiny rects do not crash */
    for (int w = 1; w < 12; w += 3)
        for (int h = 1; h < 8; h += 2)
            free(render_view(v, w, h, CANVAS_UTF8, 1));

    /* a config change restarts the job; tick reports it */
    Config c2 = c;
    c2.hyper.alpha = 0.5;
    pathview_tick(v, &c); /* settle */
    assert_true(pathview_tick(v, &c2));
    assert_true(pathjob_config(pathview_job(v))->hyper.alpha == 0.5);
    pathview_close(v);
}

static void test_view_progress_line(void **state)
{
    (void)state;
    Config c;
    sparse_config(&c);
    c.samples = 3000;
    c.path_len = 100;
    Err err = {0};
    PathView *v = pathview_open(&c, 0.01, &err);
    assert_non_null(v);
    char *t = render_view(v, 60, 10, CANVAS_ASCII, 0);
    /* either still computing (the bar) or already done (the title) */
    assert_true(strstr(t, "computing path [") != NULL || strstr(t, "path: lambda") != NULL);
    if (strstr(t, "computing path ["))
        assert_non_null(strstr(t, "%"));
    free(t);
    pathview_wait(v);
    t = render_view(v, 60, 10, CANVAS_ASCII, 0);
    assert_non_null(strstr(t, "path: lambda"));
    free(t);
    /* the nearest lambda to 0.01 was selected */
    const PathJobResult *r = pathjob_result(pathview_job(v));
    int s = pathview_selected(v);
    for (int i = 0; i < r->n_lambda; i++)
        assert_true(fabs(log(r->lambda[s] / 0.01)) <= fabs(log(r->lambda[i] / 0.01)) + 1e-12);
    pathview_close(v);

    sparse_config(&c);
    snprintf(c.data, sizeof c.data, "/nonexistent/regscope-no-such.csv");
    v = pathview_open(&c, 0, &err);
    assert_non_null(v);
    pathview_wait(v);
    t = render_view(v, 80, 6, CANVAS_UTF8, 1);
    assert_non_null(strstr(t, "path failed:"));
    free(t);
    pathview_close(v);
}

/* The other panels: a snapshot whose linear model has the path's W. */
static void test_snapshot_carries_path_weights(void **state)
{
    (void)state;
    Config c;
    sparse_config(&c);
    Err err = {0};
    Live *lv = live_start(&c, 1, &err);
    assert_non_null(lv);
    PathView *v = pathview_open(&c, 0.05, &err);
    assert_non_null(v);
    pathview_wait(v);
    const LiveSnapshot *s = live_snapshot_lock(lv);
    const LiveSnapshot *ps = pathview_snapshot(v, s);
    const PathJobResult *r = pathjob_result(pathview_job(v));
    assert_true(ps != s);
    const LayerShape *L = &ps->model.layer[0];
    int sel = pathview_selected(v);
    assert_memory_equal(ps->model.params + L->w_off, r->W + (size_t)sel * r->k * r->d,
                        sizeof(double) * r->k * r->d);
    assert_true(s->model.params != ps->model.params);
    live_snapshot_unlock(lv);
    pathview_close(v);
    live_stop(lv);

    /* 2-D data: the boundary grid is evaluated from the path's model */
    config_defaults(&c);
    c.n_hidden = 0;
    config_apply_model_defaults(&c);
    lv = live_start(&c, 1, &err);
    assert_non_null(lv);
    LiveControl *ctl = live_control_lock(lv);
    ctl->grid_w = 10, ctl->grid_h = 8, ctl->step_epochs = 1;
    live_control_unlock(lv);
    for (int i = 0; i < 500; i++) {
        s = live_snapshot_lock(lv);
        int ok = s->grid_w == 10;
        live_snapshot_unlock(lv);
        if (ok)
            break;
        struct timespec ts = {0, 2000000L};
        nanosleep(&ts, NULL);
    }
    v = pathview_open(&c, 0, &err);
    assert_non_null(v);
    pathview_wait(v);
    assert_true(pathview_key(v, KEY_HOME)); /* lambda_max: every weight 0, a flat p */
    s = live_snapshot_lock(lv);
    assert_int_equal(s->grid_w, 10);
    ps = pathview_snapshot(v, s);
    assert_true(ps != s);
    assert_true(ps->grid_value != s->grid_value);
    for (int i = 1; i < 80; i++)
        assert_true(fabs(ps->grid_value[i] - ps->grid_value[0]) < 1e-12);
    live_snapshot_unlock(lv);
    pathview_close(v);
    live_stop(lv);
}

/* The command line printed on quit reopens the path view's settings too. */
static void test_command_line_keeps_path_settings(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    char *argv[] = {"regscope", "--cv",         "3",  "--path-len", "50", "--path-min-ratio",
                    "1e-4",     "--early-stop", "20", NULL};
    Err err = {0};
    assert_int_equal(config_parse(&c, 9, argv, &err), 0);
    char line[2048];
    config_command_line(&c, line, sizeof line);
    char *args[128];
    int n = 0;
    for (char *tok = strtok(line, " "); tok && n < 127; tok = strtok(NULL, " "))
        args[n++] = tok;
    args[n] = NULL;
    Config back;
    config_defaults(&back);
    assert_int_equal(config_parse(&back, n, args, &err), 0);
    assert_int_equal(back.cv_folds, 3);
    assert_int_equal(back.path_len, 50);
    assert_true(back.path_min_ratio == 1e-4);
    assert_int_equal(back.early_stop, 20);
}

/* What the path depends on restarts it; a lambda change does not. */
static void test_config_differs_on_what_the_path_depends_on(void **state)
{
    (void)state;
    Config a, b;
    config_defaults(&a);
    strcpy(a.data, "corr");
    a.n_hidden = 0;
    b = a;
    assert_false(pathjob_config_differs(&a, &b));
    b.hyper.lambda = 0.3; /* the path spans every lambda */
    assert_false(pathjob_config_differs(&a, &b));
    b = a;
    b.corr = 0.9; /* --data corr's correlation: other data */
    assert_true(pathjob_config_differs(&a, &b));
    b = a;
    b.direction = 30;
    assert_true(pathjob_config_differs(&a, &b));
    b = a;
    b.hyper.alpha = 0.5;
    assert_true(pathjob_config_differs(&a, &b));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_differs_on_what_the_path_depends_on),
        cmocka_unit_test(test_command_line_keeps_path_settings),
        cmocka_unit_test(test_job_matches_path_fit_and_cv),
        cmocka_unit_test(test_free_while_running),
        cmocka_unit_test(test_refusals_and_errors),
        cmocka_unit_test(test_predict_and_config_differs),
        cmocka_unit_test(test_view_renders_title_marks_and_moves),
        cmocka_unit_test(test_view_progress_line),
        cmocka_unit_test(test_snapshot_carries_path_weights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
