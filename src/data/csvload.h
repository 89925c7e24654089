/* csvload: a CSV file (or buffer) into a Dataset, through libcsv.
 *
 * Accepted: comma, semicolon or tab delimiters (sniffed on the first line,
 * outside quotes); double-quoted fields with "" escapes and embedded newlines;
 * LF, CRLF or CR line ends; a UTF-8 byte-order mark; a missing final newline.
 * Fully blank lines are skipped wherever they are. The first row is a header
 * when one of its fields is not a number while the second row has a number in
 * that column. Every feature must be a finite number (strtod syntax, spaces or
 * tabs around it allowed); the target column may hold numbers or strings.
 *
 * Anything else is refused with ERR_INPUT and "FILE:LINE:COLUMN: what", where
 * LINE is the 1-based physical line on which the offending field starts and
 * COLUMN the 1-based field number (row-level errors give only LINE; a file
 * that cannot be opened gives neither). On error `out` is left zeroed and
 * nothing stays allocated.
 *
 * Task inference (opt->task == TASK_AUTO): a target holding any non-numeric
 * label means classification, classes numbered in order of first appearance.
 * An all-numeric target means classification when every value is an integer,
 * there are at most CSV_AUTO_MAX_CLASSES distinct values and at most half as
 * many distinct values as rows; otherwise regression. Numeric class labels
 * get ids in ascending order of value and keep their text as class names. */
#ifndef REGSCOPE_CSVLOAD_H
#define REGSCOPE_CSVLOAD_H

#include <stddef.h>

#include "data.h"
#include "err.h"

/* Documented limits; each is refused with its own message. */
#define CSV_MAX_CELLS 100000000L  /* rows x columns (800 MB of doubles) */
#define CSV_MAX_CLASSES 1000      /* distinct class labels */
#define CSV_MAX_FIELD_BYTES 65536 /* bytes in one field, quotes excluded */
#define CSV_AUTO_MAX_CLASSES 20   /* integer targets inferred as classes */

/* What a missing value (an empty field or an NA token) does. */
typedef enum { CSV_MISSING_REFUSE = 0, CSV_MISSING_DROP, CSV_MISSING_MEAN } CsvMissing;

typedef struct {
    const char *target; /* NULL or "" = last column; a header name or a 1-based index */
    Task task;          /* TASK_AUTO = infer */
} CsvOptions;

/* How the columns of a table are read (NULL = every default). */
typedef struct {
    const char *ignore;      /* NULL or "COL[,COL...]": header names or 1-based indices */
    const char *categorical; /* the same: columns read as categories even when numeric */
    const char *na_values;   /* NULL = CSV_NA_DEFAULT; else a comma-separated list */
    CsvMissing missing;
    /* NULL or "COL": a column of fold numbers (integers), removed from the
     * features and kept per row in Dataset.fold */
    const char *foldid;
} CsvTableOptions;

#define CSV_NA_DEFAULT "NA,NaN,nan,N/A,NULL,null,?"

/* Load the CSV file at path into out (which the caller later frees with
 * dataset_free). out->name is a copy of path. The file is read in 64 KiB
 * blocks and parsed as it streams; only the numbers are kept. Returns 0, or
 * -1 with err filled (ERR_INPUT for bad input, ERR_INTERNAL for no memory). */
int csv_load(const char *path, const CsvOptions *opt, Dataset *out, Err *err);

/* The same for a buffer of len bytes; display_name stands for the file in
 * messages and becomes out->name. buf need not be NUL-terminated. */
int csv_load_mem(const char *display_name, const char *buf, size_t len, const CsvOptions *opt,
                 Dataset *out, Err *err);

/* csv_load and csv_load_mem_limits with the table options (tab may be NULL). */
int csv_load_table(const char *path, const CsvOptions *opt, const CsvTableOptions *tab,
                   Dataset *out, Err *err);

/* Resolve a bare dataset name ("iris") to a readable CSV path, trying in turn
 * DIR/datasets/NAME.csv and DIR/../share/regscope/datasets/NAME.csv where DIR
 * holds the running binary (/proc/self/exe), ./datasets/NAME.csv, and
 * REGSCOPE_DATADIR/NAME.csv. Names containing '/' are not bare. Returns 0 with
 * the path in out (outsz bytes), or -1 when not found or too long. */
int csv_find_dataset(const char *name, char *out, size_t outsz);

/* ---- lower-level entry points (tests, fuzzing) ------------------------ */

/* The limits above, as values, so tests can exercise each check cheaply. A
 * field larger than CSV_MAX_FIELD_BYTES is always refused, whatever is asked. */
typedef struct {
    long max_columns, max_cells, max_classes, max_field_bytes;
} CsvLimits;

extern const CsvLimits csv_default_limits;

int csv_load_mem_table(const char *display_name, const char *buf, size_t len, const CsvOptions *opt,
                       const CsvTableOptions *tab, const CsvLimits *lim, Dataset *out, Err *err);

/* csv_load_mem with explicit limits (lim NULL = csv_default_limits). */
int csv_load_mem_limits(const char *display_name, const char *buf, size_t len,
                        const CsvOptions *opt, const CsvLimits *lim, Dataset *out, Err *err);

typedef enum {
    CSV_NUM_OK = 0,   /* a finite number */
    CSV_NUM_EMPTY,    /* nothing but spaces or tabs */
    CSV_NUM_BAD,      /* not a number, or something after it */
    CSV_NUM_NONFINITE /* nan, inf, or out of double range */
} CsvNum;

/* Parse all of s[0..len) as one number, spaces and tabs around it allowed.
 * The value is exactly strtod's (correctly rounded); a short decimal path
 * avoids strtod for most fields. s need not be NUL-terminated. */
CsvNum csv_parse_double(const char *s, size_t len, double *out);

#endif
