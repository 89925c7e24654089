/* Tests for csvload's refusals: every malformed input is refused with the
 * exact "FILE:LINE:COLUMN: what" and leaves nothing allocated; each limit
 * has its own message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_asserts.h"

/* ---- malformed inputs ----------------------------------------------------- */

static void test_empty_file(void **state)
{
    (void)state;
    refuse("", "t.csv:1: empty file");
    refuse("\xEF\xBB\xBF", "t.csv:1: empty file");
}

static void test_blank_lines_only(void **state)
{
    (void)state;
    refuse("\n\r\n  \n\t\n", "t.csv:1: no data rows: only blank lines");
}

static void test_header_only(void **state)
{
    (void)state;
    refuse("a,b,y\n", "t.csv:1: header row but no data rows");
    refuse("\n\na,b,y", "t.csv:3: header row but no data rows");
}

static void test_short_row(void **state)
{
    (void)state;
    refuse("a,b,y\n1,2,p\n3,4\n", "t.csv:3: expected 3 fields, got 2");
    refuse("a,b,y\n1,2\n", "t.csv:2: expected 3 fields, got 2");
}

static void test_long_row(void **state)
{
    (void)state;
    refuse("a,b,y\n1,2,p\n3,4,p,5\n", "t.csv:3: expected 3 fields, got 4");
    refuse("1,2,p\n3,4,p,5,6\n", "t.csv:2: expected 3 fields, got 5");
}

static void test_non_numeric_feature(void **state)
{
    (void)state;
    refuse("a,b,y\n1,2,p\n3,abc,q\n",
           "t.csv:3:2: expected a number, got \"abc\" (column \"b\" mixes numbers and text: "
           "--categorical b reads it as categories)");
    /* Every row is text: the first row is data, and wrong. */
    refuse("a,b,y\nc,d,e\n", "t.csv:1:1: expected a number, got \"a\"");
}

static void test_empty_feature(void **state)
{
    (void)state;
    refuse("a,b,y\n1,2,p\n,4,q\n", "t.csv:3:1: missing value (an empty field): --missing drop "
                                   "drops such rows, --missing mean fills them");
    refuse("a,b,y\n1,   ,p\n", "t.csv:2:2: missing value (an empty field): --missing drop drops "
                               "such rows, --missing mean fills them");
}

static void test_nan_inf_and_overflow(void **state)
{
    (void)state;
    refuse("a,b,y\n1,nan,p\n", "t.csv:2:2: missing value \"nan\": --missing drop drops such rows, "
                               "--missing mean fills them");
    refuse("a,b,y\n1,2,p\n-inf,2,p\n", "t.csv:3:1: expected a finite number, got \"-inf\"");
    refuse("a,b,y\n1,1e999,p\n", "t.csv:2:2: expected a finite number, got \"1e999\"");
    refuse("a,b,y\n1,2,NaN\n", "t.csv:2:3: missing target value \"NaN\": --missing drop or "
                               "--missing mean drops such rows");
    /* "nan" in the first row does not make it a header. */
    refuse("nan,1,0\n1,2,1\n", "t.csv:1:1: missing value \"nan\": --missing drop drops such rows, "
                               "--missing mean fills them");
}

static void test_trailing_garbage_after_number(void **state)
{
    (void)state;
    refuse("a,b,y\n1,2.5x,p\n", "t.csv:2:2: expected a number, got \"2.5x\"");
    refuse("a,b,y\n1,\"2 3\",p\n", "t.csv:2:2: expected a number, got \"2 3\"");
    refuse("a,b,y\n1,\"\n2\",p\n", "t.csv:2:2: expected a number, got \"\\x0a2\"");
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    refuse("a,b,y\n1,2,p\n3,\"4,p\n5,6,q\n", "t.csv:3:2: unterminated quoted field");
}

static void test_bad_quoting(void **state)
{
    (void)state;
    const char *want = "t.csv:2:2: bad quoting: a quote inside an unquoted field, or text after a "
                       "closing quote";
    refuse("a,b,y\n1,2\"3,p\n", want);
    refuse("a,b,y\n1,\"2\"3,p\n", want);
}

static void test_binary_data_and_nul_bytes(void **state)
{
    (void)state;
    /* in the first block: LINE:COL of the byte itself */
    refuse_n("a,b,y\n1,2\0,p\n", 13, NULL, TASK_AUTO, NULL,
             "t.csv:2:4: binary data (byte 0x00): not a CSV text file");
    refuse("a,b,y\n1,2,p\x01q\n", "t.csv:2:6: binary data (byte 0x01): not a CSV text file");
    refuse("a,b\x1b,y\n1,2,p\n", "t.csv:1:4: binary data (byte 0x1b): not a CSV text file");
    refuse("a,b,y\r\n1,2,caf\xe9\n",
           "t.csv:2:8: binary data (byte 0xe9, not UTF-8): not a CSV text file");
    /* A PNG signature is not a table of one column. */
    refuse_n("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL, TASK_AUTO, NULL,
             "t.csv:1:1: binary data (byte 0x89, not UTF-8): not a CSV text file");
    /* nor a gzip or a zip (an .xlsx) file */
    refuse_n("\x1f\x8b\x08\0\0\0\0\0", 8, NULL, TASK_AUTO, NULL,
             "t.csv:1:1: binary data (byte 0x1f): not a CSV text file");
    refuse_n("PK\x03\x04\x14\0", 6, NULL, TASK_AUTO, NULL,
             "t.csv:1:3: binary data (byte 0x03): not a CSV text file");
    /* UTF-8 text (a BOM, accents, CJK, an emoji) is text */
    Dataset ds;
    load("\xEF\xBB\xBFx\xc3\xa9,\xe5\x80\xbc,y\n1,2,caf\xc3\xa9\n3,4,\xf0\x9f\x98\x80\n", &ds);
    assert_int_equal(ds.n, 2);
    assert_string_equal(ds.feature_names[0], "x\xc3\xa9");
    dataset_free(&ds);
}

/* Past the first block the per-field checks still name the field. */
static void test_binary_byte_after_the_first_block(void **state)
{
    (void)state;
    Buf b = {0};
    buf_add(&b, "a,b,y\n");
    while (b.len < 70 * 1024)
        buf_add(&b, "1,2,p\n");
    size_t rows = (b.len - 6) / 6;
    buf_add(&b, "1,2\x01,p\n");
    char path[] = "/tmp/regscope-binXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, b.s, b.len), (ssize_t)b.len);
    close(fd);
    Dataset ds;
    Err err = {0};
    assert_int_equal(csv_load(path, NULL, &ds, &err), -1);
    char want[256];
    snprintf(want, sizeof want, "%s:%zu:2: binary data (byte 0x01) where a number was expected",
             path, rows + 2);
    assert_string_equal(err.msg, want);
    unlink(path);
    free(b.s);
}

static void test_single_column(void **state)
{
    (void)state;
    refuse("a\n1\n2\n", "t.csv:1: only one column: need at least one feature and a target");
}

static void test_unknown_target(void **state)
{
    (void)state;
    refuse_n("a,b,y\n1,2,p\n", 12, "z", TASK_AUTO, NULL,
             "t.csv:1: no column named \"z\" for the target");
    refuse_n("1,2,p\n3,4,q\n", 12, "y", TASK_AUTO, NULL,
             "t.csv:1: no column named \"y\" for the target (the file has no header row)");
    refuse_n("a,a,y\n1,2,p\n", 12, "a", TASK_AUTO, NULL, "t.csv:1: target \"a\" names 2 columns");
}

static void test_target_index_out_of_range(void **state)
{
    (void)state;
    const char *csv = "a,b,y\n1,2,p\n3,4,q\n";
    const char *want4 = "t.csv:1: target column 4 is out of range: the file has 3 columns";
    refuse_n(csv, strlen(csv), "4", TASK_AUTO, NULL, want4);
    refuse_n(csv, strlen(csv), "0", TASK_AUTO, NULL,
             "t.csv:1: target column 0 is out of range: the file has 3 columns");
    refuse_n(csv, strlen(csv), "99999999999", TASK_AUTO, NULL,
             "t.csv:1: target column 99999999999 is out of range: the file has 3 columns");
}

static void test_single_class(void **state)
{
    (void)state;
    refuse("a,y\n1,x\n2,x\n3,x\n",
           "t.csv:2:2: the target has a single class (\"x\"); classification needs at least 2");
    refuse("a,y\n\n1,4\n2,4\n3,4\n",
           "t.csv:3:2: the target has a single class (\"4\"); classification needs at least 2");
}

static void test_string_target_for_regression(void **state)
{
    (void)state;
    const char *csv = "a,y\n1,2\n2,x\n";
    refuse_n(csv, strlen(csv), NULL, TASK_REGRESS, NULL,
             "t.csv:3:2: expected a numeric target for regression, got \"x\"");
}

static void test_empty_target(void **state)
{
    (void)state;
    refuse("a,y\n1,x\n2,\n",
           "t.csv:3:2: missing target value: --missing drop or --missing mean drops such rows");
}

static void test_line_numbers_count_quoted_newlines_crlf_and_blank_lines(void **state)
{
    (void)state;
    refuse("a,y\n1,\"multi\nline\"\nbad,x\n",
           "t.csv:4:1: expected a number, got \"bad\" (column \"a\" mixes numbers and text: "
           "--categorical a reads it as categories)");
    refuse("a,y\r\n1,\"x\r\ny\"\r\n\r\n2,q\r\nbad,x\r\n",
           "t.csv:6:1: expected a number, got \"bad\" (column \"a\" mixes numbers and text: "
           "--categorical a reads it as categories)");
    refuse("a,y\r1,p\r\r2,q\rbad,x\r",
           "t.csv:5:1: expected a number, got \"bad\" (column \"a\" mixes numbers and text: "
           "--categorical a reads it as categories)");
    refuse("a,y\n1,p\n\n\n2,q\n3,\"\"\n",
           "t.csv:6:2: missing target value: --missing drop or --missing mean drops such rows");
    refuse("a,b,y\n1,\"2\n\",p\n", "t.csv:2:2: expected a number, got \"2\\x0a\"");
}

static void test_missing_unreadable_and_directory_paths(void **state)
{
    (void)state;
    Dataset ds;
    Err err = {0};
    memset(&ds, 0x5a, sizeof ds);
    assert_int_equal(csv_load("/nonexistent/x.csv", NULL, &ds, &err), -1);
    assert_int_equal(err.kind, ERR_INPUT);
    assert_string_equal(err.msg, "/nonexistent/x.csv: cannot open: No such file or directory");
    assert_empty(&ds);

    char dir[] = "/tmp/regscope_dir_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char want[300];
    snprintf(want, sizeof want, "%s: cannot open: Is a directory", dir);
    assert_int_equal(csv_load(dir, NULL, &ds, &err), -1);
    assert_string_equal(err.msg, want);
    assert_empty(&ds);

    char path[200];
    snprintf(path, sizeof path, "%s/locked.csv", dir);
    FILE *f = fopen(path, "w");
    fputs("a,y\n1,p\n2,q\n", f);
    fclose(f);
    chmod(path, 0);
    if (geteuid() != 0) { /* root reads anything: nothing to check there */
        snprintf(want, sizeof want, "%s: cannot open: Permission denied", path);
        assert_int_equal(csv_load(path, NULL, &ds, &err), -1);
        assert_string_equal(err.msg, want);
        assert_empty(&ds);
    }
    unlink(path);
    rmdir(dir);
}

/* ---- limits ----------------------------------------------------------------- */

static void test_limit_columns(void **state)
{
    (void)state;
    Buf b = {0};
    for (int j = 0; j < 4096; j++)
        buf_add(&b, "%d,", j);
    buf_add(&b, "%d\n", 4096);
    CsvLimits lim = csv_default_limits;
    lim.max_columns = 4096;
    refuse_n(b.s, b.len, NULL, TASK_AUTO, &lim, "t.csv:1:4097: more than 4096 columns");

    /* No column limit by default: 4097 columns load. */
    b.len = 0;
    for (int r = 0; r < 4; r++)
        for (int j = 0; j < 4097; j++)
            buf_add(&b, j + 1 < 4097 ? "%d," : "%d\n", j == 4096 ? r % 2 : j);
    Dataset ds;
    load(b.s, &ds);
    assert_int_equal(ds.d, 4096);
    dataset_free(&ds);
    free(b.s);
}

static void test_limit_field_bytes(void **state)
{
    (void)state;
    Buf b = {0};
    buf_add(&b, "a,y\n1,p\n");
    for (int i = 0; i < CSV_MAX_FIELD_BYTES; i++)
        buf_add(&b, "1");
    buf_add(&b, "1,q\n");
    refuse(b.s, "t.csv:3:1: field longer than 65536 bytes");
    /* Far longer (quoted, with newlines): refused before it is buffered whole. */
    b.len = 0;
    buf_add(&b, "a,y\n1,p\n2,\"");
    for (int i = 0; i < 1 << 20; i++)
        buf_add(&b, "x\n");
    buf_add(&b, "\"\n");
    refuse(b.s, "t.csv:3:2: field longer than 65536 bytes");
    /* The largest field allowed is fine. */
    b.len = 0;
    buf_add(&b, "a,y\n1,p\n");
    for (int i = 0; i < CSV_MAX_FIELD_BYTES; i++)
        buf_add(&b, "0");
    buf_add(&b, ",q\n");
    Dataset ds;
    load(b.s, &ds);
    assert_true(ds.X[1] == 0);
    dataset_free(&ds);
    free(b.s);
}

static void test_limit_classes(void **state)
{
    (void)state;
    Buf b = {0};
    buf_add(&b, "a,y\n");
    for (int i = 0; i <= CSV_MAX_CLASSES; i++)
        buf_add(&b, "%d,c%d\n", i, i);
    refuse(b.s, "t.csv:1002:2: more than 1000 distinct class labels");

    /* 1001 numeric values are fine for regression, too many when forced to classes. */
    b.len = 0;
    buf_add(&b, "a,y\n");
    for (int i = 0; i <= CSV_MAX_CLASSES; i++)
        buf_add(&b, "%d,%d\n", i, i);
    Dataset ds;
    load(b.s, &ds);
    assert_int_equal(ds.task, TASK_REGRESS);
    assert_true(ds.y[1000] == 1000);
    dataset_free(&ds);
    refuse_n(b.s, b.len, NULL, TASK_CLASSIFY, NULL,
             "t.csv:1002:2: more than 1000 distinct class labels");

    /* Exactly 1000 string classes load. */
    b.len = 0;
    buf_add(&b, "a,y\n");
    for (int i = 0; i < 2 * CSV_MAX_CLASSES; i++)
        buf_add(&b, "%d,c%d\n", i, i % CSV_MAX_CLASSES);
    load(b.s, &ds);
    assert_int_equal(ds.n_classes, 1000);
    assert_string_equal(ds.class_names[999], "c999");
    assert_true(ds.y[1999] == 999);
    dataset_free(&ds);
    free(b.s);
}

static void test_limit_cells(void **state)
{
    (void)state;
    CsvLimits lim = csv_default_limits;
    assert_int_equal(lim.max_cells, CSV_MAX_CELLS);
    lim.max_cells = 10; /* 3 rows of 3 columns fit, the 4th does not */
    const char *csv = "a,b,y\n1,2,p\n3,4,q\n5,6,p\n7,8,q\n";
    refuse_n(csv, strlen(csv), NULL, TASK_AUTO, &lim,
             "t.csv:5: more than 10 cells (rows x columns)");
    Dataset ds;
    Err err;
    assert_int_equal(csv_load_mem_limits("t.csv", csv, 24, NULL, &lim, &ds, &err), 0);
    assert_int_equal(ds.n, 3);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_blank_lines_only),
        cmocka_unit_test(test_header_only),
        cmocka_unit_test(test_short_row),
        cmocka_unit_test(test_long_row),
        cmocka_unit_test(test_non_numeric_feature),
        cmocka_unit_test(test_empty_feature),
        cmocka_unit_test(test_nan_inf_and_overflow),
        cmocka_unit_test(test_trailing_garbage_after_number),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_bad_quoting),
        cmocka_unit_test(test_binary_data_and_nul_bytes),
        cmocka_unit_test(test_binary_byte_after_the_first_block),
        cmocka_unit_test(test_single_column),
        cmocka_unit_test(test_unknown_target),
        cmocka_unit_test(test_target_index_out_of_range),
        cmocka_unit_test(test_single_class),
        cmocka_unit_test(test_string_target_for_regression),
        cmocka_unit_test(test_empty_target),
        cmocka_unit_test(test_line_numbers_count_quoted_newlines_crlf_and_blank_lines),
        cmocka_unit_test(test_missing_unreadable_and_directory_paths),
        cmocka_unit_test(test_limit_columns),
        cmocka_unit_test(test_limit_field_bytes),
        cmocka_unit_test(test_limit_classes),
        cmocka_unit_test(test_limit_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
