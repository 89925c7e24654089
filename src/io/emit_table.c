/* emit_table: a CSV table in an --emit script (see script_parts.h): the
 * settings that say how regscope reads it, and load_data(), the file read
 * and encoded in Python (numpy only) by the rules of src/data/csvload*.c:
 * the separator and the header sniffed the same way, row names and --ignore
 * columns dropped, text and --categorical columns one-hot (COLUMN=LEVEL,
 * levels in order of first appearance among the rows kept), empty fields and --na-values tokens
 * missing, and
 * --missing drop (the rows go) or mean (COLUMN:missing beside a numeric
 * column, COLUMN=NA for a category; the values filled after the split, by
 * fill_missing in emit_py.c). The script checks that its columns are
 * regscope's (COLUMNS) and that it keeps regscope's rows (ROWS). */
#include <stdio.h>
#include <string.h>

#include "csvload.h"
#include "script_parts.h"

static const char py_table_loader[] =
    "DECIMAL = re.compile(r\"[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\")\n"
    "HEXADECIMAL = "
    "re.compile(r\"[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?[0-9]+)?\")\n"
    "INF_NAN = re.compile(r\"[+-]?(inf|infinity|nan(\\([0-9a-zA-Z_]*\\))?)\", re.IGNORECASE)\n"
    "\n"
    "\n"
    "def parse_number(s):\n"
    "    \"\"\"All of s (spaces and tabs around it aside) as C's strtod reads it, or None.\"\"\"\n"
    "    s = s.strip(\" \\t\")\n"
    "    if DECIMAL.fullmatch(s):\n"
    "        return float(s)\n"
    "    if HEXADECIMAL.fullmatch(s):\n"
    "        try:\n"
    "            return float.fromhex(s)\n"
    "        except OverflowError:\n"
    "            return float(\"-inf\" if s.startswith(\"-\") else \"inf\")\n"
    "    if INF_NAN.fullmatch(s):\n"
    "        return float(s.split(\"(\")[0])\n"
    "    return None\n"
    "\n"
    "\n"
    "def number(s):\n"
    "    \"\"\"s as a feature's number (finite), or None: then it is text.\"\"\"\n"
    "    v = parse_number(s)\n"
    "    return v if v is not None and math.isfinite(v) else None\n"
    "\n"
    "\n"
    "def is_missing(s):\n"
    "    \"\"\"An empty field or one of NA_VALUES (spaces and tabs around it aside).\"\"\"\n"
    "    s = s.strip(\" \\t\")\n"
    "    return s == \"\" or s in NA_VALUES\n"
    "\n"
    "\n"
    "NUMERIC_NA = any(number(v) is not None for v in NA_VALUES)  # \"-999\" as missing?\n"
    "\n"
    "\n"
    "def header_names(text, sep):\n"
    "    \"\"\"The first row's fields as regscope's CSV parser (libcsv) gives them: a\n"
    "    quoted field as it is between the quotes, an unquoted one without the\n"
    "    spaces and tabs around it.\"\"\"\n"
    "    names, field, quoted, inside, i = [], \"\", False, False, 0\n"
    "    text = text.lstrip(\"\\r\\n\")\n"
    "    while i < len(text):\n"
    "        ch, i = text[i], i + 1\n"
    "        if inside:\n"
    "            if ch != '\"':\n"
    "                field += ch\n"
    "            elif text[i:i + 1] == '\"':\n"
    "                field, i = field + '\"', i + 1\n"
    "            else:\n"
    "                inside = False\n"
    "        elif ch == sep or ch in \"\\r\\n\":\n"
    "            names.append(field if quoted else field.strip(\" \\t\"))\n"
    "            field, quoted = \"\", False\n"
    "            if ch != sep:\n"
    "                return names\n"
    "        elif ch == '\"' and not field.strip(\" \\t\"):\n"
    "            field, quoted, inside = \"\", True, True\n"
    "        elif not quoted:\n"
    "            field += ch\n"
    "    return names + [field if quoted else field.strip(\" \\t\")]\n"
    "\n"
    "\n"
    "def read_rows():\n"
    "    \"\"\"The header names ([] without one) and the data rows as regscope reads\n"
    "    them: separator from the first line, blank lines skipped, a header when a\n"
    "    text field sits above a number (values are trimmed where they are used).\"\"\"\n"
    "    with open(DATA, newline=\"\", encoding=\"utf-8-sig\") as f:\n"
    "        text = f.read()\n"
    "    first = re.sub(r'\"[^\"]*\"', \"\", text.splitlines()[0] if text else \"\")\n"
    "    sep = max(\",;\\t\", key=first.count)\n"
    "    rows = [row for row in csv.reader(io.StringIO(text), delimiter=sep, "
    "skipinitialspace=True)\n"
    "            if row]\n"
    "    header = len(rows) > 1 and any(\n"
    "        parse_number(a) is None and parse_number(b) is not None for a, b in zip(rows[0], "
    "rows[1]))\n"
    "    return (header_names(text, sep) if header else []), (rows[1:] if header else rows)\n"
    "\n"
    "\n"
    "def column_index(item, names):\n"
    "    \"\"\"The 0-based column named by item: a header name, else a 1-based index.\"\"\"\n"
    "    return names.index(item) if item in names else int(item) - 1\n"
    "\n"
    "\n"
    "def feature_kinds(names, t, ncols):\n"
    "    \"\"\"Every feature column (all but the target t, in file order) -> its kind\n"
    "    as far as the options say: \"ignore\", \"category\" (--categorical: text even\n"
    "    when numeric), \"rownames\" (a first column with an empty header, if its\n"
    "    values turn out distinct) or None (its first value decides).\"\"\"\n"
    "    kind = {j: None for j in range(ncols) if j != t}\n"
    "    if names and t != 0 and names[0] == \"\":\n"
    "        kind[0] = \"rownames\"\n"
    "    for item in IGNORE:\n"
    "        kind[column_index(item, names)] = \"ignore\"\n"
    "    for item in CATEGORICAL:\n"
    "        kind[column_index(item, names)] = \"category\"\n"
    "    return kind\n"
    "\n"
    "\n"
    "def fast_numbers(col):\n"
    "    \"\"\"A column of plain finite decimals (no missing value) at numpy's speed,\n"
    "    else None: then every field is looked at in turn.\"\"\"\n"
    "    text = \"\".join(col)\n"
    "    if NUMERIC_NA or not text.isascii() or \"_\" in text:\n"
    "        return None\n"
    "    try:\n"
    "        x = np.array(col, dtype=float)\n"
    "    except ValueError:\n"
    "        return None\n"
    "    return x if np.isfinite(x).all() else None\n"
    "\n"
    "\n"
    "def read_values(body, t, kind):\n"
    "    \"\"\"The raw value of every feature of every row: a number (\"number\"\n"
    "    columns), a level id (text columns: levels in order of first appearance)\n"
    "    or nan when missing. A row with a missing target, or with --missing drop\n"
    "    a missing feature, is not kept (its texts still decide a column's kind,\n"
    "    as in regscope). Also: whether a row name came twice.\"\"\"\n"
    "    drop = np.array([is_missing(row[t]) for row in body], dtype=bool)\n"
    "    raw = np.zeros((len(body), len(kind)))\n"
    "    levels = {j: {} for j in kind}\n"
    "    repeated = False\n"
    "    for k, j in enumerate(kind):\n"
    "        col = [row[j] for row in body]\n"
    "        fast = fast_numbers(col) if kind[j] is None else None\n"
    "        if kind[j] == \"ignore\" or fast is not None:\n"
    "            kind[j] = kind[j] or \"number\"\n"
    "            raw[:, k] = 0.0 if fast is None else fast\n"
    "            continue\n"
    "        gone = np.array([is_missing(s) for s in col], dtype=bool)\n"
    "        drop |= gone & (MISSING == \"drop\")\n"
    "        for i, s in enumerate(col):\n"
    "            if gone[i]:\n"
    "                raw[i, k] = math.nan\n"
    "            elif kind[j] in (\"text\", \"category\", \"rownames\") or number(s) is None:\n"
    "                kind[j] = kind[j] or \"text\"\n"
    "                key = s.strip(\" \\t\")\n"
    "                repeated |= kind[j] == \"rownames\" and key in levels[j]\n"
    "                raw[i, k] = levels[j].setdefault(key, len(levels[j]))\n"
    "            else:\n"
    "                kind[j] = \"number\"\n"
    "                raw[i, k] = number(s)\n"
    "    return raw, levels, repeated, ~drop\n"
    "\n"
    "\n"
    "def settle_rownames(kind, levels, repeated, raw):\n"
    "    \"\"\"Row names stay skipped when they are distinct and text, or numbers that\n"
    "    count 0 or 1, 2, 3...; else the column is data again: a category when one\n"
    "    of them is text, else numbers.\"\"\"\n"
    "    if kind.get(0) != \"rownames\":\n"
    "        return\n"
    "    values = [number(s) for s in levels[0]]\n"
    "    text = any(v is None for v in values)\n"
    "    counts = text or (len(values) > 0 and values[0] in (0, 1)\n"
    "                      and values[-1] == values[0] + len(values) - 1)\n"
    "    if counts and not repeated:\n"
    "        return\n"
    "    kind[0] = \"text\" if text else \"number\"\n"
    "    if not text:\n"
    "        ids = raw[:, 0]\n"
    "        known = ~np.isnan(ids)\n"
    "        raw[known, 0] = np.array(values)[ids[known].astype(int)]\n"
    "\n"
    "\n"
    "def encode(names, kind, levels, raw, keep):\n"
    "    \"\"\"The model's inputs in regscope's order, from the rows kept: a number\n"
    "    column as it is (with a missing value, --missing mean, a 0/1 column\n"
    "    NAME:missing after it: the value is filled after the split), a text\n"
    "    column as one 0/1 column NAME=LEVEL per level a kept row has, in order of\n"
    "    first appearance among them (NAME=NA last for a missing value); ignored\n"
    "    columns and row names go. Returns the names and the matrix.\"\"\"\n"
    "    columns, blocks = [], []\n"
    "    for k, j in enumerate(kind):\n"
    "        name = names[j] if names and names[j] else f\"x{k + 1}\"\n"
    "        x = raw[:, k]\n"
    "        if kind[j] in (\"ignore\", \"rownames\"):\n"
    "            continue\n"
    "        if kind[j] in (\"text\", \"category\"):\n"
    "            text_of = {i: level for level, i in levels[j].items()}\n"
    "            kept = x[keep]\n"
    "            for i in dict.fromkeys(int(v) for v in kept[~np.isnan(kept)]):\n"
    "                columns.append(f\"{name}={text_of[i]}\")\n"
    "                blocks.append(x == i)\n"
    "            extra = f\"{name}=NA\"\n"
    "        else:\n"
    "            columns.append(name)\n"
    "            blocks.append(x)\n"
    "            extra = f\"{name}:missing\"\n"
    "        if np.isnan(x[keep]).any():\n"
    "            columns.append(extra)\n"
    "            blocks.append(np.isnan(x))\n"
    "    return columns, np.column_stack(blocks).astype(float)\n"
    "\n"
    "\n"
    "def check_columns(columns):\n"
    "    \"\"\"The encoding must give regscope's columns (else the file changed).\"\"\"\n"
    "    if columns == COLUMNS:\n"
    "        return\n"
    "    i = next((i for i, (a, b) in enumerate(zip(columns, COLUMNS)) if a != b),\n"
    "             min(len(columns), len(COLUMNS)))\n"
    "    raise SystemExit(f\"{DATA}: input column {i + 1} is {columns[i:i + 1]} here but \"\n"
    "                     f\"{COLUMNS[i:i + 1]} in regscope ({len(columns)} and {len(COLUMNS)} \"\n"
    "                     \"columns): was the file changed?\")\n"
    "\n"
    "\n"
    "def load_data():\n"
    "    \"\"\"The CSV file as regscope reads and encodes it (the settings above): X\n"
    "    (nan where --missing mean fills in after the split) and y, the target\n"
    "    column by name or 1-based index (default: the last).\"\"\"\n"
    "    names, body = read_rows()\n"
    "    t = len(body[0]) - 1 if TARGET is None else column_index(TARGET, names)\n"
    "    kind = feature_kinds(names, t, len(body[0]))\n"
    "    raw, levels, repeated, keep = read_values(body, t, kind)\n"
    "    settle_rownames(kind, levels, repeated, raw)\n"
    "    columns, X = encode(names, kind, levels, raw, keep)\n"
    "    check_columns(columns)\n"
    "    X = X[keep]\n"
    "    labels = [row[t].strip() for row, kept in zip(body, keep) if kept]\n"
    "    if TASK == \"classify\":\n"
    "        # class ids 0..k-1 (regscope numbers text labels by first appearance;\n"
    "        # the order does not change the optimum)\n"
    "        try:\n"
    "            keys = [float(v) for v in labels]\n"
    "        except ValueError:\n"
    "            keys = labels\n"
    "        _, y = np.unique(np.array(keys), return_inverse=True)\n"
    "        return X, y\n"
    "    return X, np.array([float(v) for v in labels])\n";

/* A comma-separated option as a Python list of its items (empty items left
 * out, as the loader's split_list does). */
static void write_list(FILE *out, const char *list)
{
    int n = 0;
    fputc('[', out);
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        if (len > 0) {
            fputs(n++ ? ", " : "", out);
            emit_py_strn(out, p, len);
        }
        p += len + (p[len] == ',');
    }
    fputc(']', out);
}

/* COLUMNS = [...], a few names a line. */
static void write_columns(FILE *out, const EmitData *dd)
{
    fputs("COLUMNS = [  # regscope's inputs after the encoding, in its order\n", out);
    size_t width = 0;
    for (int j = 0; j < dd->d_raw; j++) {
        size_t len = strlen(dd->columns[j]) + 3;
        if (width > 0 && width + len > 88) {
            fputc('\n', out);
            width = 0;
        }
        fputs(width ? " " : "    ", out);
        emit_py_str(out, dd->columns[j]);
        fputc(',', out);
        width += len + (width ? 1 : 4);
    }
    fputs("\n]\n", out);
}

void emit_write_table_settings(FILE *out, const Config *c, const EmitData *dd)
{
    fputs("DATA = ", out);
    emit_py_str(out, dd->csv_path);
    fputs("\nTARGET = ", out);
    if (c->target[0])
        emit_py_str(out, c->target);
    else
        fputs("None", out);
    fputs("  # header name or 1-based column; None = the last column\nIGNORE = ", out);
    write_list(out, c->ignore);
    fputs("  # --ignore: columns left out\nCATEGORICAL = ", out);
    write_list(out, c->categorical);
    fputs("  # --categorical: one-hot even when numeric\nNA_VALUES = ", out);
    write_list(out, c->na_values_set ? c->na_values : CSV_NA_DEFAULT);
    fprintf(out,
            "  # --na-values: missing, as an empty field is\n"
            "MISSING = \"%s\"  # --missing: \"refuse\" (regscope stops), \"drop\" the rows, "
            "\"mean\" fill\n",
            c->missing == CSV_MISSING_DROP   ? "drop"
            : c->missing == CSV_MISSING_MEAN ? "mean"
                                             : "refuse");
    write_columns(out, dd);
    fprintf(out, "ROWS = (%d, %d)  # regscope's training and validation rows\n", dd->n_train,
            dd->n_val);
}

void emit_write_table_loader(FILE *out) { fputs(py_table_loader, out); }
