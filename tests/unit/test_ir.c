/* Unit tests for the execution IR reader (src/syntax/ir.h). */
#include <stdlib.h>

#include "base/buf.h"
#include "syntax/ir.h"
#include "test.h"

static char *dump(const char *src, int *rc)
{
	struct arena a;
	arena_init(&a);
	struct ir_file f;
	*rc = ir_file_parse(src, strlen(src), &a, &f);
	struct buf out = BUF_INIT;
	ir_dump(&out, &f);
	arena_release(&a);
	return buf_detach(&out, NULL);
}

#define CHECK_DUMP(src, want) do { \
	int rc_; \
	char *got_ = dump(src, &rc_); \
	CHECK_STR(got_, want); \
	CHECK_INT(rc_, 0); \
	free(got_); \
} while (0)

TEST(imports)
{
	CHECK_DUMP("import a.b as c, d\nfrom . import x\nfrom ..m import (y as z, w,)\nfrom m import *\n",
		   "1 import a.b as c d\n2 from level=1 x\n3 from m level=2 y as z w\n4 from m *\n");
	CHECK_DUMP("from ...a import b\n", "1 from a level=3 b\n");
}

TEST(expressions)
{
	CHECK_DUMP("x = a.b.c(1, k=2, *r)\n", "1 assign x = (call a.b.c 1 k=2 (starred * r))\n");
	CHECK_DUMP("if TYPE_CHECKING and sys.version_info >= (3, 8): pass\n",
		   "1 if (boolop a TYPE_CHECKING (compare sys.version_info >= (tuple 3 8)))\n  1 pass\n");
	CHECK_DUMP("y = not a is not None\n", "1 assign y = (not (compare a is-not None))\n");
	CHECK_DUMP("__all__ = ['a', \"b\"] + m.__all__\n",
		   "1 assign __all__ = (binop + (tuple 'a' 'b') m.__all__)\n");
	CHECK_DUMP("l = [m.x for m in mods if m]\n", "1 assign l = (comp m.x mods m :m)\n");
	CHECK_DUMP("f = lambda q=m.y, *a, **k: q\n", "1 assign f = (lambda m.y)\n");
	CHECK_DUMP("x = 1 if c else 2\n", "1 assign x = (ifexp c 1 2)\n");
	CHECK_DUMP("a = b = 3\n", "1 assign a = b = 3\n");
	/* a slice is marked: its bounds are not indices */
	CHECK_DUMP("x = v[1]\ny = v[1:]\nsys.path[:0] = p\n",
		   "1 assign x = (subscript v 1)\n2 assign y = (subscript : v 1)\n"
		   "3 assign (subscript : sys.path 0) = p\n");
	/* dict displays are marked; sets and ** unpacking are not */
	CHECK_DUMP("d = {}\ne = {int: f, 'a': 1}\ns = {1, 2}\nu = {**d}\n",
		   "1 assign d = (other D)\n2 assign e = (other D int f 'a' 1)\n"
		   "3 assign s = (other 1 2)\n4 assign u = (other d)\n");
}

TEST(compound)
{
	CHECK_DUMP("try:\n    import foo\nexcept (ImportError, AttributeError) as e:\n    foo = None\n"
		   "else:\n    pass\nfinally:\n    del foo\n",
		   "1 try\n  2 import foo\n3 except (tuple ImportError AttributeError) as e\n"
		   "  4 assign foo = None\nelse\n  6 pass\nfinally\n  8 del foo =\n");
	CHECK_DUMP("@deco(1)\nclass K(Base, metaclass=M):\n    x: int = 3\n"
		   "    def f(self, a=m.x, *, b: q.T = 2) -> r.R:\n        global g\n        g = 1\n"
		   "        import os\n        yield 3\n",
		   "2 class K @(call deco 1) (call Base metaclass=M)\n  3 annassign x = 3 : int\n"
		   "  4 def f self a=m.x b=2 locals:self,a,b,os generator\n    5 global g\n"
		   "    6 assign g = 1\n    7 import os\n    8 expr (other 3)\n");
	CHECK_DUMP("with (open(f) as fh, x):\n    pass\n", "1 with (call open f) as fh x\n  2 pass\n");
	CHECK_DUMP("match x:\n    case [a, b] if a:\n        import m\n    case _:\n        pass\n",
		   "1 match x\n2 except a\n  3 import m\n4 except _\n  5 pass\n");
	CHECK_DUMP("if a:\n    pass\nelif b:\n    pass\nelse:\n    x = 1\n",
		   "1 if a\n  2 pass\nelse\n  3 if b\n    4 pass\n  else\n    6 assign x = 1\n");
}

TEST(errors)
{
	int rc;
	char *got = dump("import\n", &rc);
	CHECK_INT(rc, -1);
	CHECK_STR(got, "error 1: invalid syntax\n");
	free(got);
	got = dump("x = (\n", &rc);
	CHECK_INT(rc, -1);
	free(got);
	/* nesting is bounded */
	struct buf deep = BUF_INIT;
	buf_adds(&deep, "x = ");
	for (int i = 0; i < 1000; i++)
		buf_addc(&deep, '(');
	for (int i = 0; i < 1000; i++)
		buf_addc(&deep, ')');
	buf_addc(&deep, '\n');
	got = dump(deep.ptr, &rc);
	CHECK_INT(rc, -1);
	CHECK(strstr(got, "nested") != NULL || strstr(got, "too many") != NULL);
	free(got);
	buf_release(&deep);
}

TEST_MAIN(T(imports), T(expressions), T(compound), T(errors))
