/* Baselines: keys, reading (env/jsonr), writing, filtering. */
#include "rules/baseline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "env/jsonr.h"
#include "report/json.h"

void baseline_init(struct baseline *self)
{
	arena_init(&self->arena);
	self->entries.ptr = NULL;
	self->entries.len = self->entries.cap = 0;
	map_init(&self->index);
}

void baseline_release(struct baseline *self)
{
	map_release(&self->index);
	vec_release(&self->entries);
	arena_release(&self->arena);
}

static void make_key(struct buf *key, const char *rule, const char *file, const char *fp)
{
	buf_clear(key);
	buf_adds(key, rule);
	buf_addc(key, '\0');
	buf_adds(key, file);
	buf_addc(key, '\0');
	buf_adds(key, fp);
}

/* Adds count findings under the key; an existing key adds up. */
static void add_entry(struct baseline *self, const char *rule, const char *file, const char *fp,
		      const char *message, size_t count)
{
	struct buf key = BUF_INIT;
	make_key(&key, rule, file, fp);
	void *v;
	if (map_find(&self->index, buf_slice(&key), &v)) {
		struct baseline_entry *e = &self->entries.ptr[(size_t)(uintptr_t)v - 1];
		e->count += count;
		e->remaining += count;
	} else {
		struct baseline_entry *e = vec_push_zero(&self->entries);
		e->rule = arena_strndup(&self->arena, rule, strlen(rule));
		e->file = arena_strndup(&self->arena, file, strlen(file));
		e->fingerprint = arena_strndup(&self->arena, fp, strlen(fp));
		e->message = message ? arena_strndup(&self->arena, message, strlen(message)) : NULL;
		e->count = e->remaining = count;
		map_put(&self->index, arena_slice(&self->arena, buf_slice(&key)),
			(void *)(uintptr_t)self->entries.len);
	}
	buf_release(&key);
}

/* ---- Reading ---- */

static int shape_error(struct buf *err, const char *name, size_t finding, const char *msg)
{
	if (finding)
		buf_addf(err, "%s: finding %zu: %s", name, finding, msg);
	else
		buf_addf(err, "%s: %s", name, msg);
	return -1;
}

static const char *member_str(const struct jsonr_value *obj, const char *key)
{
	const struct jsonr_value *v = jsonr_get(obj, key);
	const char *s = jsonr_str(v);
	return s && s[0] && strlen(s) == v->len ? s : NULL;
}

static bool is_fingerprint(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 16;
}

int baseline_parse(struct baseline *self, const char *name, const char *text, size_t len,
		   struct buf *err)
{
	struct arena tmp;
	arena_init(&tmp);
	int rc = -1;
	struct buf perr = BUF_INIT;
	const struct jsonr_value *root = jsonr_parse(&tmp, text, len, &perr);
	if (!root) {
		/* jsonr says "line L: reason"; we say "name:L: reason". */
		const char *m = perr.ptr;
		if (!strncmp(m, "line ", 5))
			m += 5;
		buf_addf(err, "%s:%s%s", name, m == perr.ptr ? " " : "", m);
		goto cleanup;
	}
	if (root->type != JSONR_OBJECT) {
		shape_error(err, name, 0, "not a modscope baseline: expected a JSON object");
		goto cleanup;
	}
	const struct jsonr_value *version = jsonr_get(root, "version");
	if (!version || version->type != JSONR_NUMBER) {
		shape_error(err, name, 0, "not a modscope baseline: no \"version\" number");
		goto cleanup;
	}
	if (version->number != 1) {
		shape_error(err, name, 0, "unsupported baseline version (this modscope reads version 1)");
		goto cleanup;
	}
	const struct jsonr_value *findings = jsonr_get(root, "findings");
	if (!findings || findings->type != JSONR_ARRAY) {
		shape_error(err, name, 0, "not a modscope baseline: \"findings\" is not an array");
		goto cleanup;
	}
	for (size_t i = 0; i < findings->len; i++) {
		const struct jsonr_value *f = findings->items[i];
		if (f->type != JSONR_OBJECT) {
			shape_error(err, name, i + 1, "expected an object");
			goto cleanup;
		}
		const char *rule = member_str(f, "rule"), *file = member_str(f, "file");
		const char *fp = member_str(f, "fingerprint");
		if (!rule || !file || !fp) {
			shape_error(err, name, i + 1,
				    "\"rule\", \"file\" and \"fingerprint\" must be non-empty strings");
			goto cleanup;
		}
		if (!is_fingerprint(fp)) {
			shape_error(err, name, i + 1, "\"fingerprint\" must be 16 lowercase hex digits");
			goto cleanup;
		}
		const struct jsonr_value *count = jsonr_get(f, "count");
		if (!count || count->type != JSONR_NUMBER || count->number < 1 ||
		    count->number > 1e9 || count->number != floor(count->number)) {
			shape_error(err, name, i + 1, "\"count\" must be a positive integer");
			goto cleanup;
		}
		add_entry(self, rule, file, fp, member_str(f, "message"), (size_t)count->number);
	}
	rc = 0;
cleanup:
	buf_release(&perr);
	arena_release(&tmp);
	return rc;
}

int baseline_read(struct baseline *self, const char *path, struct buf *err)
{
	struct fs_file f;
	if (fs_read_file(path, &f, err) < 0)
		return -1;
	int rc = baseline_parse(self, path, f.ptr, f.len, err);
	fs_file_release(&f);
	return rc;
}

/* ---- Writing and filtering ---- */

static void fingerprint_of(const struct diag *d, struct diag_sources *sources, char fp[17])
{
	struct slice line = slice_make("", 0);
	if (sources && d->line > 0)
		diag_sources_line(sources, d->file, d->line, &line);
	diag_fingerprint(d, line, fp);
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct baseline_entry *a = pa, *b = pb;
	int c;
	if ((c = strcmp(a->file, b->file)))
		return c;
	if ((c = strcmp(a->rule, b->rule)))
		return c;
	return strcmp(a->fingerprint, b->fingerprint);
}

void baseline_format(const struct diag_list *list, struct diag_sources *sources, struct buf *out)
{
	struct baseline b;
	baseline_init(&b);
	for (size_t i = 0; i < list->items.len; i++) {
		const struct diag *d = &list->items.ptr[i];
		char fp[17];
		fingerprint_of(d, sources, fp);
		add_entry(&b, d->rule, d->file, fp, d->message, 1);
	}
	if (b.entries.len > 1)
		qsort(b.entries.ptr, b.entries.len, sizeof(struct baseline_entry), cmp_entry);
	buf_adds(out, "{\n  \"version\": 1,\n  \"tool\": \"modscope\",\n  \"findings\": [");
	for (size_t i = 0; i < b.entries.len; i++) {
		const struct baseline_entry *e = &b.entries.ptr[i];
		buf_adds(out, i ? ",\n    {" : "\n    {");
		buf_adds(out, "\"rule\": ");
		json_cstr(out, e->rule);
		buf_adds(out, ", \"file\": ");
		json_cstr(out, e->file);
		buf_adds(out, ", \"fingerprint\": ");
		json_cstr(out, e->fingerprint);
		buf_addf(out, ", \"count\": %zu, \"message\": ", e->count);
		json_cstr(out, e->message);
		buf_addc(out, '}');
	}
	buf_adds(out, b.entries.len ? "\n  ]\n}\n" : "]\n}\n");
	baseline_release(&b);
}

struct filter_state {
	struct baseline *self;
	struct diag_sources *sources;
	struct buf key;
};

static bool keep(const struct diag *d, void *ud)
{
	struct filter_state *st = ud;
	char fp[17];
	fingerprint_of(d, st->sources, fp);
	make_key(&st->key, d->rule, d->file, fp);
	void *v;
	if (!map_find(&st->self->index, buf_slice(&st->key), &v))
		return true;
	struct baseline_entry *e = &st->self->entries.ptr[(size_t)(uintptr_t)v - 1];
	if (e->remaining == 0)
		return true;
	e->remaining--;
	return false;
}

size_t baseline_filter(struct baseline *self, struct diag_list *list, struct diag_sources *sources)
{
	struct filter_state st = { self, sources, BUF_INIT };
	size_t before = list->items.len;
	diag_filter(list, keep, &st);
	buf_release(&st.key);
	return before - list->items.len;
}
