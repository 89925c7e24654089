/* csvload: streaming CSV -> Dataset through libcsv (contract in csvload.h).
 *
 * libcsv calls on_field for every field and on_row at every unquoted line
 * end (CSV_REPALL_NL, so blank lines are seen too and we can count physical
 * lines ourselves). The first two non-blank rows are kept as text until we
 * know whether the first is a header; then they are replayed, and every
 * later field goes straight into the growing X / y arrays: only the numbers
 * are kept, plus the distinct target labels (at most max_classes of them).
 *
 * Line numbers: `line` is the line on which the next field starts. It moves
 * at each row end (CR, LF; the LF of a CRLF pair is not counted twice) and
 * across newlines inside quoted text fields. Numeric fields never contain a
 * newline (the number parser refuses them), so only text is scanned.
 *
 * The target column (labels, classes, task) is in csvload_target.c, the
 * loader's state shared with it in csv_loader.h; finding a dataset by
 * name is csvload_find.c. */
#include "csv_loader.h"
#include "utf8.h"

#include <csv.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define READ_BLOCK (64 * 1024)

/* Columns are bounded by the cells (and memory) only. */
const CsvLimits csv_default_limits = {CSV_MAX_CELLS, CSV_MAX_CELLS, CSV_MAX_CLASSES,
                                      CSV_MAX_FIELD_BYTES};

/* ---- the loader --------------------------------------------------------- */

static void count_lines(Loader *L, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\r' || (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')))
            L->line++;
    L->pending_cr = len > 0 && s[len - 1] == '\r';
}

/* Start of data row L->n (line = where it starts): room in X and y. */
static void data_row_begin(Loader *L, long line)
{
    if ((long)(L->n + 1) > L->lim->max_cells / L->ncols || L->n + 1 > (size_t)INT_MAX) {
        fail(L, line, 0, "more than %ld cells (rows x columns)", L->lim->max_cells);
        return;
    }
    if (L->n == L->cap) {
        /* Doubling keeps the copies amortized; large blocks are mmapped, so
         * realloc moves pages (mremap) and untouched capacity costs no RAM. */
        size_t cap = L->cap, y_cap = L->cap;
        if (grow(&L->X, &cap, L->n + 1, (size_t)L->d * sizeof *L->X) ||
            grow(&L->y, &y_cap, cap, sizeof *L->y)) {
            fail_oom(L);
            return;
        }
        L->cap = cap;
    }
    if (L->n == 0)
        L->first_data_line = line;
    L->row_drop = 0;
    L->row_labels = L->labels.n;
    L->row_any_string = L->any_string;
    L->row_all_int = L->all_int;
}

/* Field col (0-based) of data row L->n. */
static void data_field(Loader *L, const char *s, size_t len, long col, long line)
{
    if (col >= L->ncols)
        return; /* a long row: reported at its end */
    if (col == L->target) {
        csvload_data_label(L, s, len, line, col + 1);
        return;
    }
    csvload_feature_field(L, s, len, col, line);
}

/* --missing drop: the row goes, and so does what its target added. */
static void drop_row(Loader *L)
{
    for (size_t id = L->labels.n; id-- > L->row_labels;)
        for (size_t i = 0; i < L->labels.nslot; i++)
            if (L->labels.slot[i] == (int)id)
                L->labels.slot[i] = -1; /* the newest entries: no probe passed them */
    L->labels.n = L->row_labels;
    L->any_string = L->row_any_string;
    L->all_int = L->row_all_int;
    L->dropped++;
}

static void data_row_end(Loader *L, long nfields, long line)
{
    if (nfields != L->ncols) {
        fail(L, line, 0, "expected %ld fields, got %ld", L->ncols, nfields);
        return;
    }
    if (L->row_drop)
        drop_row(L);
    else
        L->n++;
}

static int looks_numeric(const char *s, size_t len)
{
    double v;
    CsvNum r = csv_parse_double(s, len, &v);
    return r == CSV_NUM_OK || r == CSV_NUM_NONFINITE;
}

static int make_feature_names(Loader *L)
{
    HeadRows *h = &L->head;
    L->feature_names = calloc((size_t)L->d, sizeof *L->feature_names);
    if (!L->feature_names) {
        fail_oom(L);
        return -1;
    }
    for (long j = 0, k = 0; j < L->ncols; j++) {
        if (j == L->target)
            continue;
        const HeadField *f = L->has_header ? &h->f[h->first[0] + (size_t)j] : NULL;
        char auto_name[32];
        const char *name = auto_name;
        snprintf(auto_name, sizeof auto_name, "x%ld", k + 1);
        if (f && f->len > 0) {
            int bin = find_binary(h->text + f->off, f->len);
            if (bin >= 0) {
                fail(L, f->line, j + 1, "binary data (byte 0x%02x) in the header", bin);
                return -1;
            }
            name = h->text + f->off;
        }
        if (!(L->feature_names[k++] = strdup(name))) {
            fail_oom(L);
            return -1;
        }
    }
    return 0;
}

/* The first two rows are in: decide the header, find the target, then feed
 * the data rows among them through the normal path. */
static void head_finish(Loader *L)
{
    HeadRows *h = &L->head;
    L->streaming = 1;
    if (h->nrows == 0)
        return;
    L->ncols = h->nfields[0];
    if (L->ncols < 2) {
        fail(L, h->line[0], 0, "only one column: need at least one feature and a target");
        return;
    }
    const HeadField *r0 = &h->f[h->first[0]];
    if (h->nrows == 1) {
        for (long j = 0; j < L->ncols && !L->has_header; j++)
            L->has_header = !looks_numeric(h->text + r0[j].off, r0[j].len);
    } else {
        const HeadField *r1 = &h->f[h->first[1]];
        for (size_t j = 0; j < h->stored[1] && !L->has_header; j++)
            L->has_header = !looks_numeric(h->text + r0[j].off, r0[j].len) &&
                            looks_numeric(h->text + r1[j].off, r1[j].len);
    }
    L->d = L->ncols - 1;
    if (csvload_resolve_target(L) || make_feature_names(L) || csvload_columns_init(L))
        return;
    for (int r = L->has_header ? 1 : 0; r < h->nrows && !L->failed; r++) {
        data_row_begin(L, h->line[r]);
        for (size_t j = 0; j < h->stored[r] && !L->failed; j++) {
            const HeadField *f = &h->f[h->first[r] + j];
            data_field(L, h->text + f->off, f->len, (long)j, f->line);
        }
        if (!L->failed)
            data_row_end(L, h->nfields[r], h->line[r]);
    }
}

static void head_field(Loader *L, const char *s, size_t len, long col)
{
    HeadRows *h = &L->head;
    int r = h->nrows;
    if (r == 0 && col >= L->lim->max_columns) {
        fail(L, L->row_line, col + 1, "more than %ld columns", L->lim->max_columns);
        return;
    }
    if (r == 1 && col >= h->nfields[0])
        return; /* a long second row: reported when replayed */
    if (col == 0)
        h->first[r] = h->nf;
    if (grow(&h->f, &h->fcap, h->nf + 1, sizeof *h->f) ||
        grow(&h->text, &h->tcap, h->tlen + len + 1, 1)) {
        fail_oom(L);
        return;
    }
    memcpy(h->text + h->tlen, s, len);
    h->text[h->tlen + len] = '\0';
    h->f[h->nf++] = (HeadField){h->tlen, len, L->line};
    h->tlen += len + 1;
    h->stored[r]++;
}

static void on_field(void *s, size_t len, void *data)
{
    Loader *L = data;
    if (L->failed)
        return;
    long col = L->field++;
    L->pending_cr = 0;
    if (col == 0)
        L->row_line = L->line;
    if ((long)len > L->lim->max_field_bytes) {
        fail(L, L->line, col + 1, "field longer than %ld bytes", L->lim->max_field_bytes);
        return;
    }
    if (!L->streaming) {
        head_field(L, s, len, col);
    } else {
        if (col == 0)
            data_row_begin(L, L->line);
        if (L->failed)
            return;
        if (col != L->target && col < L->ncols) {
            /* The hot path: a numeric feature. A valid number holds no newline.
             * Not when a number is a missing-value token: the full path checks. */
            long k = col < L->target ? col : col - 1;
            double v;
            if (L->cols[k].kind == COL_NUMERIC && !L->na_number &&
                csv_parse_double(s, len, &v) == CSV_NUM_OK) {
                L->X[L->n * (size_t)L->d + (size_t)k] = v;
                return;
            }
        }
        data_field(L, s, len, col, L->line);
    }
    if (!L->failed)
        count_lines(L, s, len);
}

static void on_row(int c, void *data)
{
    Loader *L = data;
    if (!L->failed && L->field > 0) {
        if (!L->streaming) {
            HeadRows *h = &L->head;
            if (h->stored[h->nrows] == 0)
                h->first[h->nrows] = h->nf;
            h->nfields[h->nrows] = L->field;
            h->line[h->nrows] = L->row_line;
            if (++h->nrows == 2)
                head_finish(L);
        } else {
            data_row_end(L, L->field, L->row_line);
        }
    }
    L->field = 0;
    if (c == '\r') {
        L->line++;
        L->pending_cr = 1;
    } else {
        if (c == '\n' && !L->pending_cr)
            L->line++;
        L->pending_cr = 0;
    }
}

/* Delimiter of the first line (outside quotes): the most frequent of comma,
 * semicolon and tab; comma on a tie or when there is none. */
static unsigned char sniff_delimiter(const char *s, size_t len)
{
    size_t comma = 0, semi = 0, tab = 0;
    int quoted = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == '\n' || c == '\r')
            break;
        else if (c == ',')
            comma++;
        else if (c == ';')
            semi++;
        else if (c == '\t')
            tab++;
    }
    if (semi > comma && semi >= tab)
        return ';';
    if (tab > comma && tab > semi)
        return '\t';
    return ',';
}

static void *capped_realloc(void *p, size_t n)
{
    /* libcsv grows its field buffer through this: a field larger than the
     * limit is refused here, before it can eat the memory. */
    if (n > (size_t)CSV_MAX_FIELD_BYTES + 256)
        return NULL;
    return realloc(p, n);
}

static int loader_init(Loader *L, const char *name, const CsvOptions *opt,
                       const CsvTableOptions *tab, const CsvLimits *lim, Err *err)
{
    memset(L, 0, sizeof *L);
    L->name = name;
    L->lim = lim ? lim : &csv_default_limits;
    L->target_opt = opt ? opt->target : NULL;
    L->opt = tab;
    L->task_opt = opt ? opt->task : TASK_AUTO;
    L->err = err;
    L->line = 1;
    L->all_int = 1;
    if (csv_init(&L->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
        err_set(err, ERR_INTERNAL, "%s: out of memory", name);
        return -1;
    }
    csv_set_realloc_func(&L->parser, capped_realloc);
    return 0;
}

/* The first block decides whether the input is text at all: a NUL or other
 * control byte (tab, CR, LF aside) or bytes that are not UTF-8 there mean a
 * binary file (an image, a spreadsheet, a zip), refused at its first such
 * byte instead of being read as a table of one odd column. */
static int check_text_block(Loader *L, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    long line = 1, col = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        int n = utf8_seq_len(s + i, len - i);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
            fail(L, line, col, "binary data (byte 0x%02x): not a CSV text file", c);
            return -1;
        }
        if (n == 0) {
            fail(L, line, col, "binary data (byte 0x%02x, not UTF-8): not a CSV text file", c);
            return -1;
        }
        if (n < 0)
            break; /* a character cut by the end of the block */
        if (c == '\r' || (c == '\n' && (i == 0 || s[i - 1] != '\r')))
            line++, col = 1;
        else if (c != '\n')
            col++;
        i += (size_t)n;
    }
    return 0;
}

/* Feed one block; first is set for the first block of the input. */
static int loader_feed(Loader *L, const char *s, size_t len, int first)
{
    if (first) {
        if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
            s += 3, len -= 3;
        if (check_text_block(L, s, len < READ_BLOCK ? len : READ_BLOCK))
            return -1;
        csv_set_delim(&L->parser, sniff_delimiter(s, len));
    }
    L->bytes += len;
    size_t done = csv_parse(&L->parser, s, len, on_field, on_row, L);
    if (L->failed)
        return -1;
    if (done != len) {
        int e = csv_error(&L->parser);
        if (e == CSV_EPARSE)
            fail(L, L->line, L->field + 1,
                 "bad quoting: a quote inside an unquoted field, or text after a closing quote");
        else if (csv_get_buffer_size(&L->parser) >= (size_t)CSV_MAX_FIELD_BYTES)
            fail(L, L->line, L->field + 1, "field longer than %ld bytes", L->lim->max_field_bytes);
        else
            fail_oom(L);
        return -1;
    }
    return 0;
}

static void loader_release(Loader *L)
{
    csv_free(&L->parser);
    free(L->head.text);
    free(L->head.f);
    csvload_labels_free(&L->labels);
    free(L->X);
    free(L->y);
    free(L->fold);
    free_names(L->feature_names, L->d);
    csvload_columns_free(L);
}

/* After the last block: flush libcsv, check there is data, fill out. */
static int loader_finish(Loader *L, Dataset *out)
{
    if (!L->failed && csv_fini(&L->parser, on_field, on_row, L) != 0)
        fail(L, L->line, L->field + 1, "unterminated quoted field");
    if (!L->failed && !L->streaming)
        head_finish(L);
    if (!L->failed && L->head.nrows == 0)
        fail(L, 1, 0, "%s", L->bytes == 0 ? "empty file" : "no data rows: only blank lines");
    if (!L->failed && L->n == 0)
        fail(L, L->head.line[0], 0, "header row but no data rows");
    Task task = TASK_AUTO;
    int n_classes = 0;
    char **class_names = NULL;
    if (!L->failed && L->n == 0)
        fail(L, L->head.line[0], 0, "no data rows left: each has a missing value");
    if (!L->failed)
        csvload_finish_target(L, &task, &n_classes, &class_names);
    if (!L->failed)
        csvload_encode(L);
    char *name = L->failed ? NULL : strdup(L->name);
    if (!L->failed && !name)
        fail_oom(L);
    if (L->failed) {
        free_names(class_names, n_classes);
        loader_release(L);
        return -1;
    }
    /* Give back the spare capacity (mremap for big blocks: no copy). */
    double *X = realloc(L->X, L->n * (size_t)L->d * sizeof *X);
    double *y = realloc(L->y, L->n * sizeof *y);
    if (X)
        L->X = X;
    if (y)
        L->y = y;
    memset(out, 0, sizeof *out);
    out->n = (int)L->n;
    out->d = (int)L->d;
    out->X = L->X;
    out->y = L->y;
    out->task = task;
    out->n_classes = n_classes;
    out->class_names = class_names;
    out->feature_names = L->feature_names;
    out->name = name;
    memcpy(out->notice, L->notice, sizeof out->notice);
    out->fold = L->fold;
    L->fold = NULL;
    L->X = L->y = NULL;
    L->feature_names = NULL;
    loader_release(L);
    return 0;
}

/* Numbers are parsed in the "C" locale whatever the UI set. */
typedef struct {
    locale_t c, old;
} NumericLocale;

static void c_numeric_begin(NumericLocale *nl)
{
    nl->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    nl->old = nl->c ? uselocale(nl->c) : (locale_t)0;
}

static void c_numeric_end(NumericLocale *nl)
{
    if (nl->c) {
        uselocale(nl->old);
        freelocale(nl->c);
    }
}

int csv_load_mem_table(const char *display_name, const char *buf, size_t len, const CsvOptions *opt,
                       const CsvTableOptions *tab, const CsvLimits *lim, Dataset *out, Err *err)
{
    memset(out, 0, sizeof *out);
    Loader L;
    if (loader_init(&L, display_name, opt, tab, lim, err))
        return -1;
    NumericLocale nl;
    c_numeric_begin(&nl);
    loader_feed(&L, buf, len, 1);
    int rc = loader_finish(&L, out);
    c_numeric_end(&nl);
    return rc;
}

int csv_load_mem_limits(const char *display_name, const char *buf, size_t len,
                        const CsvOptions *opt, const CsvLimits *lim, Dataset *out, Err *err)
{
    return csv_load_mem_table(display_name, buf, len, opt, NULL, lim, out, err);
}

int csv_load_mem(const char *display_name, const char *buf, size_t len, const CsvOptions *opt,
                 Dataset *out, Err *err)
{
    return csv_load_mem_limits(display_name, buf, len, opt, NULL, out, err);
}

int csv_load(const char *path, const CsvOptions *opt, Dataset *out, Err *err)
{
    return csv_load_table(path, opt, NULL, out, err);
}

int csv_load_table(const char *path, const CsvOptions *opt, const CsvTableOptions *tab,
                   Dataset *out, Err *err)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_at(err, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return err_at(err, path, 0, 0, "cannot open: %s", strerror(EISDIR));
    }
    char *buf = malloc(READ_BLOCK);
    Loader L;
    if (!buf || loader_init(&L, path, opt, tab, NULL, err)) {
        free(buf);
        fclose(f);
        return buf ? -1 : err_set(err, ERR_INTERNAL, "%s: out of memory", path);
    }
    NumericLocale nl;
    c_numeric_begin(&nl);
    int first = 1;
    size_t got;
    while ((got = fread(buf, 1, READ_BLOCK, f)) > 0) {
        if (loader_feed(&L, buf, got, first))
            break;
        first = 0;
    }
    if (!L.failed && ferror(f))
        fail(&L, 0, 0, "read error: %s", strerror(errno));
    int rc = loader_finish(&L, out);
    c_numeric_end(&nl);
    free(buf);
    fclose(f);
    return rc;
}
