/* report_json.c: a run as one JSON object (see report.h), written with
 * libjansson. The keys and their meaning are docs/report-json.md, schema
 * REPORT_JSON_SCHEMA: every key is always there, null when it does not
 * apply or is not known. */
#include "run/report.h"

#include "util/event_names.h"
#include "util/json.h"

/* {"CREATED":2,...}: every event type seen, by name. (Node names and
 * event names are ASCII: the parser allows nothing else.) */
static json_t *json_counts(const struct expect_counts *c)
{
	json_t *o = json_object();
	char buf[32];

	for (int ev = 0; o && ev < EXPECT_NEV; ev++) {
		if (!c->n[ev])
			continue;
		json_put(o, ev == EXPECT_OTHER ? "OTHER" :
			 expect_event_str(ev, buf, sizeof(buf)),
			 json_integer(c->n[ev]));
	}
	return o;
}

static json_t *json_events(const struct report *r)
{
	json_t *o = json_object();

	for (int i = 0; o && i < r->nnodes; i++)
		json_put(o, r->nodes[i].name, json_counts(&r->nodes[i].counts));
	return o;
}

/* {"mptcp":true,...,"netem":false}: every feature the lab knows, or null
 * if the probe did not run. */
static json_t *json_features(const struct report *r)
{
	json_t *o;

	if (!r->features_known)
		return json_null();
	o = json_object();
	for (int f = 0; o && f < FEAT_COUNT; f++)
		json_put(o, feature_name(f),
			 json_boolean(r->features & FEATURE_BIT(f)));
	return o;
}

static json_t *json_expected(const struct report_item *it)
{
	if (it->kind != REPORT_EXPECT)
		return json_null();
	return json_pack("{s:I,s:o}", "min", (json_int_t)it->min, "max",
			 it->max < 0 ? json_null() : json_integer(it->max));
}

static json_t *json_item(const struct report_item *it)
{
	bool expect = it->kind == REPORT_EXPECT;
	char why[256];
	json_t *o = json_object();

	if (!o)
		return NULL;
	json_put(o, "kind", json_string(report_kind_str(it->kind)));
	json_put(o, "name", json_text(it->name));
	json_put(o, "result", json_string(report_status_str(it->status)));
	json_put(o, "error", json_boolean(it->status == REPORT_FAIL && it->error));
	json_put(o, "seconds", json_secs(it->secs));
	json_put(o, "reason", it->status == REPORT_PASS ? json_null() :
		 json_text_or_null(report_reason(it, why, sizeof(why))));
	json_put(o, "detail", json_text_or_null(it->detail));
	json_put(o, "command", json_text_or_null(it->command));
	json_put(o, "node", expect ? json_text(it->node) : json_null());
	json_put(o, "event", expect ? json_text(it->event) : json_null());
	json_put(o, "expected", json_expected(it));
	json_put(o, "actual", expect ? json_integer(it->actual) : json_null());
	return o;
}

static json_t *json_tests(const struct report *r)
{
	json_t *a = json_array();

	for (int i = 0; a && i < r->nitems; i++)
		json_array_append_new(a, json_item(&r->items[i]));
	return a;
}

/* Where and when the run happened, and with what. */
static void json_head(json_t *o, const struct report *r)
{
	char when[32];

	json_put(o, "schema", json_integer(REPORT_JSON_SCHEMA));
	json_put(o, "tool", json_string("mptcp-lab"));
	json_put(o, "tool_version", json_string(VERSION));
	json_put(o, "hostname", json_text_or_null(r->host));
	json_put(o, "kernel_release", json_text_or_null(r->kernel));
	json_put(o, "kernel_features", json_features(r));
	json_put(o, "started",
		 json_text_or_null(report_time_str(r, true, when, sizeof(when))));
}

void report_json(FILE *f, const struct report *r)
{
	json_t *o = json_object();

	if (!o)
		return;
	json_head(o, r);
	json_put(o, "file", json_text(r->file));
	json_put(o, "lab", json_text_or_null(r->lab));
	json_put(o, "result", json_string(report_verdict(r->verdict)));
	json_put(o, "exit", json_integer(r->exit_status));
	json_put(o, "reason", json_text_or_null(r->reason));
	json_put(o, "seconds", json_secs(r->secs));
	json_put(o, "step_seconds", json_secs(r->traffic_secs));
	json_put(o, "passed", json_integer(report_count(r, REPORT_PASS)));
	json_put(o, "failed", json_integer(report_count(r, REPORT_FAIL)));
	json_put(o, "skipped", json_integer(report_count(r, REPORT_SKIP)));
	json_put(o, "errors", json_integer(report_errors(r)));
	json_put(o, "run_dir", json_text_or_null(r->run_dir));
	json_put(o, "events", json_events(r));
	json_put(o, "tests", json_tests(r));
	json_print(f, o);
	json_decref(o);
}
