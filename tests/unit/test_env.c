/* Unit tests for src/env: the JSON reader and os.path.abspath's model. */
#include <stdlib.h>
#include <unistd.h>

#include "env/env.h"
#include "env/jsonr.h"
#include "test.h"

static const char *parse_err(const char *text)
{
	static char msg[256];
	struct arena a;
	struct buf err = BUF_INIT;
	arena_init(&a);
	msg[0] = '\0';
	if (!jsonr_parse(&a, text, strlen(text), &err))
		snprintf(msg, sizeof(msg), "%s", err.ptr);
	buf_release(&err);
	arena_release(&a);
	return msg;
}

TEST(jsonr_values)
{
	struct arena a;
	struct buf err = BUF_INIT;
	arena_init(&a);
	const char *t = "{\"s\": \"a\\\"b\\u00e9\\ud83d\\ude00\\n\", \"n\": -1.5e2, \"t\": true,"
			" \"f\": false, \"z\": null, \"l\": [1, [], {}], \"e\": \"\"}";
	struct jsonr_value *v = jsonr_parse(&a, t, strlen(t), &err);
	CHECK(v != NULL);
	CHECK_STR(jsonr_str(jsonr_get(v, "s")), "a\"b\xc3\xa9\xf0\x9f\x98\x80\n");
	CHECK(jsonr_get(v, "n")->number == -150.0);
	CHECK(jsonr_get(v, "t")->boolean);
	CHECK(!jsonr_get(v, "f")->boolean && jsonr_get(v, "f")->type == JSONR_BOOL);
	CHECK_INT(jsonr_get(v, "z")->type, JSONR_NULL);
	CHECK_INT(jsonr_get(v, "l")->len, 3);
	CHECK_INT(jsonr_get(v, "l")->items[1]->type, JSONR_ARRAY);
	CHECK_STR(jsonr_str(jsonr_get(v, "e")), "");
	CHECK(jsonr_get(v, "missing") == NULL);
	CHECK(jsonr_str(jsonr_get(v, "n")) == NULL);
	buf_release(&err);
	arena_release(&a);
}

TEST(jsonr_errors)
{
	CHECK_STR(parse_err("{\"a\": 1,}"), "line 1: expected a string key");
	CHECK_STR(parse_err("[1 2]"), "line 1: expected ',' or ']'");
	CHECK_STR(parse_err("\n\n\"abc"), "line 3: unterminated string");
	CHECK_STR(parse_err("[1] x"), "line 1: trailing characters after the value");
	CHECK_STR(parse_err(""), "line 1: unexpected end of input");
	CHECK_STR(parse_err("\"\\q\""), "line 1: bad escape in string");
	CHECK_STR(parse_err("-"), "line 1: bad number");
	char deep[200];
	memset(deep, '[', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	CHECK_STR(parse_err(deep), "line 1: nesting too deep");
}

static const char *abspath(const char *p)
{
	static char out[4096];
	struct buf b = BUF_INIT;
	env_abspath(&b, p);
	snprintf(out, sizeof(out), "%s", b.ptr);
	buf_release(&b);
	return out;
}

/* expectations are posixpath.abspath's answers (checked by hand against
 * python3 -c 'import os; print(os.path.abspath(...))' in /tmp) */
TEST(abspath_normalises)
{
	char *old = getcwd(NULL, 0);
	CHECK(chdir("/tmp") == 0);
	CHECK_STR(abspath("/a//b/./c/"), "/a/b/c");
	CHECK_STR(abspath("/a/b/../../.."), "/");
	CHECK_STR(abspath("//a/b"), "//a/b");
	CHECK_STR(abspath("///a/b"), "/a/b");
	CHECK_STR(abspath(""), "/tmp");
	CHECK_STR(abspath("x/../y"), "/tmp/y");
	CHECK_STR(abspath("../.."), "/");
	CHECK(chdir(old) == 0);
	free(old);
}

TEST_MAIN(T(jsonr_values), T(jsonr_errors), T(abspath_normalises))
