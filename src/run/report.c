#include "report.h"

#include <math.h>
#include <string.h>

#include "utf8.h"

/* JSON has no NaN/Inf: a diverged loss is written as null. An exact zero
 * (most of a lasso path's weights) is written as %g would, without printf's
 * conversion: "0" or "-0". */
void report_json_number(FILE *out, double v, const char *fmt)
{
    if (v == 0)
        fputs(signbit(v) ? "-0" : "0", out);
    else if (isfinite(v))
        fprintf(out, fmt, v);
    else
        fputs("null", out);
}

typedef struct {
    const char *name;
    double value;
    int present;
} Field;

static int epoch_fields(const Metrics *m, Field f[10])
{
    int n = 0;
    f[n++] = (Field){"train_loss", m->train_loss, 1};
    f[n++] = (Field){"val_loss", m->val_loss, m->has_val};
    f[n++] = (Field){"data_loss", m->data_loss, 1};
    f[n++] = (Field){"penalty", m->penalty, 1};
    f[n++] = (Field){"train_acc", m->train_acc, m->classify};
    f[n++] = (Field){"val_acc", m->val_acc, m->classify && m->has_val};
    f[n++] = (Field){"zero_frac", m->w.zero_frac, 1};
    f[n++] = (Field){"w_l1", m->w.l1, 1};
    f[n++] = (Field){"w_l2", m->w.l2, 1};
    return n;
}

void report_csv_header(FILE *out, const Metrics *m, int with_run)
{
    Field f[10];
    int n = epoch_fields(m, f);
    fputs(with_run ? "run,epoch" : "epoch", out);
    for (int i = 0; i < n; i++)
        if (f[i].present)
            fprintf(out, ",%s", f[i].name);
    fputc('\n', out);
}

void report_epoch(FILE *out, OutputFormat fmt, const Metrics *m, const char *run)
{
    Field f[10];
    int n = epoch_fields(m, f);
    if (fmt == FORMAT_JSONL) {
        if (run)
            fprintf(out, "{\"run\":\"%s\",\"epoch\":%ld", run, m->epoch);
        else
            fprintf(out, "{\"epoch\":%ld", m->epoch);
        for (int i = 0; i < n; i++)
            if (f[i].present) {
                fprintf(out, ",\"%s\":", f[i].name);
                report_json_number(out, f[i].value, "%.15g");
            }
        fputs("}\n", out);
    } else {
        if (run)
            fprintf(out, "%s,", run);
        fprintf(out, "%ld", m->epoch);
        for (int i = 0; i < n; i++)
            if (f[i].present) {
                fputc(',', out);
                if (isfinite(f[i].value))
                    fprintf(out, "%.15g", f[i].value);
                else
                    fputs("nan", out);
            }
        fputc('\n', out);
    }
}

void report_json_array(FILE *out, const double *v, int n)
{
    fputc('[', out);
    for (int i = 0; i < n; i++) {
        if (i)
            fputc(',', out);
        report_json_number(out, v[i], "%.17g");
    }
    fputc(']', out);
}

void report_layer(FILE *out, const double *W, const double *b, int rows, int cols)
{
    fputs("{\"W\":[", out);
    for (int r = 0; r < rows; r++) {
        if (r)
            fputc(',', out);
        report_json_array(out, W + (size_t)r * cols, cols);
    }
    fputs("],\"b\":", out);
    report_json_array(out, b, rows);
    fputc('}', out);
}

/* A JSON string: quote, backslash and control bytes escaped; a byte that
 * does not start a valid UTF-8 sequence becomes U+FFFD, so the record is
 * valid JSON whatever a CSV header held. */
void report_json_string(FILE *out, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s);
    fputc('"', out);
    for (size_t i = 0; i < len;) {
        unsigned char ch = u[i];
        int n = utf8_seq_len(u + i, len - i);
        if (ch == '"' || ch == '\\')
            fprintf(out, "\\%c", ch);
        else if (ch == '\n')
            fputs("\\n", out);
        else if (ch == '\t')
            fputs("\\t", out);
        else if (ch < 0x20 || ch == 0x7f)
            fprintf(out, "\\u%04x", ch);
        else if (n > 0) {
            fwrite(u + i, 1, (size_t)n, out);
            i += (size_t)n;
            continue;
        } else
            fputs("\\ufffd", out);
        i++;
    }
    fputc('"', out);
}

void report_features(FILE *out, char *const *names, int d)
{
    fputs(",\"features\":[", out);
    for (int j = 0; j < d; j++) {
        char own[16];
        if (j)
            fputc(',', out);
        if (names && names[j])
            report_json_string(out, names[j]);
        else {
            snprintf(own, sizeof own, "x%d", j + 1);
            report_json_string(out, own);
        }
    }
    fputc(']', out);
}

void report_final(FILE *out, long epochs, long best_epoch, const Model *model, const char *run,
                  char *const *names)
{
    if (run)
        fprintf(out, "{\"run\":\"%s\",\"final\":true", run);
    else
        fputs("{\"final\":true", out);
    fprintf(out, ",\"epochs\":%ld,\"best_epoch\":%ld", epochs, best_epoch);
    report_features(out, names, model->n_layers ? model->layer[0].in : 0);
    fputs(",\"layers\":[", out);
    for (int l = 0; l < model->n_layers; l++) {
        const LayerShape *S = &model->layer[l];
        if (l)
            fputc(',', out);
        report_layer(out, model->params + S->w_off, model->params + S->b_off, S->out, S->in);
    }
    fputs("]}\n", out);
}
