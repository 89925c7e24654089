/* Lesson files: the format's keys and steps, every check metric and
 * operator against a hand-made state, every mistake with its line and
 * column, the built-in lessons equal to lessons/NAME.lesson, and lessons
 * found by path and in the user's folder. Run from the source tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "lesson.h"
#include "lesson_file.h"
#include "setup.h"

static LessonFile lf;

static int parse(const char *text, Err *err)
{
    memset(err, 0, sizeof *err);
    return lesson_file_parse(text, "t.lesson", &lf, err);
}

static void a_lesson_reads_into_steps(void **state)
{
    (void)state;
    Err err;
    const char *text = "# a comment\n"
                       "title  Raise lambda  \n"
                       "point the zeros come\r\n"
                       "scene --data sparse --model linear\n"
                       "scene --lambda 0.05 --alpha 1\n"
                       "\n"
                       "step\n"
                       "  prompt first line\n"
                       "prompt second line\n"
                       "pause-at 200\n"
                       "hint press L\n"
                       "check zeros >= 50% and lambda>=0.01\n"
                       "step\n"
                       "set --alpha 0\n"
                       "set --lambda 0.2\n";
    assert_int_equal(parse(text, &err), 0);
    assert_string_equal(lf.title, "Raise lambda");
    assert_string_equal(lf.point, "the zeros come");
    assert_string_equal(lf.scene, "--data sparse --model linear --lambda 0.05 --alpha 1");
    assert_int_equal(lf.n_steps, 2);
    const LessonStep *s = &lf.steps[0];
    assert_int_equal(s->line, 7);
    assert_string_equal(s->prompt, "first line\nsecond line");
    assert_int_equal(s->pause_at, 200);
    assert_string_equal(s->hint, "press L");
    assert_int_equal(s->check.n_terms, 2);
    assert_string_equal(s->check.text, "zeros >= 50% and lambda>=0.01");
    assert_int_equal(s->check.terms[0].metric, LM_ZEROS);
    assert_int_equal(s->check.terms[0].op, LO_GE);
    assert_true(s->check.terms[0].value == 0.5);
    assert_int_equal(s->check.terms[1].metric, LM_LAMBDA);
    assert_true(s->check.terms[1].value == 0.01);
    assert_string_equal(lf.steps[1].settings, "--alpha 0 --lambda 0.2");
    assert_int_equal(lf.steps[1].check.n_terms, 0);
    /* the scene and a step's settings applied as the option parser does */
    Config c;
    config_defaults(&c);
    Err e = {0};
    assert_int_equal(lesson_apply_settings(&c, lf.scene, &e), 0);
    assert_string_equal(c.data, "sparse");
    assert_true(c.hyper.lambda == 0.05 && c.hyper.alpha == 1);
    assert_int_equal(lesson_apply_settings(&c, lf.steps[1].settings, &e), 0);
    assert_true(c.hyper.lambda == 0.2 && c.hyper.alpha == 0);
    assert_true(c.given.bits[0] == 0 && c.given.bits[1] == 0); /* not the command line's */
}

static LessonState base_state(void)
{
    LessonState s;
    memset(&s, 0, sizeof s);
    s.epoch = 1000;
    s.zeros = 0.6;
    s.train_loss = 0.2, s.val_loss = 0.3, s.data_loss = 0.15, s.penalty = 0.05;
    s.train_acc = 0.9, s.val_acc = 0.8;
    s.hyper.lambda = 0.01, s.hyper.alpha = 0, s.hyper.keep = 0.5, s.hyper.input_keep = 1;
    s.hyper.augment_noise = 0.25, s.hyper.lr = 0.1;
    s.view = "path";
    return s;
}

static int holds(const char *check, const LessonState *s)
{
    LessonCheck chk;
    char why[300];
    int col = -1;
    assert_int_equal(lesson_check_parse(check, &chk, &col, why, sizeof why), 0);
    return lesson_check_holds(&chk, s);
}

/* Every numeric metric with every operator, on both sides of its value. */
static void every_metric_and_operator(void **state)
{
    (void)state;
    LessonState s = base_state();
    struct {
        const char *name;
        double v;
    } m[] = {{"zeros", 0.6},          {"train_loss", 0.2}, {"val_loss", 0.3}, {"data_loss", 0.15},
             {"penalty", 0.05},       {"train_acc", 0.9},  {"val_acc", 0.8},  {"epoch", 1000},
             {"lambda", 0.01},        {"alpha", 0},        {"keep", 0.5},     {"input_keep", 1},
             {"augment_noise", 0.25}, {"lr", 0.1}};
    assert_int_equal(sizeof m / sizeof m[0], LM_COUNT - 1); /* all but view */
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        double below = m[i].v - 0.5, above = m[i].v + 0.5;
        char c[128];
        struct {
            const char *op;
            int at, below_v, above_v; /* holds with the value = v, v-0.5, v+0.5 */
        } ops[] = {{"<", 0, 0, 1},  {"<=", 1, 0, 1}, {">", 0, 1, 0},
                   {">=", 1, 1, 0}, {"==", 1, 0, 0}, {"!=", 0, 1, 1}};
        for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
            snprintf(c, sizeof c, "%s %s %.17g", m[i].name, ops[k].op, m[i].v);
            assert_int_equal(holds(c, &s), ops[k].at);
            snprintf(c, sizeof c, "%s %s %.17g", m[i].name, ops[k].op, below);
            assert_int_equal(holds(c, &s), ops[k].below_v);
            snprintf(c, sizeof c, "%s %s %.17g", m[i].name, ops[k].op, above);
            assert_int_equal(holds(c, &s), ops[k].above_v);
        }
    }
    assert_string_equal(lesson_metric_name(LM_AUGMENT_NOISE), "augment_noise");
}

static void percent_view_and_and(void **state)
{
    (void)state;
    LessonState s = base_state();
    assert_true(holds("zeros >= 60%", &s));
    assert_false(holds("zeros > 60%", &s));
    assert_true(holds("val_acc == 80%", &s));
    assert_true(holds("view == path", &s));
    assert_false(holds("view == geometry", &s));
    assert_true(holds("view != main", &s));
    assert_true(holds("zeros >= 50% and lambda >= 0.01 and view == path", &s));
    assert_false(holds("zeros >= 50% and lambda >= 0.02", &s));
    /* == within rounding: a knob stepped by factors comes back to its value */
    s.hyper.lambda = 0.1 * 3 / 3 * 0.1; /* 0.010000000000000002 */
    assert_true(holds("lambda == 0.01", &s));
    /* a metric the run does not have never holds, whatever the operator */
    s.val_loss = NAN;
    assert_false(holds("val_loss < 1", &s));
    assert_false(holds("val_loss != 1", &s));
    /* an empty check holds */
    LessonCheck none = {0};
    assert_true(lesson_check_holds(&none, &s));
}

static void state_from_metrics(void **state)
{
    (void)state;
    Metrics m = {0};
    m.epoch = 42, m.classify = 0, m.has_val = 0;
    m.train_loss = 1.5, m.val_loss = 9, m.train_acc = 9;
    m.w.n = 10, m.w.zeros = 4, m.w.zero_frac = 0.4;
    Hyper h = {0};
    h.lambda = 0.3;
    LessonState s;
    lesson_state_from(&m, &h, NULL, &s);
    assert_int_equal(s.epoch, 42);
    assert_true(s.zeros == 0.4 && s.train_loss == 1.5 && s.hyper.lambda == 0.3);
    assert_true(isnan(s.val_loss) && isnan(s.train_acc) && isnan(s.val_acc));
    assert_string_equal(s.view, "main");
    m.classify = 1, m.has_val = 1, m.val_acc = 0.7;
    lesson_state_from(&m, &h, "geometry", &s);
    assert_true(s.val_loss == 9 && s.val_acc == 0.7);
    assert_string_equal(s.view, "geometry");
}

/* Every mistake, with the line and column it names. */
static void every_error_names_line_and_column(void **state)
{
    (void)state;
    struct {
        const char *text, *msg;
    } cases[] = {
        {"title t\nfoo bar\n", "t.lesson:2:1: unknown key 'foo' (title, point, scene, step, "
                               "prompt, set, pause-at, hint, check)"},
        {"title t\n  prompt hi\n", "t.lesson:2:3: 'prompt' belongs in a step: put a 'step' line "
                                   "before it"},
        {"title t\nstep\ntitle u\n", "t.lesson:3:1: 'title' belongs before the first step"},
        {"title t\ntitle u\n", "t.lesson:2:1: a second 'title'"},
        {"title\n", "t.lesson:1:6: 'title' needs a value"},
        {"scene --data sparse\n", "t.lesson:1:1: no title: a lesson starts with a 'title' line"},
        {"title t\nstep now\n", "t.lesson:2:6: 'step' takes no value (put it on a 'prompt' line)"},
        {"title t\nstep\npause-at 0\n",
         "t.lesson:3:10: bad value '0' for pause-at (a whole number of epochs >= 1)"},
        {"title t\nstep\npause-at 5\npause-at 6\n",
         "t.lesson:4:1: a second 'pause-at' in this step"},
        {"title t\nstep\ncheck zeros >= 1\ncheck epoch > 1\n",
         "t.lesson:4:1: a second 'check' in this step"},
        {"title t\nstep\ncheck lamda >= 0.1\n",
         "t.lesson:3:7: unknown metric 'lamda' (zeros, train_loss, val_loss, data_loss, penalty, "
         "train_acc, val_acc, epoch, lambda, alpha, keep, input_keep, augment_noise, lr, view)"},
        {"title t\nstep\ncheck zeros = 5\n",
         "t.lesson:3:13: expected an operator (< <= > >= == !=) after zeros"},
        {"title t\nstep\ncheck zeros >=\n", "t.lesson:3:15: missing value after zeros >="},
        {"title t\nstep\ncheck lambda >= 1%\n",
         "t.lesson:3:17: bad value '1%' for lambda (a number)"},
        {"title t\nstep\ncheck zeros >= half\n",
         "t.lesson:3:16: bad value 'half' for zeros (a number, or a percentage)"},
        {"title t\nstep\ncheck view < path\n", "t.lesson:3:14: view compares with == or != only"},
        {"title t\nstep\ncheck view == tree\n",
         "t.lesson:3:15: unknown view 'tree' (main, geometry, path)"},
        {"title t\nstep\ncheck zeros > 0 or lambda > 0\n",
         "t.lesson:3:17: expected 'and' between conditions, not 'or'"},
        {"title t\nscene --data sparse --lambda -1\n",
         "t.lesson:2:21: --lambda must be a number >= 0 (got -1)"},
        {"title t\nscene --bogus 1\n", NULL},
        {"title t\nscene --data xor --load x.scene\n",
         "t.lesson:2:18: --load has no place in a lesson"},
        {"title t\nstep\nset --lesson overfit\n",
         "t.lesson:3:5: --lesson has no place in a lesson"},
        {"title t\nscene --alpha 0.5\nstep\nset --lambda 0.1 --alpha 2\n", NULL},
        {"title t\nscene --run a:alpha=1\nstep\n", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Err err;
        assert_int_equal(parse(cases[i].text, &err), -1);
        assert_int_equal(err.kind, ERR_INPUT);
        if (cases[i].msg)
            assert_string_equal(err.msg, cases[i].msg);
    }
    /* the settings' own messages, after the place of the option at fault */
    Err err;
    assert_int_equal(parse("title t\nscene --data xor --bogus 1\n", &err), -1);
    assert_non_null(strstr(err.msg, "t.lesson:2:18: "));
    assert_non_null(strstr(err.msg, "--bogus"));
    assert_int_equal(parse("title t\nscene --alpha 0.5\nstep\nset --lambda 0.1 --alpha 2\n", &err),
                     -1);
    assert_non_null(strstr(err.msg, "t.lesson:4:18: "));
    assert_non_null(strstr(err.msg, "--alpha"));
    /* compare mode split over scene lines is whole only at the end */
    assert_int_equal(parse("title t\nscene --run a:alpha=1\nscene --run b:alpha=0\nstep\n", &err),
                     0);
    assert_int_equal(parse("title t\nscene --run a:alpha=1\nstep\n", &err), -1);
    assert_non_null(strstr(err.msg, "t.lesson:2:7: --run"));
}

static void too_many_steps_and_too_long(void **state)
{
    (void)state;
    char text[4096] = "title t\n";
    for (int i = 0; i <= LESSON_MAX_STEPS; i++)
        strcat(text, "step\n");
    Err err;
    assert_int_equal(parse(text, &err), -1);
    assert_string_equal(err.msg, "t.lesson:34:1: too many steps (at most 32)");
    char longer[600];
    memset(longer, 'x', sizeof longer);
    longer[sizeof longer - 1] = '\0';
    char t2[800];
    snprintf(t2, sizeof t2, "title %s\n", longer);
    assert_int_equal(parse(t2, &err), -1);
    assert_string_equal(err.msg, "t.lesson:1:7: too long (at most 159 characters)");
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* The compiled-in lessons are the files (sh lessons/embed.sh), each has
 * steps, checks and a scene that builds. */
static void builtin_lessons_are_the_files(void **state)
{
    (void)state;
    for (int i = 0; i < n_lessons; i++) {
        char path[128];
        snprintf(path, sizeof path, "lessons/%s.lesson", lessons[i].name);
        assert_string_equal(lessons[i].text, read_text(path));
        Err err = {0};
        assert_int_equal(lesson_open(lessons[i].name, &lf, &err), 0);
        assert_true(lf.n_steps >= 2);
        int checks = 0;
        for (int k = 0; k < lf.n_steps; k++) {
            checks += lf.steps[k].check.n_terms > 0;
            assert_true(strlen(lf.steps[k].prompt) > 10);
        }
        assert_int_equal(checks, lf.n_steps);
        /* and the same lesson opened from its file */
        LessonFile *again = malloc(sizeof *again);
        assert_int_equal(lesson_open(path, again, &err), 0);
        assert_string_equal(again->title, lf.title);
        assert_string_equal(again->scene, lf.scene);
        free(again);
    }
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void a_teachers_lesson_by_path_and_by_name(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-lesson-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[128], lessons_dir[160], file[200], listed[200];
    snprintf(sub, sizeof sub, "%s/regscope", dir);
    snprintf(lessons_dir, sizeof lessons_dir, "%s/lessons", sub);
    assert_int_equal(mkdir(sub, 0755), 0);
    assert_int_equal(mkdir(lessons_dir, 0755), 0);
    snprintf(file, sizeof file, "%s/ridge.lesson", lessons_dir);
    write_file(file, "title ridge on the line\nscene --data line --model linear --alpha 0 "
                     "--lambda 0.2\nstep\nprompt raise it a bit more\ncheck lambda > 0.2\n");
    setenv("XDG_DATA_HOME", dir, 1);
    char got[1024];
    assert_int_equal(lesson_user_dir(got, sizeof got), 0);
    assert_string_equal(got, lessons_dir);
    /* by name, from the user's folder, through the command line */
    Config c;
    config_defaults(&c);
    Err err = {0};
    char *argv[] = {"regscope", "--lesson", "ridge", "--lambda", "0.3"};
    assert_int_equal(config_parse(&c, 5, argv, &err), 0);
    assert_string_equal(c.lesson, "ridge");
    assert_string_equal(c.lesson_src, "ridge");
    assert_string_equal(c.lesson_prompt, "ridge on the line");
    assert_string_equal(c.data, "line");
    assert_true(c.hyper.lambda == 0.3); /* the flag over the lesson */
    /* by path */
    config_defaults(&c);
    char *argv2[] = {"regscope", "--lesson", file};
    assert_int_equal(config_parse(&c, 3, argv2, &err), 0);
    assert_string_equal(c.lesson, "ridge");
    assert_string_equal(c.lesson_src, file);
    assert_true(c.hyper.lambda == 0.2);
    /* listed after the built-in ones */
    snprintf(listed, sizeof listed, "%s/list.txt", dir);
    FILE *out = fopen(listed, "w");
    lesson_print_list(out);
    fclose(out);
    const char *text = read_text(listed);
    assert_non_null(strstr(text, "overfit "));
    assert_true(strstr(text, "ridge        ridge on the line (") > strstr(text, "augment "));
    /* a bad file by path: its place */
    write_file(file, "title t\nstep\ncheck zeros >= >1\n");
    config_defaults(&c);
    assert_int_equal(config_parse(&c, 3, argv2, &err), -1);
    char want[400];
    snprintf(want, sizeof want, "%s:3:16: bad value '>1' for zeros (a number, or a percentage)",
             file);
    assert_string_equal(err.msg, want);
    /* a device or a folder is refused before it is opened (a FIFO would block) */
    assert_int_equal(lesson_open("/dev/null", &lf, &err), -1);
    assert_string_equal(err.msg, "lesson '/dev/null' is not a regular file");
    assert_int_equal(lesson_open("nope", &lf, &err), -1);
    assert_string_equal(err.msg, "unknown lesson 'nope' (see --lesson list)");
    /* XDG_DATA_HOME unset: under HOME */
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/t", 1);
    assert_int_equal(lesson_user_dir(got, sizeof got), 0);
    assert_string_equal(got, "/home/t/.local/share/regscope/lessons");
    unlink(file);
    unlink(listed);
    rmdir(lessons_dir);
    rmdir(sub);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_lesson_reads_into_steps),
        cmocka_unit_test(every_metric_and_operator),
        cmocka_unit_test(percent_view_and_and),
        cmocka_unit_test(state_from_metrics),
        cmocka_unit_test(every_error_names_line_and_column),
        cmocka_unit_test(too_many_steps_and_too_long),
        cmocka_unit_test(builtin_lessons_are_the_files),
        cmocka_unit_test(a_teachers_lesson_by_path_and_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
