/* json.c: writing and reading JSON with libjansson (see json.h). */
#include "util/json.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

json_t *json_text(const char *s)
{
	char *clean;
	json_t *j;

	if (!s)
		return json_null();
	clean = utf8_clean(s, false);
	if (!clean)
		return NULL;
	j = json_string(clean);
	free(clean);
	return j;
}

json_t *json_text_or_null(const char *s)
{
	return s && *s ? json_text(s) : json_null();
}

json_t *json_secs(double secs)
{
	return json_real(round(secs * 1000) / 1000);
}

int json_put(json_t *obj, const char *key, json_t *v)
{
	if (!v)
		v = json_null();
	return json_object_set_new(obj, key, v) < 0 ? -ENOMEM : 0;
}

int json_print(FILE *f, const json_t *j)
{
	/* 10 significant digits print 2.128 as 2.128, not 2.1280000000000001. */
	if (json_dumpf(j, f, JSON_COMPACT | JSON_REAL_PRECISION(10)) < 0 ||
	    fputc('\n', f) == EOF || fflush(f) == EOF)
		return -EIO;
	return 0;
}

json_t *json_load_path(const char *path, struct lab_err *e)
{
	json_error_t je;
	json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &je);

	if (!j)
		lab_errf(e, -EINVAL, "%s:%d:%d: %s", path, je.line, je.column,
			 je.text);
	return j;
}

json_t *json_load_text(const char *text, struct lab_err *e)
{
	json_error_t je;
	json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &je);

	if (!j)
		lab_errf(e, -EINVAL, "line %d, column %d: %s", je.line,
			 je.column, je.text);
	return j;
}

json_t *json_path(const json_t *root, const char *path)
{
	const json_t *cur = root;
	const char *p = path;

	while (cur && *p) {
		size_t n = strcspn(p, ".");
		char key[128];
		char *end;

		if (n == 0 || n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		if (json_is_array(cur)) {
			unsigned long i = strtoul(key, &end, 10);

			cur = *end ? NULL : json_array_get(cur, i);
		} else {
			cur = json_object_get(cur, key);
		}
		p += n + (p[n] == '.');
	}
	return (json_t *)cur;
}

int json_path_number(const json_t *root, const char *path, double *out)
{
	json_t *v = json_path(root, path);

	if (!v)
		return -ENOENT;
	if (!json_is_number(v))
		return -EINVAL;
	*out = json_number_value(v);
	return 0;
}
