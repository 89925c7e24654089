/* Tests for csvload: every accepted form loads exactly the values written
 * (the refusals are in test_csv_errors.c). */
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
