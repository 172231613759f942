/* json.h: the lab's small layer over libjansson, for every JSON it writes
 * (run --json, status --json, monitor --json) and reads (iperf3 -J).
 *
 * Writing: build a json_t with jansson and these helpers, then print it
 * with json_print(); a string from outside goes through json_text(), so
 * bytes that are not UTF-8 become U+FFFD instead of breaking the
 * document. Reading: json_load_path() parses a file (an iperf3 -J
 * output, say) and json_path_number() picks one number out of it:
 *
 *     json_t *j = json_load_path("step-01.stdout", &e);
 *     double bps;
 *     if (j && json_path_number(j, "end.sum_received.bits_per_second",
 *                               &bps) == 0) ...
 *     json_decref(j);
 */
#ifndef LAB_JSON_H
#define LAB_JSON_H

#include <jansson.h>
#include <stdio.h>

#include "util/err.h"

/* A JSON string of s with invalid UTF-8 replaced by U+FFFD; s NULL gives
 * null. NULL only when out of memory. */
json_t *json_text(const char *s);

/* s, or null when s is NULL or "": for optional text. */
json_t *json_text_or_null(const char *s);

/* A number of seconds rounded to milliseconds (what the reports show). */
json_t *json_secs(double secs);

/* Set key of obj to v, taking v's reference (v NULL: null). Returns 0 or
 * -ENOMEM. */
int json_put(json_t *obj, const char *key, json_t *v);

/* Print j on one line and a newline, and flush. 0 or -EIO. */
int json_print(FILE *f, const json_t *j);

/* Parse the file at path; NULL with e filled ("PATH:LINE:COL: what"). */
json_t *json_load_path(const char *path, struct lab_err *e);

/* Parse text; NULL with e filled. */
json_t *json_load_text(const char *text, struct lab_err *e);

/* The value at a dotted path ("end.streams.0.sender.bytes": object keys,
 * array indexes), or NULL if some part is missing. Borrowed reference. */
json_t *json_path(const json_t *root, const char *path);

/* The number at path (integer or real) into *out: 0, or -ENOENT if the
 * path is missing, -EINVAL if the value is not a number. */
int json_path_number(const json_t *root, const char *path, double *out);

#endif
