/* Tests for the table side of csvload: row names, --ignore, one-hot
 * categorical columns, missing values (refused, dropped, or filled with the
 * training split's mean) and wide tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvload.h"
#include "impute.h"

static int try_load(const char *csv, const char *target, const CsvTableOptions *tab, Dataset *ds,
                    Err *err)
{
    CsvOptions opt = {target, TASK_AUTO};
    return csv_load_mem_table("t.csv", csv, strlen(csv), &opt, tab, NULL, ds, err);
}

static void load(const char *csv, const char *target, const CsvTableOptions *tab, Dataset *ds)
{
    Err err = {0};
    if (try_load(csv, target, tab, ds, &err))
        fail_msg("unexpected error: %s", err.msg);
}

static void refuse(const char *csv, const CsvTableOptions *tab, const char *msg)
{
    Dataset ds;
    Err err = {0};
    assert_int_equal(try_load(csv, NULL, tab, &ds, &err), -1);
    assert_int_equal(err.kind, ERR_INPUT);
    assert_string_equal(err.msg, msg);
    assert_null(ds.X);
}

static void assert_names(const Dataset *ds, const char *const *want, int d)
{
    assert_int_equal(ds->d, d);
    for (int j = 0; j < d; j++)
        assert_string_equal(ds->feature_names[j], want[j]);
}

static void assert_row(const Dataset *ds, int i, const double *x)
{
    for (int j = 0; j < ds->d; j++)
        if (!(isnan(x[j]) ? isnan(ds->X[i * ds->d + j]) : ds->X[i * ds->d + j] == x[j]))
            fail_msg("row %d column %d: %g, want %g", i, j, ds->X[i * ds->d + j], x[j]);
}

static void test_levels_in_order_of_first_appearance(void **state)
{
    (void)state;
    Dataset ds;
    load("len,supp,y\n1,VC,2\n2,OJ,3\n3,VC,4\n4,XX,5\n", NULL, NULL, &ds);
    assert_names(&ds, (const char *[]){"len", "supp=VC", "supp=OJ", "supp=XX"}, 4);
    assert_row(&ds, 0, (double[]){1, 1, 0, 0});
    assert_row(&ds, 1, (double[]){2, 0, 1, 0});
    assert_row(&ds, 3, (double[]){4, 0, 0, 1});
    dataset_free(&ds);
}

static void test_categorical_option_on_a_numeric_column(void **state)
{
    (void)state;
    Dataset ds;
    CsvTableOptions by_name = {.categorical = "cyl"}, by_index = {.categorical = "2"};
    const char *csv = "hp,cyl,mpg\n110,6,21\n93,4,22.8\n175,8,18.7\n105,6,18.1\n";
    load(csv, NULL, &by_name, &ds);
    assert_names(&ds, (const char *[]){"hp", "cyl=6", "cyl=4", "cyl=8"}, 4);
    assert_row(&ds, 2, (double[]){175, 0, 0, 1});
    dataset_free(&ds);
    load(csv, NULL, &by_index, &ds);
    assert_names(&ds, (const char *[]){"hp", "cyl=6", "cyl=4", "cyl=8"}, 4);
    dataset_free(&ds);
    refuse(csv, &(CsvTableOptions){.categorical = "gear"},
           "t.csv:1: --categorical: no column named \"gear\"");
    refuse(csv, &(CsvTableOptions){.categorical = "mpg"},
           "t.csv:1: --categorical: column 3 is the target");
}

static void test_mixed_column_refused_where_it_turns(void **state)
{
    (void)state;
    refuse("a,b,y\n1,2,3\n2,x,4\n", NULL,
           "t.csv:3:2: expected a number, got \"x\" (column \"b\" mixes numbers and text: "
           "--categorical b reads it as categories)");
    refuse("a,b,y\n1,x,3\n2,7,4\n", NULL,
           "t.csv:3:2: column \"b\" holds text, then the number \"7\" (--categorical b reads it "
           "as categories)");
}

static void test_every_missing_token(void **state)
{
    (void)state;
    const char *tokens[] = {"", "NA", "NaN", "nan", "N/A", "NULL", "null", "?", " NA "};
    for (size_t t = 0; t < sizeof tokens / sizeof *tokens; t++) {
        char csv[100], msg[200];
        snprintf(csv, sizeof csv, "a,b,y\n1,2,3\n4,%s,5\n", tokens[t]);
        if (tokens[t][0])
            snprintf(msg, sizeof msg,
                     "t.csv:3:2: missing value \"%s\": --missing drop drops "
                     "such rows, --missing mean fills them",
                     t == 8 ? "NA" : tokens[t]);
        else
            snprintf(msg, sizeof msg,
                     "t.csv:3:2: missing value (an empty field): --missing "
                     "drop drops such rows, --missing mean fills them");
        refuse(csv, NULL, msg);
        Dataset ds;
        load(csv, NULL, &(CsvTableOptions){.missing = CSV_MISSING_DROP}, &ds);
        assert_int_equal(ds.n, 1);
        dataset_free(&ds);
    }
    /* --na-values replaces the list: "NA" is then a level, "-" missing. */
    Dataset ds;
    CsvTableOptions own = {.na_values = "-", .missing = CSV_MISSING_DROP};
    load("a,b,y\n1,NA,3\n4,-,5\n6,x,7\n", NULL, &own, &ds);
    assert_names(&ds, (const char *[]){"a", "b=NA", "b=x"}, 3);
    assert_int_equal(ds.n, 2);
    dataset_free(&ds);
}

/* A number as a missing-value token ("-999") is missing wherever it stands in
 * a numeric column, not only before the column is known to be numeric. */
static void test_numeric_na_token_anywhere(void **state)
{
    (void)state;
    Dataset ds;
    CsvTableOptions drop = {.na_values = "-999", .missing = CSV_MISSING_DROP};
    load("a,b,y\n1,2,3\n4,-999,5\n6,7,8\n-999,9,10\n11,12,13\n", NULL, &drop, &ds);
    assert_int_equal(ds.n, 3);
    assert_row(&ds, 1, (double[]){6, 7});
    dataset_free(&ds);
    CsvTableOptions mean = {.na_values = "-999", .missing = CSV_MISSING_MEAN};
    load("a,b,y\n1,2,3\n4,-999,5\n6,7,8\n", NULL, &mean, &ds);
    assert_names(&ds, (const char *[]){"a", "b", "b:missing"}, 3);
    assert_row(&ds, 1, (double[]){4, NAN, 1});
    dataset_free(&ds);
    /* "-999.0" is another text: a number */
    load("a,b,y\n1,2,3\n4,-999.0,5\n", NULL, &drop, &ds);
    assert_int_equal(ds.n, 2);
    dataset_free(&ds);
}

static void test_missing_drop_counts_rows_and_targets(void **state)
{
    (void)state;
    Dataset ds;
    CsvTableOptions drop = {.missing = CSV_MISSING_DROP};
    load("a,b,y\n1,2,p\n3,NA,zz\n5,6,NA\n7,8,q\n9,10,p\n", NULL, &drop, &ds);
    assert_int_equal(ds.n, 3);
    assert_int_equal(ds.n_classes, 2); /* "zz" went with its row */
    assert_string_equal(ds.notice, "dropped 2 rows with a missing value");
    assert_row(&ds, 1, (double[]){7, 8});
    dataset_free(&ds);
    refuse("a,y\n1,2\n2,NA\n", NULL,
           "t.csv:3:2: missing target value \"NA\": --missing drop or --missing mean drops "
           "such rows");
}

static void test_missing_mean_from_the_training_split(void **state)
{
    (void)state;
    Dataset ds;
    CsvTableOptions mean = {.missing = CSV_MISSING_MEAN};
    load("a,c,y\n1,u,1\nNA,NA,2\n3,v,3\n10,u,4\n", NULL, &mean, &ds);
    assert_names(&ds, (const char *[]){"a", "a:missing", "c=u", "c=v", "c=NA"}, 5);
    assert_row(&ds, 1, (double[]){NAN, 1, 0, 0, 1});
    /* rows 0-2 train, row 3 validation: the fill is 2, not (1+3+10)/3 */
    Dataset train = ds, val = ds;
    train.n = 3;
    val.X = ds.X + 3 * ds.d;
    val.n = 1;
    data_fill_missing(&train, &val);
    assert_row(&ds, 1, (double[]){2, 1, 0, 0, 1});
    assert_row(&ds, 3, (double[]){10, 0, 1, 0, 0});
    dataset_free(&ds);
}

static void test_row_names(void **state)
{
    (void)state;
    Dataset ds;
    load("\"\",\"mpg\",\"cyl\"\n\"Mazda RX4\",21,6\n\"Datsun 710\",22.8,4\n\"Valiant\",18.1,6\n",
         "mpg", NULL, &ds);
    assert_names(&ds, (const char *[]){"cyl"}, 1);
    assert_string_equal(ds.notice, "column 1 read as row names (3 distinct values) and skipped");
    dataset_free(&ds);
    load(",a,y\n1,5,1\n2,6,2\n3,7,3\n", NULL, NULL, &ds); /* pandas: 0.. or R: 1.. */
    assert_names(&ds, (const char *[]){"a"}, 1);
    dataset_free(&ds);
    /* Repeated values are not row names: a categorical column. */
    load(",a,y\nm,5,1\nf,6,2\nm,7,3\n", NULL, NULL, &ds);
    assert_names(&ds, (const char *[]){"x1=m", "x1=f", "a"}, 3);
    assert_string_equal(ds.notice, "");
    dataset_free(&ds);
    /* Numbers that do not count up are data. */
    load(",a,y\n1,5,1\n3,6,2\n", NULL, NULL, &ds);
    assert_names(&ds, (const char *[]){"x1", "a"}, 2);
    dataset_free(&ds);
}

static void test_ignore_by_name_and_index(void **state)
{
    (void)state;
    Dataset ds;
    const char *csv = "id,a,date,b,y\n7,1,2020-01-01,2,3\n8,4,2020-01-02,5,6\n";
    load(csv, NULL, &(CsvTableOptions){.ignore = "id,3"}, &ds);
    assert_names(&ds, (const char *[]){"a", "b"}, 2);
    assert_row(&ds, 1, (double[]){4, 5});
    dataset_free(&ds);
    refuse(csv, &(CsvTableOptions){.ignore = "9"},
           "t.csv:1: --ignore: column 9 is out of range: the file has 5 columns");
    refuse(csv, &(CsvTableOptions){.ignore = "y"}, "t.csv:1: --ignore: column 5 is the target");
    refuse("a,y\n1,2\n", &(CsvTableOptions){.ignore = "a"}, "t.csv:1: no feature columns left");
}

static void test_five_thousand_columns(void **state)
{
    (void)state;
    size_t cap = 5001 * 8 * 4, len = 0;
    char *s = malloc(cap);
    for (int r = 0; r < 4; r++)
        for (int j = 0; j <= 5000; j++)
            len += (size_t)snprintf(s + len, cap - len, j < 5000 ? "%d," : "%d\n",
                                    j == 5000 ? r % 2 : j + r);
    Dataset ds;
    load(s, NULL, NULL, &ds);
    assert_int_equal(ds.d, 5000);
    assert_int_equal(ds.n, 4);
    assert_true(ds.X[3 * 5000 + 4999] == 4999 + 3);
    dataset_free(&ds);
    free(s);
}

/* Only the rows kept make columns: a level or a missing value seen only in a
 * row dropped for its missing target (or, with --missing drop, a missing
 * feature) would be a column of zeros, a weight the penalty zeroes for
 * nothing. The levels go in order of first appearance among the kept rows. */
static void test_dropped_rows_make_no_columns(void **state)
{
    (void)state;
    Dataset ds;
    const char *csv = "g,h,x,y\n"
                      "b,q,1,1\n"
                      "c,p,NA,NA\n" /* dropped: its target; c, p and the NA of x go with it */
                      "a,NA,2,2\n"
                      "b,q,3,NA\n"; /* dropped */
    CsvTableOptions mean = {NULL, NULL, NULL, CSV_MISSING_MEAN, NULL};
    load(csv, "y", &mean, &ds);
    const char *want[] = {"g=b", "g=a", "h=q", "h=NA", "x"};
    assert_names(&ds, want, 5);
    assert_int_equal(ds.n, 2);
    assert_row(&ds, 0, (double[]){1, 0, 1, 0, 1});
    assert_row(&ds, 1, (double[]){0, 1, 0, 1, 2});
    dataset_free(&ds);
    CsvTableOptions drop = {NULL, NULL, NULL, CSV_MISSING_DROP, NULL};
    load(csv, "y", &drop, &ds);
    const char *want_drop[] = {"g=b", "h=q", "x"};
    assert_names(&ds, want_drop, 3);
    assert_int_equal(ds.n, 1);
    assert_row(&ds, 0, (double[]){1, 1, 1});
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels_in_order_of_first_appearance),
        cmocka_unit_test(test_categorical_option_on_a_numeric_column),
        cmocka_unit_test(test_mixed_column_refused_where_it_turns),
        cmocka_unit_test(test_every_missing_token),
        cmocka_unit_test(test_numeric_na_token_anywhere),
        cmocka_unit_test(test_missing_drop_counts_rows_and_targets),
        cmocka_unit_test(test_missing_mean_from_the_training_split),
        cmocka_unit_test(test_row_names),
        cmocka_unit_test(test_ignore_by_name_and_index),
        cmocka_unit_test(test_five_thousand_columns),
        cmocka_unit_test(test_dropped_rows_make_no_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
