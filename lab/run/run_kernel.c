/* run_kernel.c: the kernel features a topology needs (see run_kernel.h). */
#include "run/run_kernel.h"

#include <string.h>

#include "kernel/kfeat.h"

/* The file's distinct sysctl keys, at most KFEAT_SYSCTL_MAX. */
static int sysctl_keys(const struct topo *t, const char **keys)
{
	int n = 0;

	for (int i = 0; i < t->nsysctls && n < KFEAT_SYSCTL_MAX; i++) {
		int j = 0;

		while (j < n && strcmp(keys[j], t->sysctls[i].key))
			j++;
		if (j == n)
			keys[n++] = t->sysctls[i].key;
	}
	return n;
}

/* "sysctl net.mptcp.close_timeout, sysctl ..." for the keys missing. */
static void missing_keys(const struct kfeat_set *s, const char **keys,
			 int n, char *buf, size_t len)
{
	size_t k = strlen(buf);

	for (int i = 0; i < n && k < len; i++)
		if (!s->sysctl_ok[i])
			k += snprintf(buf + k, len - k, "%ssysctl %s",
				      k ? ", " : "", keys[i]);
}

static void features_item(struct run *r)
{
	char have[512], lacks[512];
	feature_mask all = (feature_mask)-1 >> (32 - FEAT_COUNT);
	struct report_item *it;

	feature_list(r->feat.present, have, sizeof(have));
	feature_list(all & ~r->feat.present, lacks, sizeof(lacks));
	it = run_item(r, REPORT_SETUP, REPORT_PASS, 0, "kernel %s%s%s",
		      r->feat.release, lacks[0] ? ", lacks " : "", lacks);
	if (it)
		report_detail(it, "features: %s\n", have);
	run_item_done(r);
}

int run_kernel_check(struct run *r)
{
	const char *keys[KFEAT_SYSCTL_MAX];
	int n = sysctl_keys(r->t, keys);
	char missing[768] = "";
	struct lab_err e = { 0 };

	if (kfeat_probe(keys, n, &r->feat, &e) < 0) {
		run_setup_failed(r, "kernel features", 0, &e);
		return -1;
	}
	r->feat_known = true;
	snprintf(r->rep->kernel, sizeof(r->rep->kernel), "%s", r->feat.release);
	r->rep->features = r->feat.present;
	r->rep->features_known = true;
	features_item(r);
	feature_list(r->t->requires & ~r->feat.present, missing,
		     sizeof(missing));
	missing_keys(&r->feat, keys, n, missing, sizeof(missing));
	if (!missing[0])
		return 0;
	char why[900];

	snprintf(why, sizeof(why), "the kernel lacks %s", missing);
	run_skip(r, "kernel features the file needs", why);
	return -1;
}
