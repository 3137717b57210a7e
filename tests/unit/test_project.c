#include "test.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "config/project.h"

/* A scratch tree under /tmp, removed at the end of each test. */
static char tmp[64];

static void mk(const char *rel, const char *content)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", tmp, rel);
	for (char *p = path + strlen(tmp) + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	}
	if (content) {
		FILE *f = fopen(path, "w");
		fputs(content, f);
		fclose(f);
	} else {
		mkdir(path, 0755);
	}
}

static void setup(void)
{
	strcpy(tmp, "/tmp/modscope-project-XXXXXX");
	CHECK(mkdtemp(tmp) != NULL);
	char *real = realpath(tmp, NULL);
	strcpy(tmp, real);
	free(real);
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	CHECK(system(cmd) == 0);
}

static const char *name_of(struct project *p, const char *rel, struct buf *b)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", tmp, rel);
	buf_clear(b);
	if (project_module_name(p, path, b) < 0)
		return "(none)";
	return b->ptr;
}

TEST(src_layout)
{
	setup();
	mk("pyproject.toml", "[project]\nname = 'x'\n");
	mk("src/shop/__init__.py", "");
	mk("src/shop/models/order.py", "");
	mk("tests/test_order.py", "");
	struct project p;
	struct buf err = BUF_INIT, b = BUF_INIT;
	CHECK_INT(project_load(&p, tmp, &err), 0);
	CHECK_STR(p.root, tmp);
	CHECK_INT(p.roots.len, 2);
	CHECK_INT(p.targets.len, 2);
	CHECK_STR(name_of(&p, "src/shop/models/order.py", &b), "shop.models.order");
	CHECK_STR(name_of(&p, "src/shop/__init__.py", &b), "shop");
	CHECK_STR(name_of(&p, "tests/test_order.py", &b), "tests.test_order");
	project_release(&p);
	/* Starting below the root analyses only that folder. */
	char sub[256];
	snprintf(sub, sizeof sub, "%s/src/shop/models", tmp);
	CHECK_INT(project_load(&p, sub, &err), 0);
	CHECK_STR(p.root, tmp);
	CHECK_INT(p.targets.len, 1);
	project_release(&p);
	buf_release(&err);
	buf_release(&b);
	teardown();
}

TEST(package_given_directly)
{
	setup();
	mk("site/pkg/__init__.py", "");
	mk("site/pkg/sub/__init__.py", "");
	mk("site/pkg/sub/mod.py", "");
	mk("site/pkg/bad-name.py", "");
	char dir[256];
	snprintf(dir, sizeof dir, "%s/site/pkg/sub", tmp);
	struct project p;
	struct buf err = BUF_INIT, b = BUF_INIT;
	CHECK_INT(project_load(&p, dir, &err), 0);
	CHECK_INT(p.roots.len, 1);
	CHECK(strstr(p.roots.ptr[0], "/site") != NULL);
	CHECK_STR(name_of(&p, "site/pkg/sub/mod.py", &b), "pkg.sub.mod");
	CHECK_STR(name_of(&p, "site/pkg/bad-name.py", &b), "(none)");
	project_release(&p);
	buf_release(&err);
	buf_release(&b);
	teardown();
}

TEST(configured_roots_and_errors)
{
	setup();
	mk("lib/a.py", "");
	mk("pyproject.toml", "[tool.modscope]\nroots = [\"lib\"]\nexclude = [\"*_pb2.py\"]\n");
	struct project p;
	struct buf err = BUF_INIT, b = BUF_INIT;
	CHECK_INT(project_load(&p, tmp, &err), 0);
	CHECK_INT(p.roots.len, 1);
	CHECK_STR(name_of(&p, "lib/a.py", &b), "a");
	char gen[256];
	snprintf(gen, sizeof gen, "%s/lib/x_pb2.py", tmp);
	CHECK(project_is_excluded(&p, gen));
	CHECK(!project_is_excluded(&p, "lib/a.py"));
	project_release(&p);

	mk("pyproject.toml", "[tool.modscope]\nroots = [\"nowhere\"]\n");
	CHECK_INT(project_load(&p, tmp, &err), -1);
	CHECK(strstr(err.ptr, "pyproject.toml:2:") != NULL);
	CHECK(strstr(err.ptr, "'nowhere' is not a folder") != NULL);
	project_release(&p);

	buf_clear(&err);
	mk("pyproject.toml", "[tool.modscope]\nroots = [\n");
	CHECK_INT(project_load(&p, tmp, &err), -1);
	CHECK(strstr(err.ptr, "pyproject.toml:") != NULL);
	project_release(&p);
	buf_release(&err);
	buf_release(&b);
	teardown();
}

TEST(identifiers)
{
	CHECK(project_is_identifier("abc_1", 5));
	CHECK(!project_is_identifier("1abc", 4));
	CHECK(!project_is_identifier("a-b", 3));
	CHECK(!project_is_identifier("", 0));
	CHECK(project_is_identifier("\xc3\xa9t\xc3\xa9", 5));
}

TEST_MAIN(T(src_layout), T(package_given_directly), T(configured_roots_and_errors),
	  T(identifiers))
