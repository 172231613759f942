/* test_graph.c: topology -> Graphviz DOT (lab/topo/graph.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "topo/graph.h"

static char *dot_of(const char *name, const char *text)
{
	struct topo_error err;
	struct topo *t = topo_parse_string(name, text, &err);
	char *dot;

	assert_non_null(t);
	assert_int_equal(topo_check(t, &err), 0);
	dot = graph_dot(t);
	topo_free(t);
	assert_non_null(dot);
	return dot;
}

static void test_nodes_networks_edges(void **state)
{
	char *dot = dot_of("x.topo",
			   "node s\n mptcp limits subflows 2\n"
			   " mptcp endpoint 10.1.0.2 dev e1 id 5 port 99 signal backup\n"
			   " bridge br0 e2\n"
			   "node c\n mptcp limits add_addr_accepted 1\n"
			   "network A 10.0.0.0/24 fd00::/64\n s e0 .2 ::2\n c e0 .3\n"
			   "network B 10.1.0.0/24\n s e1 .2\n c e1\n"
			   "network C 10.2.0.0/24\n s e2 .2\n");

	(void)state;
	assert_non_null(strstr(dot, "graph \"x\" {\n"));
	assert_non_null(strstr(dot, "\t\"node:s\" [shape=box, style=rounded, label=\"s\\nbridge br0: e2\\n"
				    "limits subflows 2\\nendpoint 10.1.0.2 dev e1 id 5 port 99 signal backup\"];\n"));
	assert_non_null(strstr(dot, "label=\"c\\nlimits add_addr_accepted 1\"]"));
	assert_non_null(strstr(dot, "\t\"net:A\" [shape=ellipse, style=filled, fillcolor=\"#e8eef7\", label=\"A\\n10.0.0.0/24\\nfd00::/64\"];\n"));
	assert_non_null(strstr(dot, "\t\"node:s\" -- \"net:A\" [label=\"e0\\n10.0.0.2/24\\nfd00::2/64\"];\n"));
	assert_non_null(strstr(dot, "\t\"node:c\" -- \"net:B\" [label=\"e1\"];\n"));
	assert_string_equal(dot + strlen(dot) - 2, "}\n");
	free(dot);
}

static void test_quoting(void **state)
{
	char *dot = dot_of("dir/we\"ird\\.topo", "node a\n");

	(void)state;
	assert_non_null(strstr(dot, "graph \"we\\\"ird\\\\\" {"));
	free(dot);
}

static void test_empty(void **state)
{
	char *dot = dot_of("e.topo", "# nothing\n");

	(void)state;
	assert_string_equal(dot, "graph \"e\" {\n\tgraph [rankdir=LR];\n"
				 "\tnode [fontname=\"Helvetica\", fontsize=11];\n"
				 "\tedge [fontname=\"Helvetica\", fontsize=9];\n}\n");
	free(dot);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nodes_networks_edges),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
