/* Reading files and walking directories.  Errors are returned as data
 * (messages), never printed here. */
#ifndef MODSCOPE_BASE_FS_H
#define MODSCOPE_BASE_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/vec.h"

/* The whole contents of a file, NUL-terminated (the NUL is not counted). */
struct fs_file {
	char *ptr;
	size_t len;
};

/* Reads path into *out (owned; free with fs_file_release).  Returns 0, or -1
 * with a message like "cannot read 'p': Permission denied" appended to err. */
int fs_read_file(const char *path, struct fs_file *out, struct buf *err);
void fs_file_release(struct fs_file *self);
/* Reads path into out (emptied first; its storage is reused, so reading
 * many files into one buffer allocates, and faults in pages, once).  out
 * is NUL-terminated.  Returns 0, or -1 with out empty and the message
 * fs_read_file gives appended to err. */
int fs_read_into(const char *path, struct buf *out, struct buf *err);

struct fs_walk_error {
	char *path;    /* owned */
	char *message; /* owned, e.g. "symbolic link loop" */
};

struct fs_walk {
	VEC(char *) files;                  /* owned paths, in walk order */
	VEC(struct fs_walk_error) errors;
};

/* Collects into self the files under root whose names end in suffix
 * (e.g. ".py").  A root that is a file is taken as it is, whatever its name.
 * Entries of one directory are visited in byte order of their names;
 * directories named __pycache__ or starting with '.', and virtual
 * environments (directories holding a pyvenv.cfg) are skipped; symbolic
 * links are followed, and a link back to a directory already being walked is
 * reported as a loop, not followed.  Unreadable directories are reported in
 * errors and the walk goes on.  Paths are root joined with the names found.
 * Returns 0, or -1 when root itself cannot be read (also in errors). */
int fs_walk(struct fs_walk *self, const char *root, const char *suffix);
/* As fs_walk, and sets *followed_link to whether a symbolic link (or an
 * entry of unknown type) below root was followed: when false, every path
 * found is root's real path joined with real names, so a caller knowing
 * root to be real needs no realpath() per file. */
int fs_walk_links(struct fs_walk *self, const char *root, const char *suffix, bool *followed_link);
/* Frees everything self owns; it is empty again. */
void fs_walk_release(struct fs_walk *self);

/* True when path names an existing directory (following links). */
bool fs_is_dir(const char *path);
/* True when path names an existing regular file (following links). */
bool fs_is_file(const char *path);
/* Appends the joined path a/b to out (no doubled slash). */
void fs_join(struct buf *out, const char *a, const char *b);

#endif
