/* The import scanner (src/syntax/scan.c): every record field, guard kind
 * and binding kind, __all__, __getattr__, calls and errors.  The same facts
 * are checked against CPython's ast on whole corpora by
 * tests/conformance/test_scan_ast.py; these pin each rule on its own,
 * including 3.12+ syntax the interpreters here cannot parse. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "syntax/scan.h"

struct fx {
	struct scanner sc;
	struct arena arena;
	struct scan_facts f;
	int rc;
};

static void scan(struct fx *x, const char *src)
{
	arena_release(&x->arena);
	arena_init(&x->arena);
	x->rc = scan_file(&x->sc, src, strlen(src), &x->arena, &x->f);
}

static void fx_init(struct fx *x)
{
	scan_init(&x->sc);
	arena_init(&x->arena);
}

static void fx_release(struct fx *x)
{
	arena_release(&x->arena);
	scan_release(&x->sc);
}

/* "kind module level [names] scope guards" of import i */
static const char *imp(struct fx *x, size_t i)
{
	static struct buf b = BUF_INIT;
	buf_clear(&b);
	if (i >= x->f.nimports)
		return "(none)";
	const struct scan_import *r = &x->f.imports[i];
	buf_addf(&b, "%u:%u %s %.*s %u [", r->line, r->col, scan_import_kind_name(r->kind),
		 r->module.ptr ? (int)r->module.len : 4, r->module.ptr ? r->module.ptr : "null",
		 r->level);
	for (uint32_t n = 0; n < r->nnames; n++) {
		buf_addf(&b, "%s%.*s", n ? "," : "", (int)r->names[n].name.len, r->names[n].name.ptr);
		if (r->names[n].asname.ptr)
			buf_addf(&b, " as %.*s", (int)r->names[n].asname.len, r->names[n].asname.ptr);
	}
	buf_addf(&b, "] %s", scan_scope_name(r->scope));
	for (uint32_t g = 0; g < r->nguards; g++) {
		const struct scan_guard *gd = r->guards[g];
		buf_addf(&b, " %s", scan_guard_kind_name(gd->kind));
		if (gd->kind == SCAN_GUARD_TRY || gd->kind == SCAN_GUARD_EXCEPT) {
			buf_addc(&b, '(');
			for (uint32_t c = 0; c < gd->ncatches; c++)
				buf_addf(&b, "%s%.*s", c ? "," : "", (int)gd->catches[c].len, gd->catches[c].ptr);
			buf_addc(&b, ')');
		}
	}
	if (r->package.ptr)
		buf_addf(&b, " package=%.*s", (int)r->package.len, r->package.ptr);
	return b.ptr;
}

/* "kind name@line ..." for every binding */
static const char *binds(struct fx *x)
{
	static struct buf b = BUF_INIT;
	buf_clear(&b);
	for (size_t i = 0; i < x->f.nbindings; i++)
		buf_addf(&b, "%s%s %.*s@%u", i ? " " : "", scan_binding_kind_name(x->f.bindings[i].kind),
			 (int)x->f.bindings[i].name.len, x->f.bindings[i].name.ptr, x->f.bindings[i].line);
	return b.ptr;
}

static const char *calls(struct fx *x)
{
	static struct buf b = BUF_INIT;
	buf_clear(&b);
	for (size_t i = 0; i < x->f.ncalls; i++)
		buf_addf(&b, "%s%.*s@%u:%u", i ? " " : "", (int)x->f.calls[i].callee.len,
			 x->f.calls[i].callee.ptr, x->f.calls[i].line, x->f.calls[i].col);
	return b.ptr;
}

static const char *all(struct fx *x)
{
	static struct buf b = BUF_INIT;
	buf_clear(&b);
	if (!x->f.has_all)
		return "null";
	for (size_t i = 0; i < x->f.nall; i++)
		buf_addf(&b, "%s%.*s", i ? "," : "", (int)x->f.all[i].len, x->f.all[i].ptr);
	return b.ptr;
}

static const char *err(struct fx *x)
{
	static char out[300];
	if (!x->f.error.set)
		return "none";
	snprintf(out, sizeof out, "%u: %s", x->f.error.line, x->f.error.message);
	return out;
}

/* ------------------------------------------------------------------ */

TEST(import_records)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "import os, a.b as c\nfrom ..p.q import (y as z,\n  w)\nfrom . import m\nfrom m import *\n"
		 "  \n\nimport a . b\n");
	CHECK_INT(x.rc, 0);
	CHECK_INT(x.f.nimports, 5);
	CHECK_STR(imp(&x, 0), "1:0 import null 0 [os,a.b as c] module");
	CHECK_STR(imp(&x, 1), "2:0 from p.q 2 [y as z,w] module");
	CHECK(x.f.imports[1].names[1].line == 3 && x.f.imports[1].names[1].col == 2);
	CHECK_STR(imp(&x, 2), "4:0 from null 1 [m] module");
	CHECK_STR(imp(&x, 3), "5:0 from m 0 [*] module");
	CHECK_STR(imp(&x, 4), "8:0 import null 0 [a.b] module");
	scan(&x, "from ... import a\nfrom .... x import b\n");
	CHECK_STR(imp(&x, 0), "1:0 from null 3 [a] module");
	CHECK_STR(imp(&x, 1), "2:0 from x 4 [b] module");
	fx_release(&x);
}

TEST(lazy_imports_pep810)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "lazy import json\nlazy from a import b as c\nlazy = 1\nlazy(x)\n");
	CHECK_INT(x.rc, 0);
	CHECK_INT(x.f.nimports, 2);
	CHECK_STR(imp(&x, 0), "1:0 lazy_import null 0 [json] module");
	CHECK_STR(imp(&x, 1), "2:0 lazy_from a 0 [b as c] module");
	CHECK_STR(binds(&x), "import json@1 import c@2 assign lazy@3");
	fx_release(&x);
}

TEST(dynamic_imports)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "m = __import__('a.b')\nimportlib.import_module('..sub', 'pkg')\n"
		 "import_module(\"x\" 'y')\n__import__(name)\nimport_module(f'x')\n"
		 "importlib.import_module(b'x')\nfoo.import_module('no')\n__import__('.')\n");
	CHECK_INT(x.f.nimports, 4);
	CHECK_STR(imp(&x, 0), "1:4 dynamic a.b 0 [] module");
	CHECK_STR(imp(&x, 1), "2:0 dynamic sub 2 [] module package=pkg");
	CHECK_STR(imp(&x, 2), "3:0 dynamic xy 0 [] module");
	CHECK_STR(imp(&x, 3), "8:0 dynamic null 1 [] module");
	fx_release(&x);
}

TEST(scopes)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "class C:\n    import a\n    def f(self, d=__import__('b')):\n        import c\n"
		 "    g = lambda: __import__('d')\n    x = [__import__('e') for _ in y]\n");
	CHECK_STR(imp(&x, 0), "2:4 import null 0 [a] class");
	CHECK_STR(imp(&x, 1), "3:18 dynamic b 0 [] class"); /* defaults run in the class body */
	CHECK_STR(imp(&x, 2), "4:8 import null 0 [c] function");
	CHECK_STR(imp(&x, 3), "5:16 dynamic d 0 [] function"); /* lambda body */
	CHECK_STR(imp(&x, 4), "6:9 dynamic e 0 [] class"); /* comprehensions keep the scope */
	fx_release(&x);
}

TEST(guard_try_except)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "try:\n    import a\nexcept (ImportError, (os.error, E)):\n    import b\n"
		 "except:\n    pass\nexcept f():\n    pass\nelse:\n    import c\nfinally:\n    import d\n"
		 "try:\n    import e\nfinally:\n    pass\n"
		 "try:\n    import g\nexcept* ValueError as v:\n    import h\n");
	CHECK_STR(imp(&x, 0), "2:4 import null 0 [a] module try(ImportError,os.error,E,*,?)");
	CHECK_STR(imp(&x, 1), "4:4 import null 0 [b] module except(ImportError,os.error,E)");
	CHECK_STR(imp(&x, 2), "10:4 import null 0 [c] module"); /* try's else is not guarded */
	CHECK_STR(imp(&x, 3), "12:4 import null 0 [d] module"); /* nor its finally */
	CHECK_STR(imp(&x, 4), "14:4 import null 0 [e] module try()");
	CHECK_STR(imp(&x, 5), "18:4 import null 0 [g] module try(ValueError)");
	CHECK_STR(imp(&x, 6), "20:4 import null 0 [h] module except(ValueError)");
	fx_release(&x);
}

TEST(guard_if_type_checking_main)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "if TYPE_CHECKING:\n    import a\nelse:\n    import b\n"
		 "if typing.TYPE_CHECKING:\n    import c\n"
		 "if not TYPE_CHECKING:\n    import d\n"
		 "if __name__ == '__main__':\n    import e\n"
		 "if \"__main__\" == __name__:\n    import f\n"
		 "if x:\n    import g\nelif TYPE_CHECKING:\n    import h\nelse:\n    import i\n");
	CHECK_STR(imp(&x, 0), "2:4 import null 0 [a] module type_checking");
	CHECK_STR(imp(&x, 1), "4:4 import null 0 [b] module if");
	CHECK_STR(imp(&x, 2), "6:4 import null 0 [c] module type_checking");
	CHECK_STR(imp(&x, 3), "8:4 import null 0 [d] module if");
	CHECK_STR(imp(&x, 4), "10:4 import null 0 [e] module main");
	CHECK_STR(imp(&x, 5), "12:4 import null 0 [f] module main");
	CHECK_STR(imp(&x, 6), "14:4 import null 0 [g] module if");
	CHECK_STR(imp(&x, 7), "16:4 import null 0 [h] module if type_checking");
	CHECK_STR(imp(&x, 8), "18:4 import null 0 [i] module if if");
	fx_release(&x);
}

TEST(loops_with_match_are_not_guards)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "for a in b:\n    import x\nwhile c:\n    import y\nwith d as e:\n    import z\n"
		 "match v:\n    case 1:\n        import w\n"
		 "try:\n    if q:\n        import nested\nexcept ImportError:\n    pass\n");
	CHECK_STR(imp(&x, 0), "2:4 import null 0 [x] module");
	CHECK_STR(imp(&x, 1), "4:4 import null 0 [y] module");
	CHECK_STR(imp(&x, 2), "6:4 import null 0 [z] module");
	CHECK_STR(imp(&x, 3), "9:8 import null 0 [w] module");
	CHECK_STR(imp(&x, 4), "12:8 import null 0 [nested] module try(ImportError) if");
	fx_release(&x);
}

TEST(bindings_assignments)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "a = b = 1\nc, (d, *e) = v\n[f, g] = w\nh.i = j[0] = 2\nk += 1\nl: int = 3\nm: int\n"
		 "(n): int = 4\n(o) += 1\nf2 = lambda q, r=1: q\n");
	CHECK_STR(binds(&x), "assign a@1 assign b@1 assign c@2 assign d@2 assign e@2 assign f@3 "
		  "assign g@3 augassign k@5 annassign l@6 annassign n@8 augassign o@9 assign f2@10");
	fx_release(&x);
}

TEST(bindings_compound)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "for i, j in x:\n    k = 1\nelse:\n    l = 2\n"
		 "with a as b, c as (d, e):\n    pass\nwith (f as g, h):\n    pass\n"
		 "try:\n    pass\nexcept E as err:\n    pass\n"
		 "del m, (n, o.p)\n"
		 "while 1:\n    q = 1\n");
	CHECK_STR(binds(&x), "for i@1 for j@1 assign k@2 assign l@4 with b@5 with d@5 with e@5 "
		  "with g@7 except err@11 del m@13 del n@13 assign q@15");
	fx_release(&x);
}

TEST(bindings_def_class_and_order)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "@dec(w1 := 1)\ndef f(a=(w2 := 2)):\n    inner = 1\n"
		 "class C(Base, metaclass=(w3 := M)):\n    attr = 1\n    def m(self): pass\n"
		 "async def g(): pass\n");
	CHECK_STR(binds(&x), "walrus w1@1 walrus w2@2 def f@2 walrus w3@4 class C@4 def g@7");
	fx_release(&x);
}

TEST(bindings_walrus_order)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "x = (a := (b := 1)) + (c := 2)\nif (d := f()):\n    pass\n"
		 "y = [e := i for i in z]\nlam = lambda: (g := 1)\nwhile h := r():\n    pass\n");
	CHECK_STR(binds(&x), "walrus b@1 walrus a@1 walrus c@1 assign x@1 walrus d@2 walrus e@4 "
		  "assign y@4 assign lam@5 walrus h@6");
	fx_release(&x);
}

TEST(bindings_imports)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "import a.b.c\nimport a.b as ab\nfrom m import (x,\n  y as z)\nfrom n import *\n"
		 "def f():\n    import notbound\n");
	CHECK_STR(binds(&x), "import a@1 import ab@2 import x@3 import z@4 import *@5 def f@6");
	fx_release(&x);
}

TEST(bindings_match)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "match v:\n    case [a, *rest]:\n        pass\n"
		 "    case {\"k\": b, **kw}:\n        pass\n"
		 "    case P(x=c) | Q(d) as e if (g := 1):\n        pass\n"
		 "    case Color.RED | _:\n        pass\n");
	CHECK_STR(binds(&x), "match a@2 match rest@2 match b@4 match kw@4 match c@6 match e@6 walrus g@6");
	scan(&x, "match = 1\nmatch(x)\n");
	CHECK_STR(binds(&x), "assign match@1");
	fx_release(&x);
}

TEST(bindings_type_alias_and_globals)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "type X = int\ntype Y[T] = list[T]\n"
		 "def f():\n    global g1\n    def inner():\n        global g2\n"
		 "class C:\n    global g3\n"
		 "global g4\n"
		 "type = 5\n");
	CHECK_STR(binds(&x), "type X@1 type Y@2 def f@3 global g1@4 global g2@6 class C@7 "
		  "global g3@8 assign type@10");
	fx_release(&x);
}

TEST(dunder_all)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "__all__ = ['a', \"b\"]\n__all__ += ('c',)\n__all__.append('d')\n__all__.extend(['e' 'f'])\n");
	CHECK_STR(all(&x), "a,b,c,d,ef");
	scan(&x, "__all__ = 'a', 'b'\n");
	CHECK_STR(all(&x), "a,b");
	scan(&x, "__all__ = ['a'] + other.__all__\n");
	CHECK_STR(all(&x), "null");
	scan(&x, "__all__ = ['a']\n__all__ += x\n");
	CHECK_STR(all(&x), "null");
	scan(&x, "__all__ = ('a')\n");
	CHECK_STR(all(&x), "null");
	scan(&x, "x = 1\n");
	CHECK_STR(all(&x), "null");
	scan(&x, "__all__.append('a')\n"); /* never assigned */
	CHECK_STR(all(&x), "null");
	scan(&x, "def f():\n    __all__ = x\n__all__ = []\n");
	CHECK_STR(all(&x), "");
	fx_release(&x);
}

TEST(module_getattr)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "def __getattr__(name):\n    pass\n");
	CHECK(x.f.has_getattr);
	scan(&x, "class C:\n    def __getattr__(self, n): pass\n");
	CHECK(!x.f.has_getattr);
	fx_release(&x);
}

TEST(import_time_calls)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "a.b.c(x())\n@deco.rate(arg)\ndef f(p=default(), q: ann() = 1) -> ret():\n    body()\n"
		 "class K(base(), metaclass=meta()):\n    attr = inside()\n    def m(self, d=dflt()): body2()\n"
		 "lam = lambda v=ld(): lb()\n(e1).expand()\n(g)(1)\nx[0]()\ny().z()\n\"s\".join(w)\n");
	CHECK_STR(calls(&x), "a.b.c@1:0 x@1:6 deco.rate@2:1 default@3:8 base@5:8 meta@5:26 "
		  "inside@6:11 dflt@7:18 ld@8:15 e1.expand@9:0 g@10:0 y@12:0");
	fx_release(&x);
}

TEST(import_statement_errors)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "import os\nfrom x import a,\n");
	CHECK_STR(err(&x), "2: trailing comma not allowed without surrounding parentheses");
	CHECK_INT(x.rc, -1);
	CHECK_INT(x.f.nimports, 1); /* the facts before the error are kept */
	scan(&x, "import .a\n");
	CHECK_STR(err(&x), "1: invalid syntax");
	scan(&x, "from x import\n");
	CHECK_STR(err(&x), "1: invalid syntax");
	scan(&x, "import a as\n");
	CHECK_STR(err(&x), "1: invalid syntax");
	scan(&x, "from x import (a\n");
	CHECK_STR(err(&x), "1: '(' was never closed");
	scan(&x, "from . import (a, b,)\n");
	CHECK_STR(err(&x), "none");
	fx_release(&x);
}

TEST(other_errors)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "x = 1\nprint 'hello'\n");
	CHECK_STR(err(&x), "2: Missing parentheses in call to 'print'. Did you mean print(...)?");
	scan(&x, "exec code in ns\n");
	CHECK_STR(err(&x), "1: Missing parentheses in call to 'exec'. Did you mean exec(...)?");
	scan(&x, "print\nprint(x)\nprint >>f, x\n");
	CHECK_STR(err(&x), "none");
	scan(&x, "if x:\npass\n");
	CHECK_STR(err(&x), "2: expected an indented block after 'if' statement on line 1");
	scan(&x, "x = 1\n    y = 2\n");
	CHECK_STR(err(&x), "2: unexpected indent");
	scan(&x, "try:\n    pass\nexcept A, e:\n    pass\n");
	CHECK_STR(err(&x), "3: multiple exception types must be parenthesized");
	scan(&x, "x = ur'abc'\n");
	CHECK_STR(err(&x), "1: invalid syntax");
	/* a tokenizer error wins over an earlier parse error (as CPython) */
	scan(&x, "print 'x'\ny = 0777\n");
	CHECK_STR(err(&x), "2: leading zeros in decimal integer literals are not permitted; "
		  "use an 0o prefix for octal integers");
	fx_release(&x);
}

TEST(syntax_3_12_and_later)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "x = f\"{d[\"k\"]}\"\ny = f'{f'{1}'}'\ndef g[T](a: T) -> T: pass\nclass C[T]: pass\n"
		 "type A = int\nlazy import z\nt = t'{v}'\n");
	CHECK_STR(err(&x), "none");
	CHECK_STR(binds(&x), "assign x@1 assign y@2 def g@3 class C@4 type A@5 import z@6 assign t@7");
	fx_release(&x);
}

TEST(top_level_statements_kept)
{
	struct fx x;
	fx_init(&x);
	scan(&x, "import a\n\n@d\ndef f(): pass\nx = 1\n");
	CHECK_INT(x.f.nstmts, 3);
	CHECK_INT(x.f.stmts[0].kind, TK_KW_IMPORT);
	CHECK_INT(x.f.stmts[1].kind, TK_AT);
	CHECK_INT(x.f.stmts[1].line, 3);
	CHECK_INT(x.f.stmts[2].kind, TK_NAME);
	fx_release(&x);
}

TEST_MAIN(
	T(import_records), T(lazy_imports_pep810), T(dynamic_imports), T(scopes),
	T(guard_try_except), T(guard_if_type_checking_main), T(loops_with_match_are_not_guards),
	T(bindings_assignments), T(bindings_compound), T(bindings_def_class_and_order),
	T(bindings_walrus_order), T(bindings_imports), T(bindings_match),
	T(bindings_type_alias_and_globals), T(dunder_all), T(module_getattr), T(import_time_calls),
	T(import_statement_errors), T(other_errors), T(syntax_3_12_and_later),
	T(top_level_statements_kept)
)
