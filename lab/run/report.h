/* report.h: what a run did, and the one place that prints it.
 *
 * The run engine fills a struct report: one item per thing that can pass
 * or fail (the lab, each service's readiness, each step, each
 * expectation), with its time and, on failure or skip, a detail text
 * whose first line is the reason. The same items are printed four ways
 * from here, so the formats never disagree: human progress lines
 * (report_text.c), TAP version 13 with YAML blocks (report_text.c), one
 * JSON summary object (report_json.c, schema in docs/report-json.md),
 * JUnit XML (report_junit.c). Everything writes to a FILE the caller
 * gives (cmd_run.c), so tests print into memory. Text from outside (a
 * step's output) may hold any bytes: JSON and XML get valid UTF-8. */
#ifndef LAB_REPORT_H
#define LAB_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "topo/expect.h"
#include "util/features.h"

/* The version of the JSON document; raised only when a key changes
 * meaning or goes away (adding keys keeps it). docs/report-json.md. */
#define REPORT_JSON_SCHEMA 1

enum report_status { REPORT_PASS, REPORT_FAIL, REPORT_SKIP };

/* A run's verdict, in order of severity (a worse one wins). The command
 * line maps it to the process exit status; the engine knows no exit
 * statuses. */
enum verdict {
	VERDICT_PASS,		/* every expectation held */
	VERDICT_SKIP,		/* the kernel lacks a feature */
	VERDICT_FAIL,		/* an expectation or a step failed */
	VERDICT_ERROR,		/* setup or environment error, interrupted */
};
enum report_fmt { REPORT_HUMAN, REPORT_TAP, REPORT_JSON };

/* What an item is, for the JSON "kind" field and JUnit class names. */
enum report_kind {
	REPORT_SETUP,		/* lab up, feature check, monitors */
	REPORT_SERVICE,		/* a service became ready */
	REPORT_STEP,		/* run / wait / link */
	REPORT_EXPECT,		/* an event-count expectation */
	REPORT_TEARDOWN,	/* stopping services, connections closed */
	REPORT_ASSERT,		/* an `assert` line: throughput, intact, mib, share */
};

struct report_item {
	enum report_kind kind;
	enum report_status status;
	char name[192];
	double secs;
	char *detail;		/* owned, may be NULL; lines end in '\n' */
	bool error;		/* a FAIL that is an error of the setup, not a
				 * failed test (JUnit <error>) */
	char command[256];	/* REPORT_STEP run/wait: the command, or "" */
	/* REPORT_EXPECT only */
	char node[32];
	char event[32];
	long min, max;		/* expected count; max -1: no upper bound */
	long actual;
};

/* One monitored node's event counts, for the summary. */
struct report_node {
	char name[32];
	struct expect_counts counts;
};

struct report {
	char file[256];
	char lab[64];
	char run_dir[256];
	bool lab_kept;		/* the lab was left up (run --keep-lab) */
	enum verdict verdict;
	int exit_status;	/* the exit status the caller chose for the
				 * verdict: JSON's "exit" (report_end) */
	char reason[512];	/* why it failed early / was skipped, or "" */
	double secs;		/* whole run */
	double traffic_secs;	/* time spent in steps */
	/* Where and when: host, started (report_stamp()); kernel and its
	 * features (the engine's probe, util/features.h). */
	char host[256];
	time_t started;		/* 0: unknown */
	char kernel[65];	/* uname -r, "" before the probe */
	feature_mask features;	/* if features_known */
	bool features_known;
	struct report_item *items;
	int nitems, cap;
	struct report_node *nodes;
	int nnodes;
};

/* Fill host and started from the system now. */
void report_stamp(struct report *r);

/* Append an item (name printf-style); returns it, or NULL on ENOMEM. */
struct report_item *report_add(struct report *r, enum report_kind kind,
			       enum report_status st, double secs,
			       const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Append printf-style text to an item's detail. */
void report_detail(struct report_item *it, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void report_free(struct report *r);

/* Count items with status st. */
int report_count(const struct report *r, enum report_status st);

/* Items that failed as errors (it->error), and the run's error that no
 * item carries (interrupted, out of memory): 0 or 1. */
int report_errors(const struct report *r);
bool report_run_error(const struct report *r);

/* The first line of an item's detail (why it failed or was skipped),
 * into buf; "" if it has none. */
const char *report_reason(const struct report_item *it, char *buf,
			  size_t len);

/* "pass", "fail", "skip", "error". */
const char *report_verdict(enum verdict v);

/* "setup", "service", "step", "expect", "teardown"; "pass", "fail",
 * "skip". */
const char *report_kind_str(enum report_kind k);
const char *report_status_str(enum report_status st);

/* started as ISO 8601 in UTC: "2026-12-03T14:05:53Z" (zone true) or
 * without the zone (JUnit's form); "" if unknown. */
const char *report_time_str(const struct report *r, bool zone, char *buf,
			    size_t len);

/* Progress: called once before the first item, once per item as it is
 * added (index is 1-based), and once at the end. */
void report_begin(FILE *f, enum report_fmt fmt, const struct report *r);
void report_item_print(FILE *f, enum report_fmt fmt, const struct report *r,
		       int index);
void report_end(FILE *f, enum report_fmt fmt, const struct report *r);

/* The whole run as one JSON object on one line (report_json.c). */
void report_json(FILE *f, const struct report *r);

/* The whole run as JUnit XML, one testsuite (report_junit.c). */
void report_junit(FILE *f, const struct report *r);

#endif
