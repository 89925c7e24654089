/* The headless records' JSON pieces: strings escaped so that any header
 * name gives valid JSON, the features list with the UI's fallback names,
 * and numbers (exact zeros written without printf, as printf would). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* What a writer of FILE * printed, in buf (NUL-terminated). */
typedef struct {
    FILE *f;
    char *buf;
    size_t len;
} Capture;

static void capture_open(Capture *c)
{
    c->buf = NULL;
    c->f = open_memstream(&c->buf, &c->len);
    assert_non_null(c->f);
}

static const char *capture_text(Capture *c)
{
    fflush(c->f);
    return c->buf;
}

static void capture_close(Capture *c)
{
    fclose(c->f);
    free(c->buf);
}

static void assert_json_string(const char *in, const char *want)
{
    Capture c;
    capture_open(&c);
    report_json_string(c.f, in);
    assert_string_equal(capture_text(&c), want);
    capture_close(&c);
}

static void test_json_string_escapes_quotes_backslashes_and_control_bytes(void **state)
{
    (void)state;
    assert_json_string("cyl=6", "\"cyl=6\"");
    assert_json_string("a\"b\\c", "\"a\\\"b\\\\c\"");
    assert_json_string("new\nline\ttab\r\x01", "\"new\\nline\\ttab\\u000d\\u0001\"");
    assert_json_string("", "\"\"");
}

static void test_json_string_keeps_utf8_and_replaces_invalid_bytes(void **state)
{
    (void)state;
    assert_json_string("caf\xc3\xa9 \xe2\x82\xac", "\"caf\xc3\xa9 \xe2\x82\xac\"");
    assert_json_string("a\xff"
                       "b",
                       "\"a\\ufffdb\"");                  /* never a lead byte */
    assert_json_string("x\xc3", "\"x\\ufffd\"");          /* cut by the end */
    assert_json_string("\xc0\xaf", "\"\\ufffd\\ufffd\""); /* overlong '/' */
}

static void test_features_fall_back_to_x_names(void **state)
{
    (void)state;
    Capture c;
    capture_open(&c);
    report_features(c.f, NULL, 3);
    assert_string_equal(capture_text(&c), ",\"features\":[\"x1\",\"x2\",\"x3\"]");
    capture_close(&c);
    char *names[3] = {"cyl=6", NULL, "Ozone:missing"};
    capture_open(&c);
    report_features(c.f, names, 3);
    assert_string_equal(capture_text(&c), ",\"features\":[\"cyl=6\",\"x2\",\"Ozone:missing\"]");
    capture_close(&c);
    capture_open(&c);
    report_features(c.f, names, 0);
    assert_string_equal(capture_text(&c), ",\"features\":[]");
    capture_close(&c);
}

static void test_json_numbers_as_printf_and_null_when_not_finite(void **state)
{
    (void)state;
    const double v[] = {0.0, -0.0, 1.5, -2e-300, 0.1, INFINITY, NAN};
    Capture c;
    capture_open(&c);
    report_json_array(c.f, v, 7);
    char want[256];
    snprintf(want, sizeof want, "[%.17g,%.17g,%.17g,%.17g,%.17g,null,null]", v[0], v[1], v[2], v[3],
             v[4]);
    assert_string_equal(capture_text(&c), want);
    assert_string_equal(want, "[0,-0,1.5,-2.0000000000000001e-300,0.10000000000000001,null,null]");
    capture_close(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_string_escapes_quotes_backslashes_and_control_bytes),
        cmocka_unit_test(test_json_string_keeps_utf8_and_replaces_invalid_bytes),
        cmocka_unit_test(test_features_fall_back_to_x_names),
        cmocka_unit_test(test_json_numbers_as_printf_and_null_when_not_finite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
