/* Helpers shared inside src/find/. */
#ifndef MODSCOPE_FIND_INTERNAL_H
#define MODSCOPE_FIND_INTERNAL_H

#include <stdbool.h>

/* The central directory of a Zip archive, read like
 * zipimport._read_directory() (3.11: no Zip64, no implicit directories). */
struct zip_archive;

/* Reads the archive at path; returns it (owned: free with
 * zip_archive_release) or NULL when path is not a readable Zip file. */
struct zip_archive *zip_archive_open(const char *path);
/* True when the archive has a member named name ("pkg/", "pkg/mod.py"). */
bool zip_archive_has(const struct zip_archive *self, const char *name);
/* Frees self. */
void zip_archive_release(struct zip_archive *self);

#endif
