/* sys.path as Lib/site.py's main() completes it, modelled: import lines
 * of .pth files are recorded and never executed; setuptools' editable
 * finders are read statically. */
#include "env/internal.h"

#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fs.h"

struct site {
	struct env *env;
	struct map known;            /* known_paths: normcase'd entries (arena keys) */
	VEC(const char *) prefixes;  /* site.PREFIXES */
	bool virtual_env;            /* sys.base_prefix != sys.prefix */
	int enable_user_site;        /* ENABLE_USER_SITE: -1 None, 0 False, 1 True */
};

static const char *adup(struct env *env, const char *s)
{
	return arena_strndup(&env->arena, s, strlen(s));
}

static void warn(struct env *env, const char *file, int line, const char *msg)
{
	struct env_warning w = { file ? adup(env, file) : NULL, line, adup(env, msg) };
	vec_push(&env->warnings, w);
}

/* os.path.join(a, b) */
static void path_join(struct buf *out, const char *a, const char *b)
{
	if (b[0] == '/') {
		buf_adds(out, b);
		return;
	}
	buf_adds(out, a);
	if (out->len && out->ptr[out->len - 1] != '/')
		buf_addc(out, '/');
	buf_adds(out, b);
}

static bool path_exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

/* Appends dir to sys.path unless known (the body shared by
 * removeduppaths, addsitedir and addpackage).  dir is already makepath'd. */
static bool add_known(struct site *s, const char *dir)
{
	if (map_get(&s->known, slice_cstr(dir)))
		return false;
	const char *d = adup(s->env, dir);
	map_put(&s->known, slice_cstr(d), (void *)d);
	vec_push(&s->env->sys_path, d);
	return true;
}

/* ---- setuptools' editable finders ------------------------------------- */

/* Reads one Python string literal (as repr() writes them) at *p. */
static bool py_string(const char **p, struct buf *out)
{
	const char *s = *p;
	char q = *s;
	if (q != '\'' && q != '"')
		return false;
	s++;
	while (*s && *s != q) {
		if (*s == '\\' && s[1]) {
			s++;
			switch (*s) {
			case 'n': buf_addc(out, '\n'); break;
			case 't': buf_addc(out, '\t'); break;
			case 'r': buf_addc(out, '\r'); break;
			case 'x': {
				char hex[3] = { s[1], s[1] ? s[2] : 0, 0 };
				buf_addc(out, (char)strtol(hex, NULL, 16));
				s += 2;
				break;
			}
			default: buf_addc(out, *s); break;
			}
			s++;
			continue;
		}
		buf_addc(out, *s++);
	}
	if (*s != q)
		return false;
	*p = s + 1;
	return true;
}

static void skip_space(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

/* The right-hand side of the top-level assignment `name = ...` (or
 * `name: T = ...`) in text, or NULL. */
static const char *assignment(const char *text, const char *name)
{
	size_t n = strlen(name);
	for (const char *line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (strncmp(line, name, n) != 0)
			continue;
		const char *p = line + n;
		if (*p != ' ' && *p != '=' && *p != ':')
			continue;
		while (*p && *p != '=' && *p != '\n')
			p++;
		if (*p != '=')
			continue;
		p++;
		skip_space(&p);
		return p;
	}
	return NULL;
}

/* Reads MAPPING, NAMESPACES and PATH_PLACEHOLDER of a finder module. */
static int read_editable(struct env *env, struct env_editable *ed, const char *text,
			 struct buf *placeholder)
{
	const char *p = assignment(text, "MAPPING");
	if (!p || *p != '{')
		return -1;
	p++;
	struct buf k = BUF_INIT, v = BUF_INIT;
	int rc = -1;
	for (;;) {
		while (*p == ' ' || *p == '\n' || *p == '\t' || *p == ',')
			p++;
		if (*p == '}')
			break;
		buf_clear(&k);
		buf_clear(&v);
		if (!py_string(&p, &k))
			goto cleanup;
		skip_space(&p);
		if (*p++ != ':')
			goto cleanup;
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!py_string(&p, &v))
			goto cleanup;
		struct env_editable_map m = { adup(env, k.ptr), adup(env, v.ptr) };
		vec_push(&ed->mapping, m);
	}
	p = assignment(text, "NAMESPACES");
	ed->has_namespaces = p && strncmp(p, "{}", 2) != 0;
	p = assignment(text, "PATH_PLACEHOLDER");
	while (p) {
		skip_space(&p);
		if (!py_string(&p, placeholder))
			break;
		skip_space(&p);
		if (*p != '+')
			break;
		p++;
	}
	rc = 0;
cleanup:
	buf_release(&k);
	buf_release(&v);
	return rc;
}

/* An `import __editable___X_finder; __editable___X_finder.install()` line:
 * the module is found on sys.path as it is at that moment. */
static bool model_editable(struct site *s, const char *pth, const char *code)
{
	const char *p = code + strlen("import");
	while (*p == ' ' || *p == '\t')
		p++;
	const char *e = p;
	while (*e && *e != ';' && *e != ' ' && *e != '\t' && *e != ',')
		e++;
	size_t n = (size_t)(e - p);
	if (n < 20 || strncmp(p, "__editable___", 13) != 0 || strncmp(e - 7, "_finder", 7) != 0)
		return false;
	struct env *env = s->env;
	struct buf mod = BUF_INIT, file = BUF_INIT, err = BUF_INIT, placeholder = BUF_INIT;
	bool ok = false;
	buf_add(&mod, p, n);
	struct fs_file text = { NULL, 0 };
	for (size_t i = 0; i < env->sys_path.len && !text.ptr; i++) {
		buf_clear(&file);
		fs_join(&file, env->sys_path.ptr[i], mod.ptr);
		buf_adds(&file, ".py");
		if (!fs_is_file(file.ptr) || fs_read_file(file.ptr, &text, &err) < 0)
			text.ptr = NULL;
	}
	if (!text.ptr)
		goto cleanup;
	struct env_editable ed = { adup(env, pth), adup(env, mod.ptr), adup(env, file.ptr),
				   VEC_INIT, false };
	if (read_editable(env, &ed, text.ptr, &placeholder) < 0) {
		vec_release(&ed.mapping);
		warn(env, file.ptr, 0, "cannot read MAPPING of the editable finder; not modelled");
		goto cleanup;
	}
	if (ed.has_namespaces) {
		/* install() adds a path hook for the namespaces and appends
		 * PATH_PLACEHOLDER to sys.path (not to known_paths) */
		warn(env, file.ptr, 0, "namespace packages of this editable install are not modelled");
		bool present = false;
		for (size_t i = 0; i < env->sys_path.len; i++)
			present |= strcmp(env->sys_path.ptr[i], placeholder.ptr) == 0;
		if (placeholder.len && !present)
			vec_push(&env->sys_path, adup(env, placeholder.ptr));
	}
	vec_push(&env->editables, ed);
	ok = true;
cleanup:
	fs_file_release(&text);
	buf_release(&mod);
	buf_release(&file);
	buf_release(&err);
	buf_release(&placeholder);
	return ok;
}

/* ---- .pth files -------------------------------------------------------- */

/* str.strip() == "" for the ASCII whitespace Python knows */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
	       (c >= 0x1c && c <= 0x1f);
}

/* site.addpackage(sitedir, name, known_paths) */
static void addpackage(struct site *s, const char *sitedir, const char *name)
{
	struct env *env = s->env;
	struct buf full = BUF_INIT, err = BUF_INIT, line = BUF_INIT, dir = BUF_INIT, joined = BUF_INIT;
	struct fs_file f;
	path_join(&full, sitedir, name);
	/* site processes a directory twice when it is both the venv's and in
	 * PREFIXES; the second pass adds nothing: known_paths holds its
	 * entries and editable install() refuses a second finder */
	for (size_t i = 0; i < env->pth_files.len; i++)
		if (!strcmp(env->pth_files.ptr[i].path, full.ptr))
			goto cleanup;
	if (fs_read_file(full.ptr, &f, &err) < 0) {
		/* open() failing is silently ignored by site */
		goto cleanup;
	}
	struct env_pth *pth = vec_push_zero(&env->pth_files);
	pth->path = adup(env, full.ptr);
	const char *p = f.ptr, *end = f.ptr + f.len;
	int n = 0;
	while (p < end) {
		/* universal newlines: \n, \r\n and \r end a line */
		const char *e = p;
		while (e < end && *e != '\n' && *e != '\r')
			e++;
		buf_clear(&line);
		buf_add(&line, p, (size_t)(e - p));
		const char *next = e;
		if (next < end)
			next += (*next == '\r' && next + 1 < end && next[1] == '\n') ? 2 : 1;
		p = next;
		n++;
		if (line.ptr[0] == '#')
			continue;
		bool blank = true;
		for (size_t i = 0; i < line.len && blank; i++)
			blank = is_space(line.ptr[i]);
		if (blank)
			continue;
		if (!strncmp(line.ptr, "import ", 7) || !strncmp(line.ptr, "import\t", 7)) {
			struct env_pth_import imp = { n, adup(env, line.ptr), NULL };
			if (model_editable(s, full.ptr, line.ptr)) {
				imp.modelled = "editable";
			} else {
				warn(env, full.ptr, n, "import line of a .pth file is not executed; "
				     "finders or paths it installs are not modelled");
			}
			vec_push(&pth->imports, imp);
			continue;
		}
		while (line.len && is_space(line.ptr[line.len - 1]))
			buf_truncate(&line, line.len - 1);
		if (memchr(line.ptr, '\0', line.len))
			continue; /* os.path.exists() is False for embedded NULs */
		buf_clear(&joined);
		buf_clear(&dir);
		path_join(&joined, sitedir, line.ptr);
		env_abspath(&dir, joined.ptr);
		if (!map_get(&s->known, slice_cstr(dir.ptr)) && path_exists(dir.ptr)) {
			add_known(s, dir.ptr);
			vec_push(&pth->entries, *vec_last(&env->sys_path));
		}
	}
	fs_file_release(&f);
cleanup:
	buf_release(&full);
	buf_release(&err);
	buf_release(&line);
	buf_release(&dir);
	buf_release(&joined);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* site.addsitedir(sitedir, known_paths) */
static void addsitedir(struct site *s, const char *sitedir_in)
{
	struct buf sitedir = BUF_INIT;
	env_abspath(&sitedir, sitedir_in);
	add_known(s, sitedir.ptr);
	DIR *d = opendir(sitedir.ptr);
	if (!d) {
		struct buf msg = BUF_INIT;
		buf_addf(&msg, "cannot list site directory: %s", strerror(errno));
		warn(s->env, sitedir.ptr, 0, msg.ptr);
		buf_release(&msg);
		buf_release(&sitedir);
		return;
	}
	VEC(char *) names = VEC_INIT;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		/* 3.12 began skipping names starting with '.'; 3.11 reads them */
		bool hidden = de->d_name[0] == '.' &&
			      (s->env->version_major > 3 || s->env->version_minor >= 12);
		if (!hidden && n >= 4 && !strcmp(de->d_name + n - 4, ".pth"))
			vec_push(&names, xstrdup(de->d_name));
	}
	closedir(d);
	if (names.len)
		qsort(names.ptr, names.len, sizeof(char *), cmp_str);
	for (size_t i = 0; i < names.len; i++) {
		addpackage(s, sitedir.ptr, names.ptr[i]);
		free(names.ptr[i]);
	}
	vec_release(&names);
	buf_release(&sitedir);
}

typedef VEC(char *) cstr_vec;

/* os.path.join(prefix, a, b, c) pushed onto out */
static void push_join(cstr_vec *out, const char *prefix, const char *a, const char *b,
		      const char *c)
{
	struct buf p = BUF_INIT;
	path_join(&p, prefix, a);
	buf_addc(&p, '/');
	buf_adds(&p, b);
	buf_addc(&p, '/');
	buf_adds(&p, c);
	vec_push(out, buf_detach(&p, NULL));
}

/* site.getsitepackages(prefixes), upstream or Debian's layout */
static void getsitepackages(struct site *s, const char *const *prefixes, size_t n,
			    cstr_vec *out)
{
	struct env *env = s->env;
	char ver[32];
	snprintf(ver, sizeof(ver), "python%d.%d", env->version_major, env->version_minor);
	for (size_t i = 0; i < n; i++) {
		const char *prefix = prefixes[i];
		bool seen = !prefix || !prefix[0];
		for (size_t j = 0; j < i && !seen; j++)
			seen = prefixes[j] && !strcmp(prefixes[j], prefix);
		if (seen)
			continue;
		const char *libdirs[2] = { env->platlibdir, "lib" };
		size_t nlib = strcmp(env->platlibdir, "lib") ? 2 : 1;
		if (env->site_dist_packages) {
			if (s->virtual_env)
				push_join(out, prefix, "lib", ver, "site-packages");
			push_join(out, prefix, "local/lib", ver, "dist-packages");
			push_join(out, prefix, "lib", "python3", "dist-packages");
			for (size_t l = 0; l < nlib; l++)
				push_join(out, prefix, libdirs[l], ver, "dist-packages");
		} else {
			for (size_t l = 0; l < nlib; l++)
				push_join(out, prefix, libdirs[l], ver, "site-packages");
		}
	}
}

/* site.addsitepackages(known_paths, prefixes) */
static void addsitepackages(struct site *s, const char *const *prefixes, size_t n)
{
	cstr_vec dirs = VEC_INIT;
	getsitepackages(s, prefixes, n, &dirs);
	for (size_t i = 0; i < dirs.len; i++) {
		if (fs_is_dir(dirs.ptr[i]))
			addsitedir(s, dirs.ptr[i]);
		free(dirs.ptr[i]);
	}
	vec_release(&dirs);
}

/* posixpath.expanduser("~/" + rest) */
static void expanduser(struct buf *out, const char *rest)
{
	const char *home = getenv("HOME");
	struct buf h = BUF_INIT;
	if (home) {
		buf_adds(&h, home);
	} else {
		struct passwd *pw = getpwuid(getuid());
		if (pw)
			buf_adds(&h, pw->pw_dir);
	}
	while (h.len && h.ptr[h.len - 1] == '/')
		buf_truncate(&h, h.len - 1);
	buf_addsl(out, buf_slice(&h));
	buf_addc(out, '/');
	buf_adds(out, rest);
	buf_release(&h);
}

/* site.venv(known_paths) */
static int venv(struct site *s, struct buf *err)
{
	struct env *env = s->env;
	struct buf exe_dir = BUF_INIT, site_prefix = BUF_INIT, conf = BUF_INIT, text_err = BUF_INIT;
	int rc = -1;
	env_abspath(&exe_dir, env->executable);
	char *slash = strrchr(exe_dir.ptr, '/');
	buf_truncate(&exe_dir, slash == exe_dir.ptr ? 1 : (size_t)(slash - exe_dir.ptr));
	buf_adds(&site_prefix, exe_dir.ptr);
	slash = strrchr(site_prefix.ptr, '/');
	buf_truncate(&site_prefix, slash == site_prefix.ptr ? 1 : (size_t)(slash - site_prefix.ptr));
	const char *dirs[2] = { exe_dir.ptr, site_prefix.ptr };
	for (int i = 0; i < 2 && !conf.len; i++) {
		fs_join(&conf, dirs[i], "pyvenv.cfg");
		if (!fs_is_file(conf.ptr))
			buf_clear(&conf);
	}
	if (!conf.len) {
		rc = 0;
		goto cleanup;
	}
	struct fs_file f;
	if (fs_read_file(conf.ptr, &f, &text_err) < 0) {
		buf_addf(err, "broken virtual environment: %s", text_err.ptr);
		goto cleanup;
	}
	env->pyvenv_cfg = adup(env, conf.ptr);
	const char *system_site = "true";
	struct buf line = BUF_INIT;
	for (const char *p = f.ptr; p < f.ptr + f.len;) {
		const char *e = p;
		while (e < f.ptr + f.len && *e != '\n' && *e != '\r')
			e++;
		buf_clear(&line);
		buf_add(&line, p, (size_t)(e - p));
		p = e < f.ptr + f.len ? e + 1 : e;
		char *eq = strchr(line.ptr, '=');
		if (!eq)
			continue;
		*eq = '\0';
		char *key = line.ptr, *value = eq + 1;
		while (is_space(*key))
			key++;
		for (char *k = key + strlen(key); k > key && is_space(k[-1]);)
			*--k = '\0';
		while (is_space(*value))
			value++;
		for (char *k = value + strlen(value); k > value && is_space(k[-1]);)
			*--k = '\0';
		for (char *k = key; *k; k++)
			*k = (char)(*k >= 'A' && *k <= 'Z' ? *k + 32 : *k);
		if (!strcmp(key, "include-system-site-packages")) {
			for (char *k = value; *k; k++)
				*k = (char)(*k >= 'A' && *k <= 'Z' ? *k + 32 : *k);
			system_site = adup(env, value);
		} else if (!strcmp(key, "home")) {
			env->venv_home = adup(env, value);
		}
	}
	buf_release(&line);
	fs_file_release(&f);
	const char *prefix = adup(env, site_prefix.ptr);
	env->prefix = env->exec_prefix = prefix;
	s->virtual_env = strcmp(env->base_prefix, prefix) != 0;
	addsitepackages(s, &prefix, 1);
	env->system_site_packages = !strcmp(system_site, "true");
	if (env->system_site_packages) {
		vec_push(&s->prefixes, NULL);
		memmove(s->prefixes.ptr + 1, s->prefixes.ptr, (s->prefixes.len - 1) * sizeof(char *));
		s->prefixes.ptr[0] = prefix;
	} else {
		vec_clear(&s->prefixes);
		vec_push(&s->prefixes, prefix);
		s->enable_user_site = 0;
	}
	rc = 0;
cleanup:
	buf_release(&exe_dir);
	buf_release(&site_prefix);
	buf_release(&conf);
	buf_release(&text_err);
	return rc;
}

/* site.main(), the part that builds sys.path */
int env_model_site(struct env *self, const char *const *path, size_t npath, struct buf *err)
{
	struct site s = { self, { NULL, 0, 0 }, VEC_INIT, false, -1 };
	struct buf p = BUF_INIT;
	int rc = -1;
	map_init(&s.known);
	vec_push(&s.prefixes, self->prefix);
	vec_push(&s.prefixes, self->exec_prefix);
	s.virtual_env = strcmp(self->base_prefix, self->prefix) != 0;

	/* getpath puts PYTHONPATH first; removeduppaths() makes every entry
	 * absolute and drops duplicates */
	for (size_t i = 0; i < npath + self->base_path.len; i++) {
		buf_clear(&p);
		env_abspath(&p, i < npath ? path[i] : self->base_path.ptr[i - npath]);
		add_known(&s, p.ptr);
	}
	if (venv(&s, err) < 0)
		goto cleanup;

	/* check_enableusersite() */
	if (s.enable_user_site < 0) {
		const char *nous = getenv("PYTHONNOUSERSITE");
		if (nous && nous[0])
			s.enable_user_site = 0;
		else if (geteuid() != getuid() || getegid() != getgid())
			s.enable_user_site = -1;
		else
			s.enable_user_site = 1;
	}
	/* getusersitepackages() */
	buf_clear(&p);
	const char *base = getenv("PYTHONUSERBASE");
	if (base && base[0])
		buf_adds(&p, base);
	else
		expanduser(&p, ".local");
	buf_addf(&p, "/lib/python%d.%d/site-packages", self->version_major, self->version_minor);
	self->user_site = adup(self, p.ptr);
	self->user_site_enabled = s.enable_user_site == 1;
	if (self->user_site_enabled && fs_is_dir(self->user_site))
		addsitedir(&s, self->user_site);

	addsitepackages(&s, s.prefixes.ptr, s.prefixes.len);
	rc = 0;
cleanup:
	buf_release(&p);
	map_release(&s.known);
	vec_release(&s.prefixes);
	return rc;
}
