/* --keys files (ui/keyscript.c): presses in order with their times and key
 * codes, named keys, comments and blank lines; every error at its line and
 * column. And the asciicast writer (ui/record.c): a header asciinema reads,
 * one "o" event a changed frame with only what changed, "r" on a resize,
 * "m" markers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <unistd.h>

#include "keyscript.h"
#include "record.h"

static void refuse(const char *text, const char *msg)
{
    KeyScript ks;
    Err err = {0};
    assert_int_equal(keyscript_parse(text, "demo.keys", &ks, &err), -1);
    assert_int_equal(err.kind, ERR_INPUT);
    assert_string_equal(err.msg, msg);
    assert_null(ks.press);
}

static void test_presses_in_order(void **state)
{
    (void)state;
    KeyScript ks;
    Err err = {0};
    const char *text = "# a demo\n\n0.5 L\n  1 space\r\n1 up\n2.25 q\n";
    assert_int_equal(keyscript_parse(text, "demo.keys", &ks, &err), 0);
    assert_int_equal(ks.n, 4);
    assert_int_equal(keyscript_due(&ks, 0.4), -1);
    assert_int_equal(keyscript_due(&ks, 0.5), 'L');
    assert_int_equal(keyscript_due(&ks, 0.9), -1);
    assert_int_equal(keyscript_due(&ks, 1.0), ' ');
    assert_int_equal(keyscript_due(&ks, 1.0), KEY_UP);
    assert_int_equal(keyscript_due(&ks, 5), 'q');
    assert_int_equal(keyscript_due(&ks, 9), -1);
    keyscript_free(&ks);
}

static void test_errors_name_line_and_column(void **state)
{
    (void)state;
    refuse("1 L\nsoon q\n", "demo.keys:2:1: expected SECONDS KEY, the seconds a number >= 0");
    refuse("1 L\n -2 q\n", "demo.keys:2:2: expected SECONDS KEY, the seconds a number >= 0");
    refuse("2 L\n1 q\n", "demo.keys:2:1: 1 s is before the press above it (2 s)");
    refuse("1 shift\n",
           "demo.keys:1:3: unknown key 'shift' (a character, or space enter tab backtab esc up "
           "down left right pgup pgdn home end)");
    refuse("1\n", "demo.keys:1:1: expected SECONDS KEY, the seconds a number >= 0");
    refuse("1 L K\n", "demo.keys:1:5: one key a line");
    refuse("inf L\n", "demo.keys:1:1: expected SECONDS KEY, the seconds a number >= 0");
}

static void test_recording_is_asciicast_v2(void **state)
{
    (void)state;
    char path[] = "/tmp/regscope-rec-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    Err err = {0};
    Recorder *r = record_open(path, 10, 2, "regscope --data \"x\"", &err);
    assert_non_null(r);
    Canvas *c = canvas_new(10, 2, CANVAS_UTF8, 1);
    canvas_text(c, 0, 0, "lambda 0", COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    record_frame(r, c, 0.0);
    record_frame(r, c, 0.1); /* nothing changed: no event */
    canvas_text(c, 7, 0, "1", COL_ACCENT, COL_DEFAULT, ATTR_BOLD);
    record_frame(r, c, 0.2);
    record_marker(r, 0.3, "step 2");
    canvas_resize(c, 12, 3);
    record_frame(r, c, 0.4);
    assert_int_equal(record_close(r, &err), 0);
    canvas_free(c);
    FILE *f = fopen(path, "r");
    char line[4096];
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(strstr(line, "{\"version\": 2, \"width\": 10, \"height\": 2, \"timestamp\": "));
    assert_non_null(strstr(line, "\"command\": \"regscope --data \\\"x\\\"\""));
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(strstr(line, "[0.000000, \"o\", \"\\u001b[0m\\u001b[2J\\u001b[1;1H"));
    assert_non_null(strstr(line, "lambda 0"));
    assert_non_null(fgets(line, sizeof line, f)); /* only the changed cell, moved to */
    assert_non_null(strstr(line, "[0.200000, \"o\", \"\\u001b[1;8H\\u001b[0;1;38;5;81"));
    assert_null(strstr(line, "lambda"));
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "[0.300000, \"m\", \"step 2\"]\n");
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "[0.400000, \"r\", \"12x3\"]\n");
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(strstr(line, "\\u001b[2J"));
    assert_null(fgets(line, sizeof line, f));
    fclose(f);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_presses_in_order),
        cmocka_unit_test(test_errors_name_line_and_column),
        cmocka_unit_test(test_recording_is_asciicast_v2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
