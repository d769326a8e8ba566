/* The rule matcher's C kernel: the per-document work that does not depend on a rule's logic.
 * Every function has a pure-Python twin with the same signature (kernel/pure.py); the one
 * choice between the two is made in kernel/__init__.py, and tests/test_rules_native.py runs
 * both in one process.
 *
 * - CandidateIndex (twin: pure.CandidateIndex): the two-level anchor index as flat int
 *   arrays. `scan` reads a document's words once: a bit filter drops the words no rule has,
 *   a cached per-word entry gives the word's key id, the phrases starting with it (by second
 *   word) and the one-word wildcards it matches. Present keys are marked in an array with a
 *   64-bit mask of their sentences and paragraphs; the anchor walk then tests ints. A rule is
 *   a candidate when its anchor key and, if filed two-level, a second-clause key are present,
 *   and for a NEAR/s (NEAR/p) at its root when the two share a sentence (paragraph). The
 *   scan also gives, per field, where each key the rules have occurs (words included), so
 *   that the rules' evaluation needs no index of the other words. The Python twin finds the
 *   same candidates and key ends, except that it keeps NEAR/s and NEAR/p rules whose keys
 *   share no unit (the matcher's nodes disprove them) and evaluates no program.
 * - Rule programs (twin: the nodes of matcher.py): the candidates whose rule is made of
 *   leaves without case or "not within" conditions, AND, OR, NOT and positive NEARs between
 *   leaves (or ORs of leaves) are evaluated here, on the occurrences the scan noted; `scan`
 *   returns those that hold with their evidence, and the other candidates for Python. The
 *   node kinds (OP_*) and units (UNIT_*) are exported as module constants.
 * - split_tokens, breaks (twins in pure.py): words with offsets, sentence and paragraph
 *   breaks.
 * - lex (twin: pure.lex): the rule-query lexer.
 *
 * Why hand-written: in Python these steps were memory-bound dict and set walks and per-word
 * loops; no library has this index, and Cython would be one more build dependency. Inputs are
 * checked so that no Python code runs while the kernel holds borrowed references (exact str
 * and int, snapshots of the lists it reads).
 *
 * Not thread-safe by itself: the scratch arrays belong to the index, as `RuleSet.match` is
 * documented as one call at a time per rule set (the GIL is held throughout; a re-entrant
 * scan raises).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define NATIVE_ABI 20
#define UNIT_NONE 0
#define UNIT_SENTENCE 1
#define UNIT_PARAGRAPH 2
#define UNIT_WORDS 3 /* a NEAR/n in a rule program */

/* One occurrence of a key in the document being scanned: where its span ends, in which field
 * and units (document-wide sentence and paragraph numbers). */
typedef struct {
    int32_t next;           /* the key's next occurrence, or -1 */
    int32_t key, field, end, sentence, paragraph;
} Occurrence;

/* A node of a rule program (see read_programs): the same logic as matcher.py's nodes. */
enum { OP_LEAF, OP_AND, OP_OR, OP_NOT, OP_NEAR };
typedef struct {
    int8_t op;
    int8_t unit;            /* OP_NEAR: UNIT_SENTENCE, UNIT_PARAGRAPH or UNIT_WORDS */
    uint8_t fields;         /* OP_LEAF: bit f for each field f it looks in */
    uint8_t flat;           /* a leaf, or an OR of flat nodes */
    int32_t depth;          /* 1 for a leaf, 1 + its deepest child's otherwise */
    int32_t first, count;   /* OP_LEAF: its keys in leaf_keys; OP_AND, OP_OR: its children in
                             * node_args; OP_NOT: first is the child; OP_NEAR: first and count
                             * are the left and right sides */
    int32_t distance;       /* OP_NEAR with UNIT_WORDS: at most this many words apart */
} ProgramNode;

/* A span of evidence: field index, first and last token. */
typedef struct {
    int32_t unit, field, start, end;
} Span;

typedef struct {
    PyObject_HEAD
    PyObject *key_ids;      /* dict: key (str) -> id (int), ids 0 to n_keys - 1: every key
                             * of the rules (words, phrases, wildcards), each occurrence of
                             * which the scan notes */
    Py_ssize_t n_keys;
    Py_ssize_t n_rules;
    int32_t *direct_off;    /* n_keys + 1: rules anchored on key k with nothing more */
    int32_t *direct;
    int32_t *second_off;    /* n_keys + 1: second-level entries of anchor key k */
    int32_t *second_key;    /* per entry: the second key's id */
    int32_t *rules_off;     /* entries + 1: the rules filed under (anchor, second key) */
    int32_t *rules;
    int32_t *always;        /* rules without any clause: candidates for every document */
    Py_ssize_t n_always;
    int8_t *units;          /* per rule: its anchor and second keys must share a sentence
                             * (UNIT_SENTENCE) or a paragraph (UNIT_PARAGRAPH), or nothing */
    uint32_t *key_seen;     /* per key: the stamp of the last document it was present in */
    uint64_t *key_sentences; /* per present key: bit (unit % 64) of each sentence holding it */
    uint64_t *key_paragraphs; /* the same for paragraphs */
    uint32_t *rule_seen;    /* per rule: the stamp of the last document it was found for */
    uint32_t stamp;
    int32_t *anchors;       /* scratch: present anchor keys of one document */
    int32_t *found;         /* scratch: candidates of one document */
    /* the phrase and wildcard keys, found word by word (no automaton) */
    PyObject *phrases;      /* dict: first word -> PHRASES (see check_keys) */
    PyObject *stems;        /* dict: stem of a one-word wildcard -> (key id, key) */
    Py_ssize_t min_stem, max_stem;
    PyObject *words;        /* cache: word -> WORD_INFO (id, PHRASES or None, wildcards) */
    PyObject *no_info;      /* the WORD_INFO of a word no rule has: (-1, None, ()) */
    /* Bit filters, so that most words no rule has cost one bit test, not a dict look-up
     * (at 100,000 rules the look-ups were cache misses): a bit per hash of every key and
     * phrase's first word, per hash of the first `min_stem` letters of every stem, and per
     * pair of a phrase's first and second words (most words start some phrase at 100,000
     * rules, and few are followed by a second word of one). */
    uint64_t *word_bits;
    uint64_t *stem_bits;
    uint64_t *pair_bits;
    int busy;               /* a scan is running: a re-entrant call would reuse the scratch */
    /* where the present keys occur in the document being scanned */
    uint8_t *key_fields;    /* per present key: bit f for each field f holding it */
    int32_t *key_first, *key_last; /* per present key: its occurrences, a list in `occ` */
    Occurrence *occ;
    Py_ssize_t n_occ, occ_capacity;
    /* rule programs, evaluated in the kernel (rules without one are evaluated in Python) */
    ProgramNode *nodes;
    Py_ssize_t n_nodes;
    int32_t *node_args;     /* children of OP_AND and OP_OR nodes */
    int32_t *leaf_keys;     /* per leaf key, two ints: its id and its words (a span starts
                             * words - 1 tokens before its end) */
    int32_t *programs;      /* per rule: its root node, or -1 */
    uint32_t *node_seen;    /* per node: the stamp of the document its truth is memoised for */
    int8_t *node_truth;
    PyObject *field_names;  /* tuple: the name of each field, for the evidence */
    PyObject *key_names;    /* tuple: each key (str) at its id */
    Span *spans, *sides;    /* scratch: evidence, and the two sides of a NEAR */
    Py_ssize_t n_spans, spans_capacity, n_sides, sides_capacity;
} CandidateIndex;

#define WORD_BITS (1 << 20)
#define MAX_DEPTH 1000 /* program nodes nest at most this deep (the C evaluation recurses) */
#define PAIR_BITS (1 << 20)
#define STEM_BITS (1 << 16)

#define WORDS_CACHED_MAX (1 << 17) /* the word cache is emptied when it grows past this */

static int file_under(PyObject *out, PyObject *key, Py_ssize_t value);

/* A list of ints as a new C array (PyMem); sets *n. Checks every value is in [lowest, limit). */
static int32_t *
int_array(PyObject *seq, Py_ssize_t *n, Py_ssize_t lowest, Py_ssize_t limit, const char *what)
{
    PyObject *fast = PySequence_Fast(seq, what);
    if (fast == NULL) {
        return NULL;
    }
    Py_ssize_t len = PySequence_Fast_GET_SIZE(fast);
    int32_t *out = PyMem_Malloc(sizeof(int32_t) * (len ? len : 1));
    if (out == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t i = 0; i < len; i++) {
        if (!PyLong_Check(items[i])) { /* no __index__: no Python code while reading */
            PyErr_Format(PyExc_TypeError, "%s: ints expected", what);
            goto fail;
        }
        long v = PyLong_AsLong(items[i]);
        if (v == -1 && PyErr_Occurred()) {
            goto fail;
        }
        if (v < lowest || v >= limit) {
            PyErr_Format(PyExc_ValueError, "%s: value %ld out of range", what, v);
            goto fail;
        }
        out[i] = (int32_t)v;
    }
    Py_DECREF(fast);
    *n = len;
    return out;
fail:
    Py_DECREF(fast);
    PyMem_Free(out);
    return NULL;
}

typedef struct {
    int32_t anchor, second, rule; /* second: -1 for a rule filed under its anchor alone */
} Filing;

static int
filing_order(const void *x, const void *y)
{
    const Filing *a = x, *b = y;
    if (a->anchor != b->anchor) {
        return a->anchor < b->anchor ? -1 : 1;
    }
    if (a->second != b->second) {
        return a->second < b->second ? -1 : 1;
    }
    return (a->rule > b->rule) - (a->rule < b->rule);
}

/* Group the filings (sorted) into the flat arrays of the index. */
static int
index_group(CandidateIndex *self, Filing *filings, Py_ssize_t n)
{
    const Py_ssize_t n_keys = self->n_keys;
    Py_ssize_t n_direct = 0, n_entries = 0;
    if (n > 1) {
        qsort(filings, (size_t)n, sizeof(Filing), filing_order);
    }
    for (Py_ssize_t f = 0; f < n; f++) {
        if (filings[f].second < 0) {
            n_direct++;
        }
        else if (f == 0 || filings[f].anchor != filings[f - 1].anchor
                 || filings[f].second != filings[f - 1].second) {
            n_entries++;
        }
    }
    self->direct_off = PyMem_Calloc(n_keys + 1, sizeof(int32_t));
    self->second_off = PyMem_Calloc(n_keys + 1, sizeof(int32_t));
    self->direct = PyMem_Malloc(sizeof(int32_t) * (n_direct ? n_direct : 1));
    self->second_key = PyMem_Malloc(sizeof(int32_t) * (n_entries ? n_entries : 1));
    self->rules_off = PyMem_Malloc(sizeof(int32_t) * (n_entries + 1));
    self->rules = PyMem_Malloc(sizeof(int32_t) * (n - n_direct ? n - n_direct : 1));
    if (!self->direct_off || !self->second_off || !self->direct || !self->second_key
        || !self->rules_off || !self->rules) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t d = 0, e = 0, r = 0;
    for (Py_ssize_t f = 0; f < n; f++) {
        const Filing *x = &filings[f];
        if (x->second < 0) {
            self->direct[d++] = x->rule;
            self->direct_off[x->anchor + 1]++; /* counts first, summed below */
            continue;
        }
        if (f == 0 || x->anchor != filings[f - 1].anchor || x->second != filings[f - 1].second) {
            self->second_key[e] = x->second;
            self->rules_off[e++] = (int32_t)r;
            self->second_off[x->anchor + 1]++;
        }
        self->rules[r++] = x->rule;
    }
    self->rules_off[e] = (int32_t)r;
    for (Py_ssize_t k = 0; k < n_keys; k++) {
        self->direct_off[k + 1] += self->direct_off[k];
        self->second_off[k + 1] += self->second_off[k];
    }
    return 0;
}

static void
index_free_arrays(CandidateIndex *self)
{
    int32_t **arrays[] = {&self->direct_off, &self->direct, &self->second_off,
                          &self->second_key, &self->rules_off, &self->rules, &self->always,
                          &self->anchors, &self->found};
    for (size_t i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++) {
        PyMem_Free(*arrays[i]);
        *arrays[i] = NULL;
    }
    Py_CLEAR(self->phrases);
    Py_CLEAR(self->stems);
    Py_CLEAR(self->words);
    Py_CLEAR(self->no_info);
    PyMem_Free(self->word_bits);
    PyMem_Free(self->stem_bits);
    PyMem_Free(self->pair_bits);
    self->word_bits = self->stem_bits = self->pair_bits = NULL;
    PyMem_Free(self->key_seen);
    PyMem_Free(self->rule_seen);
    PyMem_Free(self->units);
    PyMem_Free(self->key_sentences);
    PyMem_Free(self->key_paragraphs);
    self->key_seen = self->rule_seen = NULL;
    self->units = NULL;
    self->key_sentences = self->key_paragraphs = NULL;
    void **more[] = {(void **)&self->key_fields, (void **)&self->key_first,
                     (void **)&self->key_last, (void **)&self->occ, (void **)&self->nodes,
                     (void **)&self->node_args, (void **)&self->leaf_keys,
                     (void **)&self->programs,
                     (void **)&self->node_seen, (void **)&self->node_truth,
                     (void **)&self->spans, (void **)&self->sides};
    for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
        PyMem_Free(*more[i]);
        *more[i] = NULL;
    }
    self->n_occ = self->occ_capacity = self->n_spans = self->spans_capacity = 0;
    self->n_sides = self->sides_capacity = 0;
    Py_CLEAR(self->field_names);
    Py_CLEAR(self->key_names);
}

static void
index_dealloc(CandidateIndex *self)
{
    index_free_arrays(self);
    Py_CLEAR(self->key_ids);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* A key id given with a phrase or stem: -1 (not indexed) or an id in [0, n_keys). */
static int
check_key_id(CandidateIndex *self, PyObject *entry, const char *what)
{
    long id = PyLong_AsLong(PyTuple_GET_ITEM(entry, 0));
    if (id < -1 || id >= self->n_keys || !PyUnicode_Check(PyTuple_GET_ITEM(entry, 1))) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_ValueError, "%s: bad key id or key", what);
        }
        return -1;
    }
    return 0;
}

/* A tuple of phrase entries (key id, key, words, prefix): the words to compare (a tuple of
 * str, empty only if `empty_ok`), the last one as a prefix when `prefix` is true. */
static int
check_entries(CandidateIndex *self, PyObject *entries, int empty_ok)
{
    if (!PyTuple_Check(entries)) {
        PyErr_SetString(PyExc_ValueError, "phrases: entries must be a tuple");
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(entries); i++) {
        PyObject *entry = PyTuple_GET_ITEM(entries, i);
        if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 4
            || check_key_id(self, entry, "phrases") < 0) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "phrases: (id, key, words, prefix)");
            }
            return -1;
        }
        PyObject *words = PyTuple_GET_ITEM(entry, 2);
        if (!PyTuple_Check(words) || (PyTuple_GET_SIZE(words) == 0 && !empty_ok)) {
            PyErr_SetString(PyExc_ValueError, "phrases: words must be a tuple");
            return -1;
        }
        for (Py_ssize_t w = 0; w < PyTuple_GET_SIZE(words); w++) {
            if (!PyUnicode_CheckExact(PyTuple_GET_ITEM(words, w))) {
                PyErr_SetString(PyExc_ValueError, "phrases: words must be str");
                return -1;
            }
        }
    }
    return 0;
}

/* phrases: first word -> PHRASES, a pair (by second word: {second word: entries for the
 * words after it}, entries whose second word is a wildcard: compared from the second word);
 * stems: stem (str) -> (key id, key). Checked once so that the scan can trust them. */
static int
check_keys(CandidateIndex *self, PyObject *phrases, PyObject *stems)
{
    PyObject *key, *value, *second, *entries;
    Py_ssize_t pos = 0;
    while (PyDict_Next(phrases, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || !PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 2
            || !PyDict_Check(PyTuple_GET_ITEM(value, 0))) {
            PyErr_SetString(PyExc_ValueError, "phrases: str -> (dict, tuple)");
            return -1;
        }
        Py_ssize_t pos2 = 0;
        while (PyDict_Next(PyTuple_GET_ITEM(value, 0), &pos2, &second, &entries)) {
            if (!PyUnicode_Check(second) || check_entries(self, entries, 1) < 0) {
                if (!PyErr_Occurred()) {
                    PyErr_SetString(PyExc_ValueError, "phrases: second words must be str");
                }
                return -1;
            }
        }
        if (check_entries(self, PyTuple_GET_ITEM(value, 1), 0) < 0) {
            return -1;
        }
    }
    pos = 0;
    while (PyDict_Next(stems, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) == 0 || !PyTuple_Check(value)
            || PyTuple_GET_SIZE(value) != 2 || check_key_id(self, value, "stems") < 0) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "stems: str -> (id, key)");
            }
            return -1;
        }
    }
    return 0;
}

static inline void
set_bit(uint64_t *bits, size_t n_bits, uint64_t hash)
{
    hash &= n_bits - 1;
    bits[hash >> 6] |= (uint64_t)1 << (hash & 63);
}

static inline int
has_bit(const uint64_t *bits, size_t n_bits, uint64_t hash)
{
    hash &= n_bits - 1;
    return (bits[hash >> 6] >> (hash & 63)) & 1;
}

/* FNV-1a over the first `n` code points of `word` (which has at least n). */
static inline uint64_t
head_hash(PyObject *word, Py_ssize_t n)
{
    const int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        h = (h ^ PyUnicode_READ(kind, data, i)) * 1099511628211ULL;
    }
    return h;
}

/* The filter hash of two words in a row. */
static inline uint64_t
pair_hash(Py_hash_t first, Py_hash_t second)
{
    return ((uint64_t)first * 0x9E3779B97F4A7C15ULL) ^ (uint64_t)second;
}

static int
fill_filters(CandidateIndex *self, PyObject *key_ids, PyObject *phrases, PyObject *stems)
{
    self->word_bits = PyMem_Calloc(WORD_BITS / 64, sizeof(uint64_t));
    self->stem_bits = PyMem_Calloc(STEM_BITS / 64, sizeof(uint64_t));
    self->pair_bits = PyMem_Calloc(PAIR_BITS / 64, sizeof(uint64_t));
    if (self->word_bits == NULL || self->stem_bits == NULL || self->pair_bits == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    PyObject *first, *pair, *second, *entries;
    Py_ssize_t at = 0;
    while (PyDict_Next(phrases, &at, &first, &pair)) { /* checked: exact str keys */
        Py_ssize_t at2 = 0;
        while (PyDict_Next(PyTuple_GET_ITEM(pair, 0), &at2, &second, &entries)) {
            Py_hash_t h1 = PyObject_Hash(first), h2 = PyObject_Hash(second);
            if (h1 == -1 || h2 == -1) {
                return -1;
            }
            set_bit(self->pair_bits, PAIR_BITS, pair_hash(h1, h2));
        }
    }
    PyObject *dicts[] = {key_ids, phrases}, *key, *value;
    for (int d = 0; d < 2; d++) {
        Py_ssize_t pos = 0;
        while (PyDict_Next(dicts[d], &pos, &key, &value)) {
            if (PyUnicode_GET_LENGTH(key) > 0 && PyUnicode_READ_CHAR(key, 0) == ' ') {
                continue; /* a phrase or wildcard key: never a word of the document */
            }
            Py_hash_t hash = PyObject_Hash(key);
            if (hash == -1) {
                return -1;
            }
            set_bit(self->word_bits, WORD_BITS, (uint64_t)hash);
        }
    }
    Py_ssize_t pos = 0;
    while (PyDict_Next(stems, &pos, &key, &value)) {
        set_bit(self->stem_bits, STEM_BITS, head_hash(key, self->min_stem));
    }
    return 0;
}

/* Whether some rule may have `word` (no: certainly not). */
static inline int
may_have(CandidateIndex *self, PyObject *word)
{
    if (!PyUnicode_CheckExact(word)) {
        return 1; /* a str subclass may hash otherwise: look it up */
    }
    Py_hash_t hash = PyObject_Hash(word); /* cached in the str */
    if (hash == -1) {
        PyErr_Clear();
        return 1;
    }
    return has_bit(self->word_bits, WORD_BITS, (uint64_t)hash)
           || (PyUnicode_GET_LENGTH(word) >= self->min_stem
               && has_bit(self->stem_bits, STEM_BITS, head_hash(word, self->min_stem)));
}

/* The id of `key` in `key_ids`, a new one if it has none; -1 on error. */
static int32_t
intern_key(PyObject *key_ids, PyObject *key)
{
    if (!PyUnicode_CheckExact(key)) { /* a str subclass could run code in __hash__/__eq__ */
        PyErr_SetString(PyExc_TypeError, "keys must be str");
        return -1;
    }
    PyObject *id_obj = PyDict_GetItemWithError(key_ids, key);
    if (id_obj != NULL) {
        return (int32_t)PyLong_AsLong(id_obj);
    }
    Py_ssize_t n = PyDict_GET_SIZE(key_ids);
    if (PyErr_Occurred() || n >= INT32_MAX - 1) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "too many keys");
        }
        return -1;
    }
    id_obj = PyLong_FromSsize_t(n);
    int rc = id_obj ? PyDict_SetItem(key_ids, key, id_obj) : -1;
    Py_XDECREF(id_obj);
    return rc < 0 ? -1 : (int32_t)n;
}

/* A growable array of filings. */
typedef struct {
    Filing *items;
    Py_ssize_t n, capacity;
} Filings;

static int
push_filing(Filings *out, int32_t anchor, int32_t second, int32_t rule)
{
    if (out->n == out->capacity) {
        Py_ssize_t capacity = out->capacity ? 2 * out->capacity : 1024;
        Filing *items = PyMem_Realloc(out->items, sizeof(Filing) * capacity);
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        out->items = items;
        out->capacity = capacity;
    }
    out->items[out->n++] = (Filing){anchor, second, rule};
    return 0;
}

/* The ids of a set of keys (interned in key_ids) into `ids` (room for `limit`); the count,
 * or -1 on error. */
static Py_ssize_t
key_set_ids(PyObject *key_ids, PyObject *keys, int32_t *ids, Py_ssize_t limit)
{
    Py_ssize_t n = 0;
    PyObject *it = PyObject_GetIter(keys), *key; /* an exact set: its own iterator */
    if (it == NULL) {
        return -1;
    }
    while ((key = PyIter_Next(it)) != NULL) {
        int32_t id = n < limit ? intern_key(key_ids, key) : -1;
        Py_DECREF(key);
        if (id < 0) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "filings: a key set changed size");
            }
            break;
        }
        ids[n++] = id;
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : n;
}

/* One filing (rule, anchor keys, second keys or None): the rule under each anchor key,
 * paired with each second key (-1: none). */
static int
read_filing(PyObject *key_ids, PyObject *filing, Py_ssize_t n_rules, Filings *out)
{
    if (!PyTuple_Check(filing) || PyTuple_GET_SIZE(filing) != 3
        || !PyLong_CheckExact(PyTuple_GET_ITEM(filing, 0))) {
        PyErr_SetString(PyExc_TypeError, "a filing is (rule, anchor keys, second keys)");
        return -1;
    }
    PyObject *anchor = PyTuple_GET_ITEM(filing, 1), *second = PyTuple_GET_ITEM(filing, 2);
    long rule = PyLong_AsLong(PyTuple_GET_ITEM(filing, 0));
    if ((rule == -1 && PyErr_Occurred()) || rule < 0 || rule >= n_rules
        || !PyAnySet_CheckExact(anchor) || (second != Py_None && !PyAnySet_CheckExact(second))) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "filings: bad rule or key sets");
        }
        return -1;
    }
    Py_ssize_t n_anchor = PySet_GET_SIZE(anchor);
    Py_ssize_t n_second = second == Py_None ? 1 : PySet_GET_SIZE(second);
    int32_t *ids = PyMem_Malloc(sizeof(int32_t) * (n_anchor + n_second + 1));
    if (ids == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int32_t *second_ids = ids + n_anchor;
    int rc = -1;
    Py_ssize_t got_anchor = key_set_ids(key_ids, anchor, ids, n_anchor);
    Py_ssize_t got_second = second == Py_None ? 1 : key_set_ids(key_ids, second, second_ids,
                                                                n_second);
    if (second == Py_None) {
        second_ids[0] = -1;
    }
    if (got_anchor >= 0 && got_second >= 0) {
        rc = 0;
        for (Py_ssize_t a = 0; rc == 0 && a < got_anchor; a++) {
            for (Py_ssize_t b = 0; rc == 0 && b < got_second; b++) {
                rc = push_filing(out, ids[a], second_ids[b], (int32_t)rule);
            }
        }
    }
    PyMem_Free(ids);
    return rc;
}

/* filings: a list of (rule, anchor keys, second keys or None). Ids are given to the keys in
 * order of first appearance. */
static int
read_filings(PyObject *key_ids, PyObject *o_filings, Py_ssize_t n_rules, Filings *out)
{
    if (!PyList_Check(o_filings)) {
        PyErr_SetString(PyExc_TypeError, "filings must be a list");
        return -1;
    }
    PyObject *snapshot = PyList_AsTuple(o_filings); /* strong references throughout */
    if (snapshot == NULL) {
        return -1;
    }
    int rc = 0;
    for (Py_ssize_t f = 0; rc == 0 && f < PyTuple_GET_SIZE(snapshot); f++) {
        rc = read_filing(key_ids, PyTuple_GET_ITEM(snapshot, f), n_rules, out);
    }
    Py_DECREF(snapshot);
    return rc;
}

/* Phrase entries (key, words, prefix) with the key's id put first (given one if it has none):
 * (id, key, words, prefix); a new tuple. */
static PyObject *
with_ids(PyObject *key_ids, PyObject *entries)
{
    if (!PyTuple_Check(entries) && !PyList_Check(entries)) {
        PyErr_SetString(PyExc_ValueError, "phrases: entries must be a tuple");
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(entries);
    PyObject *out = PyTuple_New(n);
    for (Py_ssize_t i = 0; out && i < n; i++) {
        PyObject *entry = PySequence_Fast_GET_ITEM(entries, i), *id_obj;
        if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 3
            || !PyUnicode_CheckExact(PyTuple_GET_ITEM(entry, 0))
            || !PyBool_Check(PyTuple_GET_ITEM(entry, 2))) {
            PyErr_SetString(PyExc_ValueError, "phrases: an entry is (key, words, prefix)");
            Py_CLEAR(out);
            break;
        }
        PyObject *key = PyTuple_GET_ITEM(entry, 0);
        int32_t id = intern_key(key_ids, key); /* every key found gets an id */
        if (id < 0) {
            Py_CLEAR(out);
            break;
        }
        id_obj = PyDict_GetItem(key_ids, key); /* borrowed; the key is there */
        PyObject *item = Py_BuildValue("(OOOO)", id_obj, key, PyTuple_GET_ITEM(entry, 1),
                                       PyTuple_GET_ITEM(entry, 2));
        if (item == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyTuple_SET_ITEM(out, i, item);
    }
    return out;
}

/* phrases: first word -> ({second word: entries}, entries), stems: stem -> key, as given,
 * into the same with ids (see check_keys). */
static int
resolve_keys(PyObject *key_ids, PyObject *phrases, PyObject *stems, PyObject **o_phrases,
             PyObject **o_stems)
{
    PyObject *out_phrases = PyDict_New(), *out_stems = PyDict_New(), *key, *value;
    Py_ssize_t pos = 0;
    while (out_phrases && out_stems && PyDict_Next(phrases, &pos, &key, &value)) {
        if (!PyUnicode_CheckExact(key) || !PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 2
            || !PyDict_Check(PyTuple_GET_ITEM(value, 0))) {
            PyErr_SetString(PyExc_ValueError, "phrases: str -> (dict, tuple)");
            goto fail;
        }
        PyObject *by_second = PyDict_New(), *second, *entries;
        Py_ssize_t pos2 = 0;
        while (by_second && PyDict_Next(PyTuple_GET_ITEM(value, 0), &pos2, &second, &entries)) {
            if (!PyUnicode_CheckExact(second)) {
                PyErr_SetString(PyExc_ValueError, "phrases: second words must be str");
                Py_CLEAR(by_second);
                break;
            }
            PyObject *resolved = with_ids(key_ids, entries);
            if (resolved == NULL || PyDict_SetItem(by_second, second, resolved) < 0) {
                Py_CLEAR(by_second);
            }
            Py_XDECREF(resolved);
        }
        PyObject *rest = by_second ? with_ids(key_ids, PyTuple_GET_ITEM(value, 1)) : NULL;
        PyObject *pair = rest ? Py_BuildValue("(NN)", by_second, rest) : NULL;
        if (pair == NULL) {
            if (rest == NULL) {
                Py_XDECREF(by_second);
            }
            goto fail;
        }
        int rc = PyDict_SetItem(out_phrases, key, pair);
        Py_DECREF(pair);
        if (rc < 0) {
            goto fail;
        }
    }
    pos = 0;
    while (out_phrases && out_stems && PyDict_Next(stems, &pos, &key, &value)) {
        if (!PyUnicode_CheckExact(key) || !PyUnicode_CheckExact(value)) {
            PyErr_SetString(PyExc_ValueError, "stems: str -> key (str)");
            goto fail;
        }
        if (intern_key(key_ids, value) < 0) { /* every key found gets an id */
            goto fail;
        }
        PyObject *pair = Py_BuildValue("(OO)", PyDict_GetItem(key_ids, value), value);
        int rc = pair ? PyDict_SetItem(out_stems, key, pair) : -1;
        Py_XDECREF(pair);
        if (rc < 0) {
            goto fail;
        }
    }
    if (out_phrases == NULL || out_stems == NULL) {
        goto fail;
    }
    *o_phrases = out_phrases;
    *o_stems = out_stems;
    return 0;
fail:
    Py_XDECREF(out_phrases);
    Py_XDECREF(out_stems);
    return -1;
}

/* words: every one-word key of the rules (a frozenset of str), given an id if it has none, so
 * that the scan reports where each occurs. */
static int
intern_words(PyObject *key_ids, PyObject *words)
{
    PyObject *it = PyObject_GetIter(words), *word; /* an exact frozenset: its own iterator */
    if (it == NULL) {
        return -1;
    }
    while ((word = PyIter_Next(it)) != NULL) {
        /* intern_key refuses a str subclass (TypeError) */
        int rc = PyUnicode_CheckExact(word)
                 && (PyUnicode_GET_LENGTH(word) == 0
                     || PyUnicode_FindChar(word, ' ', 0, PyUnicode_GET_LENGTH(word), 1) != -1)
                 ? -2 : intern_key(key_ids, word);
        Py_DECREF(word);
        if (rc == -2) {
            PyErr_SetString(PyExc_ValueError, "words: each a word (no space, not empty)");
        }
        if (rc < 0) {
            break;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

/* An exact int in [lo, hi) into *out; 0, or -1 with a ValueError naming `what`. */
static int
int_in(PyObject *o, long lo, long hi, long *out, const char *what)
{
    long v = PyLong_CheckExact(o) ? PyLong_AsLong(o) : lo - 1;
    if (v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        v = lo - 1;
    }
    if (v < lo || v >= hi) {
        PyErr_Format(PyExc_ValueError, "programs: bad %s", what);
        return -1;
    }
    *out = v;
    return 0;
}

/* Room for item n of a growable array of items of `size` bytes (doubled when full, to at
 * most 2**30 items: they are numbered by int32); -1 on no memory. */
static int
grow(void **items, Py_ssize_t n, Py_ssize_t *capacity, size_t size)
{
    if (n < *capacity) {
        return 0;
    }
    Py_ssize_t grown = *capacity ? 2 * *capacity : 256;
    void *more = grown <= INT32_MAX && (size_t)grown <= PY_SSIZE_T_MAX / size
                 ? PyMem_Realloc(*items, size * (size_t)grown) : NULL;
    if (more == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *items = more;
    *capacity = grown;
    return 0;
}

/* Append an int32 to a growable array; -1 on no memory. */
static int
push_int(int32_t **items, Py_ssize_t *n, Py_ssize_t *capacity, int32_t value)
{
    if (grow((void **)items, *n, capacity, sizeof(int32_t)) < 0) {
        return -1;
    }
    (*items)[(*n)++] = value;
    return 0;
}

/* The words of a key: 1 for a word, the space-separated words of a phrase key. */
static Py_ssize_t
key_words(PyObject *key)
{
    Py_ssize_t n = 0, length = PyUnicode_GET_LENGTH(key);
    const int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    for (Py_ssize_t i = 0; i < length; i++) {
        n += PyUnicode_READ(kind, data, i) != ' '
             && (i == 0 || PyUnicode_READ(kind, data, i - 1) == ' ');
    }
    return n;
}

/* A leaf: (0, fields, (key, ...)); its keys get ids in key_ids. */
static int
read_leaf(CandidateIndex *self, PyObject *key_ids, PyObject *item, ProgramNode *node,
          Py_ssize_t *n_keys, Py_ssize_t *keys_capacity)
{
    long fields;
    PyObject *keys = PyTuple_GET_SIZE(item) == 3 ? PyTuple_GET_ITEM(item, 2) : NULL;
    Py_ssize_t n_fields = PyTuple_GET_SIZE(self->field_names);
    if (keys == NULL || !PyTuple_CheckExact(keys)) {
        PyErr_SetString(PyExc_ValueError, "programs: a leaf is (0, fields, keys)");
        return -1;
    }
    if (int_in(PyTuple_GET_ITEM(item, 1), 1, 1L << n_fields, &fields, "leaf fields") < 0) {
        return -1;
    }
    node->fields = (uint8_t)fields;
    node->flat = 1;
    node->depth = 1;
    node->first = (int32_t)(*n_keys / 2);
    node->count = (int32_t)PyTuple_GET_SIZE(keys);
    for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(keys); j++) {
        PyObject *key = PyTuple_GET_ITEM(keys, j);
        Py_ssize_t words = PyUnicode_CheckExact(key) ? key_words(key) : 0;
        if (words < 1 || words >= INT32_MAX) {
            PyErr_SetString(PyExc_ValueError, "programs: a leaf key is a str of words");
            return -1;
        }
        int32_t id = intern_key(key_ids, key);
        if (id < 0 || push_int(&self->leaf_keys, n_keys, keys_capacity, id) < 0
            || push_int(&self->leaf_keys, n_keys, keys_capacity, (int32_t)words) < 0) {
            return -1;
        }
    }
    return 0;
}

/* A node's depth, refused past MAX_DEPTH (the evaluation recurses). */
static int
set_depth(ProgramNode *node, int32_t depth)
{
    if (depth > MAX_DEPTH) {
        PyErr_SetString(PyExc_ValueError, "programs: nodes nested too deep");
        return -1;
    }
    node->depth = depth;
    return 0;
}

/* One program node from its tuple (children are earlier nodes: no cycle). */
static int
read_node(CandidateIndex *self, PyObject *key_ids, PyObject *item, Py_ssize_t i,
          Py_ssize_t *n_args, Py_ssize_t *args_capacity, Py_ssize_t *n_keys,
          Py_ssize_t *keys_capacity)
{
    ProgramNode *node = &self->nodes[i];
    long op, v;
    memset(node, 0, sizeof(*node));
    if (!PyTuple_CheckExact(item) || PyTuple_GET_SIZE(item) < 2
        || int_in(PyTuple_GET_ITEM(item, 0), OP_LEAF, OP_NEAR + 1, &op, "node kind") < 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "programs: a node is a tuple (kind, ...)");
        }
        return -1;
    }
    node->op = (int8_t)op;
    if (op == OP_LEAF) {
        return read_leaf(self, key_ids, item, node, n_keys, keys_capacity);
    }
    if (op == OP_NOT) {
        if (PyTuple_GET_SIZE(item) != 2) {
            PyErr_SetString(PyExc_ValueError, "programs: (3, child)");
            return -1;
        }
        if (int_in(PyTuple_GET_ITEM(item, 1), 0, i, &v, "child") < 0) {
            return -1;
        }
        node->first = (int32_t)v;
        return set_depth(node, 1 + self->nodes[v].depth);
    }
    if (op == OP_NEAR) {
        long unit, left, right, distance;
        if (PyTuple_GET_SIZE(item) != 5) {
            PyErr_SetString(PyExc_ValueError, "programs: (4, unit, left, right, distance)");
            return -1;
        }
        if (int_in(PyTuple_GET_ITEM(item, 1), UNIT_SENTENCE, UNIT_WORDS + 1, &unit, "unit") < 0
            || int_in(PyTuple_GET_ITEM(item, 2), 0, i, &left, "child") < 0
            || int_in(PyTuple_GET_ITEM(item, 3), 0, i, &right, "child") < 0
            || int_in(PyTuple_GET_ITEM(item, 4), 0, 1L << 20, &distance, "distance") < 0) {
            return -1;
        }
        node->distance = (int32_t)distance;
        if (!self->nodes[left].flat || !self->nodes[right].flat) {
            PyErr_SetString(PyExc_ValueError, "programs: a NEAR's sides are leaves or ORs of them");
            return -1;
        }
        node->unit = (int8_t)unit;
        node->first = (int32_t)left;
        node->count = (int32_t)right;
        int32_t deeper = self->nodes[left].depth > self->nodes[right].depth
                         ? self->nodes[left].depth : self->nodes[right].depth;
        return set_depth(node, 1 + deeper);
    }
    PyObject *children = PyTuple_GET_ITEM(item, 1); /* OP_AND, OP_OR */
    if (PyTuple_GET_SIZE(item) != 2 || !PyTuple_CheckExact(children)) {
        PyErr_SetString(PyExc_ValueError, "programs: (1 or 2, children)");
        return -1;
    }
    node->first = (int32_t)*n_args;
    node->count = (int32_t)PyTuple_GET_SIZE(children);
    node->flat = op == OP_OR;
    int32_t deepest = 0;
    for (Py_ssize_t c = 0; c < PyTuple_GET_SIZE(children); c++) {
        if (int_in(PyTuple_GET_ITEM(children, c), 0, i, &v, "child") < 0
            || push_int(&self->node_args, n_args, args_capacity, (int32_t)v) < 0) {
            return -1;
        }
        node->flat &= self->nodes[v].flat;
        deepest = self->nodes[v].depth > deepest ? self->nodes[v].depth : deepest;
    }
    return set_depth(node, 1 + deepest);
}

/* programs: (nodes, roots). nodes: a list of tuples, children before their parents:
 * (0, fields, ((key, words), ...)) a leaf, (1, children) AND, (2, children) OR, (3, child) NOT,
 * (4, unit, left, right) a positive NEAR/s or NEAR/p between flat sides. roots: per rule, its
 * root node or -1 (the rule is evaluated in Python). The leaves' keys get ids. */
static int
read_programs(CandidateIndex *self, PyObject *key_ids, PyObject *programs, Py_ssize_t n_rules)
{
    PyObject *nodes, *roots;
    if (!PyTuple_CheckExact(programs) || PyTuple_GET_SIZE(programs) != 2
        || !PyList_CheckExact(nodes = PyTuple_GET_ITEM(programs, 0))
        || !PyList_CheckExact(roots = PyTuple_GET_ITEM(programs, 1))
        || PyList_GET_SIZE(roots) != n_rules) {
        PyErr_SetString(PyExc_ValueError, "programs: (list of nodes, list of roots per rule)");
        return -1;
    }
    PyObject *items = PyList_AsTuple(nodes), *root_items = PyList_AsTuple(roots); /* snapshots */
    Py_ssize_t n = items ? PyTuple_GET_SIZE(items) : 0, n_args = 0, args_capacity = 0;
    Py_ssize_t n_keys = 0, keys_capacity = 0;
    int rc = -1;
    if (items == NULL || root_items == NULL || n >= INT32_MAX) {
        goto done;
    }
    self->nodes = PyMem_Calloc(n ? n : 1, sizeof(ProgramNode));
    self->node_seen = PyMem_Calloc(n ? n : 1, sizeof(uint32_t));
    self->node_truth = PyMem_Calloc(n ? n : 1, 1);
    self->programs = PyMem_Malloc(sizeof(int32_t) * (n_rules ? n_rules : 1));
    if (!self->nodes || !self->node_seen || !self->node_truth || !self->programs) {
        PyErr_NoMemory();
        goto done;
    }
    self->n_nodes = n;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (read_node(self, key_ids, PyTuple_GET_ITEM(items, i), i, &n_args, &args_capacity,
                      &n_keys, &keys_capacity) < 0) {
            goto done;
        }
    }
    for (Py_ssize_t r = 0; r < n_rules; r++) {
        long root;
        if (int_in(PyTuple_GET_ITEM(root_items, r), -1, n, &root, "root") < 0) {
            goto done;
        }
        self->programs[r] = (int32_t)root;
    }
    rc = 0;
done:
    Py_XDECREF(items);
    Py_XDECREF(root_items);
    return rc;
}

static int
index_init(CandidateIndex *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"n_rules", "filings", "always", "units", "phrases", "stems",
                             "words", "fields", "programs", NULL};
    PyObject *o_filings, *o_always, *o_units, *given_phrases, *given_stems, *given_words;
    PyObject *field_names, *programs;
    Py_ssize_t n_rules;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "nOOOO!O!O!O!O", kwlist, &n_rules, &o_filings,
                                     &o_always, &o_units, &PyDict_Type, &given_phrases,
                                     &PyDict_Type, &given_stems, &PyFrozenSet_Type,
                                     &given_words, &PyTuple_Type, &field_names, &programs)) {
        return -1;
    }
    if (self->key_ids != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "CandidateIndex is initialised once");
        return -1;
    }
    if (n_rules < 0 || n_rules > INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "too many rules");
        return -1;
    }
    if (PyTuple_GET_SIZE(field_names) < 1 || PyTuple_GET_SIZE(field_names) > 8) {
        PyErr_SetString(PyExc_ValueError, "fields: one to eight names");
        return -1;
    }
    Py_INCREF(field_names);
    Py_XSETREF(self->field_names, field_names);
    PyObject *key_ids = PyDict_New(), *phrases = NULL, *stems = NULL, *key, *value;
    Py_ssize_t pos;
    int32_t *units = NULL;
    Filings filings = {NULL, 0, 0};
    int rc = -1;
    if (!key_ids || read_filings(key_ids, o_filings, n_rules, &filings) < 0
        || intern_words(key_ids, given_words) < 0
        || read_programs(self, key_ids, programs, n_rules) < 0
        || resolve_keys(key_ids, given_phrases, given_stems, &phrases, &stems) < 0) {
        goto done;
    }
    Py_ssize_t n_keys = PyDict_GET_SIZE(key_ids);
    self->n_keys = n_keys;
    self->n_rules = n_rules;
    Py_ssize_t n_units;
    units = int_array(o_units, &n_units, 0, UNIT_PARAGRAPH + 1, "units");
    self->always = units ? int_array(o_always, &self->n_always, 0, n_rules, "always") : NULL;
    if (self->always == NULL) {
        goto done;
    }
    if (n_units != n_rules) {
        PyErr_SetString(PyExc_ValueError, "units: one per rule");
        goto done;
    }
    self->units = PyMem_Malloc(n_rules ? n_rules : 1);
    self->key_seen = PyMem_Calloc(n_keys ? n_keys : 1, sizeof(uint32_t));
    self->rule_seen = PyMem_Calloc(n_rules ? n_rules : 1, sizeof(uint32_t));
    self->anchors = PyMem_Malloc(sizeof(int32_t) * (n_keys ? n_keys : 1));
    self->found = PyMem_Malloc(sizeof(int32_t) * (n_rules ? n_rules : 1));
    self->key_sentences = PyMem_Malloc(sizeof(uint64_t) * (n_keys ? n_keys : 1));
    self->key_paragraphs = PyMem_Malloc(sizeof(uint64_t) * (n_keys ? n_keys : 1));
    self->key_fields = PyMem_Malloc(n_keys ? n_keys : 1);
    self->key_first = PyMem_Malloc(sizeof(int32_t) * (n_keys ? n_keys : 1));
    self->key_last = PyMem_Malloc(sizeof(int32_t) * (n_keys ? n_keys : 1));
    if (!self->key_fields || !self->key_first || !self->key_last) {
        PyErr_NoMemory();
        goto done;
    }
    if (!self->units || !self->key_seen || !self->rule_seen || !self->anchors
        || !self->found || !self->key_sentences || !self->key_paragraphs) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t r = 0; r < n_rules; r++) {
        self->units[r] = (int8_t)units[r];
    }
    if (index_group(self, filings.items, filings.n) < 0 || check_keys(self, phrases, stems) < 0) {
        goto done;
    }
    self->min_stem = PY_SSIZE_T_MAX;
    self->max_stem = 0;
    pos = 0;
    while (PyDict_Next(stems, &pos, &key, &value)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(key);
        self->min_stem = n < self->min_stem ? n : self->min_stem;
        self->max_stem = n > self->max_stem ? n : self->max_stem;
    }
    if ((self->words = PyDict_New()) == NULL
        || (self->no_info = Py_BuildValue("(iO())", -1, Py_None)) == NULL
        || fill_filters(self, key_ids, phrases, stems) < 0) {
        goto done;
    }
    Py_INCREF(phrases);
    self->phrases = phrases;
    Py_INCREF(stems);
    self->stems = stems;
    self->stamp = 0;
    self->key_names = PyTuple_New(n_keys);
    if (self->key_names == NULL) {
        goto done;
    }
    pos = 0;
    while (PyDict_Next(key_ids, &pos, &key, &value)) {
        PyTuple_SET_ITEM(self->key_names, PyLong_AsSsize_t(value), Py_NewRef(key));
    }
    Py_INCREF(key_ids);
    self->key_ids = key_ids;
    rc = 0;
done:
    Py_XDECREF(key_ids);
    Py_XDECREF(phrases);
    Py_XDECREF(stems);
    PyMem_Free(units);
    PyMem_Free(filings.items);
    if (rc < 0) {
        index_free_arrays(self);
    }
    return rc;
}

static inline Py_ssize_t
add_rule(CandidateIndex *self, int32_t rule, Py_ssize_t n)
{
    if (self->rule_seen[rule] != self->stamp) {
        self->rule_seen[rule] = self->stamp;
        self->found[n++] = rule;
    }
    return n;
}

/* Where a token is: its field (index) and its document-wide sentence and paragraph numbers
 * (units are numbered through the document, field after field, as DocView.unit_bits does). */
typedef struct {
    Py_ssize_t field, sentence, paragraph;
} Place;

/* Mark key `k` present, its span ending at token `end` at `at`, and note the occurrence; a
 * key seen for the first time in this document is also noted as an anchor. -1 on no memory. */
static inline int
mark_key(CandidateIndex *self, int32_t k, const Place *at, Py_ssize_t end,
         Py_ssize_t *n_anchors)
{
    if (self->key_seen[k] != self->stamp) {
        self->key_seen[k] = self->stamp;
        self->key_sentences[k] = self->key_paragraphs[k] = 0;
        self->key_fields[k] = 0;
        self->key_first[k] = -1;
        if (self->direct_off[k] < self->direct_off[k + 1]
            || self->second_off[k] < self->second_off[k + 1]) {
            self->anchors[(*n_anchors)++] = k;
        }
    }
    self->key_sentences[k] |= (uint64_t)1 << (at->sentence & 63);
    self->key_paragraphs[k] |= (uint64_t)1 << (at->paragraph & 63);
    self->key_fields[k] |= (uint8_t)(1 << at->field);
    if (grow((void **)&self->occ, self->n_occ, &self->occ_capacity, sizeof(Occurrence)) < 0) {
        return -1;
    }
    int32_t o = (int32_t)self->n_occ++;
    self->occ[o] = (Occurrence){-1, k, (int32_t)at->field, (int32_t)end, (int32_t)at->sentence,
                                (int32_t)at->paragraph};
    if (self->key_first[k] < 0) {
        self->key_first[k] = o;
    }
    else {
        self->occ[self->key_last[k]].next = o;
    }
    self->key_last[k] = o;
    return 0;
}

/* The key id of `key`, -1 if it is not indexed, -2 on error. */
static inline int32_t
key_id(CandidateIndex *self, PyObject *key)
{
    PyObject *id_obj = PyDict_GetItemWithError(self->key_ids, key); /* borrowed */
    if (id_obj == NULL) {
        return PyErr_Occurred() ? -2 : -1;
    }
    return (int32_t)PyLong_AsLong(id_obj); /* checked in range at init */
}

/* What the rules have for one word: (key id or -1, phrases starting with it, one-word
 * wildcard keys it matches as (key id, key)); cached per word. A new reference. */
static PyObject *
word_info(CandidateIndex *self, PyObject *word)
{
    PyObject *info = PyDict_GetItemWithError(self->words, word); /* borrowed */
    if (info != NULL) {
        Py_INCREF(info);
        return info;
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    int32_t id = key_id(self, word);
    if (id == -2) {
        return NULL;
    }
    PyObject *phrases = PyDict_GetItemWithError(self->phrases, word); /* borrowed */
    if (phrases == NULL && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *wildcards = PyList_New(0);
    if (wildcards == NULL) {
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(word);
    for (Py_ssize_t n = self->min_stem; n <= length && n <= self->max_stem; n++) {
        PyObject *stem = PyUnicode_Substring(word, 0, n);
        PyObject *found = stem ? PyDict_GetItemWithError(self->stems, stem) : NULL;
        Py_XDECREF(stem);
        if ((found == NULL && PyErr_Occurred()) || (found && PyList_Append(wildcards, found) < 0)) {
            Py_DECREF(wildcards);
            return NULL;
        }
    }
    if (id < 0 && phrases == NULL && PyList_GET_SIZE(wildcards) == 0) {
        info = self->no_info;
        Py_INCREF(info);
    }
    else {
        info = Py_BuildValue("(iON)", id, phrases ? phrases : Py_None,
                             PyList_AsTuple(wildcards));
    }
    Py_DECREF(wildcards);
    if (info == NULL) {
        return NULL;
    }
    if (PyDict_GET_SIZE(self->words) >= WORDS_CACHED_MAX) {
        PyDict_Clear(self->words);
    }
    if (PyDict_SetItem(self->words, word, info) < 0) {
        Py_DECREF(info);
        return NULL;
    }
    return info;
}

/* Whether the tokens from `j` (up to the sentence end `b`) are `words`, the last one only as
 * a prefix when `prefix`. */
static int found_key(CandidateIndex *self, PyObject *entry, Py_ssize_t end, const Place *at,
                     Py_ssize_t *n_anchors);

static int
phrase_at(PyObject *folded, Py_ssize_t j, Py_ssize_t b, PyObject *words, int prefix)
{
    Py_ssize_t n = PyTuple_GET_SIZE(words);
    if (j + n > b) {
        return 0;
    }
    for (Py_ssize_t w = 0; w < n; w++) {
        PyObject *token = PyTuple_GET_ITEM(folded, j + w), *word = PyTuple_GET_ITEM(words, w);
        if (prefix && w == n - 1) {
            return PyUnicode_Tailmatch(token, word, 0, PY_SSIZE_T_MAX, -1) == 1;
        }
        if (token != word && PyUnicode_Compare(token, word) != 0) {
            return 0;
        }
    }
    return 1;
}

/* Find the phrases of `entries` whose words run from token `j`. */
static int
phrases_from(CandidateIndex *self, PyObject *entries, PyObject *folded, Py_ssize_t j,
             Py_ssize_t b, const Place *at, Py_ssize_t *n_anchors)
{
    for (Py_ssize_t e = 0; e < PyTuple_GET_SIZE(entries); e++) {
        PyObject *entry = PyTuple_GET_ITEM(entries, e), *words = PyTuple_GET_ITEM(entry, 2);
        int found = phrase_at(folded, j, b, words, PyTuple_GET_ITEM(entry, 3) == Py_True);
        if (PyErr_Occurred()) {
            return -1;
        }
        if (found && found_key(self, entry, j + PyTuple_GET_SIZE(words) - 1, at,
                               n_anchors) < 0) {
            return -1;
        }
    }
    return 0;
}

/* A phrase or wildcard key found ending at token `end`: marked (every such key has an id). */
static int
found_key(CandidateIndex *self, PyObject *entry, Py_ssize_t end, const Place *at,
          Py_ssize_t *n_anchors)
{
    int32_t id = (int32_t)PyLong_AsLong(PyTuple_GET_ITEM(entry, 0)); /* checked at init */
    return id >= 0 ? mark_key(self, id, at, end, n_anchors) : 0;
}

/* One field: mark the words the rules have and find its phrase and wildcard keys (each within
 * one sentence), noting each occurrence. */
static int
scan_field(CandidateIndex *self, PyObject *field, const Place *base, Py_ssize_t *n_anchors)
{
    /* field: (folded, sentence starts, paragraph starts) as tuples (index_scan's snapshot) */
    PyObject *folded = PyTuple_GET_ITEM(field, 0), *sentences = PyTuple_GET_ITEM(field, 1),
             *paragraphs = PyTuple_GET_ITEM(field, 2);
    const Py_ssize_t n_tokens = PyTuple_GET_SIZE(folded);
    const Py_ssize_t n_sentences = PyTuple_GET_SIZE(sentences);
    const Py_ssize_t n_paragraphs = PyTuple_GET_SIZE(paragraphs);
    Py_ssize_t s = 0, p = 0; /* sentence and paragraph starts passed so far */
    Py_ssize_t sentence_end = n_sentences ? PyLong_AsSsize_t(PyTuple_GET_ITEM(sentences, 0))
                                          : n_tokens;
    for (Py_ssize_t i = 0; i < n_tokens; i++) {
        while (s < n_sentences && i >= sentence_end) {
            s++;
            sentence_end = s < n_sentences ? PyLong_AsSsize_t(PyTuple_GET_ITEM(sentences, s))
                                           : n_tokens;
        }
        while (p < n_paragraphs && PyLong_AsSsize_t(PyTuple_GET_ITEM(paragraphs, p)) <= i) {
            p++;
        }
        if (sentence_end > n_tokens || sentence_end <= i) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "sentence starts must rise within the field");
            }
            return -1;
        }
        PyObject *word = PyTuple_GET_ITEM(folded, i);
        if (!PyUnicode_CheckExact(word)) { /* a str subclass could run code in __hash__ */
            PyErr_SetString(PyExc_TypeError, "folded words must be str");
            return -1;
        }
        if (!may_have(self, word)) {
            continue;
        }
        PyObject *info = word_info(self, word);
        if (info == NULL) {
            return -1;
        }
        const Place at = {base->field, base->sentence + s, base->paragraph + p};
        int32_t id = (int32_t)PyLong_AsLong(PyTuple_GET_ITEM(info, 0));
        PyObject *phrases = PyTuple_GET_ITEM(info, 1), *wildcards = PyTuple_GET_ITEM(info, 2);
        int rc = 0;
        if (id >= 0) { /* a word some rule has */
            rc = mark_key(self, id, &at, i, n_anchors);
        }
        for (Py_ssize_t j = 0; rc == 0 && j < PyTuple_GET_SIZE(wildcards); j++) {
            rc = found_key(self, PyTuple_GET_ITEM(wildcards, j), i, &at, n_anchors);
        }
        if (rc == 0 && phrases != Py_None && i + 1 < sentence_end) {
            /* phrases: (by second word: {word: entries from the third}, entries from the
             * second); a phrase ends within the sentence */
            PyObject *next = PyTuple_GET_ITEM(folded, i + 1), *by_second = NULL;
            if (!PyUnicode_CheckExact(next)) {
                PyErr_SetString(PyExc_TypeError, "folded words must be str");
                rc = -1;
            }
            else if (has_bit(self->pair_bits, PAIR_BITS,
                             pair_hash(PyObject_Hash(word), PyObject_Hash(next)))) {
                by_second = PyDict_GetItemWithError(PyTuple_GET_ITEM(phrases, 0), next);
                rc = by_second == NULL && PyErr_Occurred() ? -1 : 0;
            }
            if (rc == 0 && by_second != NULL) {
                rc = phrases_from(self, by_second, folded, i + 2, sentence_end, &at, n_anchors);
            }
            if (rc == 0) {
                rc = phrases_from(self, PyTuple_GET_ITEM(phrases, 1), folded, i + 1,
                                  sentence_end, &at, n_anchors);
            }
        }
        Py_DECREF(info);
        if (rc < 0) {
            return -1;
        }
    }
    return PyErr_Occurred() ? -1 : 0;
}

/* Whether rule r's anchor key `a` and second key `b` can share the unit the rule needs. */
static inline int
units_meet(const CandidateIndex *self, int32_t r, int32_t a, int32_t b)
{
    switch (self->units[r]) {
    case UNIT_SENTENCE:
        return (self->key_sentences[a] & self->key_sentences[b]) != 0;
    case UNIT_PARAGRAPH:
        return (self->key_paragraphs[a] & self->key_paragraphs[b]) != 0;
    default:
        return 1;
    }
}

static PyObject *snapshot_fields(PyObject *fields);
static PyObject *scan_snapshot(CandidateIndex *self, PyObject *fields);

static PyObject *
index_scan(CandidateIndex *self, PyObject *fields)
{
    if (self->key_ids == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "CandidateIndex is not initialised");
        return NULL;
    }
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError, "CandidateIndex.scan is already running");
        return NULL;
    }
    PyObject *snapshot = snapshot_fields(fields);
    if (snapshot == NULL) {
        return NULL;
    }
    self->busy = 1;
    PyObject *out = scan_snapshot(self, snapshot);
    self->busy = 0;
    Py_DECREF(snapshot);
    return out;
}

/* The fields as a tuple of (folded, sentence starts, paragraph starts) tuples: strong
 * references that no code run during the scan can change. */
static PyObject *
snapshot_fields(PyObject *fields)
{
    if (!PyList_Check(fields) && !PyTuple_Check(fields)) {
        PyErr_SetString(PyExc_TypeError, "scan() takes a list of fields");
        return NULL;
    }
    PyObject *out = PySequence_Tuple(fields);
    for (Py_ssize_t f = 0; out && f < PyTuple_GET_SIZE(out); f++) {
        PyObject *field = PyTuple_GET_ITEM(out, f), *copy = NULL;
        if (!PyTuple_Check(field) || PyTuple_GET_SIZE(field) != 3
            || !PyList_Check(PyTuple_GET_ITEM(field, 0)) || !PyList_Check(PyTuple_GET_ITEM(field, 1))
            || !PyList_Check(PyTuple_GET_ITEM(field, 2))) {
            PyErr_SetString(PyExc_TypeError, "a field is (folded, sentence_starts, "
                                             "paragraph_starts), three lists");
        }
        else {
            copy = Py_BuildValue("(NNN)", PyList_AsTuple(PyTuple_GET_ITEM(field, 0)),
                                 PyList_AsTuple(PyTuple_GET_ITEM(field, 1)),
                                 PyList_AsTuple(PyTuple_GET_ITEM(field, 2)));
        }
        for (Py_ssize_t k = 1; copy && k < 3; k++) { /* starts: plain ints (no __index__) */
            PyObject *starts = PyTuple_GET_ITEM(copy, k);
            for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(starts); j++) {
                if (!PyLong_Check(PyTuple_GET_ITEM(starts, j))) {
                    PyErr_SetString(PyExc_TypeError, "sentence and paragraph starts: ints");
                    Py_CLEAR(copy);
                    break;
                }
            }
        }
        if (copy == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyTuple_SET_ITEM(out, f, copy); /* the tuple is ours alone: replace the item */
        Py_DECREF(field);
    }
    return out;
}

/* ---- rule programs: evaluated on the scan's occurrences ------------------------------------ */

static int
push_span(Span **items, Py_ssize_t *n, Py_ssize_t *capacity, Span span)
{
    if (grow((void **)items, *n, capacity, sizeof(Span)) < 0) {
        return -1;
    }
    (*items)[(*n)++] = span;
    return 0;
}

static int
span_order(const void *x, const void *y)
{
    const Span *a = x, *b = y;
    if (a->unit != b->unit) {
        return a->unit < b->unit ? -1 : 1;
    }
    if (a->field != b->field) {
        return a->field < b->field ? -1 : 1;
    }
    if (a->start != b->start) {
        return a->start < b->start ? -1 : 1;
    }
    return a->end < b->end ? -1 : a->end > b->end;
}

static inline int
same_span(const Span *a, const Span *b)
{
    return a->field == b->field && a->start == b->start && a->end == b->end;
}

/* Sort spans[from:] and drop repeats; the new end. */
static Py_ssize_t
sort_unique(Span *spans, Py_ssize_t from, Py_ssize_t n)
{
    if (n - from < 2) {
        return n;
    }
    qsort(spans + from, (size_t)(n - from), sizeof(Span), span_order);
    Py_ssize_t kept = from + 1;
    for (Py_ssize_t i = from + 1; i < n; i++) {
        if (span_order(&spans[i], &spans[kept - 1]) != 0) {
            spans[kept++] = spans[i];
        }
    }
    return kept;
}

/* The spans of flat node i (a leaf or an OR of leaves): every occurrence of its keys in its
 * fields, with its sentence or paragraph number as `unit` (0 when `unit` is UNIT_NONE). */
static int
leaf_spans(CandidateIndex *self, int32_t i, int unit, Span **out, Py_ssize_t *n,
           Py_ssize_t *capacity)
{
    const ProgramNode *node = &self->nodes[i];
    if (node->op == OP_OR) {
        for (int32_t c = 0; c < node->count; c++) {
            if (leaf_spans(self, self->node_args[node->first + c], unit, out, n, capacity) < 0) {
                return -1;
            }
        }
        return 0;
    }
    for (int32_t j = node->first; j < node->first + node->count; j++) {
        int32_t k = self->leaf_keys[2 * j], words = self->leaf_keys[2 * j + 1];
        if (self->key_seen[k] != self->stamp || !(self->key_fields[k] & node->fields)) {
            continue;
        }
        for (int32_t o = self->key_first[k]; o >= 0; o = self->occ[o].next) {
            const Occurrence *at = &self->occ[o];
            if (!(node->fields & (1 << at->field))) {
                continue;
            }
            int32_t u = unit == UNIT_SENTENCE ? at->sentence
                        : unit == UNIT_PARAGRAPH ? at->paragraph : 0;
            Span span = {u, at->field, at->end - words + 1, at->end};
            if (push_span(out, n, capacity, span) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* A positive NEAR/n between flat sides (NearNode._pairs_by_words): each span x of a side
 * with a span y of the other side, other than itself, in its field and at most n words away
 * (or overlapping). sides[0:left_end] and sides[right_from:right_end] are the two sides,
 * sorted by field and first token, the unit member of each span free for marking it found.
 * As _SpanIndex.close_to, only the right spans starting in x's window are read. */
static Py_ssize_t
near_words(CandidateIndex *self, const ProgramNode *node, Py_ssize_t left_end,
           Py_ssize_t right_from, Py_ssize_t right_end, int collect)
{
    Span *sides = self->sides;
    const int32_t d = node->distance;
    int32_t longest = 0; /* the longest right span, less one */
    for (Py_ssize_t y = right_from; y < right_end; y++) {
        longest = sides[y].end - sides[y].start > longest ? sides[y].end - sides[y].start : longest;
    }
    Py_ssize_t found = 0;
    for (Py_ssize_t x = 0; x < left_end; x++) {
        /* y must start at most d + 1 after x ends, and end at most d + 1 before x starts */
        const int32_t field = sides[x].field, lo = sides[x].start - 1 - d, hi = sides[x].end + 1 + d;
        Py_ssize_t a = right_from, b = right_end; /* the first y at (field, lo - longest) */
        while (a < b) {
            Py_ssize_t m = a + (b - a) / 2;
            if (sides[m].field < field || (sides[m].field == field
                                           && sides[m].start < lo - longest)) {
                a = m + 1;
            }
            else {
                b = m;
            }
        }
        for (Py_ssize_t y = a; y < right_end && sides[y].field == field && sides[y].start <= hi;
             y++) {
            if (sides[y].end < lo || same_span(&sides[x], &sides[y])) {
                continue;
            }
            if (!collect) {
                return 1;
            }
            found += !sides[x].unit + !sides[y].unit;
            sides[x].unit = sides[y].unit = 1;
        }
    }
    for (Py_ssize_t x = 0; x < right_end; x++) {
        if (sides[x].unit) {
            Span span = sides[x];
            span.unit = 0;
            if (push_span(&self->spans, &self->n_spans, &self->spans_capacity, span) < 0) {
                return -1;
            }
        }
    }
    return found;
}

/* A positive NEAR between flat sides: each span of a side that shares its unit (NEAR/s,
 * NEAR/p: NearNode._paired) or is close to (NEAR/n) a span of the other side, other than
 * itself. Adds them to the evidence when `collect`; the number found (with `collect` 0, stops
 * at the first), or -1. */
static Py_ssize_t
near_pairs(CandidateIndex *self, const ProgramNode *node, int collect)
{
    self->n_sides = 0;
    if (leaf_spans(self, node->first, node->unit, &self->sides, &self->n_sides,
                   &self->sides_capacity) < 0) {
        return -1;
    }
    Py_ssize_t left_end = sort_unique(self->sides, 0, self->n_sides);
    Py_ssize_t right_from = self->n_sides;
    if (left_end == 0 || leaf_spans(self, node->count, node->unit, &self->sides, &self->n_sides,
                                    &self->sides_capacity) < 0) {
        return PyErr_Occurred() ? -1 : 0;
    }
    Py_ssize_t right_end = sort_unique(self->sides, right_from, self->n_sides);
    if (node->unit == UNIT_WORDS) {
        return near_words(self, node, left_end, right_from, right_end, collect);
    }
    Span *sides = self->sides;
    Py_ssize_t i = 0, j = right_from, found = 0;
    while (i < left_end && j < right_end) {
        if (sides[i].unit != sides[j].unit) {
            if (sides[i].unit < sides[j].unit) {
                i++;
            }
            else {
                j++;
            }
            continue;
        }
        Py_ssize_t i2 = i, j2 = j;
        while (i2 < left_end && sides[i2].unit == sides[i].unit) {
            i2++;
        }
        while (j2 < right_end && sides[j2].unit == sides[j].unit) {
            j2++;
        }
        for (int side = 0; side < 2; side++) { /* each span of one side, then of the other */
            Py_ssize_t from = side ? j : i, to = side ? j2 : i2;
            Py_ssize_t other = side ? i : j, others = side ? i2 - i : j2 - j;
            for (Py_ssize_t x = from; x < to; x++) {
                if (others == 1 && same_span(&sides[other], &sides[x])) {
                    continue; /* its only partner is itself */
                }
                found++;
                if (!collect) {
                    return found;
                }
                Span span = sides[x];
                span.unit = 0;
                if (push_span(&self->spans, &self->n_spans, &self->spans_capacity, span) < 0) {
                    return -1;
                }
            }
        }
        i = i2;
        j = j2;
    }
    return found;
}

/* Whether node i holds (memoised per document); -1 on error. */
static int
node_truth(CandidateIndex *self, int32_t i)
{
    if (self->node_seen[i] == self->stamp) {
        return self->node_truth[i];
    }
    const ProgramNode *node = &self->nodes[i];
    int truth = 0;
    switch (node->op) {
    case OP_LEAF:
        for (int32_t j = node->first; j < node->first + node->count && !truth; j++) {
            int32_t k = self->leaf_keys[2 * j];
            truth = self->key_seen[k] == self->stamp && (self->key_fields[k] & node->fields);
        }
        break;
    case OP_AND:
    case OP_OR:
        truth = node->op == OP_AND;
        for (int32_t c = 0; c < node->count; c++) {
            int t = node_truth(self, self->node_args[node->first + c]);
            if (t < 0) {
                return -1;
            }
            if (t != truth) { /* AND: a child fails; OR: a child holds */
                truth = t;
                break;
            }
        }
        break;
    case OP_NOT:
        truth = node_truth(self, node->first);
        if (truth < 0) {
            return -1;
        }
        truth = !truth;
        break;
    default: { /* OP_NEAR */
        Py_ssize_t found = near_pairs(self, node, 0);
        if (found < 0) {
            return -1;
        }
        truth = found > 0;
    }
    }
    self->node_seen[i] = self->stamp;
    self->node_truth[i] = (int8_t)truth;
    return truth;
}

/* Add the evidence of node i, which holds, to self->spans (Node.evidence). */
static int
node_evidence(CandidateIndex *self, int32_t i)
{
    const ProgramNode *node = &self->nodes[i];
    switch (node->op) {
    case OP_LEAF:
        return leaf_spans(self, i, UNIT_NONE, &self->spans, &self->n_spans, &self->spans_capacity);
    case OP_AND:
    case OP_OR:
        for (int32_t c = 0; c < node->count; c++) {
            int32_t child = self->node_args[node->first + c];
            int t = node->op == OP_AND ? 1 : node_truth(self, child);
            if (t < 0 || (t && node_evidence(self, child) < 0)) {
                return -1;
            }
        }
        return 0;
    case OP_NOT:
        return 0;
    default:
        return near_pairs(self, node, 1) < 0 ? -1 : 0;
    }
}

/* The evidence of rule root i as a tuple of (field name, first token, last token), sorted. */
static PyObject *
rule_evidence(CandidateIndex *self, int32_t i)
{
    self->n_spans = 0;
    if (node_evidence(self, i) < 0) {
        return NULL;
    }
    Py_ssize_t n = sort_unique(self->spans, 0, self->n_spans);
    PyObject *out = PyTuple_New(n);
    for (Py_ssize_t j = 0; out && j < n; j++) {
        const Span *span = &self->spans[j];
        PyObject *item = Py_BuildValue("(Oii)", PyTuple_GET_ITEM(self->field_names, span->field),
                                       span->start, span->end);
        if (item == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyTuple_SET_ITEM(out, j, item);
    }
    return out;
}

/* Per field, {key: the tokens it ends in} from the noted occurrences (None for a field without
 * any), each key's tokens in document order. */
static PyObject *
key_ends(CandidateIndex *self, Py_ssize_t n_fields)
{
    PyObject *out = PyList_New(n_fields);
    for (Py_ssize_t f = 0; out && f < n_fields; f++) {
        PyList_SET_ITEM(out, f, Py_NewRef(Py_None));
    }
    for (Py_ssize_t o = 0; out && o < self->n_occ; o++) {
        const Occurrence *at = &self->occ[o];
        PyObject *ends = PyList_GET_ITEM(out, at->field);
        if (ends == Py_None) {
            if ((ends = PyDict_New()) == NULL) {
                Py_CLEAR(out);
                break;
            }
            PyList_SetItem(out, at->field, ends); /* releases the None */
        }
        if (file_under(ends, PyTuple_GET_ITEM(self->key_names, at->key), at->end) < 0) {
            Py_CLEAR(out);
        }
    }
    return out;
}

/* The scan's result for candidates found[:n]: (rules for Python to evaluate, the key ends,
 * [(rule, evidence)] of the rules the kernel evaluated that hold, how many it evaluated). The
 * key ends are given only where some rule is left for Python (or the index has no programs):
 * nothing else reads them. */
static PyObject *
evaluate(CandidateIndex *self, Py_ssize_t n, Py_ssize_t n_fields)
{
    PyObject *python_rules = PyList_New(0), *matched = PyList_New(0);
    Py_ssize_t evaluated = 0;
    for (Py_ssize_t c = 0; python_rules && matched && c < n; c++) {
        int32_t r = self->found[c], root = self->programs[r];
        PyObject *item = NULL;
        int rc = 0;
        if (root < 0) {
            item = PyLong_FromLong(r);
            rc = item ? PyList_Append(python_rules, item) : -1;
        }
        else {
            evaluated++;
            int truth = node_truth(self, root);
            if (truth > 0) {
                item = Py_BuildValue("(iN)", r, rule_evidence(self, root));
                rc = item ? PyList_Append(matched, item) : -1;
            }
            rc = truth < 0 ? -1 : rc;
        }
        Py_XDECREF(item);
        if (rc < 0) {
            Py_CLEAR(python_rules);
        }
    }
    PyObject *ends = NULL;
    if (python_rules != NULL && matched != NULL) {
        if (PyList_GET_SIZE(python_rules) > 0 || self->n_nodes == 0) {
            ends = key_ends(self, n_fields);
        }
        else {
            ends = PyList_New(n_fields);
            for (Py_ssize_t f = 0; ends && f < n_fields; f++) {
                PyList_SET_ITEM(ends, f, Py_NewRef(Py_None));
            }
        }
    }
    if (ends == NULL) {
        Py_XDECREF(python_rules);
        Py_XDECREF(matched);
        return NULL;
    }
    return Py_BuildValue("(NNNn)", python_rules, ends, matched, evaluated);
}

static PyObject *
scan_snapshot(CandidateIndex *self, PyObject *fields)
{
    if (++self->stamp == 0) { /* wrapped after 2**32 documents: forget every old stamp */
        memset(self->key_seen, 0, sizeof(uint32_t) * (self->n_keys ? self->n_keys : 1));
        memset(self->rule_seen, 0, sizeof(uint32_t) * (self->n_rules ? self->n_rules : 1));
        memset(self->node_seen, 0, sizeof(uint32_t) * (self->n_nodes ? self->n_nodes : 1));
        self->stamp = 1;
    }
    const uint32_t stamp = self->stamp;
    const Py_ssize_t n_fields = PyTuple_GET_SIZE(fields);
    Py_ssize_t n_anchors = 0;
    Place base = {0, 0, 0};
    self->n_occ = 0;
    if (n_fields > PyTuple_GET_SIZE(self->field_names)) {
        PyErr_SetString(PyExc_ValueError, "scan(): more fields than the index was built for");
        return NULL;
    }
    for (Py_ssize_t f = 0; f < n_fields; f++) {
        PyObject *field = PyTuple_GET_ITEM(fields, f);
        base.field = f;
        if (scan_field(self, field, &base, &n_anchors) < 0) {
            return NULL;
        }
        /* units are numbered through the document, field after field (DocView.unit_bits) */
        base.sentence += 1 + PyTuple_GET_SIZE(PyTuple_GET_ITEM(field, 1));
        base.paragraph += 1 + PyTuple_GET_SIZE(PyTuple_GET_ITEM(field, 2));
    }
    Py_ssize_t n = 0;
    for (Py_ssize_t a = 0; a < n_anchors; a++) {
        int32_t k = self->anchors[a];
        for (int32_t j = self->direct_off[k]; j < self->direct_off[k + 1]; j++) {
            n = add_rule(self, self->direct[j], n);
        }
        for (int32_t e = self->second_off[k]; e < self->second_off[k + 1]; e++) {
            int32_t k2 = self->second_key[e];
            if (self->key_seen[k2] != stamp) {
                continue;
            }
            for (int32_t j = self->rules_off[e]; j < self->rules_off[e + 1]; j++) {
                int32_t r = self->rules[j];
                if (units_meet(self, r, k, k2)) {
                    n = add_rule(self, r, n);
                }
            }
        }
    }
    for (Py_ssize_t j = 0; j < self->n_always; j++) {
        n = add_rule(self, self->always[j], n);
    }
    return evaluate(self, n, n_fields);
}

/* Append `value` to the list filed under `key` in `out` (a new list if none). */
static int
file_under(PyObject *out, PyObject *key, Py_ssize_t value)
{
    PyObject *number = PyLong_FromSsize_t(value);
    if (number == NULL) {
        return -1;
    }
    PyObject *list = PyDict_GetItemWithError(out, key); /* borrowed */
    int rc;
    if (list != NULL) {
        rc = PyList_Append(list, number);
    }
    else if (PyErr_Occurred()) {
        rc = -1;
    }
    else {
        list = PyList_New(1);
        if (list == NULL) {
            rc = -1;
        }
        else {
            Py_INCREF(number);
            PyList_SET_ITEM(list, 0, number);
            rc = PyDict_SetItem(out, key, list);
            Py_DECREF(list);
        }
    }
    Py_DECREF(number);
    return rc;
}

/* A str's characters, read in place. */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t length;
} Text;

static inline Py_UCS4
at(const Text *t, Py_ssize_t i)
{
    return PyUnicode_READ(t->kind, t->data, i);
}

/* `obj` as a Text, or -1 (TypeError naming `what`) when it is not a str. */
static int
text_of(PyObject *obj, const char *what, Text *t)
{
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s takes a str", what);
        return -1;
    }
    if (PyUnicode_READY(obj) < 0) {
        return -1;
    }
    *t = (Text){PyUnicode_KIND(obj), PyUnicode_DATA(obj), PyUnicode_GET_LENGTH(obj)};
    return 0;
}

/* split_tokens(flat) -> (words, starts, ends): the whitespace-separated words of `flat` with
 * their offsets; what `flat.split()` gives, plus where each word starts and ends. */
static PyObject *
native_split_tokens(PyObject *module, PyObject *flat)
{
    Text t;
    if (text_of(flat, "split_tokens()", &t) < 0) {
        return NULL;
    }
    PyObject *words = PyList_New(0), *starts = PyList_New(0), *ends = PyList_New(0);
    if (words == NULL || starts == NULL || ends == NULL) {
        goto fail;
    }
    Py_ssize_t i = 0;
    while (i < t.length) {
        while (i < t.length && Py_UNICODE_ISSPACE(at(&t, i))) {
            i++;
        }
        if (i == t.length) {
            break;
        }
        Py_ssize_t start = i;
        while (i < t.length && !Py_UNICODE_ISSPACE(at(&t, i))) {
            i++;
        }
        PyObject *word = PyUnicode_Substring(flat, start, i);
        if (word == NULL) {
            goto fail;
        }
        int rc = PyList_Append(words, word);
        Py_DECREF(word);
        if (rc < 0) {
            goto fail;
        }
        PyObject *a = PyLong_FromSsize_t(start), *b = PyLong_FromSsize_t(i);
        rc = (a == NULL || b == NULL) ? -1 : 0;
        if (rc == 0) {
            rc = PyList_Append(starts, a) < 0 || PyList_Append(ends, b) < 0 ? -1 : 0;
        }
        Py_XDECREF(a);
        Py_XDECREF(b);
        if (rc < 0) {
            goto fail;
        }
    }
    return Py_BuildValue("(NNN)", words, starts, ends);
fail:
    Py_XDECREF(words);
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    return NULL;
}

/* ---- the rule-query lexer (parser.lex_py) ------------------------------------------------ */

static int
is_quote(Py_UCS4 c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB;
}

/* The kind of a non-space piece, as parser._kind gives it (a new reference). */
static PyObject *
piece_kind(PyObject *piece, const Text *t, Py_ssize_t start, Py_ssize_t end)
{
    Py_UCS4 first = at(t, start);
    Py_ssize_t n = end - start;
    const char *name = "term";
    if (first == '(' || first == ')') {
        name = first == '(' ? "(" : ")";
    }
    else if (is_quote(first)
             || (first == '=' && n > 1 && is_quote(at(t, start + 1)))) {
        name = "phrase";
    }
    else if (PyUnicode_CompareWithASCIIString(piece, "AND") == 0) {
        name = "and";
    }
    else if (PyUnicode_CompareWithASCIIString(piece, "OR") == 0) {
        name = "or";
    }
    else if (PyUnicode_CompareWithASCIIString(piece, "NOT") == 0) {
        name = "not";
    }
    else if (n >= 4 && at(t, start) == 'N'
             && at(t, start + 1) == 'E'
             && at(t, start + 2) == 'A'
             && at(t, start + 3) == 'R'
             && (n == 4 || at(t, start + 4) == '/')) {
        name = "near";
    }
    else if (first == '@') {
        name = "ref";
    }
    else {
        for (Py_ssize_t i = start; i < end; i++) {
            if (at(t, i) == ':') {
                name = "field";
                break;
            }
        }
    }
    return PyUnicode_InternFromString(name);
}

/* The end of the piece starting at `i` (the alternatives of parser._PIECES, in order). */
static Py_ssize_t
piece_end(const Text *t, Py_ssize_t i)
{
    Py_UCS4 c = at(t, i);
    if (Py_UNICODE_ISSPACE(c)) {
        while (i < t->length && Py_UNICODE_ISSPACE(at(t, i))) {
            i++;
        }
        return i;
    }
    if (c == '(' || c == ')') {
        return i + 1;
    }
    Py_ssize_t q = (c == '=' && i + 1 < t->length && is_quote(at(t, i + 1)))
                       ? i + 1 : i;
    if (is_quote(at(t, q))) { /* a phrase, closed or not */
        q++;
        while (q < t->length && !is_quote(at(t, q))) {
            q++;
        }
        return q < t->length ? q + 1 : q;
    }
    while (i < t->length) {
        c = at(t, i);
        if (Py_UNICODE_ISSPACE(c) || c == '(' || c == ')' || is_quote(c)) {
            break;
        }
        i++;
    }
    return i;
}

/* lex(query) -> [(kind, text, column), ..., ("end", "", column)], as parser.lex_py. */
static PyObject *
native_lex(PyObject *module, PyObject *query)
{
    Text t;
    if (text_of(query, "lex()", &t) < 0) {
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    Py_ssize_t i = 0;
    while (i < t.length) {
        Py_ssize_t end = piece_end(&t, i);
        if (!Py_UNICODE_ISSPACE(at(&t, i))) {
            PyObject *piece = PyUnicode_Substring(query, i, end);
            PyObject *name = piece ? piece_kind(piece, &t, i, end) : NULL;
            PyObject *tok = name ? Py_BuildValue("(NNn)", name, piece, i + 1) : NULL;
            if (tok == NULL) {
                if (name == NULL) {
                    Py_XDECREF(piece);
                }
                Py_DECREF(out);
                return NULL;
            }
            int rc = PyList_Append(out, tok);
            Py_DECREF(tok);
            if (rc < 0) {
                Py_DECREF(out);
                return NULL;
            }
        }
        i = end;
    }
    PyObject *tok = Py_BuildValue("(ssn)", "end", "", t.length + 1);
    if (tok == NULL || PyList_Append(out, tok) < 0) {
        Py_XDECREF(tok);
        Py_DECREF(out);
        return NULL;
    }
    Py_DECREF(tok);
    return out;
}

/* ---- sentence and paragraph breaks (normalize.breaks_py) ----------------------------------- */

/* The character `source` has where `text` has c (normalize._terminator_or_space). */
static inline Py_UCS4
source_char(Py_UCS4 c)
{
    if (c < 128) {
        return c;
    }
    if (c == 0x2026 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F) { /* … 。 ！ ？ */
        return '.';
    }
    if (c == 0x2019 || c == 0x02BC || c == 0x2018 || c == 0x201D || c == 0xBB) { /* ’ ʼ ‘ ” » */
        return '\'';
    }
    return ' ';
}

/* normalize._next_visible: the next visible character from `pos` ("" at the end: 0),
 * or '\n' when a blank line comes first. */
static Py_UCS4
next_visible(const Text *t, Py_ssize_t pos)
{
    Py_ssize_t i = pos;
    while (i < t->length && at(t, i) != '\n' && Py_UNICODE_ISSPACE(at(t, i))) {
        i++;
    }
    if (i < t->length && at(t, i) == '\n') {
        Py_ssize_t j = i + 1;
        while (j < t->length && at(t, j) != '\n' && Py_UNICODE_ISSPACE(at(t, j))) {
            j++;
        }
        if (j < t->length) { /* at(t, j) is '\n' or visible */
            if (at(t, j) == '\n') {
                return '\n';
            }
        }
    }
    while (i < t->length && Py_UNICODE_ISSPACE(at(t, i))) {
        i++;
    }
    return i < t->length ? at(t, i) : 0;
}

/* normalize._is_abbreviation: 1, 0, or -1 on error. */
static int
is_abbreviation(PyObject *text_obj, const Text *text, const Text *flat, Py_ssize_t dot,
                PyObject *abbreviations, PyObject *needs_digit)
{
    if ((dot >= 1 && at(flat, dot - 1) == 0x02) || at(flat, dot) == 0x02) {
        Py_UCS4 next = next_visible(text, dot + 1);
        return next != 0 && next != '\n';
    }
    Py_ssize_t start = dot;
    while (start > 0 && at(flat, start - 1) != ' ') {
        start--;
    }
    if (start == dot || !Py_UNICODE_ISALPHA(at(text, dot - 1))) {
        return 0;
    }
    if (dot - start == 1 && Py_UNICODE_ISUPPER(at(text, start))) {
        return 1; /* an initial: "Valery V. Gerasimov" */
    }
    PyObject *word = PyUnicode_Substring(text_obj, start, dot);
    PyObject *low = word ? PyObject_CallMethod(word, "lower", NULL) : NULL;
    Py_XDECREF(word);
    if (low == NULL) {
        return -1;
    }
    int found = PySet_Contains(abbreviations, low);
    int digit = found == 0 ? PySet_Contains(needs_digit, low) : 0;
    Py_DECREF(low);
    if (found != 0 || digit < 0) {
        return found != 0 ? found : -1;
    }
    Py_UCS4 next = 0; /* the first visible character of text[dot + 1:dot + 12] */
    for (Py_ssize_t i = dot + 1; i < dot + 12 && i < text->length; i++) {
        if (!Py_UNICODE_ISSPACE(at(text, i))) {
            next = at(text, i);
            break;
        }
    }
    if (next == 0) {
        return 0;
    }
    return digit ? Py_UNICODE_ISDIGIT(next) : Py_UNICODE_ISLOWER(next);
}

/* Append to `out` the token index that follows offset `off` (bisect_right over `starts`,
 * moving `*i` forward: offsets come in order), unless at either end or a repeat. */
static int
break_at(PyObject *starts, Py_ssize_t off, Py_ssize_t *i, PyObject *out)
{
    const Py_ssize_t n = PyTuple_GET_SIZE(starts);
    while (*i < n && PyLong_AsSsize_t(PyTuple_GET_ITEM(starts, *i)) <= off) {
        (*i)++;
    }
    if (PyErr_Occurred()) {
        return -1;
    }
    Py_ssize_t len = PyList_GET_SIZE(out);
    if (*i > 0 && *i < n
        && (len == 0 || PyLong_AsSsize_t(PyList_GET_ITEM(out, len - 1)) != *i)) {
        PyObject *index = PyLong_FromSsize_t(*i);
        int rc = index ? PyList_Append(out, index) : -1;
        Py_XDECREF(index);
        return rc;
    }
    return 0;
}

static PyObject *breaks_of(PyObject *text_obj, PyObject *flat_obj, PyObject *starts,
                           PyObject *abbreviations, PyObject *needs_digit);

/* breaks(text, flat, starts, abbreviations, needs_digit) -> (sentence starts, paragraph
 * starts), as normalize.breaks_py. */
static PyObject *
native_breaks(PyObject *module, PyObject *args)
{
    PyObject *text_obj, *flat_obj, *starts, *abbreviations, *needs_digit;
    PyObject *starts_list;
    if (!PyArg_ParseTuple(args, "UUO!O!O!:breaks", &text_obj, &flat_obj, &PyList_Type,
                          &starts_list, &PyFrozenSet_Type, &abbreviations, &PyFrozenSet_Type,
                          &needs_digit)) {
        return NULL;
    }
    if (!PyFrozenSet_CheckExact(abbreviations) || !PyFrozenSet_CheckExact(needs_digit)) {
        PyErr_SetString(PyExc_TypeError, "breaks: abbreviations must be frozensets of str");
        return NULL;
    }
    starts = PyList_AsTuple(starts_list); /* strong references; ints checked */
    if (starts == NULL) {
        return NULL;
    }
    for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(starts); j++) {
        if (!PyLong_Check(PyTuple_GET_ITEM(starts, j))) {
            PyErr_SetString(PyExc_TypeError, "breaks: starts must be ints");
            Py_DECREF(starts);
            return NULL;
        }
    }
    PyObject *result = breaks_of(text_obj, flat_obj, starts, abbreviations, needs_digit);
    Py_DECREF(starts);
    return result;
}

static PyObject *
breaks_of(PyObject *text_obj, PyObject *flat_obj, PyObject *starts, PyObject *abbreviations,
          PyObject *needs_digit)
{
    Text text, flat;
    if (text_of(text_obj, "breaks()", &text) < 0 || text_of(flat_obj, "breaks()", &flat) < 0) {
        return NULL;
    }
    if (flat.length != text.length) {
        PyErr_SetString(PyExc_ValueError, "breaks: flat must have one character per character");
        return NULL;
    }
    PyObject *sentences = PyList_New(0), *paragraphs = PyList_New(0);
    if (sentences == NULL || paragraphs == NULL) {
        goto fail;
    }
    Py_ssize_t i = 0; /* paragraph breaks: "\n", spaces or tabs, "\n"; or U+2029 */
    for (Py_ssize_t pos = 0; pos < text.length;) {
        Py_UCS4 c = at(&text, pos);
        Py_ssize_t end = -1;
        if (c == 0x2029) {
            end = pos + 1;
        }
        else if (c == '\n') {
            Py_ssize_t j = pos + 1;
            while (j < text.length && (at(&text, j) == ' ' || at(&text, j) == '\t'
                                       || at(&text, j) == '\r' || at(&text, j) == '\f'
                                       || at(&text, j) == '\v' || at(&text, j) == 0xA0)) {
                j++;
            }
            if (j < text.length && at(&text, j) == '\n') {
                end = j + 1;
            }
        }
        if (end < 0) {
            pos++;
            continue;
        }
        if (break_at(starts, pos, &i, paragraphs) < 0) {
            goto fail;
        }
        pos = end;
    }
    i = 0; /* sentence ends: . ! ? before white space, a quote, a bracket or the end */
    for (Py_ssize_t pos = 0; pos < text.length; pos++) {
        Py_UCS4 c = source_char(at(&text, pos));
        if (c != '.' && c != '!' && c != '?') {
            continue;
        }
        if (pos + 1 < text.length) {
            Py_UCS4 next = source_char(at(&text, pos + 1));
            if (!Py_UNICODE_ISSPACE(next) && next != '"' && next != '\'' && next != ')'
                && next != ']') {
                continue;
            }
        }
        if (c == '.' && !(pos >= 1 && source_char(at(&text, pos - 1)) == '.')) {
            int abbreviation = is_abbreviation(text_obj, &text, &flat, pos, abbreviations,
                                               needs_digit);
            if (abbreviation < 0) {
                goto fail;
            }
            if (abbreviation) {
                continue;
            }
        }
        if (break_at(starts, pos, &i, sentences) < 0) {
            goto fail;
        }
    }
    if (PyList_GET_SIZE(paragraphs) > 0) { /* every paragraph break is a sentence break */
        PyObject *merged = PyList_New(0);
        Py_ssize_t a = 0, b = 0, na = PyList_GET_SIZE(sentences), nb = PyList_GET_SIZE(paragraphs);
        while (merged != NULL && (a < na || b < nb)) {
            Py_ssize_t x = a < na ? PyLong_AsSsize_t(PyList_GET_ITEM(sentences, a)) : PY_SSIZE_T_MAX;
            Py_ssize_t y = b < nb ? PyLong_AsSsize_t(PyList_GET_ITEM(paragraphs, b)) : PY_SSIZE_T_MAX;
            PyObject *item = x <= y ? PyList_GET_ITEM(sentences, a) : PyList_GET_ITEM(paragraphs, b);
            a += x <= y;
            b += y <= x;
            if (PyList_Append(merged, item) < 0) {
                Py_CLEAR(merged);
            }
        }
        if (merged == NULL) {
            goto fail;
        }
        Py_SETREF(sentences, merged);
    }
    return Py_BuildValue("(NN)", sentences, paragraphs);
fail:
    Py_XDECREF(sentences);
    Py_XDECREF(paragraphs);
    return NULL;
}

static PyMethodDef module_methods[] = {
    {"breaks", native_breaks, METH_VARARGS,
     "breaks(text, flat, starts, abbreviations, needs_digit) -> (sentences, paragraphs)\n\n"
     "The token indexes that start a new sentence or paragraph (normalize.breaks_py)."},
    {"lex", native_lex, METH_O,
     "lex(query: str) -> list[tuple[str, str, int]]\n\nThe rule-query lexer (parser.lex_py)."},
    {"split_tokens", native_split_tokens, METH_O,
     "split_tokens(flat: str) -> tuple[list[str], list[int], list[int]]\n\n"
     "flat.split(), with each word's start and end offset."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef index_methods[] = {
    {"scan", (PyCFunction)index_scan, METH_O,
     "scan(fields: list[tuple]) -> tuple[list[int], list[dict | None], list[tuple], int]\n\n"
     "One document. Its candidates are the rules whose anchor key is present and, for a\n"
     "rule filed two-level, a second-clause key too (for a rule at a NEAR/s or NEAR/p\n"
     "root, the two in one sentence or paragraph). Returns: the candidates without a\n"
     "program, each once, for Python to evaluate; per field, the keys the rules have\n"
     "found in it, with the tokens they end in (or None), given only when some candidate\n"
     "is left for Python or the index has no programs; [(rule, evidence)] for the candidates with\n"
     "a program that hold, the evidence sorted (field name, first, last token) spans; and\n"
     "how many candidates were evaluated here. A field is (folded words, sentence starts,\n"
     "paragraph starts), in the order of the index's field names."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject CandidateIndexType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "monitor.rules.kernel._native.CandidateIndex",
    .tp_doc = PyDoc_STR("The anchor index of a compiled rule set, as flat int arrays."),
    .tp_basicsize = sizeof(CandidateIndex),
    .tp_itemsize = 0,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)index_init,
    .tp_dealloc = (destructor)index_dealloc,
    .tp_methods = index_methods,
};

static struct PyModuleDef native_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "monitor.rules.kernel._native",
    .m_doc = "C kernels of the rule matcher (optional: the pure-Python code is the fallback).",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
PyInit__native(void)
{
    if (PyType_Ready(&CandidateIndexType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&native_module);
    if (m == NULL) {
        return NULL;
    }
    /* the codes of rule programs and units, exported so that Python reads them from here
     * (kernel/codes.py holds the same values for the Python twin; a test compares them) */
    if (PyModule_AddIntConstant(m, "ABI", NATIVE_ABI) < 0
        || PyModule_AddIntConstant(m, "OP_LEAF", OP_LEAF) < 0
        || PyModule_AddIntConstant(m, "OP_AND", OP_AND) < 0
        || PyModule_AddIntConstant(m, "OP_OR", OP_OR) < 0
        || PyModule_AddIntConstant(m, "OP_NOT", OP_NOT) < 0
        || PyModule_AddIntConstant(m, "OP_NEAR", OP_NEAR) < 0
        || PyModule_AddIntConstant(m, "UNIT_NONE", UNIT_NONE) < 0
        || PyModule_AddIntConstant(m, "UNIT_SENTENCE", UNIT_SENTENCE) < 0
        || PyModule_AddIntConstant(m, "UNIT_PARAGRAPH", UNIT_PARAGRAPH) < 0
        || PyModule_AddIntConstant(m, "UNIT_WORDS", UNIT_WORDS) < 0
        || PyModule_AddObjectRef(m, "CandidateIndex", (PyObject *)&CandidateIndexType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
