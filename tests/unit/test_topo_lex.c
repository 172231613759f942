/* test_topo_lex.c: the topology tokenizer (lab/topo/topo_lex.c): words and
 * their positions, quotes, escapes, comments, continuations, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "topo/topo_lex.h"

/* Lex text; return the number of statements, fill st with the k-th. */
static int lex_nth(const char *text, int k, struct topo_stmt *st,
		   struct topo_error *err)
{
	struct topo_lexer lx;
	int n = 0, rc;

	topo_lex_init(&lx, "t.topo", text);
	while ((rc = topo_lex_next(&lx, st, err)) > 0) {
		if (n++ == k)
			return n;
	}
	return rc < 0 ? -1 : n;
}

static void test_words_and_positions(void **state)
{
	struct topo_stmt st = { 0 };
	struct topo_error err;

	(void)state;
	assert_int_equal(lex_nth("\n\n  node  server\t# c\n", 0, &st, &err), 1);
	assert_int_equal(st.n, 2);
	assert_string_equal(st.w[0].text, "node");
	assert_int_equal(st.w[0].line, 3);
	assert_int_equal(st.w[0].col, 3);
	assert_string_equal(st.w[1].text, "server");
	assert_int_equal(st.w[1].col, 9);
	assert_false(st.w[1].quoted);
	topo_stmt_free(&st);
}

static void test_statement_count(void **state)
{
	struct topo_stmt st = { 0 };
	struct topo_error err;

	(void)state;
	/* blank lines, comment-only lines and a missing final newline */
	assert_int_equal(lex_nth("# only\n\na\n  # x\nb c\n\n d", 99, &st, &err), 3);
	assert_int_equal(lex_nth("", 0, &st, &err), 0);
	assert_int_equal(lex_nth("   \n\t\n# nothing\n", 0, &st, &err), 0);
	topo_stmt_free(&st);
}

static void test_quotes(void **state)
{
	struct topo_stmt st = { 0 };
	struct topo_error err;

	(void)state;
	assert_int_equal(lex_nth("a 'b c' \"d # e\" \"x\\\"y\\\\z\" 'p\\q' \"\" f\n",
				 0, &st, &err), 1);
	assert_int_equal(st.n, 7);
	assert_string_equal(st.w[1].text, "b c");
	assert_true(st.w[1].quoted);
	assert_int_equal(st.w[1].col, 3);
	assert_string_equal(st.w[2].text, "d # e");
	assert_string_equal(st.w[3].text, "x\"y\\z");
	assert_string_equal(st.w[4].text, "p\\q");
	assert_string_equal(st.w[5].text, "");
	assert_string_equal(st.w[6].text, "f");
	topo_stmt_free(&st);
}

static void test_adjacent_parts(void **state)
{
	struct topo_stmt st = { 0 };
	struct topo_error err;

	(void)state;
	assert_int_equal(lex_nth("ab\"c d\"'e'f g\n", 0, &st, &err), 1);
	assert_int_equal(st.n, 2);
	assert_string_equal(st.w[0].text, "abc def");
	topo_stmt_free(&st);
}

static void test_comments(void **state)
{
	struct topo_stmt st = { 0 };
	struct topo_error err;

	(void)state;
	assert_int_equal(lex_nth("a b#c d\ne\n", 0, &st, &err), 1);
	assert_int_equal(st.n, 2);
	assert_string_equal(st.w[1].text, "b");
	/* a backslash at the end of a comment does not continue it */
	assert_int_equal(lex_nth("a # x \\\nb\n", 1, &st, &err), 2);
	assert_string_equal(st.w[0].text, "b");
	topo_stmt_free(&st);
}

static void test_continuation(void **state)
{
	struct topo_stmt st = { 0 };
	struct topo_error err;

	(void)state;
	assert_int_equal(lex_nth("a b \\\n   c\\\nd \"e\\\nf\"\ng\n", 0, &st, &err), 1);
	assert_int_equal(st.n, 4);
	assert_string_equal(st.w[2].text, "cd");
	assert_int_equal(st.w[2].line, 2);
	assert_int_equal(st.w[2].col, 4);
	assert_string_equal(st.w[3].text, "ef");
	assert_int_equal(st.w[3].line, 3);
	assert_int_equal(lex_nth("a b \\\n   c\\\nd \"e\\\nf\"\ng\n", 1, &st, &err), 2);
	assert_string_equal(st.w[0].text, "g");
	assert_int_equal(st.w[0].line, 5);
	/* a backslash elsewhere is an ordinary character */
	assert_int_equal(lex_nth("a\\b\n", 0, &st, &err), 1);
	assert_string_equal(st.w[0].text, "a\\b");
	topo_stmt_free(&st);
}

static void test_crlf(void **state)
{
	struct topo_stmt st = { 0 };
	struct topo_error err;

	(void)state;
	assert_int_equal(lex_nth("a b\r\nc\r\n", 1, &st, &err), 2);
	assert_int_equal(st.n, 1);
	assert_string_equal(st.w[0].text, "c");
	/* a continuation before CR LF, between words, in a word, in "..." */
	assert_int_equal(lex_nth("a \\\r\nb x\\\r\ny \"p\\\r\nq\"\r\nc\r\n", 0,
				 &st, &err), 1);
	assert_int_equal(st.n, 4);
	assert_string_equal(st.w[1].text, "b");
	assert_int_equal(st.w[1].line, 2);
	assert_string_equal(st.w[2].text, "xy");
	assert_string_equal(st.w[3].text, "pq");
	/* a CR alone inside quotes is a control character */
	assert_int_equal(lex_nth("'a\rb'\n", 0, &st, &err), -1);
	assert_int_equal(err.col, 3);
	topo_stmt_free(&st);
}

static void test_unterminated(void **state)
{
	struct topo_stmt st = { 0 };
	struct topo_error err;

	(void)state;
	assert_int_equal(lex_nth("ok\nservice 'iperf3 -s\nnext\n", 9, &st, &err), -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 9);
	assert_string_equal(err.msg,
			    "unterminated quote: ''iperf3 -s', expected a closing ' before the end of the line");
	assert_int_equal(lex_nth("x \"abc", 0, &st, &err), -1);
	assert_int_equal(err.col, 3);
	/* continued, then unterminated: the message quotes the first line */
	assert_int_equal(lex_nth("x \"abc \\\nd\ne\n", 0, &st, &err), -1);
	assert_int_equal(err.line, 1);
	assert_string_equal(err.msg,
			    "unterminated quote: '\"abc \\', expected a closing \" before the end of the line");
	topo_stmt_free(&st);
}

static void test_control_char(void **state)
{
	struct topo_stmt st = { 0 };
	struct topo_error err;

	(void)state;
	assert_int_equal(lex_nth("ab\x01 c\n", 0, &st, &err), -1);
	assert_int_equal(err.col, 3);
	assert_string_equal(err.msg,
			    "unexpected control character: '\\x01', expected text");
	assert_int_equal(lex_nth("'a\x7f'\n", 0, &st, &err), -1);
	/* in comments too: ESC and BEL would reach the terminal */
	assert_int_equal(lex_nth("a # x\x1b[2J\n", 0, &st, &err), -1);
	assert_int_equal(err.col, 6);
	assert_string_equal(err.msg,
			    "unexpected control character: '\\x1b', expected text");
	assert_int_equal(lex_nth("# \a\n", 0, &st, &err), -1);
	topo_stmt_free(&st);
}

static void test_split(void **state)
{
	struct topo_error err;
	char **argv = NULL;

	(void)state;
	assert_int_equal(topo_lex_split("f", 1, 1, "sh -c 'echo a b' \"x y\"",
					&argv, &err), 0);
	assert_string_equal(argv[0], "sh");
	assert_string_equal(argv[1], "-c");
	assert_string_equal(argv[2], "echo a b");
	assert_string_equal(argv[3], "x y");
	assert_null(argv[4]);
	topo_argv_free(argv);
	assert_int_equal(topo_lex_split("f", 4, 7, "  ", &argv, &err), -1);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.col, 7);
	assert_int_equal(topo_lex_split("f", 1, 1, "a 'b", &argv, &err), -1);
	assert_int_equal(topo_lex_split("f", 1, 1, "a\nb", &argv, &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_positions),
		cmocka_unit_test(test_statement_count),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_adjacent_parts),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_control_char),
		cmocka_unit_test(test_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
