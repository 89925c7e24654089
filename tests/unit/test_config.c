/* config: the command line printed on quit reopens the same settings (read
 * back as a POSIX shell would split it), values are refused with messages
 * that name what is wrong, and contradictory flags are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "setup.h"
#include "lesson.h"

#define MAX_WORDS 96

typedef struct {
    char *w[MAX_WORDS];
    int n;
    char buf[16384];
} Words;

/* Splits line into words as sh does for bare words, '...' and backslash
 * escapes (all that config_command_line may write); fails the test on an
 * unterminated quote or anything a shell would expand ($ ` * ? ~ ...). */
static void sh_split(const char *line, Words *out)
{
    out->n = 0;
    char *d = out->buf;
    const char *p = line;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        assert_true(out->n < MAX_WORDS);
        out->w[out->n++] = d;
        while (*p && *p != ' ' && *p != '\t') {
            if (*p == '\'') {
                const char *e = strchr(p + 1, '\'');
                if (!e)
                    fail_msg("unterminated quote in: %s", line);
                memcpy(d, p + 1, (size_t)(e - p - 1));
                d += e - p - 1;
                p = e + 1;
            } else if (*p == '\\') {
                assert_true(p[1] != '\0');
                *d++ = p[1];
                p += 2;
            } else if (strchr("\"$`*?[]~#&|;<>(){}!\n", *p)) {
                fail_msg("unquoted shell character '%c' in: %s", *p, line);
            } else {
                *d++ = *p++;
            }
        }
        *d++ = '\0';
    }
}

static void assert_hyper_equal(const Hyper *a, const Hyper *b, int linear)
{
    assert_true(a->lambda == b->lambda);
    assert_true(a->alpha == b->alpha);
    if (!linear) /* a linear model has no hidden units to drop */
        assert_true(a->keep == b->keep);
    assert_true(a->input_keep == b->input_keep);
    assert_true(a->augment_noise == b->augment_noise);
    assert_true(a->lr == b->lr);
    assert_int_equal(a->l1_method, b->l1_method);
    assert_int_equal(a->optimizer, b->optimizer);
    assert_int_equal(a->batch, b->batch);
}

/* Every setting of a Config; not the bookkeeping (argv0, given, *_set,
 * want_*) nor a run's spec text (the printed one spells every key). */
static void assert_config_equal(const Config *a, const Config *b)
{
    assert_string_equal(a->data, b->data);
    assert_string_equal(a->target, b->target);
    assert_int_equal(a->task, b->task);
    assert_string_equal(a->features, b->features);
    assert_string_equal(a->ignore, b->ignore);
    assert_string_equal(a->categorical, b->categorical);
    assert_int_equal(a->na_values_set, b->na_values_set);
    assert_string_equal(a->na_values, b->na_values);
    assert_int_equal(a->missing, b->missing);
    assert_int_equal(a->path_len, b->path_len);
    assert_true(a->path_min_ratio == b->path_min_ratio);
    assert_int_equal(a->cv_folds, b->cv_folds);
    assert_int_equal(a->pause_epoch, b->pause_epoch);
    assert_int_equal(a->samples, b->samples);
    assert_true(a->noise == b->noise);
    assert_true(a->corr == b->corr);
    assert_true(a->direction == b->direction);
    assert_true(a->val_ratio == b->val_ratio);
    assert_int_equal(a->standardize, b->standardize);
    assert_int_equal(a->n_hidden, b->n_hidden);
    for (int i = 0; i < a->n_hidden; i++)
        assert_int_equal(a->hidden[i], b->hidden[i]);
    assert_int_equal(a->act, b->act);
    assert_hyper_equal(&a->hyper, &b->hyper, a->n_hidden == 0);
    assert_int_equal(a->epochs, b->epochs);
    assert_true(a->seed == b->seed);
    assert_int_equal(a->early_stop, b->early_stop);
    assert_int_equal(a->threads, b->threads);
    assert_true(a->speed == b->speed);
    assert_int_equal(a->n_runs, b->n_runs);
    for (int i = 0; i < a->n_runs; i++) {
        assert_string_equal(a->runs[i].name, b->runs[i].name);
        assert_hyper_equal(&a->runs[i].hyper, &b->runs[i].hyper, a->n_hidden == 0);
    }
    assert_int_equal(a->path, b->path);
    assert_int_equal(a->path_len, b->path_len);
    assert_true(a->path_min_ratio == b->path_min_ratio);
    assert_int_equal(a->cv_folds, b->cv_folds);
    assert_string_equal(a->snapshot, b->snapshot);
    assert_int_equal(a->size_cols, b->size_cols);
    assert_int_equal(a->size_rows, b->size_rows);
    assert_string_equal(a->emit, b->emit);
    assert_string_equal(a->load, b->load);
    assert_string_equal(a->save, b->save);
    assert_string_equal(a->lesson, b->lesson);
    assert_string_equal(a->lesson_prompt, b->lesson_prompt);
    assert_int_equal(a->geometry, b->geometry);
    assert_int_equal(a->headless, b->headless);
    assert_int_equal(a->format, b->format);
    assert_int_equal(a->every, b->every);
}

static int parse_words(Config *c, int n, char **w, Err *err)
{
    config_defaults(c);
    if (config_parse(c, n, w, err))
        return -1;
    return config_check(c, err);
}

/* Prints c's command line, splits it as sh would, parses it again and
 * expects the same settings. */
static void assert_reopens(const Config *c)
{
    char line[8192];
    config_command_line(c, line, sizeof line);
    Words *w = malloc(sizeof *w);
    assert_non_null(w);
    sh_split(line, w);
    assert_true(w->n > 0);
    assert_string_equal(w->w[0], "regscope");
    Config back;
    Err err = {0};
    if (parse_words(&back, w->n, w->w, &err))
        fail_msg("the printed line is refused: %s\n  line: %s", err.msg, line);
    assert_config_equal(c, &back);
    free(w);
}

/* argv from a NULL-terminated list; parse it, then the round trip. */
static void round_trip(const char *const *args)
{
    char *argv[64] = {"regscope"};
    int n = 1;
    while (args[n - 1]) {
        assert_true(n < 64);
        argv[n] = (char *)args[n - 1];
        n++;
    }
    Config c;
    Err err = {0};
    if (parse_words(&c, n, argv, &err))
        fail_msg("refused: %s (first word %s)", err.msg, args[0] ? args[0] : "");
    assert_reopens(&c);
}

#define ROUND_TRIP(...) round_trip((const char *const[]){__VA_ARGS__, NULL})

static void test_command_line_reopens_every_setting(void **state)
{
    (void)state;
    ROUND_TRIP("--data", "xor");
    ROUND_TRIP("--standardize", "off");
    ROUND_TRIP("--data", "circle", "--run", "a:augment-noise=0.5", "--run",
               "b:input-keep=0.7,lr=0.01");
    ROUND_TRIP("--lambda", "0.1234567890123456", "--alpha", "0.3", "--lr", "1e-320", "--seed",
               "18446744073709551615");
    ROUND_TRIP("--model", "linear", "--data", "sparse", "--input-keep-prob", "0.8",
               "--augment-noise", "0.25", "--batch", "7", "--l1-method", "subgradient",
               "--optimizer", "adam");
    ROUND_TRIP("--model", "16,8,4", "--activation", "relu", "--keep-prob", "0.6", "--epochs",
               "2500", "--early-stop", "30", "--val-ratio", "0.35", "--threads", "2");
    ROUND_TRIP("--data", "corr", "--corr", "-0.7", "--direction", "33.5", "--geometry", "--model",
               "linear");
    ROUND_TRIP("--features", "x1,x2,x1^2,x1x2,sin1", "--data", "spiral", "--noise", "0",
               "--samples", "77");
    ROUND_TRIP("--data", "/tmp/dir with spaces/it's a \"file\" $HOME `id` *.csv", "--target",
               "my col", "--task", "regress");
    ROUND_TRIP("--data", "a\nb\tc\\d.csv", "--target", "3");
    ROUND_TRIP("--headless", "--path", "--model", "linear", "--path-len", "17", "--path-min-ratio",
               "0.02", "--cv", "4", "--format", "csv", "--every", "9");
    ROUND_TRIP("--snapshot", "out dir/snap 1.svg", "--size", "90x30");
    ROUND_TRIP("--save", "it's.scene", "--lambda", "0.01");
    ROUND_TRIP("--emit", "keras", "--data", "moons");
    ROUND_TRIP("--lesson", "sparsity");
    ROUND_TRIP("--lesson", "overfit", "--lambda", "0.02", "--features", "poly:3");
    ROUND_TRIP("--lesson", "geometry", "--alpha", "0.5");
    ROUND_TRIP("--lesson", "early-stop", "--early-stop", "0", "--val-ratio", "0");
    ROUND_TRIP("--lesson", "augment", "--run", "x:lambda=0.5,keep=1", "--run", "y:alpha=0");
    ROUND_TRIP("--lesson", "dropout", "--standardize", "off", "--features", "");
    ROUND_TRIP("--data", "x.csv", "--target", "");
    ROUND_TRIP("--data", "mtcars.csv", "--ignore", "1,carb", "--categorical", "cyl,gear",
               "--na-values", "-, n/a", "--missing", "mean", "--pause-at", "40", "--speed", "30");
    ROUND_TRIP("--data", "air.csv", "--missing", "drop", "--task", "classify");
    ROUND_TRIP("--run", "p", "--run", "q:optimizer=momentum,l1-method=subgradient", "--run",
               "r:keep=0.25", "--run", "s:lambda=3");
}

/* Every lesson, as the TUI leaves it after the knobs moved. */
static void test_command_line_reopens_lessons_and_knob_changes(void **state)
{
    (void)state;
    for (int i = 0; i < n_lessons; i++) {
        Config c;
        Err err = {0};
        char *argv[] = {"regscope", "--lesson", (char *)lessons[i].name};
        assert_int_equal(parse_words(&c, 3, argv, &err), 0);
        assert_reopens(&c);
        c.hyper.lambda = 0.37;
        c.hyper.input_keep = 0.55;
        c.hyper.augment_noise = 0.125;
        c.geometry = 1; /* the view toggled on */
        c.standardize = 0;
        assert_reopens(&c);
    }
    /* the m key to a linear model with keep 0.5 set before: keep has no
     * meaning there, and the line must still be accepted */
    Config c;
    config_defaults(&c);
    c.hyper.keep = 0.5;
    c.n_hidden = 0;
    assert_reopens(&c);
}

static void test_shell_quote(void **state)
{
    (void)state;
    char b[256];
    const struct {
        const char *in, *out;
    } cases[] = {
        {"plain-1.5,x:y=z/w", "plain-1.5,x:y=z/w"},
        {"", "''"},
        {"two words", "'two words'"},
        {"it's", "'it'\\''s'"},
        {"$x`y`", "'$x`y`'"},
        {"~", "'~'"},
        {"a\nb", "'a\nb'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        b[0] = '\0';
        config_shell_quote(b, sizeof b, cases[i].in);
        assert_string_equal(b, cases[i].out);
    }
}

/* parse + check of argv (NULL-terminated); returns the status, err filled. */
static int try_args(const char *const *args, Err *err)
{
    char *argv[32] = {"regscope"};
    int n = 1;
    while (args[n - 1])
        argv[n] = (char *)args[n - 1], n++;
    Config c;
    memset(err, 0, sizeof *err);
    return parse_words(&c, n, argv, err);
}

#define REFUSED(want, ...)                                                                         \
    do {                                                                                           \
        Err e_;                                                                                    \
        if (try_args((const char *const[]){__VA_ARGS__, NULL}, &e_) == 0)                          \
            fail_msg("accepted, want '%s'", want);                                                 \
        if (!strstr(e_.msg, want))                                                                 \
            fail_msg("message '%s' does not contain '%s'", e_.msg, want);                          \
        assert_int_equal(e_.kind, ERR_INPUT);                                                      \
    } while (0)
#define ACCEPTED(...)                                                                              \
    do {                                                                                           \
        Err e_;                                                                                    \
        if (try_args((const char *const[]){__VA_ARGS__, NULL}, &e_))                               \
            fail_msg("refused: %s", e_.msg);                                                       \
    } while (0)

static void test_empty_values_are_refused_naming_the_option(void **state)
{
    (void)state;
    const char *opts[] = {"--data", "--snapshot", "--save",   "--load", "--lesson",
                          "--emit", "--model",    "--lambda", "--seed", "--run",
                          "--size", "--format",   "--task"};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        Err e;
        if (try_args((const char *const[]){opts[i], "", NULL}, &e) == 0)
            fail_msg("%s '' accepted", opts[i]);
        if (strncmp(e.msg, opts[i], strlen(opts[i])) != 0)
            fail_msg("%s '': message '%s' does not name it", opts[i], e.msg);
    }
    ACCEPTED("--target", "");   /* the last column */
    ACCEPTED("--features", ""); /* no expansion */
}

static void test_numbers_subnormal_overflow_and_run_keys(void **state)
{
    (void)state;
    ACCEPTED("--lambda", "1e-320");
    ACCEPTED("--lambda", "4.9e-324");
    ACCEPTED("--run", "a:lambda=1e-320", "--run", "b");
    REFUSED("--lambda: '1e999' is out of range", "--lambda", "1e999");
    REFUSED("--run a:lr: '-1e400' is out of range", "--run", "a:lr=-1e400", "--run", "b");
    REFUSED("expected a number", "--lambda", "nan");
    REFUSED("expected a number", "--alpha", "0.5x");
    REFUSED("--run a:lambda must be a number >= 0 (got -1)", "--run", "a:lambda=-1", "--run", "b");
    REFUSED("--run b:alpha must be in [0, 1] (got 2)", "--run", "a", "--run", "b:alpha=2");
    REFUSED("--run a:keep must be in (0, 1] (got 0)", "--run", "a:keep=0", "--run", "b");
    REFUSED("--run a:lr must be a number > 0", "--run", "a:lr=0", "--run", "b");
    REFUSED("--run a:input-keep must be in (0, 1]", "--run", "a:input-keep=1.5", "--run", "b");
    REFUSED("--run a:augment-noise must be a number >= 0", "--run", "a:augment-noise=-1", "--run",
            "b");
    REFUSED("--run a:optimizer: expected sgd", "--run", "a:optimizer=rms", "--run", "b");
    REFUSED("--run a: unknown key 'beta'", "--run", "a:beta=1", "--run", "b");
}

static void test_contradictions_are_refused(void **state)
{
    (void)state;
    REFUSED("--path cannot be combined with --run", "--path", "--model", "linear", "--run", "a",
            "--run", "b");
    REFUSED("--early-stop 5 needs a validation split", "--early-stop", "5", "--val-ratio", "0");
    REFUSED("--early-stop 100 needs a validation split", "--lesson", "early-stop", "--val-ratio",
            "0");
    REFUSED("--keep-prob 0.5 drops hidden units", "--model", "linear", "--keep-prob", "0.5");
    REFUSED("--keep-prob 0.5 drops hidden units", "--keep-prob", "0.5", "--model", "linear");
    REFUSED("--run b:keep=0.5 drops hidden units", "--model", "linear", "--run", "a", "--run",
            "b:keep=0.5");
    REFUSED("--run keep0.5:keep=0.5", "--lesson", "dropout", "--model", "linear");
    REFUSED("--run a: key 'lambda' given twice", "--run", "a:lambda=1,lambda=2", "--run", "b");
    REFUSED("--emit cannot be combined with --snapshot", "--emit", "sklearn", "--snapshot",
            "a.svg");
    REFUSED("--snapshot cannot be combined with --save", "--snapshot", "a.svg", "--save",
            "a.scene");
    REFUSED("--path cannot be combined with --save", "--path", "--save", "a.scene");
    /* meaningful combinations stay */
    ACCEPTED("--model", "linear", "--input-keep-prob", "0.5");
    ACCEPTED("--early-stop", "5");
    ACCEPTED("--val-ratio", "0");
    ACCEPTED("--path", "--model", "linear", "--cv", "5");
    /* a lesson's own settings never trip the checks */
    for (int i = 0; i < n_lessons; i++) {
        ACCEPTED("--lesson", lessons[i].name);
        ACCEPTED("--lesson", lessons[i].name, "--headless", "--epochs", "3");
    }
    ACCEPTED("--lesson", "sparsity", "--path");
    ACCEPTED("--lesson", "early-stop", "--path", "--model", "linear");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_command_line_reopens_every_setting),
        cmocka_unit_test(test_command_line_reopens_lessons_and_knob_changes),
        cmocka_unit_test(test_shell_quote),
        cmocka_unit_test(test_empty_values_are_refused_naming_the_option),
        cmocka_unit_test(test_numbers_subnormal_overflow_and_run_keys),
        cmocka_unit_test(test_contradictions_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
