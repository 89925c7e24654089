/* csv_load_bench FILE: load FILE with csv_load once and print
 * "SECONDS PEAK_BYTES DOUBLE_BYTES": the wall time of the load, the growth of
 * peak RSS during it, and the size of the parsed doubles (X and y). */
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "csvload.h"

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: csv_load_bench FILE.csv\n");
        return 2;
    }
    Dataset ds;
    Err err;
    CsvOptions opt = {NULL, TASK_AUTO};
    long before = peak_rss_kib();
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = csv_load(argv[1], &opt, &ds, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long after = peak_rss_kib();
    if (rc) {
        fprintf(stderr, "regscope: %s\n", err.msg);
        return 2;
    }
    double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    double doubles = (double)ds.n * (ds.d + 1) * sizeof(double);
    printf("%.4f %.0f %.0f\n", secs, (double)(after - before) * 1024.0, doubles);
    dataset_free(&ds);
    return 0;
}
