#include "base/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

int fs_read_file(const char *path, struct fs_file *out, struct buf *err)
{
	struct buf data = BUF_INIT;
	out->ptr = NULL;
	out->len = 0;
	if (fs_read_into(path, &data, err) < 0) {
		buf_release(&data);
		return -1;
	}
	out->ptr = buf_detach(&data, &out->len);
	return 0;
}

int fs_read_into(const char *path, struct buf *out, struct buf *err)
{
	buf_clear(out);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		buf_addf(err, "cannot read '%s': %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || S_ISDIR(st.st_mode)) {
		buf_addf(err, "cannot read '%s': %s", path,
			 S_ISDIR(st.st_mode) ? "Is a directory" : strerror(errno));
		close(fd);
		return -1;
	}
	/* One byte more than the size: a read returning 0 there ends the file
	 * without a second pass through the loop growing the buffer. */
	buf_grow(out, st.st_size > 0 ? (size_t)st.st_size + 1 : 4096);
	for (;;) {
		if (out->cap - out->len < 2)
			buf_grow(out, out->cap);
		ssize_t n = read(fd, out->ptr + out->len, out->cap - 1 - out->len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			buf_addf(err, "cannot read '%s': %s", path, strerror(errno));
			buf_clear(out);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		/* A regular file that gave the size fstat promised, and less
		 * than asked for, is at its end: no read to see 0 come back. */
		if (S_ISREG(st.st_mode) && out->len == (size_t)st.st_size &&
		    out->cap - 1 > out->len)
			break;
	}
	close(fd);
	out->ptr[out->len] = '\0';
	return 0;
}

void fs_file_release(struct fs_file *self)
{
	free(self->ptr);
	self->ptr = NULL;
	self->len = 0;
}

bool fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool fs_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

void fs_join(struct buf *out, const char *a, const char *b)
{
	buf_adds(out, a);
	if (out->len && out->ptr[out->len - 1] != '/')
		buf_addc(out, '/');
	buf_adds(out, b);
}

/* ---- walking ---------------------------------------------------------- */

struct dir_id {
	dev_t dev;
	ino_t ino;
};

struct walker {
	struct fs_walk *out;
	const char *suffix;
	size_t suffix_len;
	VEC(struct dir_id) stack; /* directories being walked, for loops */
	bool followed_link;       /* a symbolic link was followed */
	char *block;              /* getdents64's buffer, one for the walk */
};

enum { DENTS_BLOCK = 32 * 1024 };

static void add_error(struct fs_walk *w, const char *path, const char *msg)
{
	struct fs_walk_error e = { xstrdup(path), xstrdup(msg) };
	vec_push(&w->errors, e);
}

/* Names in byte order; each is stored after its one-byte d_type. */
static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

static bool has_suffix(const struct walker *w, const char *name)
{
	size_t n = strlen(name);
	return n > w->suffix_len &&
	       memcmp(name + n - w->suffix_len, w->suffix, w->suffix_len) == 0;
}

/* A directory's names, each stored after its one-byte d_type. */
struct entries {
	char **ptr;
	size_t len, cap;
};

/* True when the directory at path is a virtual environment: it holds a
 * pyvenv.cfg (what venv's own check looks for). */
static bool is_venv(const char *path)
{
	struct buf cfg = BUF_INIT;
	fs_join(&cfg, path, "pyvenv.cfg");
	bool venv = access(cfg.ptr, F_OK) == 0;
	buf_release(&cfg);
	return venv;
}

/* One directory's entries worth a look (no dot names, no __pycache__, no
 * regular files without the suffix); and whether a pyvenv.cfg is among
 * them.  getdents64 on the open directory: no opendir (its fstat) and no
 * stat per entry. */
static int read_entries(struct walker *w, int fd, struct entries *names, bool *venv)
{
	char *block = w->block;
	*venv = false;
	for (;;) {
		ssize_t n = getdents64(fd, block, DENTS_BLOCK);
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		for (ssize_t at = 0; at < n;) {
			const struct dirent64 *de = (const void *)(block + at);
			at += de->d_reclen;
			const char *name = de->d_name;
			if (!strcmp(name, "pyvenv.cfg"))
				*venv = true; /* a virtual environment, if it is a file */
			if (name[0] == '.' || strcmp(name, "__pycache__") == 0)
				continue;
			if (de->d_type == DT_REG && !has_suffix(w, name))
				continue; /* neither walked nor collected */
			size_t len = strlen(name);
			char *e = xmalloc(len + 2);
			e[0] = (char)de->d_type;
			memcpy(e + 1, name, len + 1);
			vec_push(names, e);
		}
	}
}

static void dir_error(struct walker *w, const char *path, int err)
{
	struct buf msg = BUF_INIT;
	buf_addf(&msg, "cannot open directory: %s", strerror(err));
	add_error(w->out, path, msg.ptr);
	buf_release(&msg);
}

/* Walks the directory at path; root is the walk's own root (never taken
 * for a virtual environment). */
static void walk_dir(struct walker *w, const char *path, bool root)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		if (root || !is_venv(path)) /* an unreadable venv is still skipped */
			dir_error(w, path, err);
		return;
	}
	for (size_t i = 0; i < w->stack.len; i++) {
		if (w->stack.ptr[i].dev == st.st_dev && w->stack.ptr[i].ino == st.st_ino) {
			add_error(w->out, path, "symbolic link loop: directory already being walked");
			close(fd);
			return;
		}
	}
	struct entries names = { NULL, 0, 0 };
	bool venv;
	int rc = read_entries(w, fd, &names, &venv);
	int err = errno;
	close(fd);
	/* A virtual environment inside the tree is not the tree's code (the
	 * entry confirmed with access(), which follows a link as venv does). */
	venv = venv && !root && is_venv(path);
	if (rc < 0 || venv) {
		if (rc < 0)
			dir_error(w, path, err);
		for (size_t i = 0; i < names.len; i++)
			free(names.ptr[i]);
		vec_release(&names);
		return;
	}
	if (names.len)
		qsort(names.ptr, names.len, sizeof(char *), cmp_names);

	struct dir_id id = { st.st_dev, st.st_ino };
	vec_push(&w->stack, id);
	struct buf child = BUF_INIT;
	for (size_t i = 0; i < names.len; i++) {
		unsigned char type = (unsigned char)names.ptr[i][0];
		const char *name = names.ptr[i] + 1;
		buf_clear(&child);
		fs_join(&child, path, name);
		struct stat cst;
		if (type != DT_DIR)
			w->followed_link |= type != DT_REG; /* a link, or unknown */
		if (type == DT_REG) { /* not a link: stat would say the same */
			vec_push(&w->out->files, xstrdup(child.ptr));
		} else if (type == DT_DIR) { /* not a link: no stat needed to know */
			walk_dir(w, child.ptr, false);
		} else if (stat(child.ptr, &cst) < 0) {
			if (lstat(child.ptr, &cst) == 0 && S_ISLNK(cst.st_mode)) {
				if (errno == ELOOP)
					add_error(w->out, child.ptr, "symbolic link loop");
				else if (has_suffix(w, name))
					add_error(w->out, child.ptr, "dangling symbolic link");
			} else {
				add_error(w->out, child.ptr, strerror(errno));
			}
		} else if (S_ISDIR(cst.st_mode)) {
			walk_dir(w, child.ptr, false);
		} else if (S_ISREG(cst.st_mode) && has_suffix(w, name)) {
			vec_push(&w->out->files, xstrdup(child.ptr));
		}
		free(names.ptr[i]);
	}
	w->stack.len--;
	buf_release(&child);
	vec_release(&names);
}

int fs_walk(struct fs_walk *self, const char *root, const char *suffix)
{
	bool linked;
	return fs_walk_links(self, root, suffix, &linked);
}

int fs_walk_links(struct fs_walk *self, const char *root, const char *suffix, bool *followed_link)
{
	struct walker w = { self, suffix, strlen(suffix), VEC_INIT, false, NULL };
	*followed_link = false;
	struct stat st;
	if (stat(root, &st) < 0) {
		struct buf msg = BUF_INIT;
		buf_addf(&msg, "cannot read: %s", strerror(errno));
		add_error(self, root, msg.ptr);
		buf_release(&msg);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		size_t before = self->errors.len;
		w.block = xmalloc(DENTS_BLOCK);
		walk_dir(&w, root, true);
		free(w.block);
		vec_release(&w.stack);
		*followed_link = w.followed_link;
		/* The root itself could not be opened. */
		if (self->errors.len > before &&
		    strcmp(self->errors.ptr[before].path, root) == 0)
			return -1;
		return 0;
	}
	vec_push(&self->files, xstrdup(root));
	return 0;
}

void fs_walk_release(struct fs_walk *self)
{
	for (size_t i = 0; i < self->files.len; i++)
		free(self->files.ptr[i]);
	for (size_t i = 0; i < self->errors.len; i++) {
		free(self->errors.ptr[i].path);
		free(self->errors.ptr[i].message);
	}
	vec_release(&self->files);
	vec_release(&self->errors);
}
