#include "report/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fs.h"
#include "base/xalloc.h"

void diag_list_init(struct diag_list *self)
{
	arena_init(&self->arena);
	self->items.ptr = NULL;
	self->items.len = self->items.cap = 0;
	self->next_seq = 0;
}

void diag_list_release(struct diag_list *self)
{
	vec_release(&self->items);
	arena_release(&self->arena);
	self->next_seq = 0;
}

void diag_list_clear(struct diag_list *self)
{
	vec_clear(&self->items);
}

static const char *copy(struct diag_list *self, const char *s)
{
	return s ? arena_strndup(&self->arena, s, strlen(s)) : NULL;
}

static const char *vformat(struct diag_list *self, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	buf_vaddf(&b, fmt, ap);
	const char *s = arena_strndup(&self->arena, b.ptr, b.len);
	buf_release(&b);
	return s;
}

struct diag *diag_add(struct diag_list *self, const char *rule, enum diag_severity severity,
		      const char *file, int line, int col, const char *fmt, ...)
{
	struct diag *d = vec_push_zero(&self->items);
	d->rule = copy(self, rule ? rule : "");
	d->severity = severity;
	d->file = copy(self, file ? file : "");
	d->line = line;
	d->col = col;
	va_list ap;
	va_start(ap, fmt);
	d->message = vformat(self, fmt, ap);
	va_end(ap);
	d->seq = self->next_seq++;
	return d;
}

void diag_add_note(struct diag_list *self, struct diag *d, const char *file, int line, int col,
		   const char *fmt, ...)
{
	if (d->nnotes == d->notes_cap) {
		/* Arena arrays cannot grow in place: copy into a twice larger one. */
		size_t cap = d->notes_cap ? d->notes_cap * 2 : 4;
		struct diag_note *n = ARENA_ARRAY(&self->arena, struct diag_note, cap);
		if (d->nnotes)
			memcpy(n, d->notes, d->nnotes * sizeof(*n));
		d->notes = n;
		d->notes_cap = cap;
	}
	struct diag_note *note = &d->notes[d->nnotes++];
	note->file = copy(self, file);
	note->line = line;
	note->col = col;
	va_list ap;
	va_start(ap, fmt);
	note->message = vformat(self, fmt, ap);
	va_end(ap);
}

void diag_set_fix(struct diag_list *self, struct diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	d->fix = vformat(self, fmt, ap);
	va_end(ap);
}

void diag_set_end(struct diag *d, int end_line, int end_col)
{
	d->end_line = end_line;
	d->end_col = end_col;
}

static int cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

static int cmp_diag(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	int c;
	if ((c = strcmp(a->file, b->file)))
		return c;
	if ((c = cmp_int(a->line, b->line)))
		return c;
	if ((c = cmp_int(a->col, b->col)))
		return c;
	if ((c = strcmp(a->rule, b->rule)))
		return c;
	if ((c = strcmp(a->message, b->message)))
		return c;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

void diag_sort(struct diag_list *self)
{
	if (self->items.len > 1)
		qsort(self->items.ptr, self->items.len, sizeof(struct diag), cmp_diag);
}

void diag_filter(struct diag_list *self, bool (*keep)(const struct diag *d, void *ud), void *ud)
{
	size_t j = 0;
	for (size_t i = 0; i < self->items.len; i++) {
		if (keep(&self->items.ptr[i], ud)) {
			if (i != j)
				self->items.ptr[j] = self->items.ptr[i];
			j++;
		}
	}
	self->items.len = j;
}

static const char *const severity_names[] = {
	[DIAG_ERROR] = "error",
	[DIAG_WARNING] = "warning",
	[DIAG_NOTE] = "note",
};

const char *diag_severity_name(enum diag_severity s)
{
	return (unsigned)s < sizeof(severity_names) / sizeof(severity_names[0])
		? severity_names[s] : "error";
}

int diag_severity_parse(const char *name, enum diag_severity *out)
{
	for (size_t i = 0; i < sizeof(severity_names) / sizeof(severity_names[0]); i++) {
		if (!strcmp(name, severity_names[i])) {
			*out = (enum diag_severity)i;
			return 0;
		}
	}
	return -1;
}

int diag_char_col(const char *line, size_t nbytes)
{
	/* CPython byte_col_to_char_col: count the bytes that start a code point
	 * (anything but a UTF-8 continuation byte). */
	int col = 1;
	for (size_t i = 0; i < nbytes; i++)
		col += ((unsigned char)line[i] & 0xC0) != 0x80;
	return col;
}

/* ---- Source text ---- */

struct diag_source_text {
	const char *text;
	size_t len;
	size_t *line_starts;  /* byte offset of each line; nlines + 1 entries */
	size_t nlines;
};

void diag_sources_init(struct diag_sources *self, const char *root)
{
	self->root = root ? xstrdup(root) : NULL;
	arena_init(&self->arena);
	map_init(&self->files);
}

void diag_sources_release(struct diag_sources *self)
{
	free(self->root);
	self->root = NULL;
	map_release(&self->files);
	arena_release(&self->arena);
}

static struct diag_source_text *make_text(struct diag_sources *self, const char *text, size_t len)
{
	struct diag_source_text *t = ARENA_NEW(&self->arena, struct diag_source_text);
	t->text = arena_strndup(&self->arena, text, len);
	t->len = len;
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
			n++;
	t->line_starts = ARENA_ARRAY(&self->arena, size_t, n + 1);
	size_t k = 0;
	t->line_starts[k++] = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
			t->line_starts[k++] = i + 1;
	/* A final line ending does not open one more line. */
	t->nlines = (len > 0 && t->line_starts[k - 1] == len) ? k - 1 : k;
	t->line_starts[t->nlines] = len;
	return t;
}

void diag_sources_add(struct diag_sources *self, const char *file, const char *text, size_t len)
{
	struct slice key = arena_slice(&self->arena, slice_cstr(file));
	map_put(&self->files, key, make_text(self, text, len));
}

static struct diag_source_text *lookup(struct diag_sources *self, const char *file)
{
	void *v;
	if (map_find(&self->files, slice_cstr(file), &v))
		return v;
	struct buf path = BUF_INIT, err = BUF_INIT;
	if (self->root && file[0] != '/')
		fs_join(&path, self->root, file);
	else
		buf_adds(&path, file);
	struct fs_file f;
	struct diag_source_text *t = NULL;
	if (fs_read_file(path.ptr, &f, &err) == 0) {
		t = make_text(self, f.ptr, f.len);
		fs_file_release(&f);
	}
	buf_release(&path);
	buf_release(&err);
	map_put(&self->files, arena_slice(&self->arena, slice_cstr(file)), t);
	return t;
}

int diag_sources_line(struct diag_sources *self, const char *file, int line, struct slice *out)
{
	*out = slice_make("", 0);
	struct diag_source_text *t = file ? lookup(self, file) : NULL;
	if (!t || line < 1 || (size_t)line > t->nlines)
		return -1;
	size_t a = t->line_starts[line - 1], b = t->line_starts[line];
	while (b > a && (t->text[b - 1] == '\n' || t->text[b - 1] == '\r'))
		b--;
	*out = slice_make(t->text + a, b - a);
	return 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' || c == '\n';
}

void diag_fingerprint(const struct diag *d, struct slice source_line, char out[17])
{
	while (source_line.len && is_space(source_line.ptr[0])) {
		source_line.ptr++;
		source_line.len--;
	}
	while (source_line.len && is_space(source_line.ptr[source_line.len - 1]))
		source_line.len--;
	struct buf b = BUF_INIT;
	buf_adds(&b, d->rule);
	buf_addc(&b, '\0');
	buf_adds(&b, d->file);
	buf_addc(&b, '\0');
	buf_adds(&b, d->message);
	buf_addc(&b, '\0');
	buf_addsl(&b, source_line);
	uint64_t h = map_hash(b.ptr, b.len);
	buf_release(&b);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}
