/* Asking the interpreter what is compiled into it: one run of
 * `python -I -S -c <script>` (no site, no user code, no environment
 * variables), its JSON answer cached on disk keyed on the executable. */
#include "env/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/fs.h"
#include "env/jsonr.h"

extern char **environ;

/* The script run with -I -S.  It imports only the standard library and
 * prints one JSON object; `import site` under -S defines site's functions
 * without running site.main(), so getsitepackages() tells which layout
 * (upstream or Debian's dist-packages) this interpreter's site uses. */
static const char query_script[] =
	"import sys, json, _imp\n"
	"import importlib.machinery as m\n"
	"fz = []\n"
	"names = _imp._frozen_module_names() if hasattr(_imp, '_frozen_module_names') else []\n"
	"for n in names:\n"
	"    i = _imp.find_frozen(n)\n"
	"    if i is not None:\n"
	"        fz.append([n, bool(i[1]), i[2]])\n"
	"required = {'_frozen_importlib', '_frozen_importlib_external', 'zipimport',\n"
	"            'importlib._bootstrap', 'importlib._bootstrap_external'}\n"
	"try:\n"
	"    import site\n"
	"    dist = '/@/lib/python3/dist-packages' in site.getsitepackages(['/@'])\n"
	"except Exception:\n"
	"    dist = False\n"
	"v = sys.version_info\n"
	"print(json.dumps({\n"
	"    'executable': sys.executable,\n"
	"    'version': '%d.%d.%d' % v[:3], 'major': v[0], 'minor': v[1],\n"
	"    'implementation': sys.implementation.name,\n"
	"    'cache_tag': sys.implementation.cache_tag,\n"
	"    'prefix': sys.prefix, 'base_prefix': sys.base_prefix,\n"
	"    'exec_prefix': sys.exec_prefix, 'base_exec_prefix': sys.base_exec_prefix,\n"
	"    'platlibdir': getattr(sys, 'platlibdir', 'lib'),\n"
	"    'stdlib_dir': getattr(sys, '_stdlib_dir', None),\n"
	"    'sys_path': sys.path,\n"
	"    'builtin_modules': sorted(sys.builtin_module_names),\n"
	"    'frozen_modules': fz,\n"
	"    'frozen_modules_enabled': any(f[0] not in required for f in fz),\n"
	"    'extension_suffixes': m.EXTENSION_SUFFIXES,\n"
	"    'source_suffixes': m.SOURCE_SUFFIXES,\n"
	"    'bytecode_suffixes': m.BYTECODE_SUFFIXES,\n"
	"    'site_dist_packages': dist,\n"
	"}))\n";

#define QUERY_TIMEOUT_MS 30000
#define QUERY_MAX_OUTPUT (16u << 20)

/* Runs argv[0] with argv (no shell), collecting stdout and stderr. */
static int run_interpreter(const char *exe, struct buf *out, struct buf *errout,
			   int *status, struct buf *err)
{
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	int rc = -1;
	pid_t pid = -1;
	posix_spawn_file_actions_t fa;
	bool fa_ok = false;
	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) {
		buf_addf(err, "cannot create a pipe: %s", strerror(errno));
		goto cleanup;
	}
	if (posix_spawn_file_actions_init(&fa) != 0) {
		buf_addf(err, "cannot spawn '%s'", exe);
		goto cleanup;
	}
	fa_ok = true;
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	char *argv[] = { (char *)exe, "-I", "-S", "-c", (char *)query_script, NULL };
	int e = posix_spawn(&pid, exe, &fa, NULL, argv, environ);
	if (e != 0) {
		buf_addf(err, "cannot run interpreter '%s': %s", exe, strerror(e));
		pid = -1;
		goto cleanup;
	}
	close(po[1]);
	close(pe[1]);
	po[1] = pe[1] = -1;

	struct pollfd fds[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
	int open_fds = 2;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (open_fds) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long elapsed = (now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000;
		if (elapsed >= QUERY_TIMEOUT_MS) {
			kill(pid, SIGKILL);
			buf_addf(err, "interpreter '%s' did not answer within %d s", exe,
				 QUERY_TIMEOUT_MS / 1000);
			goto cleanup;
		}
		int n = poll(fds, 2, (int)(QUERY_TIMEOUT_MS - elapsed));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			buf_addf(err, "poll: %s", strerror(errno));
			goto cleanup;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			char chunk[8192];
			ssize_t r = read(fds[i].fd, chunk, sizeof(chunk));
			if (r <= 0) {
				if (r < 0 && errno == EINTR)
					continue;
				fds[i].fd = -1;
				open_fds--;
				continue;
			}
			struct buf *b = i == 0 ? out : errout;
			if (b->len < QUERY_MAX_OUTPUT)
				buf_add(b, chunk, (size_t)r);
		}
	}
	while (waitpid(pid, status, 0) < 0) {
		if (errno != EINTR) {
			buf_addf(err, "waitpid: %s", strerror(errno));
			goto cleanup;
		}
	}
	pid = -1;
	rc = 0;
cleanup:
	if (pid > 0)
		waitpid(pid, NULL, 0);
	if (fa_ok)
		posix_spawn_file_actions_destroy(&fa);
	for (int i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
	}
	return rc;
}

/* ---- the cache ------------------------------------------------------- */

static void stat_key(struct buf *key, const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0)
		buf_addf(key, "%s %lld.%09ld %lld\n", path, (long long)st.st_mtim.tv_sec,
			 st.st_mtim.tv_nsec, (long long)st.st_size);
	else
		buf_addf(key, "%s -\n", path);
}

/* The cache key: the executable as invoked, its real path, mtime and size,
 * and the pyvenv.cfg files getpath would read beside it. */
static void cache_key(struct buf *key, const char *exe)
{
	char *real = realpath(exe, NULL);
	buf_addf(key, "modscope-query 1\n%s\n", exe);
	stat_key(key, real ? real : exe);
	struct buf p = BUF_INIT;
	buf_adds(&p, exe);
	char *slash = strrchr(p.ptr, '/');
	if (slash) {
		buf_truncate(&p, (size_t)(slash - p.ptr));
		size_t dirlen = p.len;
		buf_adds(&p, "/pyvenv.cfg");
		stat_key(key, p.ptr);
		buf_truncate(&p, dirlen);
		slash = strrchr(p.ptr, '/');
		if (slash) {
			buf_truncate(&p, (size_t)(slash - p.ptr));
			buf_adds(&p, "/pyvenv.cfg");
			stat_key(key, p.ptr);
		}
	}
	buf_release(&p);
	free(real);
}

static void cache_dir(struct buf *out)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && xdg[0] == '/') {
		fs_join(out, xdg, "modscope");
		return;
	}
	const char *home = getenv("HOME");
	if (!home || !home[0])
		return;
	fs_join(out, home, ".cache/modscope");
}

static void cache_file(struct buf *out, const struct buf *key)
{
	cache_dir(out);
	if (!out->len)
		return;
	buf_addf(out, "/interp-%016llx.json", (unsigned long long)map_hash(key->ptr, key->len));
}

/* The cache holds the key on its first line, then the query's JSON. */
static bool cache_read(const char *path, const struct buf *key, struct buf *json)
{
	struct fs_file f;
	struct buf ignored = BUF_INIT;
	bool ok = false;
	if (fs_read_file(path, &f, &ignored) == 0) {
		if (f.len > key->len && memcmp(f.ptr, key->ptr, key->len) == 0 &&
		    f.ptr[key->len] == '\n') {
			buf_add(json, f.ptr + key->len + 1, f.len - key->len - 1);
			ok = true;
		}
		fs_file_release(&f);
	}
	buf_release(&ignored);
	return ok;
}

static void mkdirs(const char *path)
{
	struct buf p = BUF_INIT;
	buf_adds(&p, path);
	for (size_t i = 1; i < p.len; i++) {
		if (p.ptr[i] == '/') {
			p.ptr[i] = '\0';
			mkdir(p.ptr, 0777);
			p.ptr[i] = '/';
		}
	}
	mkdir(p.ptr, 0777);
	buf_release(&p);
}

/* Writes the cache atomically; failing to is not an error. */
static void cache_write(const char *path, const struct buf *key, const struct buf *json)
{
	struct buf dir = BUF_INIT, tmp = BUF_INIT;
	buf_adds(&dir, path);
	char *slash = strrchr(dir.ptr, '/');
	if (slash)
		buf_truncate(&dir, (size_t)(slash - dir.ptr));
	mkdirs(dir.ptr);
	buf_addf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	FILE *f = fopen(tmp.ptr, "wb");
	if (f) {
		bool ok = fwrite(key->ptr, 1, key->len, f) == key->len && fputc('\n', f) != EOF &&
			  fwrite(json->ptr, 1, json->len, f) == json->len;
		ok = fclose(f) == 0 && ok;
		if (!ok || rename(tmp.ptr, path) != 0)
			unlink(tmp.ptr);
	}
	buf_release(&dir);
	buf_release(&tmp);
}

int env_query(const char *exe, bool no_cache, struct buf *json, const char **cache_state,
	      struct buf *err)
{
	struct buf key = BUF_INIT, path = BUF_INIT, out = BUF_INIT, errout = BUF_INIT;
	int rc = -1;
	*cache_state = "off";
	if (!no_cache) {
		cache_key(&key, exe);
		cache_file(&path, &key);
		if (path.len && cache_read(path.ptr, &key, json)) {
			*cache_state = "hit";
			rc = 0;
			goto cleanup;
		}
		*cache_state = "miss";
	}
	int status = 0;
	if (run_interpreter(exe, &out, &errout, &status, err) < 0)
		goto cleanup;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		/* the last line of stderr says why, e.g. a Python traceback's end */
		while (errout.len && (errout.ptr[errout.len - 1] == '\n' || errout.ptr[errout.len - 1] == '\r'))
			buf_truncate(&errout, errout.len - 1);
		const char *last = strrchr(errout.ptr, '\n');
		last = last ? last + 1 : errout.ptr;
		if (WIFEXITED(status))
			buf_addf(err, "interpreter '%s' failed (exit %d)%s%s", exe, WEXITSTATUS(status),
				 *last ? ": " : "", last);
		else
			buf_addf(err, "interpreter '%s' was killed by signal %d", exe, WTERMSIG(status));
		goto cleanup;
	}
	struct arena check;
	arena_init(&check);
	struct buf perr = BUF_INIT;
	bool valid = jsonr_parse(&check, out.ptr, out.len, &perr) != NULL;
	if (!valid)
		buf_addf(err, "interpreter '%s' gave an answer that is not JSON: %s", exe, perr.ptr);
	arena_release(&check);
	buf_release(&perr);
	if (!valid)
		goto cleanup;
	buf_addsl(json, buf_slice(&out));
	if (path.len)
		cache_write(path.ptr, &key, json);
	rc = 0;
cleanup:
	buf_release(&key);
	buf_release(&path);
	buf_release(&out);
	buf_release(&errout);
	return rc;
}
