/* topo_lex.c: topology file tokenizer (see topo_lex.h). */
#include "topo/topo_lex.h"
#include "topo/topo_int.h"

#include <stdlib.h>
#include <string.h>

void topo_lex_init(struct topo_lexer *lx, const char *file, const char *text)
{
	lx->file = file;
	lx->s = text;
	lx->pos = 0;
	lx->line = 1;
	lx->col = 1;
}

static int cur(const struct topo_lexer *lx)
{
	return (unsigned char)lx->s[lx->pos];
}

static int peek(const struct topo_lexer *lx)
{
	return lx->s[lx->pos] ? (unsigned char)lx->s[lx->pos + 1] : 0;
}

static void adv(struct topo_lexer *lx)
{
	if (lx->s[lx->pos] == '\n') {
		lx->line++;
		lx->col = 1;
	} else {
		lx->col++;
	}
	lx->pos++;
}

static bool is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Length of the line end at pos: 1 for LF, 2 for CR LF, 0 for none, so
 * that CRLF files continue lines and end quotes like LF files. */
static size_t eol_at(const struct topo_lexer *lx, size_t pos)
{
	if (lx->s[pos] == '\n')
		return 1;
	return lx->s[pos] == '\r' && lx->s[pos + 1] == '\n' ? 2 : 0;
}

/* A `\` right before the end of a line: skip both. */
static bool skip_continuation(struct topo_lexer *lx)
{
	size_t n;

	if (cur(lx) != '\\' || !(n = eol_at(lx, lx->pos + 1)))
		return false;
	for (size_t i = 0; i <= n; i++)
		adv(lx);
	return true;
}

/* A growable buffer for the word being read. */
struct wbuf {
	char *s;
	size_t n, cap;
};

static int wbuf_add(struct wbuf *b, char c)
{
	if (b->n + 1 >= b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		char *s = realloc(b->s, cap);

		if (!s)
			return -1;
		b->s = s;
		b->cap = cap;
	}
	b->s[b->n++] = c;
	b->s[b->n] = '\0';
	return 0;
}

static int bad_char(struct topo_lexer *lx, struct topo_error *err)
{
	return topo_errf(err, lx->file, lx->line, lx->col,
			 "unexpected control character: '\\x%02x', expected text",
			 cur(lx));
}

/* Outside quotes CR is a blank (callers test that first); inside quotes
 * only CR LF ends the line, and a lone CR would rewrite the terminal line
 * an error message is printed on, like ESC or BEL would. */
static bool is_ctrl(int c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

/* A quoted part starting at the quote under the cursor. */
static int read_quoted(struct topo_lexer *lx, struct wbuf *b,
		       struct topo_error *err)
{
	int q = cur(lx), line = lx->line, col = lx->col;
	size_t start = lx->pos;

	adv(lx);
	for (;;) {
		int c = cur(lx);

		if (c == q) {
			adv(lx);
			return 0;
		}
		if (c == '\0' || eol_at(lx, lx->pos)) {
			size_t len = strcspn(lx->s + start, "\r\n");

			/* the first line only: an error is one line */
			if (len > 60)
				len = 60;
			return topo_errf(err, lx->file, line, col,
					 "unterminated quote: '%.*s', expected a closing %c before the end of the line",
					 (int)len, lx->s + start, q);
		}
		if (is_ctrl(c))
			return bad_char(lx, err);
		if (q == '"' && skip_continuation(lx))
			continue;
		if (q == '"' && c == '\\' && (peek(lx) == '"' || peek(lx) == '\\')) {
			adv(lx);
			c = cur(lx);
		}
		if (wbuf_add(b, (char)c) < 0)
			return topo_errf(err, lx->file, lx->line, lx->col,
					 "out of memory");
		adv(lx);
	}
}

static int read_word(struct topo_lexer *lx, struct topo_word *w,
		     struct topo_error *err)
{
	struct wbuf b = { 0 };

	w->line = lx->line;
	w->col = lx->col;
	w->quoted = false;
	if (wbuf_add(&b, 'x') < 0)	/* an empty quoted word is a word */
		goto nomem;
	b.n = 0;
	b.s[0] = '\0';
	for (;;) {
		int c = cur(lx);

		if (c == '\0' || c == '\n' || c == '#' || is_blank(c))
			break;
		if (skip_continuation(lx))
			continue;
		if (c == '\'' || c == '"') {
			w->quoted = true;
			if (read_quoted(lx, &b, err) < 0)
				goto fail;
			continue;
		}
		if (is_ctrl(c)) {
			bad_char(lx, err);
			goto fail;
		}
		if (wbuf_add(&b, (char)c) < 0)
			goto nomem;
		adv(lx);
	}
	w->text = b.s;
	return 0;
nomem:
	topo_errf(err, lx->file, lx->line, lx->col, "out of memory");
fail:
	free(b.s);
	return -1;
}

static int stmt_add(struct topo_stmt *st, struct topo_word *w)
{
	if (st->n == st->cap) {
		int cap = st->cap ? st->cap * 2 : 16;
		struct topo_word *nw = realloc(st->w, cap * sizeof(*nw));

		if (!nw)
			return -1;
		st->w = nw;
		st->cap = cap;
	}
	st->w[st->n++] = *w;
	return 0;
}

/* Free the words' text, keep the array for reuse. */
static void stmt_clear(struct topo_stmt *st)
{
	for (int i = 0; i < st->n; i++)
		free(st->w[i].text);
	st->n = 0;
}

int topo_lex_next(struct topo_lexer *lx, struct topo_stmt *st,
		  struct topo_error *err)
{
	stmt_clear(st);
	for (;;) {
		int c = cur(lx);

		if (is_blank(c)) {
			adv(lx);
		} else if (skip_continuation(lx)) {
			continue;
		} else if (c == '#') {
			/* comments too: ESC in one would still reach a terminal
			 * through an editor or `cat` of the file */
			while (cur(lx) && cur(lx) != '\n') {
				if (is_ctrl(cur(lx)) && cur(lx) != '\r')
					return bad_char(lx, err);
				adv(lx);
			}
		} else if (c == '\n' || c == '\0') {
			if (c == '\n')
				adv(lx);
			if (st->n > 0)
				return 1;
			if (c == '\0')
				return 0;
		} else if (is_ctrl(c)) {
			return bad_char(lx, err);
		} else {
			struct topo_word w;

			if (read_word(lx, &w, err) < 0)
				return -1;
			if (stmt_add(st, &w) < 0) {
				free(w.text);
				return topo_errf(err, lx->file, w.line, w.col,
						 "out of memory");
			}
		}
	}
}

void topo_stmt_free(struct topo_stmt *st)
{
	stmt_clear(st);
	free(st->w);
	st->w = NULL;
	st->cap = 0;
}

void topo_argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **p = argv; *p; p++)
		free(*p);
	free(argv);
}

int topo_lex_split(const char *file, int line, int col, const char *s,
		   char ***argv, struct topo_error *err)
{
	struct topo_lexer lx;
	struct topo_stmt st = { 0 };
	char **v;
	int rc;

	topo_lex_init(&lx, file, s);
	lx.line = line;
	lx.col = col;
	rc = topo_lex_next(&lx, &st, err);
	if (rc < 0 && err) {
		/* positions inside a quoted word do not match the file's */
		err->line = line;
		err->col = col;
	}
	if (rc == 0) {
		topo_stmt_free(&st);
		return topo_errf(err, file, line, col,
				 "empty command: '%s', expected a command and its arguments", s);
	}
	if (rc < 0)
		goto fail;
	if (cur(&lx) != '\0') {
		topo_errf(err, file, line, col,
			  "command of several lines: '%s', expected one line", s);
		goto fail;
	}
	if (!st.w[0].text[0]) {
		topo_errf(err, file, line, col,
			  "empty command: '%s', expected a program name or path first", s);
		goto fail;
	}
	v = calloc(st.n + 1, sizeof(*v));
	if (!v) {
		topo_errf(err, file, line, col, "out of memory");
		goto fail;
	}
	for (int i = 0; i < st.n; i++) {
		v[i] = st.w[i].text;	/* moved */
		st.w[i].text = NULL;
	}
	st.n = 0;
	topo_stmt_free(&st);
	*argv = v;
	return 0;
fail:
	topo_stmt_free(&st);
	return -1;
}
