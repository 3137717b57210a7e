/* Zip central directories, as zipimport._read_directory() reads them. */
#include "find/internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/map.h"

struct zip_archive {
	struct arena arena;
	struct map files; /* member name -> non-NULL */
};

#define END_CENTRAL_DIR_SIZE 22
#define MAX_COMMENT_LEN 65535

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t u16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

struct zip_archive *zip_archive_open(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct zip_archive *z = NULL;
	unsigned char *tail = NULL;
	unsigned char eocd[END_CENTRAL_DIR_SIZE];
	if (fseek(f, 0, SEEK_END) != 0)
		goto fail;
	long size = ftell(f);
	if (size < END_CENTRAL_DIR_SIZE)
		goto fail;
	long header_position = size - END_CENTRAL_DIR_SIZE;
	if (fseek(f, header_position, SEEK_SET) != 0 || fread(eocd, 1, sizeof(eocd), f) != sizeof(eocd))
		goto fail;
	if (memcmp(eocd, "PK\5\6", 4) != 0) {
		/* a comment follows the record: search backwards for it */
		long start = size - MAX_COMMENT_LEN - END_CENTRAL_DIR_SIZE;
		if (start < 0)
			start = 0;
		size_t n = (size_t)(size - start);
		tail = malloc(n);
		if (!tail || fseek(f, start, SEEK_SET) != 0 || fread(tail, 1, n, f) != n)
			goto fail;
		long pos = -1;
		for (long i = (long)n - 4; i >= 0; i--)
			if (!memcmp(tail + i, "PK\5\6", 4)) {
				pos = i;
				break;
			}
		if (pos < 0 || n - (size_t)pos < END_CENTRAL_DIR_SIZE)
			goto fail;
		memcpy(eocd, tail + pos, END_CENTRAL_DIR_SIZE);
		header_position = start + pos;
	}
	uint32_t header_size = u32(eocd + 12), header_offset = u32(eocd + 16);
	if (header_position < (long)header_size || header_position < (long)header_offset)
		goto fail;
	header_position -= header_size;
	long arc_offset = header_position - (long)header_offset;
	if (arc_offset < 0 || fseek(f, header_position, SEEK_SET) != 0)
		goto fail;
	z = calloc(1, sizeof(*z));
	if (!z)
		goto fail;
	arena_init(&z->arena);
	map_init(&z->files);
	for (;;) {
		unsigned char h[46];
		size_t got = fread(h, 1, sizeof(h), f);
		if (got < 4 || memcmp(h, "PK\1\2", 4) != 0)
			break; /* the end, or a bad header: zipimport stops there too */
		if (got != sizeof(h))
			goto fail;
		uint16_t name_size = u16(h + 28), extra = u16(h + 30), comment = u16(h + 32);
		if (u32(h + 42) > header_offset)
			goto fail;
		char *name = arena_alloc(&z->arena, (size_t)name_size + 1);
		if (fread(name, 1, name_size, f) != name_size)
			goto fail;
		name[name_size] = '\0';
		if (fseek(f, (long)extra + comment, SEEK_CUR) != 0)
			goto fail;
		map_put(&z->files, slice_make(name, name_size), name);
	}
	free(tail);
	fclose(f);
	return z;
fail:
	free(tail);
	fclose(f);
	zip_archive_release(z);
	return NULL;
}

bool zip_archive_has(const struct zip_archive *self, const char *name)
{
	return map_get(&self->files, slice_cstr(name)) != NULL;
}

void zip_archive_release(struct zip_archive *self)
{
	if (!self)
		return;
	map_release(&self->files);
	arena_release(&self->arena);
	free(self);
}
