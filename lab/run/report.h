/* report.h: what a run did, and the one place that prints it.
 *
 * The run engine fills a struct report: one item per thing that can pass
 * or fail (the lab, each service's readiness, each step, each
 * expectation), with its time and, on failure, a detail text. The same
 * items are printed four ways from here, so the formats never disagree:
 * human progress lines, TAP version 13 (as the kernel selftests print),
 * one JSON summary object, JUnit XML. Everything writes to a FILE the
 * caller gives (cmd_run.c), so tests print into memory. */
#ifndef LAB_REPORT_H
#define LAB_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "topo/expect.h"
#include "util/features.h"

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
};

struct report_item {
	enum report_kind kind;
	enum report_status status;
	char name[192];
	double secs;
	char *detail;		/* owned, may be NULL; lines end in '\n' */
	/* REPORT_EXPECT only */
	char node[32];
	char event[32];
	char expected[32];
	long actual;
};

/* One monitored node's event counts, for the summary. */
struct report_node {
	char name[32];
	struct expect_counts counts;
	long orphan_closed;	/* CLOSED without CREATED: not in counts */
};

struct report {
	char file[256];
	char lab[64];
	char run_dir[256];
	enum verdict verdict;
	int exit_status;	/* the exit status the caller chose for the
				 * verdict: JSON's "exit" (report_end) */
	char reason[512];	/* why it failed early / was skipped, or "" */
	double secs;		/* whole run */
	double traffic_secs;	/* time spent in steps */
	char kernel[65];	/* uname -r, "" before the probe */
	feature_mask features;	/* util/features.h, if features_known */
	bool features_known;
	struct report_item *items;
	int nitems, cap;
	struct report_node *nodes;
	int nnodes;
};

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

/* "pass", "fail", "skip", "error". */
const char *report_verdict(enum verdict v);

/* Progress: called once before the first item, once per item as it is
 * added (index is 1-based), and once at the end. */
void report_begin(FILE *f, enum report_fmt fmt, const struct report *r);
void report_item_print(FILE *f, enum report_fmt fmt, const struct report *r,
		       int index);
void report_end(FILE *f, enum report_fmt fmt, const struct report *r);

/* The whole run as JUnit XML (one testsuite). */
void report_junit(FILE *f, const struct report *r);

/* Write s as a JSON string / XML text (escaped). */
void report_json_str(FILE *f, const char *s);
void report_xml_str(FILE *f, const char *s);

#endif
