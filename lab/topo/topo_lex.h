/* topo_lex.h: the tokenizer of topology files (private to topo_*.c).
 *
 * Splits text into statements (logical lines) of words, following the
 * lexical rules of docs/topology.md: blanks separate words, a `\` before
 * the end of a line continues the statement on the next one, `#` outside
 * quotes starts a comment, '...' quotes literally, "..." quotes with \"
 * and \\ escapes. Every word keeps the line and column it started at. */
#ifndef LAB_TOPO_LEX_H
#define LAB_TOPO_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "topo/topo.h"

struct topo_word {
	char *text;
	int line;
	int col;
	bool quoted;		/* some part of it was quoted */
};

/* One statement: the words of one logical line. */
struct topo_stmt {
	struct topo_word *w;
	int n;
	int cap;
};

struct topo_lexer {
	const char *file;	/* for error messages */
	const char *s;
	size_t pos;
	int line;
	int col;
};

void topo_lex_init(struct topo_lexer *lx, const char *file, const char *text);

/* Read the next non-empty statement into st (cleared first).
 * Returns 1 if one was read, 0 at the end of the text, -1 with err filled
 * on a lexical error (unterminated quote, control character) or -ENOMEM
 * style failure (message "out of memory"). */
int topo_lex_next(struct topo_lexer *lx, struct topo_stmt *st,
		  struct topo_error *err);

void topo_stmt_free(struct topo_stmt *st);

/* Split one string into a NULL-terminated argv by the same rules (used for
 * "ready cmd 'COMMAND'"). Returns 0, or -1 with err filled (positions are
 * relative to line/col given, the location of the string's word). A
 * string of several lines or with no words is an error too. */
int topo_lex_split(const char *file, int line, int col, const char *s,
		   char ***argv, struct topo_error *err);

void topo_argv_free(char **argv);

#endif
