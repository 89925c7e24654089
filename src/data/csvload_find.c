/* csvload_find: a bare dataset name to the CSV file that holds it (csvload.h). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvload.h"

#ifndef REGSCOPE_DATADIR
#define REGSCOPE_DATADIR "/usr/local/share/regscope/datasets"
#endif

static int readable_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, R_OK) == 0;
}

static int try_path(char *out, size_t outsz, const char *dir, const char *sub, const char *name)
{
    int n = snprintf(out, outsz, "%s%s/%s.csv", dir, sub, name);
    return n > 0 && (size_t)n < outsz && readable_file(out);
}

int csv_find_dataset(const char *name, char *out, size_t outsz)
{
    if (!name || !*name || strchr(name, '/') || !out || outsz == 0)
        return -1;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            if (try_path(out, outsz, exe, "/datasets", name) ||
                try_path(out, outsz, exe, "/../share/regscope/datasets", name))
                return 0;
        }
    }
    if (try_path(out, outsz, "datasets", "", name) ||
        try_path(out, outsz, REGSCOPE_DATADIR, "", name))
        return 0;
    out[0] = '\0';
    return -1;
}
