#include "config/project.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "base/xalloc.h"

static const char *const markers[] = { "pyproject.toml", "modscope.toml", "setup.cfg", ".git" };

static char *dirname_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static bool has_file(const char *dir, const char *name)
{
	struct buf p = BUF_INIT;
	fs_join(&p, dir, name);
	bool yes = access(p.ptr, F_OK) == 0;
	buf_release(&p);
	return yes;
}

static bool is_package(const char *dir)
{
	return has_file(dir, "__init__.py");
}

static void push_unique(void *vec_, const char *s)
{
	VEC(char *) *v = vec_;
	for (size_t i = 0; i < v->len; i++)
		if (!strcmp(v->ptr[i], s))
			return;
	vec_push(v, xstrdup(s));
}

/* The nearest folder from dir up that holds a project marker, or NULL. */
static char *find_root(const char *dir)
{
	char *cur = xstrdup(dir);
	for (;;) {
		for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
			if (has_file(cur, markers[i]))
				return cur;
		if (!strcmp(cur, "/")) {
			free(cur);
			return NULL;
		}
		char *up = dirname_of(cur);
		free(cur);
		cur = up;
	}
}

static int string_list(struct project *self, const char *key, void *vec_, bool dirs,
		       struct buf *err)
{
	const struct toml_value *v = toml_table_get(self->tool, slice_cstr(key));
	if (!v)
		return 0;
	if (v->kind != TOML_ARRAY) {
		buf_addf(err, "%s:%u:%u: [tool.modscope] %s must be an array of strings",
			 self->config_file, v->line, v->col, key);
		return -1;
	}
	for (size_t i = 0; i < toml_len(v); i++) {
		const struct toml_value *e = toml_array_at(v, i);
		struct slice s;
		if (!toml_as_string(e, &s)) {
			buf_addf(err, "%s:%u:%u: [tool.modscope] %s must be an array of strings",
				 self->config_file, e->line, e->col, key);
			return -1;
		}
		if (!dirs) {
			push_unique(vec_, s.ptr);
			continue;
		}
		struct buf p = BUF_INIT;
		if (s.ptr[0] == '/')
			buf_adds(&p, s.ptr);
		else
			fs_join(&p, self->root, s.ptr);
		/* "." and "src/../lib" name the same folders as the walk will. */
		char *real = realpath(p.ptr, NULL);
		if (real) {
			buf_clear(&p);
			buf_adds(&p, real);
			free(real);
		}
		if (!fs_is_dir(p.ptr)) {
			buf_addf(err, "%s:%u:%u: [tool.modscope] %s entry '%s' is not a folder",
				 self->config_file, e->line, e->col, key, s.ptr);
			buf_release(&p);
			return -1;
		}
		push_unique(vec_, p.ptr);
		buf_release(&p);
	}
	return 0;
}

static int load_config(struct project *self, struct buf *err)
{
	static const char *const files[] = { "modscope.toml", "pyproject.toml" };
	for (size_t i = 0; i < 2; i++) {
		struct buf p = BUF_INIT;
		fs_join(&p, self->root, files[i]);
		if (!fs_is_file(p.ptr)) {
			buf_release(&p);
			continue;
		}
		struct toml_error te;
		if (toml_parse_file(&self->doc, p.ptr, &te) < 0) {
			buf_addf(err, "%s:%u:%u: %s", p.ptr, te.line, te.col, te.reason);
			buf_release(&p);
			return -1;
		}
		/* modscope.toml may hold the table at its top level. */
		const struct toml_value *tool = toml_get(self->doc.root, "tool.modscope");
		if (i == 0 && !tool)
			tool = self->doc.root;
		if (!tool) {
			/* A pyproject.toml without our table is not our configuration. */
			toml_doc_release(&self->doc);
			toml_doc_init(&self->doc);
			buf_release(&p);
			continue;
		}
		self->config_file = buf_detach(&p, NULL);
		if (tool->kind != TOML_TABLE) {
			buf_addf(err, "%s:%u:%u: [tool.modscope] must be a table",
				 self->config_file, tool->line, tool->col);
			return -1;
		}
		self->tool = tool;
		break;
	}
	if (!self->tool)
		return 0;
	if (string_list(self, "roots", &self->roots, true, err) < 0 ||
	    string_list(self, "exclude", &self->exclude, false, err) < 0)
		return -1;
	const struct toml_value *py = toml_table_get(self->tool, SLICE_LIT("python"));
	if (py) {
		struct slice s;
		if (!toml_as_string(py, &s)) {
			buf_addf(err, "%s:%u:%u: [tool.modscope] python must be a string",
				 self->config_file, py->line, py->col);
			return -1;
		}
		self->python = xstrdup(s.ptr);
	}
	return 0;
}

static bool below(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (!strcmp(dir, "/"))
		return path[0] == '/';
	return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

int project_load(struct project *self, const char *start, struct buf *err)
{
	memset(self, 0, sizeof(*self));
	toml_doc_init(&self->doc);
	char *abs = realpath(start, NULL);
	if (!abs) {
		buf_addf(err, "%s: cannot open: %m", start);
		return -1;
	}
	char *dir = fs_is_dir(abs) ? xstrdup(abs) : dirname_of(abs);
	int rc = -1;

	if (fs_is_dir(abs) && is_package(abs)) {
		/* A package given directly: its sys.path root is above the
		 * topmost folder with an __init__.py. */
		char *top = xstrdup(abs);
		for (;;) {
			char *up = dirname_of(top);
			if (!strcmp(up, top) || !is_package(up)) {
				free(top);
				top = up;
				break;
			}
			free(top);
			top = up;
		}
		self->root = top;
		vec_push(&self->roots, xstrdup(top));
		vec_push(&self->targets, xstrdup(abs));
		rc = 0;
		goto cleanup;
	}

	self->root = find_root(dir);
	if (!self->root)
		self->root = xstrdup(dir);
	if (load_config(self, err) < 0)
		goto cleanup;
	if (!self->roots.len) {
		struct buf src = BUF_INIT;
		fs_join(&src, self->root, "src");
		if (fs_is_dir(src.ptr))
			vec_push(&self->roots, xstrdup(src.ptr));
		buf_release(&src);
		vec_push(&self->roots, xstrdup(self->root));
	}
	if (strcmp(abs, self->root) != 0 && below(abs, self->root))
		vec_push(&self->targets, xstrdup(abs));
	else
		for (size_t i = 0; i < self->roots.len; i++)
			vec_push(&self->targets, xstrdup(self->roots.ptr[i]));
	rc = 0;
cleanup:
	free(dir);
	free(abs);
	return rc;
}

static void free_all(void *vec_)
{
	VEC(char *) *v = vec_;
	for (size_t i = 0; i < v->len; i++)
		free(v->ptr[i]);
	vec_release(v);
}

void project_release(struct project *self)
{
	free(self->root);
	free(self->config_file);
	free(self->python);
	free_all(&self->roots);
	free_all(&self->targets);
	free_all(&self->exclude);
	toml_doc_release(&self->doc);
	memset(self, 0, sizeof(*self));
	toml_doc_init(&self->doc);
}

bool project_is_identifier(const char *s, size_t len)
{
	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

int project_module_name(const struct project *self, const char *path, struct buf *out)
{
	char *abs = realpath(path, NULL);
	int found = project_module_name_real(self, abs ? abs : path, out);
	free(abs);
	return found;
}

int project_module_name_real(const struct project *self, const char *p, struct buf *out)
{
	int found = -1;
	/* The most specific root wins: src/ is below the root in a src layout. */
	size_t best_len = 0;
	for (size_t i = 0; i < self->roots.len; i++) {
		size_t n = strlen(self->roots.ptr[i]);
		if (below(p, self->roots.ptr[i]) && strcmp(p, self->roots.ptr[i]) != 0 &&
		    (found < 0 || n > best_len)) {
			found = (int)i;
			best_len = n;
		}
	}
	if (found < 0)
		goto cleanup;
	const char *rel = p + best_len + (strcmp(self->roots.ptr[found], "/") ? 1 : 0);
	size_t start = out->len;
	const char *part = rel;
	for (;;) {
		const char *slash = strchr(part, '/');
		size_t n = slash ? (size_t)(slash - part) : strlen(part);
		if (!slash && n > 3 && !strcmp(part + n - 3, ".py"))
			n -= 3;
		if (!slash && n == 8 && !strncmp(part, "__init__", 8))
			break; /* the package itself */
		if (!project_is_identifier(part, n)) {
			buf_truncate(out, start);
			found = -1;
			goto cleanup;
		}
		if (out->len > start)
			buf_addc(out, '.');
		buf_add(out, part, n);
		if (!slash)
			break;
		part = slash + 1;
	}
	if (out->len == start)
		found = -1;
cleanup:
	return found;
}

bool project_is_excluded(const struct project *self, const char *path)
{
	if (!self->exclude.len)
		return false;
	const char *rel = path;
	if (below(path, self->root) && strcmp(path, self->root) != 0)
		rel = path + strlen(self->root) + 1;
	for (size_t i = 0; i < self->exclude.len; i++) {
		const char *pat = self->exclude.ptr[i];
		for (const char *q = rel; q; q = strchr(q, '/') ? strchr(q, '/') + 1 : NULL) {
			if (fnmatch(pat, q, 0) == 0)
				return true;
		}
	}
	return false;
}
