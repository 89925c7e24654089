/* Export: the files written for `w` and --snapshot, and the atomic write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "screen.h"

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* Files in dir (not . and ..; dot files count: a temporary file left
 * behind would be one). */
static int count_files(const char *dir, const char *containing)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
            (!containing || strstr(e->d_name, containing)))
            n++;
    closedir(d);
    return n;
}

static void rm_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char p[512];
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
    closedir(d);
    rmdir(dir);
}

/* A real frame: a few epochs of the default scene, rendered. */
static Canvas *frame(int cols, int rows)
{
    Config cfg;
    config_defaults(&cfg);
    Err err = {0};
    Live *lv = live_start(&cfg, 1, &err);
    assert_non_null(lv);
    UiState ui;
    memset(&ui, 0, sizeof ui);
    ui.cfg = cfg;
    ui.paused = ui.show_val = ui.shade_prob = 1;
    Canvas *c = canvas_new(cols, rows, CANVAS_UTF8, 1);
    const LiveSnapshot *s = live_snapshot_lock(lv);
    screen_render(c, s, &ui);
    live_snapshot_unlock(lv);
    LiveControl *ctl = live_control_lock(lv);
    ctl->grid_w = ui.grid_w;
    ctl->grid_h = ui.grid_h;
    ctl->step_epochs = 2;
    live_control_unlock(lv);
    for (int i = 0; i < 300; i++) {
        s = live_snapshot_lock(lv);
        int done = s->epoch >= 2;
        live_snapshot_unlock(lv);
        if (done)
            break;
        sleep_ms(10);
    }
    s = live_snapshot_lock(lv);
    screen_render(c, s, &ui);
    live_snapshot_unlock(lv);
    live_stop(lv);
    return c;
}

static void test_format_from_extension(void **state)
{
    (void)state;
    ExportFormat f;
    assert_int_equal(export_format_of("a.svg", &f), 0);
    assert_int_equal(f, EXPORT_SVG);
    assert_int_equal(export_format_of("dir.x/A.HTML", &f), 0);
    assert_int_equal(f, EXPORT_HTML);
    assert_int_equal(export_format_of("a.txt", &f), 0);
    assert_int_equal(f, EXPORT_TXT);
    assert_int_equal(export_format_of("a.png", &f), -1);
    assert_int_equal(export_format_of("svg", &f), -1);
    assert_int_equal(export_format_of("dir.svg/file", &f), -1);
}

static void test_stamp(void **state)
{
    (void)state;
    char b[64];
    export_stamp(0, b, sizeof b);
    assert_int_equal(strlen(b), strlen("regscope-19700101-000000"));
    assert_int_equal(strncmp(b, "regscope-", 9), 0);
    assert_true(b[17] == '-');
}

static void test_screen_files_match_the_frame(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-export-XXXXXX";
    assert_non_null(mkdtemp(dir));
    Canvas *c = frame(100, 30);
    char msg[256];
    time_t t = 1764000000;
    assert_int_equal(export_screen(c, dir, t, msg, sizeof msg), 0);
    char stamp[64], path[512];
    export_stamp(t, stamp, sizeof stamp);
    assert_non_null(strstr(msg, "wrote "));
    assert_non_null(strstr(msg, stamp));
    assert_non_null(strstr(msg, ".{txt,html,svg}"));
    /* three files, no temporary left */
    assert_int_equal(count_files(dir, NULL), 3);
    assert_int_equal(count_files(dir, ".tmp."), 0);

    snprintf(path, sizeof path, "%s/%s.txt", dir, stamp);
    char *txt = slurp(path);
    char *want = canvas_to_text(c);
    assert_non_null(txt);
    assert_string_equal(txt, want);
    assert_non_null(strstr(txt, "epoch 2"));
    free(txt);
    free(want);

    snprintf(path, sizeof path, "%s/%s.svg", dir, stamp);
    char *svg = slurp(path);
    want = canvas_to_svg(c);
    assert_string_equal(svg, want);
    free(svg);
    free(want);

    snprintf(path, sizeof path, "%s/%s.html", dir, stamp);
    char *html = slurp(path);
    want = canvas_to_html(c);
    assert_non_null(strstr(html, "<meta charset=\"utf-8\">"));
    assert_non_null(strstr(html, want)); /* the page wraps the canvas's <pre> */
    free(html);
    free(want);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_mode & S_IRUSR);
    canvas_free(c);
    rm_dir(dir);
}

static void test_atomic_write_replaces_and_leaves_no_temp(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-export-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    Err err = {0};
    assert_int_equal(export_write_atomic(path, "first\n", 6, &err), 0);
    assert_int_equal(export_write_atomic(path, "second\n", 7, &err), 0);
    char *s = slurp(path);
    assert_string_equal(s, "second\n");
    free(s);
    assert_int_equal(count_files(dir, NULL), 1);
    rm_dir(dir);
}

static void test_w_twice_in_a_second_keeps_both(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-export-XXXXXX";
    assert_non_null(mkdtemp(dir));
    Canvas *c = canvas_new(30, 10, CANVAS_UTF8, 1);
    canvas_text(c, 0, 0, "first", COL_DEFAULT, COL_DEFAULT, 0);
    char msg[512], stamp[64], path[512];
    time_t t = 1764000000;
    export_stamp(t, stamp, sizeof stamp);
    assert_int_equal(export_screen(c, dir, t, msg, sizeof msg), 0);
    canvas_text(c, 0, 0, "again", COL_DEFAULT, COL_DEFAULT, 0);
    assert_int_equal(export_screen(c, dir, t, msg, sizeof msg), 0);
    assert_non_null(strstr(msg, "-2.{txt,html,svg}"));
    assert_int_equal(export_screen(c, dir, t, msg, sizeof msg), 0);
    assert_non_null(strstr(msg, "-3.{txt,html,svg}"));
    assert_int_equal(count_files(dir, NULL), 9);
    snprintf(path, sizeof path, "%s/%s.txt", dir, stamp);
    char *first = slurp(path);
    assert_non_null(strstr(first, "first"));
    free(first);
    snprintf(path, sizeof path, "%s/%s-2.txt", dir, stamp);
    char *second = slurp(path);
    assert_non_null(strstr(second, "again"));
    free(second);
    canvas_free(c);
    /* y likewise */
    Config cfg;
    config_defaults(&cfg);
    assert_int_equal(export_code(&cfg, dir, t, msg, sizeof msg), 0);
    assert_int_equal(export_code(&cfg, dir, t, msg, sizeof msg), 0);
    assert_non_null(strstr(msg, "-2-sklearn.py"));
    assert_int_equal(count_files(dir, "-sklearn.py"), 2);
    rm_dir(dir);
}

static void test_atomic_write_keeps_mode_and_symlink(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-export-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512], link[512], rel[512];
    snprintf(path, sizeof path, "%s/private.txt", dir);
    Err err = {0};
    assert_int_equal(export_write_atomic(path, "one\n", 4, &err), 0);
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(export_write_atomic(path, "two\n", 4, &err), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* through a symlink (relative and absolute): the file it names is
     * written, the link stays a link */
    snprintf(link, sizeof link, "%s/link.txt", dir);
    assert_int_equal(symlink("private.txt", link), 0);
    assert_int_equal(export_write_atomic(link, "three\n", 6, &err), 0);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char *s = slurp(path);
    assert_string_equal(s, "three\n");
    free(s);
    snprintf(rel, sizeof rel, "%s/abs.txt", dir);
    assert_int_equal(symlink(link, rel), 0); /* a link to the link */
    assert_int_equal(export_write_atomic(rel, "four\n", 5, &err), 0);
    assert_int_equal(lstat(rel, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    s = slurp(path);
    assert_string_equal(s, "four\n");
    free(s);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(count_files(dir, NULL), 3);
    /* a folder is not replaced */
    snprintf(path, sizeof path, "%s/sub", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(export_write_atomic(path, "x", 1, &err), -1);
    rmdir(path);
    rm_dir(dir);
}

static void test_atomic_write_of_a_longest_name(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-export-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char name[256], path[512];
    memset(name, 'n', 250);
    strcpy(name + 250, ".svg"); /* 254 characters: legal, no room for a suffix */
    snprintf(path, sizeof path, "%s/%s", dir, name);
    Err err = {0};
    if (export_write_atomic(path, "<svg/>", 6, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(export_write_atomic(path, "<svg/>", 6, &err), 0);
    assert_int_equal(count_files(dir, NULL), 1);
    assert_int_equal(count_files(dir, ".svg"), 1);
    rm_dir(dir);
}

static void test_write_into_missing_directory_reports(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-export-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/no/such/dir/out.svg", dir);
    Err err = {0};
    assert_int_equal(export_write_atomic(path, "x", 1, &err), -1);
    assert_non_null(strstr(err.msg, "out.svg"));
    assert_non_null(strstr(err.msg, "No such file"));
    /* the `w` path: reported in the notice, nothing written */
    Canvas *c = canvas_new(30, 10, CANVAS_UTF8, 1);
    canvas_text(c, 0, 0, "hello", COL_DEFAULT, COL_DEFAULT, 0);
    char sub[512], msg[256];
    snprintf(sub, sizeof sub, "%s/missing", dir);
    assert_int_equal(export_screen(c, sub, time(NULL), msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "export failed"));
    assert_null(strstr(msg, "wrote"));
    canvas_free(c);
    assert_int_equal(count_files(dir, NULL), 0);
    rm_dir(dir);
}

static void test_code_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-export-XXXXXX";
    assert_non_null(mkdtemp(dir));
    Config cfg;
    config_defaults(&cfg);
    cfg.hyper.lambda = 0.02;
    cfg.hyper.alpha = 0;
    char msg[256];
    assert_int_equal(export_code(&cfg, dir, 1764000000, msg, sizeof msg), 0);
    assert_non_null(strstr(msg, "-sklearn.py"));
    assert_int_equal(count_files(dir, "-sklearn.py"), 1);
    assert_int_equal(count_files(dir, NULL), 1);
    rm_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_from_extension),
        cmocka_unit_test(test_stamp),
        cmocka_unit_test(test_screen_files_match_the_frame),
        cmocka_unit_test(test_atomic_write_replaces_and_leaves_no_temp),
        cmocka_unit_test(test_w_twice_in_a_second_keeps_both),
        cmocka_unit_test(test_atomic_write_keeps_mode_and_symlink),
        cmocka_unit_test(test_atomic_write_of_a_longest_name),
        cmocka_unit_test(test_write_into_missing_directory_reports),
        cmocka_unit_test(test_code_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
