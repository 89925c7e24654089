/* Scenes (src/io/scene.c): save / load round trip bit-exact, settings equal,
 * the problem rebuilt from a scene identical, malformed files refused with
 * FILE:LINE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "setup.h"
#include "scene.h"

static void settings(Config *c)
{
    config_defaults(c);
    strcpy(c->data, "circle");
    strcpy(c->features, "x1,x2,x1^2,x1x2");
    c->samples = 60;
    c->noise = 7.5;
    c->val_ratio = 0.3;
    c->seed = 18446744073709551557ULL;
    c->n_hidden = 2, c->hidden[0] = 5, c->hidden[1] = 3;
    c->act = ACT_RELU;
    c->hyper.lambda = 0.1 / 3;
    c->hyper.alpha = 1.0 / 3;
    c->hyper.keep = 0.9;
    c->hyper.input_keep = 0.95;
    c->hyper.augment_noise = 0.0123456789012345;
    c->hyper.lr = 0.0299999;
    c->hyper.l1_method = L1_SUBGRADIENT;
    c->hyper.optimizer = OPT_ADAM;
    c->hyper.batch = 7;
    c->batch_set = c->lr_set = 1;
    c->n_runs = 2;
    strcpy(c->runs[0].name, "L1");
    strcpy(c->runs[1].name, "L2");
    c->runs[0].hyper = c->hyper;
    c->runs[1].hyper = c->hyper;
    c->runs[1].hyper.alpha = 0;
    c->runs[1].hyper.lambda = 1e-300;
}

static void assert_same_doubles(const double *a, const double *b, size_t n)
{
    assert_true(n == 0 || memcmp(a, b, n * sizeof(double)) == 0);
}

static void assert_same_settings(const Config *a, const Config *b)
{
    assert_string_equal(a->data, b->data);
    assert_string_equal(a->target, b->target);
    assert_string_equal(a->features, b->features);
    assert_int_equal(a->task, b->task);
    assert_int_equal(a->samples, b->samples);
    assert_memory_equal(&a->noise, &b->noise, sizeof a->noise);
    assert_memory_equal(&a->val_ratio, &b->val_ratio, sizeof a->val_ratio);
    assert_true(a->seed == b->seed);
    assert_int_equal(a->standardize, b->standardize);
    assert_int_equal(a->n_hidden, b->n_hidden);
    assert_memory_equal(a->hidden, b->hidden, sizeof a->hidden);
    assert_int_equal(a->act, b->act);
    assert_memory_equal(&a->hyper, &b->hyper, sizeof a->hyper);
    assert_int_equal(a->n_runs, b->n_runs);
    for (int i = 0; i < a->n_runs; i++) {
        assert_string_equal(a->runs[i].name, b->runs[i].name);
        assert_memory_equal(&a->runs[i].hyper, &b->runs[i].hyper, sizeof a->runs[i].hyper);
    }
}

/* A scene of a trained model on a built problem. */
static void make_scene(Config *c, Problem *p, Scene *s)
{
    settings(c);
    Err err = {0};
    assert_int_equal(config_build_problem(c, p, &err), 0);
    TrainerConfig tc;
    config_trainer(c, p, &tc);
    Trainer *t = trainer_new(p, &tc, &err);
    assert_non_null(t);
    trainer_epoch(t);
    assert_int_equal(scene_from_problem(s, c, p, trainer_model(t), &err), 0);
    trainer_free(t);
    /* awkward doubles: -0, a subnormal, 0.1 + 0.2, a huge one */
    s->X[0] = -0.0;
    s->X[1] = 4.9406564584124654e-324;
    s->X[2] = 0.1 + 0.2;
    s->params[0] = -1.7976931348623157e308;
    s->params[1] = 2.2250738585072014e-308 / 3;
}

static void test_round_trip_is_bit_exact(void **state)
{
    (void)state;
    Config c;
    Problem p;
    Scene s, r;
    make_scene(&c, &p, &s);
    char *text = scene_format(&s);
    assert_non_null(text);
    Err err = {0};
    if (scene_parse(text, "mem.scene", NULL, &r, &err))
        fail_msg("%s", err.msg);
    assert_same_settings(&s.cfg, &r.cfg);
    assert_int_equal(r.task, TASK_CLASSIFY);
    assert_int_equal(r.n_classes, s.n_classes);
    assert_int_equal(r.d, s.d);
    assert_int_equal(r.n, s.n);
    assert_same_doubles(r.X, s.X, (size_t)s.n * s.d);
    assert_same_doubles(r.y, s.y, (size_t)s.n);
    assert_memory_equal(r.split, s.split, (size_t)s.n);
    assert_int_equal(r.std_d, s.std_d);
    assert_same_doubles(r.std_mean, s.std_mean, (size_t)s.std_d);
    assert_same_doubles(r.std_scale, s.std_scale, (size_t)s.std_d);
    assert_true(r.n_params == s.n_params && r.n_params > 0);
    assert_same_doubles(r.params, s.params, s.n_params);
    /* and formatting the parsed scene gives the same text */
    char *again = scene_format(&r);
    assert_string_equal(again, text);
    free(again);
    free(text);
    scene_free(&r);
    scene_free(&s);
    problem_free(&p);
}

static void test_problem_from_scene_is_identical(void **state)
{
    (void)state;
    Config c;
    Problem p, q;
    Scene s;
    settings(&c);
    Err err = {0};
    assert_int_equal(config_build_problem(&c, &p, &err), 0);
    assert_int_equal(scene_from_problem(&s, &c, &p, NULL, &err), 0);
    assert_int_equal(scene_build_problem(&s, &q, &err), 0);
    assert_int_equal(q.train.n, p.train.n);
    assert_int_equal(q.val.n, p.val.n);
    assert_int_equal(q.d, p.d);
    assert_int_equal(q.d_raw, p.d_raw);
    assert_int_equal(q.n_classes, p.n_classes);
    assert_same_doubles(q.train.X, p.train.X, (size_t)p.train.n * p.d);
    assert_same_doubles(q.train.y, p.train.y, (size_t)p.train.n);
    assert_same_doubles(q.val.X, p.val.X, (size_t)p.val.n * p.d);
    assert_same_doubles(q.raw_train.X, p.raw_train.X, (size_t)p.train.n * 2);
    assert_same_doubles(q.std.mean, p.std.mean, (size_t)p.d);
    assert_same_doubles(q.std.scale, p.std.scale, (size_t)p.d);
    scene_free(&s);
    problem_free(&q);
    problem_free(&p);
}

static int files_in(const char *dir)
{
    DIR *dh = opendir(dir);
    int files = 0;
    for (struct dirent *e; (e = readdir(dh));)
        files += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(dh);
    return files;
}

static void test_file_round_trip_and_load_hooks(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-scene-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/a.scene", dir);
    Config c;
    Problem p;
    Scene s, r;
    make_scene(&c, &p, &s);
    s.X[1] = 0.5; /* keep the data ordinary for the trainer below */
    s.params[0] = 0.25, s.params[1] = -0.125;
    Err err = {0};
    assert_int_equal(scene_write(path, &s, &err), 0);
    assert_int_equal(scene_read(path, NULL, &r, &err), 0);
    assert_same_doubles(r.X, s.X, (size_t)s.n * s.d);
    assert_same_doubles(r.params, s.params, s.n_params);
    /* only a.scene in the folder: the temporary file was renamed */
    assert_int_equal(files_in(dir), 1);
    /* --load: settings applied, the scene's points and weights used */
    Config l;
    config_defaults(&l);
    assert_int_equal(scene_load_settings(path, &l, &err), 0);
    assert_same_settings(&s.cfg, &l);
    assert_string_equal(l.load, path);
    Problem q;
    assert_int_equal(config_build_problem(&l, &q, &err), 0);
    assert_int_equal(q.raw_train.n + q.raw_val.n, s.n);
    assert_true(memcmp(q.raw_train.X, s.X, sizeof(double) * 6) == 0);
    TrainerConfig tc;
    config_trainer(&l, &q, &tc);
    Trainer *t = trainer_new(&q, &tc, &err);
    assert_non_null(t);
    scene_initial_weights(&l, t);
    assert_same_doubles(trainer_model(t)->params, s.params, s.n_params);
    trainer_free(t);
    problem_free(&q);
    /* other data settings than the scene's: built as usual */
    l.seed = 5;
    assert_int_equal(config_build_problem(&l, &q, &err), 0);
    assert_int_equal(q.raw_train.n + q.raw_val.n, 60);
    assert_false(memcmp(q.raw_train.X, s.X, sizeof(double) * 6) == 0);
    problem_free(&q);
    unlink(path);
    rmdir(dir);
    scene_free(&r);
    scene_free(&s);
    problem_free(&p);
}

/* parse text, expect failure with "bad.scene:LINE: " and a fragment */
static void expect_error(const char *text, int line, const char *fragment)
{
    Scene s;
    Err err = {0};
    assert_int_equal(scene_parse(text, "bad.scene", NULL, &s, &err), -1);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "bad.scene:%d: ", line);
    if (strncmp(err.msg, prefix, strlen(prefix)) != 0 || !strstr(err.msg, fragment))
        fail_msg("want '%s...%s', got '%s'", prefix, fragment, err.msg);
    assert_int_equal(err.kind, ERR_INPUT);
}

/* A scene of a linear model on two 2-D points (3 parameters), lines 1-7. */
#define LINEAR_POINTS                                                                              \
    "regscope-scene 1\nmodel linear\nclasses 2\ninputs 2\npoints 2\n1 2 0 0\n3 4 1 0\n"

static void test_malformed_files_name_the_line(void **state)
{
    (void)state;
    expect_error("", 1, "not a regscope scene");
    expect_error("hello\n", 1, "not a regscope scene");
    expect_error("regscope-scene 7\n", 1, "unsupported scene version");
    expect_error("regscope-scene 1\ndata circle\ncolour blue\n", 3, "unknown key 'colour'");
    expect_error("regscope-scene 1\n# note\n\nlambda -1\n", 4, "--lambda");
    expect_error("regscope-scene 1\nlambda x\n", 2, "--lambda: expected a number");
    expect_error("regscope-scene 1\nmodel 0,3\n", 2, "--model");
    expect_error("regscope-scene 1\nclasses 2\ninputs 2\npoints 2\n1 2 0 0\n1 2 3\n", 6,
                 "expected 4 numbers");
    expect_error("regscope-scene 1\nclasses 2\ninputs 2\npoints 2\n1 2 0 0\n1 z 0 0\n", 6,
                 "expected a number, got 'z'");
    expect_error("regscope-scene 1\nclasses 2\ninputs 2\npoints 3\n1 2 0 0\n1 2 1 0\n", 6,
                 "expected 3 points, the file ends after 2");
    expect_error("regscope-scene 1\nclasses 2\ninputs 2\npoints 2\n1 2 0 0\n1 2 5 0\n", 6,
                 "class must be");
    expect_error("regscope-scene 1\nclasses 2\ninputs 2\npoints 2\n1 2 0 0\n1 2 1 2\n", 6,
                 "split must be");
    expect_error("regscope-scene 1\ninputs 2\npoints 1\n1 2 0 0\n", 3, "points need");
    expect_error("regscope-scene 1\nclasses 2\ninputs 2\npoints 1\n1 2 0 0\nlambda 1\n", 6,
                 "after the data");
    expect_error("regscope-scene 1\nweights 2\n0.5\n", 2, "the weights come after the points");
    expect_error(LINEAR_POINTS "weights 3\n0.5\n", 9, "expected 3 weights, the file ends after 1");
    expect_error("regscope-scene 1\nstandardizer 1\n0 0\n", 2, "after the points");
    expect_error(LINEAR_POINTS "standardizer 2\n0 1\n0 0\n", 10, "scale must not be 0");
    expect_error("regscope-scene 1\nrun a:lambda=1\n", 2, "--run");
    expect_error("regscope-scene 1\nclasses 0\ntask classify\ninputs 1\npoints 1\n1 2 0\n", 6,
                 "does not fit");
}

static void test_bad_values_are_refused_at_their_line(void **state)
{
    (void)state;
    const char *head = "regscope-scene 1\nmodel linear\nclasses 2\ninputs 2\npoints 2\n";
    char text[512];
    /* inf, nan and overflow as a coordinate or a weight */
    snprintf(text, sizeof text, "%sinf 2 0 0\n3 4 1 0\n", head);
    expect_error(text, 6, "expected a finite number, got 'inf'");
    snprintf(text, sizeof text, "%s1 2 0 0\n3 1e999 1 0\n", head);
    expect_error(text, 7, "expected a finite number, got '1e999'");
    expect_error(LINEAR_POINTS "weights 3\n0\nnan\n0\n", 10, "expected a finite number, got 'nan'");
    expect_error(LINEAR_POINTS "weights 3\n0\n-inf\n0\n", 10, "finite");
    /* a class that is no int (1e11 would overflow the cast) */
    snprintf(text, sizeof text, "%s1 2 1e11 0\n3 4 1 0\n", head);
    expect_error(text, 6, "class must be a whole number");
    snprintf(text, sizeof text, "%s1 2 -1e300 0\n3 4 1 0\n", head);
    expect_error(text, 6, "class must be a whole number");
    snprintf(text, sizeof text, "%s1 2 0.5 0\n3 4 1 0\n", head);
    expect_error(text, 6, "class must be a whole number");
    /* a weights block that is not the model's size, a standardizer not its inputs' */
    expect_error(LINEAR_POINTS "weights 2\n0\n0\n", 8,
                 "model linear on 2 inputs has 3 parameters, got 2");
    expect_error(LINEAR_POINTS "weights 4\n0\n0\n0\n0\n", 8, "has 3 parameters, got 4");
    expect_error("regscope-scene 1\nmodel 4\nclasses 3\ninputs 2\npoints 2\n1 2 0 0\n3 4 2 0\n"
                 "weights 10\n",
                 8, "model 4 on 2 inputs has 27 parameters, got 10");
    expect_error(LINEAR_POINTS "standardizer 3\n0 1\n0 1\n0 1\n", 8, "expected 2 rows");
    /* names: their count, quoting */
    expect_error("regscope-scene 1\nclasses 2\nclass-names a\ninputs 2\npoints 1\n1 2 0 0\n", 3,
                 "class-names: expected 2 names");
    expect_error("regscope-scene 1\ninput-names a b c\ninputs 2\n", 2, "expected 2 names");
    expect_error("regscope-scene 1\nclass-names a b\n", 2, "need a 'classes' line");
    expect_error("regscope-scene 1\ninputs 2\ninput-names \"a b\n", 3, "no closing quote");
    expect_error("regscope-scene 1\ninputs 2\ninput-names \"a\\q\" b\n", 3, "unknown escape");
    expect_error("regscope-scene 1\ninputs 2\ninput-names \"a\\x00\" b\n", 3, "unknown escape");
    expect_error("regscope-scene 1\ninputs 2\ninput-names \"a\"b c\n", 3, "followed by a blank");
    /* CRs before a newline are line ends, not a value (parsed, written, parsed again) */
    expect_error("regscope-scene 1\ndata \r\r", 2, "--data: empty value");
    expect_error("regscope-scene 1\nclasses 1001\n", 2, "2 to 1000");
    expect_error("regscope-scene 1\ninputs 100000001\n", 2, "1 to 100000000");
    expect_error("regscope-scene 1\nfeatures poly:2\nclasses 2\ninputs 3\npoints 1\n", 5,
                 "needs 1-D or 2-D data");
}

/* names with what CSV headers hold: blanks, quotes, backslashes, UTF-8,
 * control characters, nothing at all */
static const char *const odd_names[] = {"sepal length",
                                        "a \"q\"",
                                        "x\\y",
                                        "wïdth",
                                        "",
                                        "#x",
                                        "tab\there",
                                        "line\nbreak",
                                        "\x01"
                                        "ctl",
                                        "plain"};
#define N_ODD (int)(sizeof odd_names / sizeof odd_names[0])

static char **names_of(const char *const *v, int n)
{
    char **out = calloc((size_t)n, sizeof *out);
    for (int i = 0; i < n; i++)
        out[i] = strdup(v[i]);
    return out;
}

/* A scene of d inputs and k classes (2 points each), a linear model. */
static void wide_scene(Scene *s, int d, int k)
{
    memset(s, 0, sizeof *s);
    config_defaults(&s->cfg);
    strcpy(s->cfg.data, "wide.csv");
    s->cfg.n_hidden = 0;
    s->cfg.task = s->task = TASK_CLASSIFY;
    s->n_classes = k, s->d = d, s->n = 2 * k;
    s->X = calloc((size_t)s->n * d, sizeof(double));
    s->y = calloc((size_t)s->n, sizeof(double));
    s->split = calloc((size_t)s->n, 1);
    for (int i = 0; i < s->n; i++) {
        s->y[i] = i % k;
        s->X[(size_t)i * d + i % d] = i * 0.25;
    }
    s->n_params = (size_t)d * (k > 2 ? k : 1) + (k > 2 ? k : 1);
    s->params = calloc(s->n_params, sizeof(double));
    s->params[0] = 0.5;
}

static void test_names_and_counts_round_trip(void **state)
{
    (void)state;
    Scene s, r;
    wide_scene(&s, N_ODD, N_ODD);
    s.input_names = names_of(odd_names, N_ODD);
    s.class_names = names_of(odd_names, N_ODD);
    char *text = scene_format(&s);
    assert_non_null(text);
    /* each count before its names */
    assert_true(strstr(text, "\ninputs ") < strstr(text, "\ninput-names "));
    assert_true(strstr(text, "\nclasses ") < strstr(text, "\nclass-names "));
    Err err = {0};
    if (scene_parse(text, "names.scene", NULL, &r, &err))
        fail_msg("%s", err.msg);
    assert_non_null(r.input_names);
    assert_non_null(r.class_names);
    for (int i = 0; i < N_ODD; i++) {
        assert_string_equal(r.input_names[i], odd_names[i]);
        assert_string_equal(r.class_names[i], odd_names[i]);
    }
    char *again = scene_format(&r);
    assert_string_equal(again, text);
    free(again);
    free(text);
    scene_free(&r);
    scene_free(&s);
    /* files written before names followed their counts still read */
    const char *old = "regscope-scene 1\nmodel linear\nclasses 2\nclass-names no yes\n"
                      "input-names u v\ninputs 2\npoints 2\n1 2 0 0\n3 4 1 0\n";
    if (scene_parse(old, "old.scene", NULL, &r, &err))
        fail_msg("%s", err.msg);
    assert_string_equal(r.input_names[1], "v");
    assert_string_equal(r.class_names[1], "yes");
    scene_free(&r);
}

static void test_more_than_64_inputs_and_classes(void **state)
{
    (void)state;
    int sizes[][2] = {{65, 2}, {300, 70}, {4096, 3}, {2, 1000}};
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        Scene s, r;
        wide_scene(&s, sizes[t][0], sizes[t][1]);
        char *text = scene_format(&s);
        Err err = {0};
        if (scene_parse(text, "wide.scene", NULL, &r, &err))
            fail_msg("%d inputs, %d classes: %s", sizes[t][0], sizes[t][1], err.msg);
        assert_int_equal(r.d, s.d);
        assert_int_equal(r.n_classes, s.n_classes);
        assert_true(r.n_params == s.n_params);
        free(text);
        scene_free(&r);
        scene_free(&s);
    }
}

static void test_what_would_not_load_is_not_written(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-scene-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/d.scene", dir);
    Config c;
    Problem p;
    Scene s;
    make_scene(&c, &p, &s);
    Err err = {0};
    s.params[2] = NAN; /* training diverged */
    assert_int_equal(scene_write(path, &s, &err), -1);
    assert_non_null(strstr(err.msg, "weights are not finite"));
    s.params[2] = -INFINITY;
    assert_int_equal(scene_write(path, &s, &err), -1);
    s.params[2] = 0;
    s.X[3] = INFINITY;
    assert_int_equal(scene_write(path, &s, &err), -1);
    assert_non_null(strstr(err.msg, "not finite"));
    assert_int_equal(files_in(dir), 0);
    s.X[3] = 1;
    assert_int_equal(scene_write(path, &s, &err), 0);
    Scene r;
    if (scene_read(path, NULL, &r, &err))
        fail_msg("%s", err.msg);
    scene_free(&r);
    unlink(path);
    rmdir(dir);
    scene_free(&s);
    problem_free(&p);
}

/* scene_read on path: fails with a message that starts with want. */
static void expect_read_error(const char *path, const char *want)
{
    Scene s;
    Err err = {0};
    assert_int_equal(scene_read(path, NULL, &s, &err), -1);
    if (strncmp(err.msg, want, strlen(want)) != 0)
        fail_msg("want '%s...', got '%s'", want, err.msg);
    assert_int_equal(err.kind, ERR_INPUT);
}

static void test_read_refuses_what_is_no_scene_file(void **state)
{
    (void)state;
    expect_read_error("/dev/zero", "/dev/zero: not a regular file");
    char dir[] = "/tmp/regscope-scene-XXXXXX";
    assert_non_null(mkdtemp(dir));
    expect_read_error(dir, dir);
    char path[256], want[300];
    snprintf(path, sizeof path, "%s/fifo", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    snprintf(want, sizeof want, "%s: not a regular file", path);
    expect_read_error(path, want);
    unlink(path);
    snprintf(path, sizeof path, "%s/nul.scene", dir);
    FILE *f = fopen(path, "wb");
    fwrite("regscope-scene 1\nda\0ta circle\n", 1, 30, f);
    fclose(f);
    snprintf(want, sizeof want, "%s:2: a NUL byte", path);
    expect_read_error(path, want);
    unlink(path);
    rmdir(dir);
}

static void test_load_errors_stop_the_command_line(void **state)
{
    (void)state;
    char path[] = "/tmp/regscope-bad-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char text[] = "regscope-scene 1\nalpha 2\n";
    assert_int_equal(write(fd, text, sizeof text - 1), (int)(sizeof text - 1));
    close(fd);
    Config c;
    config_defaults(&c);
    char *argv[] = {"regscope", "--load", path};
    Err err = {0};
    assert_int_equal(config_parse(&c, 3, argv, &err), -1);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s:2: ", path);
    assert_true(strncmp(err.msg, prefix, strlen(prefix)) == 0);
    assert_int_equal(err.kind, ERR_INPUT);
    unlink(path);
}

/* A table's encoding (row names, --ignore, --categorical, NA tokens,
 * --missing mean) is in the scene: its settings come back, and so do the
 * encoded inputs' names and the filled points. */
static void test_table_encoding_round_trips(void **state)
{
    (void)state;
    char path[] = "/tmp/regscope-scene-table-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char csv[] = "\"\",id,grp,dose,len\n"
                       "a,1,VC,0.5,4.2\nb,2,OJ,-,11.5\nc,3,VC,1,7.3\nd,4,OJ,2,5.8\n"
                       "e,5,VC,0.5,6.4\nf,6,OJ,1,10\ng,7,VC,2,11.2\nh,8,OJ,0.5,11.2\n";
    assert_int_equal(write(fd, csv, sizeof csv - 1), (ssize_t)(sizeof csv - 1));
    close(fd);
    Config c;
    config_defaults(&c);
    snprintf(c.data, sizeof c.data, "%s", path);
    strcpy(c.ignore, "id");
    strcpy(c.categorical, "dose");
    strcpy(c.na_values, "-");
    c.na_values_set = 1;
    c.missing = CSV_MISSING_MEAN;
    c.n_hidden = 0;
    c.val_ratio = 0.25;
    Problem p;
    Err err = {0};
    if (config_build_problem(&c, &p, &err))
        fail_msg("%s", err.msg);
    Scene sc, back;
    assert_int_equal(scene_from_problem(&sc, &c, &p, NULL, &err), 0);
    char *text = scene_format(&sc);
    assert_non_null(text);
    assert_non_null(strstr(text, "\nignore id\ncategorical dose\nna-values -\nmissing mean\n"));
    if (scene_parse(text, "mem.scene", NULL, &back, &err))
        fail_msg("%s", err.msg);
    assert_string_equal(back.cfg.ignore, "id");
    assert_string_equal(back.cfg.categorical, "dose");
    assert_string_equal(back.cfg.na_values, "-");
    assert_int_equal(back.cfg.missing, CSV_MISSING_MEAN);
    assert_int_equal(back.d, sc.d);
    assert_non_null(back.input_names);
    const char *want[] = {"grp=VC", "grp=OJ", "dose=0.5", "dose=1", "dose=2", "dose=NA"};
    assert_int_equal(back.d, 6);
    for (int j = 0; j < 6; j++)
        assert_string_equal(back.input_names[j], want[j]);
    assert_same_doubles(back.X, sc.X, (size_t)sc.n * sc.d);
    free(text);
    scene_free(&back);
    scene_free(&sc);
    problem_free(&p);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_is_bit_exact),
        cmocka_unit_test(test_problem_from_scene_is_identical),
        cmocka_unit_test(test_file_round_trip_and_load_hooks),
        cmocka_unit_test(test_malformed_files_name_the_line),
        cmocka_unit_test(test_bad_values_are_refused_at_their_line),
        cmocka_unit_test(test_names_and_counts_round_trip),
        cmocka_unit_test(test_more_than_64_inputs_and_classes),
        cmocka_unit_test(test_what_would_not_load_is_not_written),
        cmocka_unit_test(test_read_refuses_what_is_no_scene_file),
        cmocka_unit_test(test_load_errors_stop_the_command_line),
        cmocka_unit_test(test_table_encoding_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
