/* Tests for csvload: every malformed input is refused with the exact
 * "FILE:LINE:COLUMN: what" and leaves nothing allocated; every accepted form
 * loads exactly the values written. */
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

#include "csvload.h"

/* ---- helpers ------------------------------------------------------------ */

static void assert_empty(const Dataset *ds)
{
    assert_int_equal(ds->n, 0);
    assert_int_equal(ds->d, 0);
    assert_null(ds->X);
    assert_null(ds->y);
    assert_null(ds->class_names);
    assert_null(ds->feature_names);
    assert_null(ds->name);
}

/* Load buf[0..len) as "t.csv" and expect exactly msg. */
static void refuse_n(const char *buf, size_t len, const char *target, Task task,
                     const CsvLimits *lim, const char *msg)
{
    Dataset ds;
    memset(&ds, 0x5a, sizeof ds); /* the loader must clear it */
    Err err = {0};
    CsvOptions opt = {target, task};
    assert_int_equal(csv_load_mem_limits("t.csv", buf, len, &opt, lim, &ds, &err), -1);
    assert_int_equal(err.kind, ERR_INPUT);
    assert_string_equal(err.msg, msg);
    assert_empty(&ds);
}

static void refuse(const char *csv, const char *msg)
{
    refuse_n(csv, strlen(csv), NULL, TASK_AUTO, NULL, msg);
}

static void load_opt(const char *csv, const char *target, Task task, Dataset *ds)
{
    Err err = {0};
    CsvOptions opt = {target, task};
    int rc = csv_load_mem("t.csv", csv, strlen(csv), &opt, ds, &err);
    if (rc)
        fail_msg("unexpected error: %s", err.msg);
    assert_string_equal(ds->name, "t.csv");
}

static void load(const char *csv, Dataset *ds) { load_opt(csv, NULL, TASK_AUTO, ds); }

static void assert_row(const Dataset *ds, int i, const double *x, double y)
{
    for (int j = 0; j < ds->d; j++)
        assert_true(ds->X[i * ds->d + j] == x[j]);
    assert_true(ds->y[i] == y);
}

static void assert_names(char **names, int n, const char *const *want)
{
    assert_non_null(names);
    for (int i = 0; i < n; i++)
        assert_string_equal(names[i], want[i]);
}

/* A growing string for generated inputs. */
typedef struct {
    char *s;
    size_t len, cap;
} Buf;

static void buf_add(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    while (b->len + (size_t)n + 1 > b->cap) {
        b->cap = b->cap ? 2 * b->cap : 4096;
        b->s = realloc(b->s, b->cap);
        assert_non_null(b->s);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* ---- well-formed inputs --------------------------------------------------- */

static void test_header_and_string_labels_load_exact_values(void **state)
{
    (void)state;
    Dataset ds;
    load("sepal,petal,species\n5.1,0.2,setosa\n-4.75,1e-3,virginica\n6,2.5,setosa\n"
         "7.25,0.125,versicolor\n",
         &ds);
    assert_int_equal(ds.n, 4);
    assert_int_equal(ds.d, 2);
    assert_int_equal(ds.task, TASK_CLASSIFY);
    assert_int_equal(ds.n_classes, 3);
    assert_names(ds.feature_names, 2, (const char *[]){"sepal", "petal"});
    assert_names(ds.class_names, 3, (const char *[]){"setosa", "virginica", "versicolor"});
    assert_row(&ds, 0, (double[]){5.1, 0.2}, 0);
    assert_row(&ds, 1, (double[]){-4.75, 1e-3}, 1);
    assert_row(&ds, 2, (double[]){6, 2.5}, 0);
    assert_row(&ds, 3, (double[]){7.25, 0.125}, 2);
    dataset_free(&ds);
}

static void test_quoted_fields_with_delimiters_quotes_and_newlines(void **state)
{
    (void)state;
    Dataset ds;
    load("\"a, first\",\"b\"\"q\",label\n"
         "\"1.5\",\" 2 \",\"say \"\"hi\"\"\"\n"
         "3,4,\"two\nlines\"\n"
         "5,6,\"say \"\"hi\"\"\"\n",
         &ds);
    assert_int_equal(ds.n, 3);
    assert_names(ds.feature_names, 2, (const char *[]){"a, first", "b\"q"});
    assert_int_equal(ds.n_classes, 2);
    assert_names(ds.class_names, 2, (const char *[]){"say \"hi\"", "two\nlines"});
    assert_row(&ds, 0, (double[]){1.5, 2}, 0);
    assert_row(&ds, 1, (double[]){3, 4}, 1);
    assert_row(&ds, 2, (double[]){5, 6}, 0);
    dataset_free(&ds);
}

static void test_crlf_bom_and_no_final_newline(void **state)
{
    (void)state;
    Dataset ds;
    load("\xEF\xBB\xBFx,y,c\r\n1,2,a\r\n3,4,b\r\n5,6,a\r\n7,8,b", &ds);
    assert_int_equal(ds.n, 4);
    assert_names(ds.feature_names, 2, (const char *[]){"x", "y"});
    assert_names(ds.class_names, 2, (const char *[]){"a", "b"});
    assert_row(&ds, 3, (double[]){7, 8}, 1);
    dataset_free(&ds);
}

static void test_semicolon_and_tab_delimiters_are_sniffed(void **state)
{
    (void)state;
    Dataset ds;
    load("a;b;y\n1.5;2;p\n3;4;q\n", &ds);
    assert_int_equal(ds.d, 2);
    assert_row(&ds, 1, (double[]){3, 4}, 1);
    dataset_free(&ds);

    load("a\tb\ty\n1.5\t2\tp\n3\t4\tq\n", &ds);
    assert_int_equal(ds.d, 2);
    assert_row(&ds, 0, (double[]){1.5, 2}, 0);
    dataset_free(&ds);

    /* A comma inside quotes on the first line does not fool the sniffer. */
    load("\"a,b\";\"c,d\";y\n1;2;p\n3;4;q\n", &ds);
    assert_names(ds.feature_names, 2, (const char *[]){"a,b", "c,d"});
    dataset_free(&ds);
}

static void test_no_header_names_features_x1_to_xd(void **state)
{
    (void)state;
    Dataset ds;
    load("1,2,3,a\n4,5,6,b\n", &ds);
    assert_int_equal(ds.n, 2);
    assert_int_equal(ds.d, 3);
    assert_names(ds.feature_names, 3, (const char *[]){"x1", "x2", "x3"});
    assert_row(&ds, 0, (double[]){1, 2, 3}, 0);
    assert_row(&ds, 1, (double[]){4, 5, 6}, 1);
    dataset_free(&ds);
}

static void test_target_by_name_and_by_index(void **state)
{
    (void)state;
    const char *csv = "kind,w,h\ncat,1,2\ndog,3,4\ncat,5,6\n";
    Dataset ds;
    load_opt(csv, "kind", TASK_AUTO, &ds);
    assert_int_equal(ds.task, TASK_CLASSIFY);
    assert_names(ds.feature_names, 2, (const char *[]){"w", "h"});
    assert_names(ds.class_names, 2, (const char *[]){"cat", "dog"});
    assert_row(&ds, 1, (double[]){3, 4}, 1);
    dataset_free(&ds);

    load_opt(csv, "1", TASK_AUTO, &ds);
    assert_names(ds.feature_names, 2, (const char *[]){"w", "h"});
    assert_row(&ds, 2, (double[]){5, 6}, 0);
    dataset_free(&ds);

    /* Middle column by index: the features keep their order around it. */
    load_opt("1,10,2,5\n3,20,4,6\n", "2", TASK_REGRESS, &ds);
    assert_int_equal(ds.task, TASK_REGRESS);
    assert_names(ds.feature_names, 3, (const char *[]){"x1", "x2", "x3"});
    assert_row(&ds, 1, (double[]){3, 4, 6}, 20);
    dataset_free(&ds);
}

static void test_numeric_class_labels_map_sorted_values_and_keep_text(void **state)
{
    (void)state;
    Dataset ds;
    load("a,y\n1,7\n2,-1\n3,7\n4,3\n5,-1\n6,3\n", &ds);
    assert_int_equal(ds.task, TASK_CLASSIFY);
    assert_int_equal(ds.n_classes, 3);
    assert_names(ds.class_names, 3, (const char *[]){"-1", "3", "7"});
    double want[] = {2, 0, 2, 1, 0, 1};
    for (int i = 0; i < 6; i++)
        assert_true(ds.y[i] == want[i]);
    dataset_free(&ds);
}

static void test_float_target_is_regression(void **state)
{
    (void)state;
    Dataset ds;
    load("x,t\n1,0.5\n2,1.25\n3,-7e2\n", &ds);
    assert_int_equal(ds.task, TASK_REGRESS);
    assert_int_equal(ds.n_classes, 0);
    assert_null(ds.class_names);
    assert_row(&ds, 2, (double[]){3}, -700);
    dataset_free(&ds);
}

static void test_task_inference_rule(void **state)
{
    (void)state;
    Dataset ds;
    /* 2 distinct integers in 4 rows: classes. In 3 rows (2 * 2 > 3): regression. */
    load("x,t\n1,0\n2,1\n3,0\n4,1\n", &ds);
    assert_int_equal(ds.task, TASK_CLASSIFY);
    dataset_free(&ds);
    load("x,t\n1,0\n2,1\n3,0\n", &ds);
    assert_int_equal(ds.task, TASK_REGRESS);
    assert_true(ds.y[1] == 1);
    dataset_free(&ds);

    /* 21 distinct integers: regression; 20: classes. */
    Buf b = {0};
    buf_add(&b, "x,t\n");
    for (int i = 0; i < 42; i++)
        buf_add(&b, "%d,%d\n", i, i % 21);
    load(b.s, &ds);
    assert_int_equal(ds.task, TASK_REGRESS);
    assert_true(ds.y[41] == 20);
    dataset_free(&ds);
    b.len = 0;
    buf_add(&b, "x,t\n");
    for (int i = 0; i < 40; i++)
        buf_add(&b, "%d,%d\n", i, 100 + i % 20);
    load(b.s, &ds);
    assert_int_equal(ds.task, TASK_CLASSIFY);
    assert_int_equal(ds.n_classes, 20);
    assert_string_equal(ds.class_names[19], "119");
    assert_true(ds.y[39] == 19);
    dataset_free(&ds);
    free(b.s);

    /* Mixed numbers and strings: string classes in order of first appearance. */
    load("x,t\n1,2\n2,x\n3,2\n", &ds);
    assert_int_equal(ds.task, TASK_CLASSIFY);
    assert_names(ds.class_names, 2, (const char *[]){"2", "x"});
    dataset_free(&ds);
}

static void test_task_option_overrides_inference(void **state)
{
    (void)state;
    Dataset ds;
    load_opt("x,t\n1,0\n2,1\n3,0\n4,1\n", NULL, TASK_REGRESS, &ds);
    assert_int_equal(ds.task, TASK_REGRESS);
    assert_true(ds.y[1] == 1);
    dataset_free(&ds);

    load_opt("x,t\n1,0.5\n2,1.5\n3,0.5\n", NULL, TASK_CLASSIFY, &ds);
    assert_int_equal(ds.task, TASK_CLASSIFY);
    assert_names(ds.class_names, 2, (const char *[]){"0.5", "1.5"});
    assert_true(ds.y[1] == 1 && ds.y[2] == 0);
    dataset_free(&ds);
}

static void test_blank_lines_skipped_and_trailing_blank_line_ok(void **state)
{
    (void)state;
    Dataset ds;
    load("\n\na,y\n\n1,p\n   \n2,q\n\n\r\n", &ds);
    assert_int_equal(ds.n, 2);
    assert_names(ds.feature_names, 1, (const char *[]){"a"});
    dataset_free(&ds);
}

static void test_numbers_parse_exactly_as_strtod(void **state)
{
    (void)state;
    Dataset ds;
    load("a,b,c,d,e,y\n"
         "0.1,-0,1e-5,  7 ,\" 2.5\t\",1.5\n"
         "123456789012345678901234,0.30000000000000004,4.9e-324,1.7976931348623157e308,+.5,2\n",
         &ds);
    assert_true(ds.X[0] == 0.1);
    assert_true(ds.X[1] == 0 && signbit(ds.X[1]));
    assert_true(ds.X[2] == 1e-5);
    assert_true(ds.X[3] == 7);
    assert_true(ds.X[4] == 2.5);
    assert_true(ds.X[5] == strtod("123456789012345678901234", NULL));
    assert_true(ds.X[6] == 0.30000000000000004);
    assert_true(ds.X[7] == 4.9e-324);
    assert_true(ds.X[8] == 1.7976931348623157e308);
    assert_true(ds.X[9] == 0.5);
    dataset_free(&ds);

    /* The short path and strtod agree on random decimals. */
    srand(7);
    for (int i = 0; i < 200000; i++) {
        char s[64];
        int digits = 1 + rand() % 20, point = rand() % (digits + 1);
        int o = 0;
        if (rand() % 2)
            s[o++] = '-';
        for (int k = 0; k < digits; k++) {
            if (k == point)
                s[o++] = '.';
            s[o++] = (char)('0' + rand() % 10);
        }
        if (rand() % 3 == 0)
            o += snprintf(s + o, sizeof s - (size_t)o, "e%d", rand() % 80 - 40);
        s[o] = '\0';
        double got = -1;
        assert_int_equal(csv_parse_double(s, (size_t)o, &got), CSV_NUM_OK);
        double want = strtod(s, NULL);
        if (memcmp(&got, &want, sizeof got) != 0)
            fail_msg("%s: got %.17g, strtod %.17g", s, got, want);
    }
}

static void test_header_cases(void **state)
{
    (void)state;
    Dataset ds;
    /* An empty header name gets the default name. */
    load(",b,y\n1,2,p\n3,4,q\n", &ds);
    assert_names(ds.feature_names, 2, (const char *[]){"x1", "b"});
    dataset_free(&ds);
    /* Only one data row, after a header. */
    load_opt("a,y\n1,2\n", NULL, TASK_REGRESS, &ds);
    assert_int_equal(ds.n, 1);
    dataset_free(&ds);
}

static void test_file_larger_than_a_read_block(void **state)
{
    (void)state;
    char path[] = "/tmp/regscope_csv_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "a,b,label\n");
    for (int i = 0; i < 20000; i++) /* ~400 KB; quoted labels span block edges */
        fprintf(f, "%d,%d.25,\"%s\"\n", i, -i, i % 3 ? "one\r\ntwo" : "three");
    fprintf(f, "1,2,\"x\"x\n");
    fclose(f);

    Dataset ds;
    Err err = {0};
    /* Rows start on line 2; the 13333 rows with i % 3 != 0 take two lines. */
    int bad_line = 2 + 20000 + 13333;
    char want[200];
    snprintf(want, sizeof want, "%s:%d:3: %s", path, bad_line,
             "bad quoting: a quote inside an unquoted field, or text after a closing quote");
    assert_int_equal(csv_load(path, NULL, &ds, &err), -1);
    assert_string_equal(err.msg, want);
    assert_empty(&ds);

    /* Without the bad row it loads. */
    f = fopen(path, "r+");
    fseek(f, -10, SEEK_END);
    fputs("\n\n\n\n\n\n\n\n\n\n", f);
    fclose(f);
    assert_int_equal(csv_load(path, NULL, &ds, &err), 0);
    assert_int_equal(ds.n, 20000);
    assert_int_equal(ds.n_classes, 2);
    assert_names(ds.class_names, 2, (const char *[]){"three", "one\r\ntwo"});
    assert_row(&ds, 19999, (double[]){19999, -19999.25}, 1);
    assert_string_equal(ds.name, path);
    dataset_free(&ds);
    unlink(path);
}

static void test_find_dataset_resolves_bundled_names(void **state)
{
    (void)state;
    char path[4096];
    assert_int_equal(csv_find_dataset("iris", path, sizeof path), 0);
    size_t n = strlen(path);
    assert_true(n >= 17 && strcmp(path + n - 17, "datasets/iris.csv") == 0);
    Dataset ds;
    Err err = {0};
    assert_int_equal(csv_load(path, NULL, &ds, &err), 0);
    assert_int_equal(ds.n, 150);
    assert_int_equal(ds.d, 4);
    assert_int_equal(ds.n_classes, 3);
    dataset_free(&ds);

    assert_int_equal(csv_find_dataset("diabetes", path, sizeof path), 0);
    assert_int_equal(csv_load(path, NULL, &ds, &err), 0);
    assert_int_equal(ds.task, TASK_REGRESS);
    assert_int_equal(ds.n, 442);
    dataset_free(&ds);

    assert_int_equal(csv_find_dataset("no_such_data", path, sizeof path), -1);
    assert_int_equal(csv_find_dataset("../datasets/iris", path, sizeof path), -1);
    assert_int_equal(csv_find_dataset("", path, sizeof path), -1);
    assert_int_equal(csv_find_dataset("iris", path, 8), -1);
}

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
        cmocka_unit_test(test_header_and_string_labels_load_exact_values),
        cmocka_unit_test(test_quoted_fields_with_delimiters_quotes_and_newlines),
        cmocka_unit_test(test_crlf_bom_and_no_final_newline),
        cmocka_unit_test(test_semicolon_and_tab_delimiters_are_sniffed),
        cmocka_unit_test(test_no_header_names_features_x1_to_xd),
        cmocka_unit_test(test_target_by_name_and_by_index),
        cmocka_unit_test(test_numeric_class_labels_map_sorted_values_and_keep_text),
        cmocka_unit_test(test_float_target_is_regression),
        cmocka_unit_test(test_task_inference_rule),
        cmocka_unit_test(test_task_option_overrides_inference),
        cmocka_unit_test(test_blank_lines_skipped_and_trailing_blank_line_ok),
        cmocka_unit_test(test_numbers_parse_exactly_as_strtod),
        cmocka_unit_test(test_header_cases),
        cmocka_unit_test(test_file_larger_than_a_read_block),
        cmocka_unit_test(test_find_dataset_resolves_bundled_names),
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
