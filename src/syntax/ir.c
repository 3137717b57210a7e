/* The execution IR reader (see ir.h): recursive descent over the lexer's
 * tokens.  Each function's comment gives the rule of CPython's
 * Grammar/python.gram it reads (simplified where the IR does not need the
 * distinction).  A syntax error or a nesting bound longjmps out of the
 * whole parse: everything allocated lives in the arena or in the scratch
 * stacks released by ir_file_parse. */
#include "syntax/ir.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/vec.h"
#include "syntax/lex.h"

enum { MAX_DEPTH = 200 };

/* A growable array in the parse arena: nothing to free on a longjmp. */
#define AVEC(T) struct { T *ptr; size_t len, cap; }
#define apush(p, v, x) \
	(agrow_((p), (void **)&(v)->ptr, &(v)->cap, (v)->len + 1, sizeof(*(v)->ptr)), \
	 (v)->ptr[(v)->len++] = (x))

/* The names bound in one function body being read. */
struct scope {
	AVEC(struct slice) locals;
	AVEC(struct slice) globals;
	bool generator;
	bool is_class; /* a class body: records nothing for its function */
};

struct p {
	struct lexer *lx;
	const struct lex_token *t;
	size_t n, i;
	struct arena *A;
	int depth;
	jmp_buf fail;
	uint32_t err_line;
	const char *err_msg;
	VEC(void *) stack;       /* scratch for building arrays */
	VEC(struct scope *) scopes;
	bool future_annotations;
	struct buf sbuf;
};

/* ---- tokens --------------------------------------------------------------- */

static inline enum lex_kind K(const struct p *p) { return (enum lex_kind)p->t[p->i].kind; }
static inline enum lex_kind KA(const struct p *p, size_t k)
{
	return p->i + k < p->n ? (enum lex_kind)p->t[p->i + k].kind : TK_ENDMARKER;
}
static inline struct slice TXT(const struct p *p, size_t j) { return lex_text(p->lx, &p->t[j]); }
static inline uint32_t LINE(const struct p *p, size_t j) { return lex_line(p->lx, p->t[j].start); }
static inline bool is_soft(const struct p *p, size_t j, const char *w)
{
	return j < p->n && p->t[j].kind == TK_NAME && slice_eq_cstr(TXT(p, j), w);
}

__attribute__((noreturn)) static void fail(struct p *p, const char *msg)
{
	p->err_line = p->i < p->n ? LINE(p, p->i) : 0;
	p->err_msg = msg;
	longjmp(p->fail, 1);
}

static void expect(struct p *p, enum lex_kind k)
{
	if (K(p) != k)
		fail(p, "invalid syntax");
	p->i++;
}

static bool accept(struct p *p, enum lex_kind k)
{
	if (K(p) != k)
		return false;
	p->i++;
	return true;
}

static void enter(struct p *p)
{
	if (++p->depth > MAX_DEPTH)
		fail(p, "too deeply nested (more than 200 levels)");
}

/* ---- arena helpers -------------------------------------------------------- */

static void agrow_(struct p *p, void **ptr, size_t *cap, size_t need, size_t el)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap * 2 : 4;
	void *n = arena_alloc(p->A, c * el);
	if (*cap)
		memcpy(n, *ptr, *cap * el);
	*ptr = n;
	*cap = c;
}

static struct slice dup(struct p *p, struct slice s)
{
	return arena_slice(p->A, s);
}

static size_t mark(struct p *p) { return p->stack.len; }

static void push(struct p *p, void *x) { vec_push(&p->stack, x); }

/* Moves the pointers pushed since base into an arena array. */
static void **take(struct p *p, size_t base, uint32_t *n)
{
	size_t k = p->stack.len - base;
	*n = (uint32_t)k;
	void **a = NULL;
	if (k) {
		a = arena_alloc(p->A, k * sizeof(void *));
		memcpy(a, p->stack.ptr + base, k * sizeof(void *));
	}
	p->stack.len = base;
	return a;
}

static struct ir_expr *node(struct p *p, enum ir_expr_kind kind, size_t tok)
{
	struct ir_expr *e = ARENA_NEW(p->A, struct ir_expr);
	e->kind = (uint8_t)kind;
	e->line = LINE(p, tok < p->n ? tok : p->n - 1);
	return e;
}

static struct scope *fscope(struct p *p)
{
	if (!p->scopes.len)
		return NULL;
	struct scope *s = *vec_last(&p->scopes);
	return s->is_class ? NULL : s;
}

static void bind_name(struct p *p, struct slice name)
{
	struct scope *s = fscope(p);
	if (s)
		apush(p, &s->locals, name);
}

/* Records the names a target expression binds in the current function. */
static void bind_target(struct p *p, const struct ir_expr *t)
{
	if (!t)
		return;
	switch (t->kind) {
	case IR_NAME:
		bind_name(p, t->name);
		break;
	case IR_TUPLE:
		for (uint32_t i = 0; i < t->nargs; i++)
			bind_target(p, t->args[i]);
		break;
	case IR_STARRED:
		bind_target(p, t->a);
		break;
	default:
		break;
	}
}

/* ---- strings and numbers -------------------------------------------------- */

/* Decodes one plain string literal's value into p->sbuf; false for bytes,
 * f/t-strings and escapes other than the simple ones. */
static bool string_piece(struct p *p, size_t j, bool *fstr)
{
	const struct lex_token *t = &p->t[j];
	struct slice s = TXT(p, j);
	if (t->flags & (LEX_STR_F | LEX_STR_T)) {
		*fstr = true;
		return false;
	}
	if (t->flags & LEX_STR_BYTES)
		return false;
	size_t k = 0;
	while (k < s.len && s.ptr[k] != '\'' && s.ptr[k] != '"')
		k++;
	size_t q = (t->flags & LEX_STR_TRIPLE) ? 3 : 1;
	if (s.len < k + 2 * q)
		return false;
	const char *c = s.ptr + k + q, *end = s.ptr + s.len - q;
	bool raw = (t->flags & LEX_STR_RAW) != 0;
	for (; c < end; c++) {
		if (*c != '\\' || raw) {
			buf_addc(&p->sbuf, *c);
			continue;
		}
		c++;
		if (c >= end)
			return false;
		switch (*c) {
		case '\\': buf_addc(&p->sbuf, '\\'); break;
		case '\'': buf_addc(&p->sbuf, '\''); break;
		case '"': buf_addc(&p->sbuf, '"'); break;
		case 'n': buf_addc(&p->sbuf, '\n'); break;
		case 't': buf_addc(&p->sbuf, '\t'); break;
		case '\n': break;
		default: return false;
		}
	}
	return true;
}

/* STRING+ (implicit concatenation). */
static struct ir_expr *strings(struct p *p)
{
	size_t at = p->i;
	bool known = true, fstr = false;
	buf_clear(&p->sbuf);
	while (K(p) == TK_STRING) {
		if (known && !string_piece(p, p->i, &fstr))
			known = false;
		p->i++;
	}
	struct ir_expr *e = node(p, fstr ? IR_OTHER : IR_CONST, at);
	if (!fstr) {
		e->cval = known ? IR_C_STR : IR_C_OTHER;
		if (known) {
			e->str_known = true;
			e->name = dup(p, buf_slice(&p->sbuf));
		}
	}
	return e;
}

static struct ir_expr *number(struct p *p)
{
	struct ir_expr *e = node(p, IR_CONST, p->i);
	struct slice s = TXT(p, p->i++);
	long long v = 0;
	bool ok = s.len > 0 && s.len < 18;
	for (size_t k = 0; ok && k < s.len; k++) {
		if (s.ptr[k] == '_')
			continue;
		if (s.ptr[k] < '0' || s.ptr[k] > '9' || (k == 0 && s.ptr[k] == '0' && s.len > 1))
			ok = false;
		else
			v = v * 10 + (s.ptr[k] - '0');
	}
	e->cval = ok ? IR_C_INT : IR_C_OTHER;
	e->ival = v;
	return e;
}

/* ---- expressions ---------------------------------------------------------- */

static struct ir_expr *expression(struct p *p);
static struct ir_expr *named_expression(struct p *p);
static struct ir_expr *star_expressions(struct p *p);
static struct ir_expr *disjunction(struct p *p);
static struct ir_expr *bitor(struct p *p);
static struct ir_expr *yield_expr(struct p *p);

static struct ir_expr *other(struct p *p, size_t at, size_t base)
{
	struct ir_expr *e = node(p, IR_OTHER, at);
	e->args = (struct ir_expr **)take(p, base, &e->nargs);
	return e;
}

/* for_if_clauses: ('async'? 'for' star_targets 'in' disjunction ('if' disjunction)*)+
 * The element expressions have been pushed since base already. */
static struct ir_expr *comprehension(struct p *p, size_t at, size_t base)
{
	AVEC(struct slice) names = { 0 };
	while (K(p) == TK_KW_FOR || (K(p) == TK_KW_ASYNC && KA(p, 1) == TK_KW_FOR)) {
		accept(p, TK_KW_ASYNC);
		expect(p, TK_KW_FOR);
		for (;;) {
			accept(p, TK_STAR);
			struct ir_expr *t = bitor(p);
			/* collect NAMEs of the target */
			AVEC(const struct ir_expr *) todo = { 0 };
			apush(p, &todo, t);
			while (todo.len) {
				const struct ir_expr *x = todo.ptr[--todo.len];
				if (x->kind == IR_NAME)
					apush(p, &names, x->name);
				else if (x->kind == IR_TUPLE)
					for (uint32_t k = 0; k < x->nargs; k++)
						apush(p, &todo, x->args[k]);
				else if (x->kind == IR_STARRED)
					apush(p, &todo, x->a);
				else
					push(p, (void *)x); /* attribute/subscript targets are evaluated */
			}
			if (!accept(p, TK_COMMA) || K(p) == TK_KW_IN)
				break;
		}
		expect(p, TK_KW_IN);
		push(p, disjunction(p));
		while (accept(p, TK_KW_IF))
			push(p, disjunction(p));
	}
	struct ir_expr *e = node(p, IR_COMP, at);
	e->args = (struct ir_expr **)take(p, base, &e->nargs);
	e->nlocals = (uint32_t)names.len;
	if (names.len) {
		struct slice *l = ARENA_ARRAY(p->A, struct slice, names.len);
		memcpy(l, names.ptr, names.len * sizeof(*l));
		e->locals = l;
	}
	return e;
}

static bool starts_comp(const struct p *p)
{
	return K(p) == TK_KW_FOR || (K(p) == TK_KW_ASYNC && KA(p, 1) == TK_KW_FOR);
}

/* star_named_expression: '*' bitwise_or | named_expression */
static struct ir_expr *star_named(struct p *p)
{
	if (K(p) == TK_STAR) {
		struct ir_expr *e = node(p, IR_STARRED, p->i++);
		e->op = '*';
		e->a = bitor(p);
		return e;
	}
	return named_expression(p);
}

/* ( '(' ... ')' ): tuple | group | genexp | yield */
static struct ir_expr *paren(struct p *p)
{
	size_t at = p->i++;
	if (accept(p, TK_RPAR)) {
		struct ir_expr *e = node(p, IR_TUPLE, at);
		return e;
	}
	if (K(p) == TK_KW_YIELD) {
		struct ir_expr *e = yield_expr(p);
		expect(p, TK_RPAR);
		return e;
	}
	size_t base = mark(p);
	struct ir_expr *first = star_named(p);
	if (starts_comp(p)) {
		push(p, first);
		struct ir_expr *e = comprehension(p, at, base);
		expect(p, TK_RPAR);
		return e;
	}
	if (accept(p, TK_RPAR))
		return first;
	push(p, first);
	while (accept(p, TK_COMMA)) {
		if (K(p) == TK_RPAR)
			break;
		push(p, star_named(p));
	}
	expect(p, TK_RPAR);
	struct ir_expr *e = node(p, IR_TUPLE, at);
	e->args = (struct ir_expr **)take(p, base, &e->nargs);
	return e;
}

/* '[' star_named_expressions? ']' | listcomp */
static struct ir_expr *list(struct p *p)
{
	size_t at = p->i++;
	size_t base = mark(p);
	if (accept(p, TK_RSQB)) {
		struct ir_expr *e = node(p, IR_TUPLE, at);
		e->op = 'L';
		return e;
	}
	push(p, star_named(p));
	if (starts_comp(p)) {
		struct ir_expr *e = comprehension(p, at, base);
		expect(p, TK_RSQB);
		return e;
	}
	while (accept(p, TK_COMMA)) {
		if (K(p) == TK_RSQB)
			break;
		push(p, star_named(p));
	}
	expect(p, TK_RSQB);
	struct ir_expr *e = node(p, IR_TUPLE, at);
	e->op = 'L';
	e->args = (struct ir_expr **)take(p, base, &e->nargs);
	return e;
}

/* '{' dict | set | dictcomp | setcomp '}' */
static struct ir_expr *brace(struct p *p)
{
	size_t at = p->i++;
	size_t base = mark(p);
	bool first = true;
	bool dict = true; /* every item key: value (an empty {} is a dict) */
	while (K(p) != TK_RBRACE) {
		if (accept(p, TK_DOUBLESTAR)) {
			push(p, bitor(p));
			dict = false;
		} else {
			push(p, star_named(p));
			if (accept(p, TK_COLON))
				push(p, expression(p));
			else
				dict = false;
		}
		if (first && starts_comp(p)) {
			struct ir_expr *e = comprehension(p, at, base);
			expect(p, TK_RBRACE);
			return e;
		}
		first = false;
		if (!accept(p, TK_COMMA))
			break;
	}
	expect(p, TK_RBRACE);
	struct ir_expr *e = other(p, at, base);
	if (dict)
		e->op = 'D';
	return e;
}

/* lambda_params ':' expression.  Only the defaults are kept. */
static struct ir_expr *lambda(struct p *p)
{
	size_t at = p->i++;
	size_t base = mark(p);
	while (K(p) != TK_COLON) {
		if (K(p) == TK_NAME) {
			p->i++;
			if (accept(p, TK_EQUAL))
				push(p, expression(p));
		} else if (accept(p, TK_STAR) || accept(p, TK_DOUBLESTAR)) {
			accept(p, TK_NAME);
		} else if (!accept(p, TK_SLASH)) {
			fail(p, "invalid syntax");
		}
		if (!accept(p, TK_COMMA))
			break;
	}
	expect(p, TK_COLON);
	struct ir_expr *e = node(p, IR_LAMBDA, at);
	e->args = (struct ir_expr **)take(p, base, &e->nargs);
	vec_push(&p->scopes, ARENA_NEW(p->A, struct scope));
	(void)expression(p);
	p->scopes.len--;
	return e;
}

/* atom */
static struct ir_expr *atom(struct p *p)
{
	struct ir_expr *e;
	switch (K(p)) {
	case TK_NAME:
		e = node(p, IR_NAME, p->i);
		e->name = dup(p, TXT(p, p->i));
		p->i++;
		return e;
	case TK_KW_TRUE: case TK_KW_FALSE: case TK_KW_NONE:
		e = node(p, IR_CONST, p->i);
		e->cval = K(p) == TK_KW_TRUE ? IR_C_TRUE : K(p) == TK_KW_FALSE ? IR_C_FALSE : IR_C_NONE;
		p->i++;
		return e;
	case TK_NUMBER:
		return number(p);
	case TK_STRING:
		return strings(p);
	case TK_ELLIPSIS:
		e = node(p, IR_CONST, p->i++);
		e->cval = IR_C_OTHER;
		return e;
	case TK_LPAR:
		return paren(p);
	case TK_LSQB:
		return list(p);
	case TK_LBRACE:
		return brace(p);
	default:
		fail(p, "invalid syntax");
	}
}

/* arguments inside a call's parentheses (the '(' is consumed). */
static void call_args(struct p *p, struct ir_expr *call)
{
	size_t base = mark(p);
	AVEC(struct slice) kw = { 0 };
	bool any_kw = false;
	while (K(p) != TK_RPAR) {
		struct slice name = { NULL, 0 };
		struct ir_expr *a;
		if (K(p) == TK_STAR || K(p) == TK_DOUBLESTAR) {
			a = node(p, IR_STARRED, p->i);
			a->op = K(p) == TK_STAR ? '*' : 'd';
			p->i++;
			a->a = expression(p);
		} else if (K(p) == TK_NAME && KA(p, 1) == TK_EQUAL) {
			name = dup(p, TXT(p, p->i));
			any_kw = true;
			p->i += 2;
			a = expression(p);
		} else {
			size_t at = p->i;
			a = named_expression(p);
			if (starts_comp(p)) {
				size_t b2 = mark(p);
				push(p, a);
				a = comprehension(p, at, b2);
			}
		}
		push(p, a);
		apush(p, &kw, name);
		if (!accept(p, TK_COMMA))
			break;
	}
	expect(p, TK_RPAR);
	call->args = (struct ir_expr **)take(p, base, &call->nargs);
	if (any_kw) {
		struct slice *k = ARENA_ARRAY(p->A, struct slice, kw.len);
		memcpy(k, kw.ptr, kw.len * sizeof(*k));
		call->kwnames = k;
	}
}

/* slices inside '[' ']' (the '[' is consumed). */
static void slices(struct p *p, struct ir_expr *sub)
{
	size_t base = mark(p);
	bool comma = false;
	long long layout = 0; /* of the last item: 1 lower, 2 upper, 4 step */
	while (K(p) != TK_RSQB) {
		layout = 0;
		if (K(p) != TK_COLON) {
			push(p, star_named(p));
			layout |= 1;
		}
		int colons = 0;
		while (accept(p, TK_COLON)) {
			sub->op = ':'; /* a slice: args no longer index positions */
			colons++;
			if (K(p) != TK_COLON && K(p) != TK_RSQB && K(p) != TK_COMMA) {
				push(p, expression(p));
				layout |= colons == 1 ? 2 : 4;
			}
		}
		if (!accept(p, TK_COMMA))
			break;
		comma = true;
	}
	expect(p, TK_RSQB);
	sub->args = (struct ir_expr **)take(p, base, &sub->nargs);
	if (sub->op == ':')
		sub->ival = comma ? -1 : layout;
}

/* primary: atom ('.' NAME | '(' args ')' | '[' slices ']')* */
static struct ir_expr *primary(struct p *p)
{
	struct ir_expr *e = atom(p);
	for (;;) {
		if (K(p) == TK_DOT && KA(p, 1) == TK_NAME) {
			/* 3.11 reports an attribute at its name's line */
			struct ir_expr *a = node(p, IR_ATTR, p->i + 1);
			a->a = e;
			a->name = dup(p, TXT(p, p->i + 1));
			p->i += 2;
			e = a;
		} else if (K(p) == TK_LPAR) {
			struct ir_expr *c = node(p, IR_CALL, p->i);
			c->line = e->line;
			c->a = e;
			p->i++;
			enter(p);
			call_args(p, c);
			p->depth--;
			e = c;
		} else if (K(p) == TK_LSQB) {
			struct ir_expr *s = node(p, IR_SUBSCRIPT, p->i);
			s->line = e->line;
			s->a = e;
			p->i++;
			enter(p);
			slices(p, s);
			p->depth--;
			e = s;
		} else {
			return e;
		}
	}
}

/* factor: ('+'|'-'|'~') factor | power ; power: await? primary ['**' factor] */
static struct ir_expr *factor(struct p *p)
{
	enter(p);
	struct ir_expr *e;
	if (K(p) == TK_PLUS || K(p) == TK_MINUS || K(p) == TK_TILDE) {
		size_t at = p->i++;
		size_t base = mark(p);
		push(p, factor(p));
		e = other(p, at, base);
	} else {
		size_t at = p->i;
		bool aw = accept(p, TK_KW_AWAIT);
		e = primary(p);
		if (aw) {
			size_t base = mark(p);
			push(p, e);
			e = other(p, at, base);
		}
		if (K(p) == TK_DOUBLESTAR) {
			p->i++;
			struct ir_expr *b = node(p, IR_BINOP, at);
			b->op = '^';
			b->a = e;
			b->b = factor(p);
			e = b;
		}
	}
	p->depth--;
	return e;
}

static int binop_prec(enum lex_kind k)
{
	switch (k) {
	case TK_VBAR: return 1;
	case TK_CIRCUMFLEX: return 2;
	case TK_AMPER: return 3;
	case TK_LEFTSHIFT: case TK_RIGHTSHIFT: return 4;
	case TK_PLUS: case TK_MINUS: return 5;
	case TK_STAR: case TK_SLASH: case TK_DOUBLESLASH: case TK_PERCENT: case TK_AT: return 6;
	default: return 0;
	}
}

/* bitwise_or and below, by precedence climbing. */
static struct ir_expr *binary(struct p *p, int min)
{
	struct ir_expr *e = factor(p);
	for (;;) {
		int prec = binop_prec(K(p));
		if (!prec || prec < min)
			return e;
		size_t at = p->i;
		struct slice op = TXT(p, p->i++);
		struct ir_expr *b = node(p, IR_BINOP, at);
		b->line = e->line;
		b->op = (uint8_t)op.ptr[0];
		b->a = e;
		enter(p);
		b->b = binary(p, prec + 1);
		p->depth--;
		e = b;
	}
}

static struct ir_expr *bitor(struct p *p) { return binary(p, 1); }

static int compare_op(struct p *p)
{
	switch (K(p)) {
	case TK_EQEQUAL: p->i++; return IR_CMP_EQ;
	case TK_NOTEQUAL: p->i++; return IR_CMP_NE;
	case TK_LESS: p->i++; return IR_CMP_LT;
	case TK_LESSEQUAL: p->i++; return IR_CMP_LE;
	case TK_GREATER: p->i++; return IR_CMP_GT;
	case TK_GREATEREQUAL: p->i++; return IR_CMP_GE;
	case TK_KW_IN: p->i++; return IR_CMP_IN;
	case TK_KW_NOT:
		if (KA(p, 1) == TK_KW_IN) {
			p->i += 2;
			return IR_CMP_NOT_IN;
		}
		return -1;
	case TK_KW_IS:
		p->i++;
		return accept(p, TK_KW_NOT) ? IR_CMP_IS_NOT : IR_CMP_IS;
	default:
		return -1;
	}
}

/* comparison: bitwise_or (compare_op bitwise_or)* */
static struct ir_expr *comparison(struct p *p)
{
	size_t at = p->i;
	struct ir_expr *e = bitor(p);
	int op = compare_op(p);
	if (op < 0)
		return e;
	size_t base = mark(p);
	AVEC(uint8_t) ops = { 0 };
	push(p, e);
	while (op >= 0) {
		apush(p, &ops, (uint8_t)op);
		push(p, bitor(p));
		op = compare_op(p);
	}
	struct ir_expr *c = node(p, IR_COMPARE, at);
	c->args = (struct ir_expr **)take(p, base, &c->nargs);
	uint8_t *o = arena_alloc(p->A, ops.len);
	memcpy(o, ops.ptr, ops.len);
	c->ops = o;
	return c;
}

/* inversion: 'not' inversion | comparison */
static struct ir_expr *inversion(struct p *p)
{
	if (K(p) == TK_KW_NOT) {
		struct ir_expr *e = node(p, IR_NOT, p->i++);
		enter(p);
		e->a = inversion(p);
		p->depth--;
		return e;
	}
	return comparison(p);
}

/* conjunction / disjunction: x ('and'|'or' x)* */
static struct ir_expr *boolop(struct p *p, bool is_or)
{
	size_t at = p->i;
	struct ir_expr *e = is_or ? boolop(p, false) : inversion(p);
	enum lex_kind k = is_or ? TK_KW_OR : TK_KW_AND;
	if (K(p) != k)
		return e;
	size_t base = mark(p);
	push(p, e);
	while (accept(p, k))
		push(p, is_or ? boolop(p, false) : inversion(p));
	struct ir_expr *b = node(p, IR_BOOLOP, at);
	b->op = is_or ? 'o' : 'a';
	b->args = (struct ir_expr **)take(p, base, &b->nargs);
	return b;
}

static struct ir_expr *disjunction(struct p *p) { return boolop(p, true); }

/* expression: disjunction ['if' disjunction 'else' expression] | lambdef */
static struct ir_expr *expression(struct p *p)
{
	enter(p);
	struct ir_expr *e;
	if (K(p) == TK_KW_LAMBDA) {
		e = lambda(p);
	} else {
		size_t at = p->i;
		e = disjunction(p);
		if (accept(p, TK_KW_IF)) {
			struct ir_expr *c = node(p, IR_IFEXP, at);
			c->args = ARENA_ARRAY(p->A, struct ir_expr *, 3);
			c->nargs = 3;
			c->args[1] = e;
			c->args[0] = disjunction(p);
			expect(p, TK_KW_ELSE);
			c->args[2] = expression(p);
			e = c;
		}
	}
	p->depth--;
	return e;
}

/* named_expression: NAME ':=' expression | expression */
static struct ir_expr *named_expression(struct p *p)
{
	if (K(p) == TK_NAME && KA(p, 1) == TK_COLONEQUAL) {
		struct ir_expr *w = node(p, IR_WALRUS, p->i);
		w->name = dup(p, TXT(p, p->i));
		p->i += 2;
		w->a = expression(p);
		bind_name(p, w->name);
		return w;
	}
	return expression(p);
}

static bool starts_expr(enum lex_kind k)
{
	switch (k) {
	case TK_NAME: case TK_NUMBER: case TK_STRING: case TK_LPAR: case TK_LSQB: case TK_LBRACE:
	case TK_MINUS: case TK_PLUS: case TK_TILDE: case TK_STAR: case TK_KW_NOT:
	case TK_KW_LAMBDA: case TK_KW_AWAIT: case TK_KW_TRUE: case TK_KW_FALSE: case TK_KW_NONE:
	case TK_ELLIPSIS:
		return true;
	default:
		return false;
	}
}

/* star_expressions: star_expression (',' star_expression)* [','] */
static struct ir_expr *star_expressions(struct p *p)
{
	size_t at = p->i;
	struct ir_expr *e = K(p) == TK_STAR ? star_named(p) : named_expression(p);
	if (K(p) != TK_COMMA)
		return e;
	size_t base = mark(p);
	push(p, e);
	while (accept(p, TK_COMMA)) {
		if (!starts_expr(K(p)))
			break;
		push(p, star_named(p));
	}
	struct ir_expr *t = node(p, IR_TUPLE, at);
	t->args = (struct ir_expr **)take(p, base, &t->nargs);
	return t;
}

/* yield_expr: 'yield' 'from' expression | 'yield' [star_expressions] */
static struct ir_expr *yield_expr(struct p *p)
{
	size_t at = p->i++;
	struct scope *s = fscope(p);
	if (s)
		s->generator = true;
	size_t base = mark(p);
	if (accept(p, TK_KW_FROM))
		push(p, expression(p));
	else if (K(p) != TK_RPAR && K(p) != TK_NEWLINE && K(p) != TK_SEMI && K(p) != TK_EQUAL)
		push(p, star_expressions(p));
	return other(p, at, base);
}

static struct ir_expr *value_expr(struct p *p)
{
	return K(p) == TK_KW_YIELD ? yield_expr(p) : star_expressions(p);
}

/* ---- statements ----------------------------------------------------------- */

static struct ir_stmt *statement(struct p *p);
static void statements_into(struct p *p, struct ir_block *out);

static struct ir_stmt *stmt_new(struct p *p, enum ir_stmt_kind kind, size_t at)
{
	struct ir_stmt *s = ARENA_NEW(p->A, struct ir_stmt);
	s->kind = (uint8_t)kind;
	s->line = LINE(p, at);
	s->end_line = s->line;
	return s;
}

/* block: NEWLINE INDENT statements DEDENT | simple_stmts */
static void block(struct p *p, struct ir_block *out)
{
	expect(p, TK_COLON);
	enter(p);
	if (accept(p, TK_NEWLINE)) {
		expect(p, TK_INDENT);
		size_t base = mark(p);
		while (K(p) != TK_DEDENT && K(p) != TK_ENDMARKER)
			push(p, statement(p));
		expect(p, TK_DEDENT);
		out->stmts = (struct ir_stmt **)take(p, base, &out->n);
	} else {
		statements_into(p, out);
	}
	p->depth--;
}

static struct slice dotted_name(struct p *p)
{
	size_t a = p->i;
	expect(p, TK_NAME);
	while (K(p) == TK_DOT && KA(p, 1) == TK_NAME)
		p->i += 2;
	buf_clear(&p->sbuf);
	for (size_t j = a; j < p->i; j++)
		buf_addsl(&p->sbuf, TXT(p, j));
	return dup(p, buf_slice(&p->sbuf));
}

/* import_name: 'import' dotted_as_names */
static struct ir_stmt *import_stmt(struct p *p)
{
	struct ir_stmt *s = stmt_new(p, IR_S_IMPORT, p->i++);
	AVEC(struct ir_alias) names = { 0 };
	do {
		struct ir_alias al = { .line = LINE(p, p->i) };
		al.name = dotted_name(p);
		if (accept(p, TK_KW_AS)) {
			if (K(p) != TK_NAME)
				fail(p, "invalid syntax");
			al.asname = dup(p, TXT(p, p->i++));
			bind_name(p, al.asname);
		} else {
			size_t k = 0;
			while (k < al.name.len && al.name.ptr[k] != '.')
				k++;
			bind_name(p, slice_make(al.name.ptr, k));
		}
		apush(p, &names, al);
	} while (accept(p, TK_COMMA));
	s->names = ARENA_ARRAY(p->A, struct ir_alias, names.len);
	memcpy(s->names, names.ptr, names.len * sizeof(*s->names));
	s->nnames = (uint32_t)names.len;
	return s;
}

/* import_from: 'from' ('.' | '...')* dotted_name 'import' targets
 *            | 'from' ('.' | '...')+ 'import' targets */
static struct ir_stmt *from_stmt(struct p *p)
{
	struct ir_stmt *s = stmt_new(p, IR_S_FROM, p->i++);
	for (;;) {
		if (accept(p, TK_DOT))
			s->level++;
		else if (accept(p, TK_ELLIPSIS))
			s->level += 3;
		else
			break;
	}
	if (K(p) == TK_NAME)
		s->name = dotted_name(p);
	else if (!s->level)
		fail(p, "invalid syntax");
	expect(p, TK_KW_IMPORT);
	AVEC(struct ir_alias) names = { 0 };
	if (K(p) == TK_STAR) {
		struct ir_alias al = { .name = SLICE_LIT("*"), .line = LINE(p, p->i) };
		p->i++;
		s->star = true;
		apush(p, &names, al);
	} else {
		bool par = accept(p, TK_LPAR);
		do {
			if (par && K(p) == TK_RPAR)
				break;
			if (K(p) != TK_NAME)
				fail(p, "invalid syntax");
			struct ir_alias al = { .line = LINE(p, p->i) };
			al.name = dup(p, TXT(p, p->i++));
			if (accept(p, TK_KW_AS)) {
				if (K(p) != TK_NAME)
					fail(p, "invalid syntax");
				al.asname = dup(p, TXT(p, p->i++));
			}
			bind_name(p, al.asname.ptr ? al.asname : al.name);
			apush(p, &names, al);
		} while (accept(p, TK_COMMA));
		if (par)
			expect(p, TK_RPAR);
	}
	if (s->level == 0 && slice_eq_cstr(s->name, "__future__")) {
		for (size_t k = 0; k < names.len; k++)
			if (slice_eq_cstr(names.ptr[k].name, "annotations"))
				p->future_annotations = true;
	}
	s->names = ARENA_ARRAY(p->A, struct ir_alias, names.len);
	memcpy(s->names, names.ptr, names.len * sizeof(*s->names));
	s->nnames = (uint32_t)names.len;
	return s;
}

static struct ir_stmt *names_stmt(struct p *p, enum ir_stmt_kind kind)
{
	struct ir_stmt *s = stmt_new(p, kind, p->i++);
	AVEC(struct ir_alias) names = { 0 };
	do {
		if (K(p) != TK_NAME)
			fail(p, "invalid syntax");
		struct ir_alias al = { .name = dup(p, TXT(p, p->i)), .line = LINE(p, p->i) };
		p->i++;
		apush(p, &names, al);
		struct scope *sc = fscope(p);
		if (sc && kind == IR_S_GLOBAL)
			apush(p, &sc->globals, al.name);
	} while (accept(p, TK_COMMA));
	s->names = ARENA_ARRAY(p->A, struct ir_alias, names.len);
	memcpy(s->names, names.ptr, names.len * sizeof(*s->names));
	s->nnames = (uint32_t)names.len;
	return s;
}

static bool is_augassign(enum lex_kind k)
{
	return (k >= TK_PLUSEQUAL && k <= TK_DOUBLESTAREQUAL) || k == TK_DOUBLESLASHEQUAL ||
	       k == TK_ATEQUAL;
}

static struct ir_expr **one(struct p *p, struct ir_expr *e)
{
	struct ir_expr **a = ARENA_ARRAY(p->A, struct ir_expr *, 1);
	a[0] = e;
	return a;
}

/* expression statements and assignments */
static struct ir_stmt *expr_stmt(struct p *p)
{
	size_t at = p->i;
	struct ir_expr *e = value_expr(p);
	if (K(p) == TK_COLON) {
		p->i++;
		struct ir_stmt *s = stmt_new(p, IR_S_ANNASSIGN, at);
		s->targets = one(p, e);
		s->ntargets = 1;
		s->annotation = expression(p);
		if (accept(p, TK_EQUAL))
			s->value = value_expr(p);
		if (s->value || e->kind == IR_NAME)
			bind_target(p, e);
		return s;
	}
	if (is_augassign(K(p))) {
		struct ir_stmt *s = stmt_new(p, IR_S_AUGASSIGN, at);
		s->op = (uint8_t)TXT(p, p->i).ptr[0];
		p->i++;
		s->targets = one(p, e);
		s->ntargets = 1;
		s->value = value_expr(p);
		bind_target(p, e);
		return s;
	}
	if (K(p) == TK_EQUAL) {
		struct ir_stmt *s = stmt_new(p, IR_S_ASSIGN, at);
		size_t base = mark(p);
		struct ir_expr *v = e;
		while (accept(p, TK_EQUAL)) {
			push(p, v);
			bind_target(p, v);
			v = value_expr(p);
		}
		s->targets = (struct ir_expr **)take(p, base, &s->ntargets);
		s->value = v;
		return s;
	}
	struct ir_stmt *s = stmt_new(p, IR_S_EXPR, at);
	s->value = e;
	return s;
}

/* simple_stmt */
static struct ir_stmt *simple_stmt(struct p *p)
{
	size_t at = p->i;
	struct ir_stmt *s;
	switch (K(p)) {
	case TK_KW_IMPORT:
		return import_stmt(p);
	case TK_KW_FROM:
		return from_stmt(p);
	case TK_KW_PASS:
		p->i++;
		return stmt_new(p, IR_S_PASS, at);
	case TK_KW_BREAK:
		p->i++;
		return stmt_new(p, IR_S_BREAK, at);
	case TK_KW_CONTINUE:
		p->i++;
		return stmt_new(p, IR_S_CONTINUE, at);
	case TK_KW_GLOBAL:
		return names_stmt(p, IR_S_GLOBAL);
	case TK_KW_NONLOCAL:
		return names_stmt(p, IR_S_NONLOCAL);
	case TK_KW_RETURN:
		s = stmt_new(p, IR_S_RETURN, p->i++);
		if (K(p) != TK_NEWLINE && K(p) != TK_SEMI)
			s->value = star_expressions(p);
		return s;
	case TK_KW_RAISE:
		s = stmt_new(p, IR_S_RAISE, p->i++);
		if (K(p) != TK_NEWLINE && K(p) != TK_SEMI) {
			s->value = expression(p);
			if (accept(p, TK_KW_FROM))
				s->annotation = expression(p);
		}
		return s;
	case TK_KW_ASSERT:
		s = stmt_new(p, IR_S_ASSERT, p->i++);
		s->value = expression(p);
		if (accept(p, TK_COMMA))
			s->annotation = expression(p);
		return s;
	case TK_KW_DEL: {
		s = stmt_new(p, IR_S_DEL, p->i++);
		size_t base = mark(p);
		do {
			if (K(p) == TK_NEWLINE || K(p) == TK_SEMI)
				break;
			struct ir_expr *t = bitor(p);
			bind_target(p, t);
			push(p, t);
		} while (accept(p, TK_COMMA));
		s->targets = (struct ir_expr **)take(p, base, &s->ntargets);
		return s;
	}
	default:
		break;
	}
	/* type X = ... (3.12 soft keyword): read as a pass */
	if (is_soft(p, p->i, "type") && KA(p, 1) == TK_NAME &&
	    (KA(p, 2) == TK_EQUAL || KA(p, 2) == TK_LSQB)) {
		while (K(p) != TK_NEWLINE && K(p) != TK_SEMI && K(p) != TK_ENDMARKER)
			p->i++;
		return stmt_new(p, IR_S_PASS, at);
	}
	return expr_stmt(p);
}

/* simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static void statements_into(struct p *p, struct ir_block *out)
{
	size_t base = mark(p);
	for (;;) {
		struct ir_stmt *s = simple_stmt(p);
		s->end_line = p->i ? LINE(p, p->i - 1) : s->line;
		push(p, s);
		if (!accept(p, TK_SEMI))
			break;
		if (K(p) == TK_NEWLINE)
			break;
	}
	expect(p, TK_NEWLINE);
	out->stmts = (struct ir_stmt **)take(p, base, &out->n);
}

/* if_stmt: 'if' named_expression ':' block (elif_stmt | else_block)? */
static struct ir_stmt *if_stmt(struct p *p)
{
	struct ir_stmt *s = stmt_new(p, IR_S_IF, p->i++);
	s->value = named_expression(p);
	block(p, &s->body);
	if (K(p) == TK_KW_ELIF) {
		struct ir_stmt *e = if_stmt(p);
		s->orelse.stmts = ARENA_ARRAY(p->A, struct ir_stmt *, 1);
		s->orelse.stmts[0] = e;
		s->orelse.n = 1;
	} else if (accept(p, TK_KW_ELSE)) {
		block(p, &s->orelse);
	}
	return s;
}

static struct ir_stmt *while_stmt(struct p *p)
{
	struct ir_stmt *s = stmt_new(p, IR_S_WHILE, p->i++);
	s->value = named_expression(p);
	block(p, &s->body);
	if (accept(p, TK_KW_ELSE))
		block(p, &s->orelse);
	return s;
}

/* for_stmt: 'for' star_targets 'in' star_expressions ':' block [else_block] */
static struct ir_stmt *for_stmt(struct p *p, size_t at)
{
	struct ir_stmt *s = stmt_new(p, IR_S_FOR, at);
	expect(p, TK_KW_FOR);
	size_t base = mark(p);
	size_t t0 = p->i;
	do {
		if (K(p) == TK_KW_IN)
			break;
		push(p, K(p) == TK_STAR ? star_named(p) : bitor(p));
	} while (accept(p, TK_COMMA));
	uint32_t n;
	struct ir_expr **ts = (struct ir_expr **)take(p, base, &n);
	struct ir_expr *t;
	if (n == 1 && TXT(p, p->i - 1).ptr[0] != ',') {
		t = ts[0];
	} else {
		t = node(p, IR_TUPLE, t0);
		t->args = ts;
		t->nargs = n;
	}
	bind_target(p, t);
	s->targets = one(p, t);
	s->ntargets = 1;
	expect(p, TK_KW_IN);
	s->value = star_expressions(p);
	block(p, &s->body);
	if (accept(p, TK_KW_ELSE))
		block(p, &s->orelse);
	return s;
}

static bool paren_with_items(const struct p *p)
{
	if (K(p) != TK_LPAR)
		return false;
	int depth = 0;
	bool as = false;
	for (size_t j = p->i; j < p->n; j++) {
		enum lex_kind k = (enum lex_kind)p->t[j].kind;
		if (k == TK_LPAR || k == TK_LSQB || k == TK_LBRACE)
			depth++;
		else if (k == TK_RPAR || k == TK_RSQB || k == TK_RBRACE) {
			if (--depth == 0)
				return as && j + 1 < p->n && p->t[j + 1].kind == TK_COLON;
		} else if (k == TK_KW_AS && depth == 1)
			as = true;
		else if (k == TK_NEWLINE)
			return false;
	}
	return false;
}

/* with_stmt: 'with' ','.with_item+ ':' block | 'with' '(' ','.with_item+ ','? ')' ':' block */
static struct ir_stmt *with_stmt(struct p *p, size_t at)
{
	struct ir_stmt *s = stmt_new(p, IR_S_WITH, at);
	expect(p, TK_KW_WITH);
	bool par = paren_with_items(p);
	if (par)
		p->i++;
	size_t base = mark(p);
	AVEC(struct ir_expr *) targets = { 0 };
	do {
		if (par && K(p) == TK_RPAR)
			break;
		push(p, expression(p));
		struct ir_expr *t = NULL;
		if (accept(p, TK_KW_AS)) {
			t = K(p) == TK_STAR ? star_named(p) : bitor(p);
			bind_target(p, t);
		}
		apush(p, &targets, t);
	} while (accept(p, TK_COMMA));
	if (par)
		expect(p, TK_RPAR);
	s->items = (struct ir_expr **)take(p, base, &s->ntargets);
	s->targets = ARENA_ARRAY(p->A, struct ir_expr *, targets.len ? targets.len : 1);
	if (targets.len)
		memcpy(s->targets, targets.ptr, targets.len * sizeof(void *));
	block(p, &s->body);
	return s;
}

/* try_stmt: 'try' ':' block (except_block+ [else] [finally] | finally) */
static struct ir_stmt *try_stmt(struct p *p)
{
	struct ir_stmt *s = stmt_new(p, IR_S_TRY, p->i++);
	block(p, &s->body);
	AVEC(struct ir_handler) hs = { 0 };
	while (K(p) == TK_KW_EXCEPT) {
		struct ir_handler h = { .line = LINE(p, p->i) };
		p->i++;
		if (accept(p, TK_STAR))
			s->star = true;
		if (K(p) != TK_COLON) {
			h.type = expression(p);
			if (accept(p, TK_COMMA)) { /* except A, B: is a syntax error in 3 */
				fail(p, "multiple exception types must be parenthesized");
			}
			if (accept(p, TK_KW_AS)) {
				if (K(p) != TK_NAME) {
					fail(p, "invalid syntax");
				}
				h.name = dup(p, TXT(p, p->i++));
				bind_name(p, h.name);
			}
		}
		block(p, &h.body);
		apush(p, &hs, h);
	}
	s->nhandlers = (uint32_t)hs.len;
	if (hs.len) {
		s->handlers = ARENA_ARRAY(p->A, struct ir_handler, hs.len);
		memcpy(s->handlers, hs.ptr, hs.len * sizeof(*s->handlers));
	}
	if (accept(p, TK_KW_ELSE))
		block(p, &s->orelse);
	if (accept(p, TK_KW_FINALLY))
		block(p, &s->finalbody);
	return s;
}

static void skip_type_params(struct p *p)
{
	if (K(p) != TK_LSQB)
		return;
	int depth = 0;
	do {
		if (K(p) == TK_LSQB)
			depth++;
		else if (K(p) == TK_RSQB)
			depth--;
		else if (K(p) == TK_ENDMARKER)
			fail(p, "invalid syntax");
		p->i++;
	} while (depth > 0);
}

static const struct slice *slices_copy(struct p *p, const struct slice *a, size_t n)
{
	if (!n)
		return NULL;
	struct slice *c = ARENA_ARRAY(p->A, struct slice, n);
	memcpy(c, a, n * sizeof(*c));
	return c;
}

/* function_def_raw: 'def' NAME [type_params] '(' params? ')' ['->' expression] ':' block */
static struct ir_stmt *def_stmt(struct p *p, size_t at, bool is_async)
{
	struct ir_stmt *s = stmt_new(p, IR_S_DEF, at);
	expect(p, TK_KW_DEF);
	if (K(p) != TK_NAME)
		fail(p, "invalid syntax");
	s->name = dup(p, TXT(p, p->i++));
	bind_name(p, s->name);
	skip_type_params(p);
	expect(p, TK_LPAR);
	struct ir_def *d = ARENA_NEW(p->A, struct ir_def);
	d->is_async = is_async;
	s->def = d;
	AVEC(struct ir_param) ps = { 0 };
	bool kwonly = false;
	while (K(p) != TK_RPAR) {
		struct ir_param pr = { 0 };
		if (accept(p, TK_SLASH)) {
			if (!accept(p, TK_COMMA))
				break;
			continue;
		}
		if (accept(p, TK_STAR)) {
			kwonly = true;
			if (K(p) != TK_NAME) {
				if (!accept(p, TK_COMMA))
					break;
				continue;
			}
			pr.kind = '*';
		} else if (accept(p, TK_DOUBLESTAR)) {
			pr.kind = 'd';
		} else {
			pr.kind = kwonly ? 'k' : 0;
		}
		if (K(p) != TK_NAME) {
			fail(p, "invalid syntax");
		}
		pr.name = dup(p, TXT(p, p->i++));
		if (accept(p, TK_COLON))
			pr.annotation = K(p) == TK_STAR ? star_named(p) : expression(p);
		if (accept(p, TK_EQUAL))
			pr.deflt = expression(p);
		apush(p, &ps, pr);
		if (!accept(p, TK_COMMA))
			break;
	}
	expect(p, TK_RPAR);
	if (accept(p, TK_RARROW))
		d->returns = expression(p);
	d->nparams = (uint32_t)ps.len;
	if (ps.len) {
		d->params = ARENA_ARRAY(p->A, struct ir_param, ps.len);
		memcpy(d->params, ps.ptr, ps.len * sizeof(*d->params));
	}
	struct scope *sc = ARENA_NEW(p->A, struct scope);
	for (size_t k = 0; k < ps.len; k++)
		apush(p, &sc->locals, ps.ptr[k].name);
	vec_push(&p->scopes, sc);
	block(p, &s->body);
	p->scopes.len--;
	/* locals minus globals */
	size_t w = 0;
	for (size_t k = 0; k < sc->locals.len; k++) {
		bool g = false;
		for (size_t m = 0; m < sc->globals.len && !g; m++)
			g = slice_eq(sc->locals.ptr[k], sc->globals.ptr[m]);
		if (!g)
			sc->locals.ptr[w++] = sc->locals.ptr[k];
	}
	d->locals = slices_copy(p, sc->locals.ptr, w);
	d->nlocals = (uint32_t)w;
	d->globals = slices_copy(p, sc->globals.ptr, sc->globals.len);
	d->nglobals = (uint32_t)sc->globals.len;
	d->is_generator = sc->generator || is_async;
	return s;
}

/* class_def_raw: 'class' NAME [type_params] ['(' [arguments] ')'] ':' block */
static struct ir_stmt *class_stmt(struct p *p)
{
	struct ir_stmt *s = stmt_new(p, IR_S_CLASS, p->i++);
	if (K(p) != TK_NAME)
		fail(p, "invalid syntax");
	s->name = dup(p, TXT(p, p->i++));
	bind_name(p, s->name);
	skip_type_params(p);
	if (K(p) == TK_LPAR) {
		struct ir_expr *c = node(p, IR_CALL, p->i);
		p->i++;
		call_args(p, c);
		s->bases = c;
	}
	struct scope *sc = ARENA_NEW(p->A, struct scope);
	sc->is_class = true;
	vec_push(&p->scopes, sc);
	block(p, &s->body);
	p->scopes.len--;
	return s;
}

/* decorators: ('@' named_expression NEWLINE)+ (class_def | function_def) */
static struct ir_stmt *decorated(struct p *p)
{
	size_t base = mark(p);
	uint32_t line = LINE(p, p->i);
	while (accept(p, TK_AT)) {
		push(p, named_expression(p));
		expect(p, TK_NEWLINE);
	}
	uint32_t n;
	struct ir_expr **decos = (struct ir_expr **)take(p, base, &n);
	struct ir_stmt *s;
	if (K(p) == TK_KW_CLASS)
		s = class_stmt(p);
	else if (K(p) == TK_KW_DEF)
		s = def_stmt(p, p->i, false);
	else if (K(p) == TK_KW_ASYNC && KA(p, 1) == TK_KW_DEF) {
		size_t at = p->i++;
		s = def_stmt(p, at, true);
	} else
		fail(p, "invalid syntax");
	s->decorators = decos;
	s->ndecorators = n;
	(void)line;
	return s;
}

static bool is_match(const struct p *p)
{
	if (!is_soft(p, p->i, "match"))
		return false;
	enum lex_kind k = KA(p, 1);
	if (k == TK_EQUAL || k == TK_DOT || k == TK_COLON || k == TK_NEWLINE || k == TK_COMMA ||
	    is_augassign(k) || k == TK_RPAR)
		return false;
	int depth = 0;
	for (size_t j = p->i + 1; j < p->n; j++) {
		enum lex_kind kj = (enum lex_kind)p->t[j].kind;
		if (kj == TK_LPAR || kj == TK_LSQB || kj == TK_LBRACE)
			depth++;
		else if (kj == TK_RPAR || kj == TK_RSQB || kj == TK_RBRACE)
			depth--;
		else if (kj == TK_NEWLINE)
			return j > 0 && p->t[j - 1].kind == TK_COLON && j + 1 < p->n &&
			       p->t[j + 1].kind == TK_INDENT;
		else if (kj == TK_COLON && depth == 0)
			return j + 1 < p->n && p->t[j + 1].kind == TK_NEWLINE;
	}
	return false;
}

/* match_stmt: "match" subject ':' NEWLINE INDENT case_block+ DEDENT */
static struct ir_stmt *match_stmt(struct p *p)
{
	struct ir_stmt *s = stmt_new(p, IR_S_MATCH, p->i++);
	s->value = star_expressions(p);
	expect(p, TK_COLON);
	expect(p, TK_NEWLINE);
	expect(p, TK_INDENT);
	AVEC(struct ir_handler) cs = { 0 };
	while (is_soft(p, p->i, "case")) {
		struct ir_handler h = { .line = LINE(p, p->i) };
		p->i++;
		int depth = 0;
		while (K(p) != TK_ENDMARKER && K(p) != TK_NEWLINE) {
			enum lex_kind k = K(p);
			if (depth == 0 && (k == TK_COLON || k == TK_KW_IF))
				break;
			if (k == TK_LPAR || k == TK_LSQB || k == TK_LBRACE)
				depth++;
			else if (k == TK_RPAR || k == TK_RSQB || k == TK_RBRACE)
				depth--;
			p->i++;
		}
		if (accept(p, TK_KW_IF))
			h.type = named_expression(p);
		block(p, &h.body);
		apush(p, &cs, h);
	}
	expect(p, TK_DEDENT);
	s->nhandlers = (uint32_t)cs.len;
	if (cs.len) {
		s->handlers = ARENA_ARRAY(p->A, struct ir_handler, cs.len);
		memcpy(s->handlers, cs.ptr, cs.len * sizeof(*s->handlers));
	}
	return s;
}

/* statement: compound_stmt | simple_stmts; a simple_stmts line holding
 * several statements is returned as an `if True` block (kind IF with a
 * NULL test), so that a statement stays one pointer. */
static struct ir_stmt *statement(struct p *p)
{
	enter(p);
	struct ir_stmt *s;
	size_t at = p->i;
	switch (K(p)) {
	case TK_KW_IF: s = if_stmt(p); break;
	case TK_KW_WHILE: s = while_stmt(p); break;
	case TK_KW_FOR: s = for_stmt(p, at); break;
	case TK_KW_WITH: s = with_stmt(p, at); break;
	case TK_KW_TRY: s = try_stmt(p); break;
	case TK_KW_DEF: s = def_stmt(p, at, false); break;
	case TK_KW_CLASS: s = class_stmt(p); break;
	case TK_AT: s = decorated(p); break;
	case TK_KW_ASYNC:
		p->i++;
		if (K(p) == TK_KW_DEF)
			s = def_stmt(p, at, true);
		else if (K(p) == TK_KW_FOR)
			s = for_stmt(p, at);
		else if (K(p) == TK_KW_WITH)
			s = with_stmt(p, at);
		else
			fail(p, "invalid syntax");
		break;
	default:
		if (is_match(p)) {
			s = match_stmt(p);
			break;
		}
		{
			struct ir_block b;
			statements_into(p, &b);
			if (b.n == 1) {
				s = b.stmts[0];
			} else {
				s = stmt_new(p, IR_S_IF, at);
				s->body = b;
			}
		}
		break;
	}
	p->depth--;
	return s;
}

/* ---- entry ---------------------------------------------------------------- */

int ir_file_parse(const char *src, size_t len, struct arena *arena, struct ir_file *out)
{
	memset(out, 0, sizeof(*out));
	struct lexer lx;
	lex_init(&lx);
	struct p *p = xcalloc(1, sizeof(*p));
	p->lx = &lx;
	p->A = arena;
	buf_init(&p->sbuf);
	int rc = 0;
	if (lex_run(&lx, src, len) < 0) {
		out->error = true;
		out->error_line = lx.error.line;
		out->error_message = arena_strndup(arena, lx.error.message, strlen(lx.error.message));
		rc = -1;
		goto cleanup;
	}
	p->t = lx.tokens.ptr;
	p->n = lx.tokens.len;
	if (!setjmp(p->fail)) {
		size_t base = mark(p);
		while (K(p) != TK_ENDMARKER) {
			if (accept(p, TK_NEWLINE))
				continue;
			push(p, statement(p));
		}
		out->body.stmts = (struct ir_stmt **)take(p, base, &out->body.n);
		out->future_annotations = p->future_annotations;
	} else {
		out->body.stmts = NULL;
		out->body.n = 0;
		out->error = true;
		out->error_line = p->err_line;
		out->error_message = p->err_msg;
		rc = -1;
	}
	if (!out->error && lx.parse_error.set) {
		out->error = true;
		out->error_line = lx.parse_error.line;
		out->error_message = arena_strndup(arena, lx.parse_error.message,
						   strlen(lx.parse_error.message));
		rc = -1;
	}
cleanup:
	vec_release(&p->scopes);
	vec_release(&p->stack);
	buf_release(&p->sbuf);
	free(p);
	lex_release(&lx);
	return rc;
}

/* ---- names and dump ------------------------------------------------------- */

const char *ir_expr_kind_name(enum ir_expr_kind kind)
{
	static const char *const names[] = {
		"name", "attr", "call", "const", "tuple", "compare", "boolop", "not", "binop",
		"subscript", "ifexp", "walrus", "lambda", "comp", "starred", "other",
	};
	return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

const char *ir_stmt_kind_name(enum ir_stmt_kind kind)
{
	static const char *const names[] = {
		"expr", "assign", "augassign", "annassign", "import", "from", "def", "class",
		"if", "while", "for", "with", "try", "match", "del", "global", "nonlocal",
		"return", "raise", "pass", "break", "continue", "assert",
	};
	return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

static void dump_expr(struct buf *out, const struct ir_expr *e)
{
	if (!e) {
		buf_adds(out, "_");
		return;
	}
	switch (e->kind) {
	case IR_NAME:
		buf_addsl(out, e->name);
		return;
	case IR_ATTR:
		dump_expr(out, e->a);
		buf_addc(out, '.');
		buf_addsl(out, e->name);
		return;
	case IR_CONST:
		switch (e->cval) {
		case IR_C_NONE: buf_adds(out, "None"); return;
		case IR_C_TRUE: buf_adds(out, "True"); return;
		case IR_C_FALSE: buf_adds(out, "False"); return;
		case IR_C_INT: buf_addf(out, "%lld", e->ival); return;
		case IR_C_STR:
			buf_addc(out, '\'');
			buf_addsl(out, e->name);
			buf_addc(out, '\'');
			return;
		default: buf_adds(out, "?const"); return;
		}
	default:
		break;
	}
	buf_addf(out, "(%s", ir_expr_kind_name((enum ir_expr_kind)e->kind));
	if (e->kind == IR_BINOP || e->kind == IR_BOOLOP || e->kind == IR_STARRED ||
	    ((e->kind == IR_SUBSCRIPT || e->kind == IR_OTHER) && e->op))
		buf_addf(out, " %c", e->op);
	if (e->kind == IR_WALRUS) {
		buf_addc(out, ' ');
		buf_addsl(out, e->name);
	}
	if (e->a) {
		buf_addc(out, ' ');
		dump_expr(out, e->a);
	}
	if (e->b) {
		buf_addc(out, ' ');
		dump_expr(out, e->b);
	}
	for (uint32_t i = 0; i < e->nargs; i++) {
		buf_addc(out, ' ');
		if (e->kind == IR_COMPARE && i) {
			static const char *const ops[] = { "==", "!=", "<", "<=", ">", ">=", "in",
							   "not-in", "is", "is-not" };
			buf_addf(out, "%s ", ops[e->ops[i - 1]]);
		}
		if (e->kwnames && e->kwnames[i].ptr) {
			buf_addsl(out, e->kwnames[i]);
			buf_addc(out, '=');
		}
		dump_expr(out, e->args[i]);
	}
	for (uint32_t i = 0; i < e->nlocals; i++) {
		buf_adds(out, i ? "," : " :");
		buf_addsl(out, e->locals[i]);
	}
	buf_addc(out, ')');
}

static void dump_block(struct buf *out, const struct ir_block *b, int indent);

static void dump_stmt(struct buf *out, const struct ir_stmt *s, int indent)
{
	buf_addf(out, "%*s%u %s", indent * 2, "", s->line, ir_stmt_kind_name((enum ir_stmt_kind)s->kind));
	if (s->name.ptr) {
		buf_addc(out, ' ');
		buf_addsl(out, s->name);
	}
	if (s->level)
		buf_addf(out, " level=%u", s->level);
	for (uint32_t i = 0; i < s->nnames; i++) {
		buf_addc(out, ' ');
		buf_addsl(out, s->names[i].name);
		if (s->names[i].asname.ptr) {
			buf_adds(out, " as ");
			buf_addsl(out, s->names[i].asname);
		}
	}
	for (uint32_t i = 0; i < s->ndecorators; i++) {
		buf_adds(out, " @");
		dump_expr(out, s->decorators[i]);
	}
	if (s->kind == IR_S_WITH) {
		for (uint32_t i = 0; i < s->ntargets; i++) {
			buf_addc(out, ' ');
			dump_expr(out, s->items[i]);
			if (s->targets[i]) {
				buf_adds(out, " as ");
				dump_expr(out, s->targets[i]);
			}
		}
	} else {
		for (uint32_t i = 0; i < s->ntargets; i++) {
			buf_addc(out, ' ');
			dump_expr(out, s->targets[i]);
			buf_adds(out, " =");
		}
	}
	if (s->bases) {
		buf_addc(out, ' ');
		dump_expr(out, s->bases);
	}
	if (s->def) {
		for (uint32_t i = 0; i < s->def->nparams; i++) {
			buf_addc(out, ' ');
			buf_addsl(out, s->def->params[i].name);
			if (s->def->params[i].deflt) {
				buf_addc(out, '=');
				dump_expr(out, s->def->params[i].deflt);
			}
		}
		buf_adds(out, " locals:");
		for (uint32_t i = 0; i < s->def->nlocals; i++) {
			buf_adds(out, i ? "," : "");
			buf_addsl(out, s->def->locals[i]);
		}
		if (s->def->is_generator)
			buf_adds(out, " generator");
	}
	if (s->value) {
		buf_addc(out, ' ');
		dump_expr(out, s->value);
	}
	if (s->annotation) {
		buf_adds(out, " : ");
		dump_expr(out, s->annotation);
	}
	buf_addc(out, '\n');
	dump_block(out, &s->body, indent + 1);
	for (uint32_t i = 0; i < s->nhandlers; i++) {
		buf_addf(out, "%*s%u except ", indent * 2, "", s->handlers[i].line);
		dump_expr(out, s->handlers[i].type);
		if (s->handlers[i].name.ptr) {
			buf_adds(out, " as ");
			buf_addsl(out, s->handlers[i].name);
		}
		buf_addc(out, '\n');
		dump_block(out, &s->handlers[i].body, indent + 1);
	}
	if (s->orelse.n) {
		buf_addf(out, "%*selse\n", indent * 2, "");
		dump_block(out, &s->orelse, indent + 1);
	}
	if (s->finalbody.n) {
		buf_addf(out, "%*sfinally\n", indent * 2, "");
		dump_block(out, &s->finalbody, indent + 1);
	}
}

static void dump_block(struct buf *out, const struct ir_block *b, int indent)
{
	for (uint32_t i = 0; i < b->n; i++)
		dump_stmt(out, b->stmts[i], indent);
}

void ir_dump(struct buf *out, const struct ir_file *file)
{
	if (file->error) {
		buf_addf(out, "error %u: %s\n", file->error_line,
			 file->error_message ? file->error_message : "");
		return;
	}
	dump_block(out, &file->body, 0);
}
