#include "run_title.h"

#include <stdio.h>
#include <string.h>

#include "knob_table.h"

/* Shown even when every run has the same value: lambda, alpha, keep, and
 * what is switched on (jitter, input dropout, subgradient). */
static int shown_always(const Hyper *h, KnobId k)
{
    const KnobInfo *info = knob_info(k);
    return info->title == KT_ALWAYS ||
           (info->title == KT_ON && knob_hyper_value(h, k) != info->off);
}

/* "jitter 0.5" in full; short "σ=0.5" (UTF-8) or "j=0.5" (ASCII). */
static void title_item(const Canvas *c, const Hyper *h, KnobId k, int shorten, char *buf,
                       size_t size)
{
    const KnobInfo *info = knob_info(k);
    char v[32];
    knob_format_hyper(h, k, v, sizeof v);
    const char *key = !shorten                   ? info->label
                      : c->glyphs == CANVAS_UTF8 ? info->title_utf8
                                                 : info->title_ascii;
    if (!key)
        snprintf(buf, size, "%s", v);
    else
        snprintf(buf, size, "%s%s%s", key, shorten ? "=" : " ", v);
}

/* How many other runs have another value of each setting; the settings
 * that set run i apart from the most others come first in order. */
static void rank_settings(const Hyper *const *hypers, int i, int n, int *differs, int *shown,
                          KnobId *order)
{
    for (int k = 0; k < KNOB_COUNT; k++) {
        char a[32], b[32];
        differs[k] = 0;
        shown[k] = 0;
        order[k] = (KnobId)k;
        if (knob_info((KnobId)k)->title == KT_NONE)
            continue;
        knob_format_hyper(hypers[i], (KnobId)k, a, sizeof a);
        for (int j = 0; j < n; j++) {
            knob_format_hyper(hypers[j], (KnobId)k, b, sizeof b);
            differs[k] += strcmp(a, b) != 0;
        }
        shown[k] = knob_applies(hypers[i], (KnobId)k) &&
                   (differs[k] != 0 || shown_always(hypers[i], (KnobId)k));
    }
    for (int a = 1; a < KNOB_COUNT; a++) /* stable: ties keep the table's order */
        for (int b = a; b > 0 && differs[order[b]] > differs[order[b - 1]]; b--) {
            KnobId t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
}

void run_title(const Canvas *c, const Hyper *const *hypers, int i, int n, int room, char *buf,
               size_t size)
{
    const Hyper *h = hypers[i];
    int differs[KNOB_COUNT], shown[KNOB_COUNT];
    KnobId order[KNOB_COUNT];
    rank_settings(hypers, i, n, differs, shown, order);
    int n_diff = 0, n_same = 0;
    for (int k = 0; k < KNOB_COUNT; k++) {
        n_diff += shown[k] && differs[k] != 0;
        n_same += shown[k] && differs[k] == 0;
    }
    /* Steps, each shorter than the last: all in full; the shared settings
     * short ("λ=0"), then left off one by one from the end; then the
     * differing ones short from the end, then left off from the end. */
    int steps = 2 + n_same + 2 * n_diff;
    for (int step = 0; step <= steps; step++) {
        int t = step;
        int same_short = t >= 1;
        int same_keep = t >= 2 ? n_same - (t - 1) : n_same;
        t -= 1 + n_same;
        int diff_short = t > 0 ? (t < n_diff ? t : n_diff) : 0; /* the last diff_short */
        int diff_keep = t > n_diff ? n_diff - (t - n_diff) : n_diff;
        if (same_keep < 0)
            same_keep = 0;
        size_t len = 0;
        buf[0] = '\0';
        for (int pass = 0; pass < 2; pass++) {
            int kept = 0, first = 1;
            for (int o = 0; o < KNOB_COUNT && len < size; o++) {
                KnobId k = order[o];
                if (!shown[k] || (differs[k] != 0) != (pass == 0))
                    continue;
                int pos = kept++;
                if (pos >= (pass == 0 ? diff_keep : same_keep))
                    break;
                int shorten = pass == 0 ? pos >= n_diff - diff_short : same_short;
                char item[64];
                title_item(c, h, k, shorten, item, sizeof item);
                len += (size_t)snprintf(buf + len, size - len, "%s%s", first ? "  " : " ", item);
                first = 0;
            }
        }
        if (canvas_text_width(buf) <= room)
            return;
    }
}
