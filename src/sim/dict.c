/* Dicts the simulator follows (docs/order.md "Dicts"): made by displays
 * at import time, changed by `d[k] = v`, read by `d.get(k)`, `d[k]` and
 * `k in d`.  Registries such as sympy's converter table decide which
 * branch runs (`conv = _sympy_converter.get(int)`), so the model keeps
 * their items, newest first, and answers a lookup only when the answer
 * does not depend on anything it cannot see: a key it cannot evaluate,
 * an item set by code that may or may not run, or a change made by code
 * it does not follow (the dict is then open). */
#include "sim/internal.h"

static void log_dict(struct run *r, struct dictobj *d)
{
	if (r->logging)
		vec_push(&r->log, ((struct undo){ .kind = U_DICT, .p = d, .q = d->head,
						   .flags = d->open }));
}

const struct val *sim_dict_new(struct run *r)
{
	struct val *v = (struct val *)sim_val(r, V_DICT);
	v->dict = ARENA_NEW(r->A, struct dictobj);
	return v;
}

void sim_dict_open(struct run *r, struct dictobj *d)
{
	if (d->open)
		return;
	log_dict(r, d);
	d->open = true;
}

void sim_dict_set(struct run *r, struct dictobj *d, const struct val *key, const struct val *value)
{
	log_dict(r, d);
	struct dict_item *it = ARENA_NEW(r->A, struct dict_item);
	it->key = key;
	it->value = value;
	it->maybe = r->maybe > 0;
	it->next = d->head;
	d->head = it;
}

static void escape(struct run *r, const struct val *v, int depth)
{
	if (!v || depth > 4)
		return;
	switch (v->kind) {
	case V_DICT:
		if (!v->dict->open) {
			sim_dict_open(r, v->dict);
			for (struct dict_item *it = v->dict->head; it; it = it->next)
				escape(r, it->value, depth + 1);
		}
		break;
	case V_TUPLE:
		if (v->dict)
			sim_dict_open(r, v->dict); /* a list may be changed there */
		for (uint32_t i = 0; i < v->n; i++)
			escape(r, v->elts[i], depth + 1);
		break;
	case V_CLASS:
		/* class attributes are reachable from the class */
		for (size_t i = 0; i < v->cls->order.len; i++) {
			const struct binding *b = v->cls->order.ptr[i];
			if (b->flags && b->v && b->v->kind == V_DICT)
				escape(r, b->v, depth + 1);
		}
		break;
	default:
		break;
	}
}

void sim_escape(struct run *r, const struct val *v)
{
	escape(r, v, 0);
}

/* A value that is certainly neither None nor false. */
static bool solid(const struct val *v)
{
	switch (v->kind) {
	case V_FUNC: case V_CLASS: case V_MODULE: case V_BUILTIN: case V_OBJECT:
		return true;
	default:
		return false;
	}
}

int sim_dict_lookup(struct run *r, const struct dictobj *d, const struct val *key,
		    const struct val **out)
{
	*out = &sim_unknown_val;
	if (d->open || !key)
		return -1;
	/* the newest item whose key is certainly equal decides, unless a newer
	 * item may have the same key: then the value is one of those */
	const struct val *exact = NULL;
	bool several = false, all_solid = true, matched = false;
	for (const struct dict_item *it = d->head; it; it = it->next) {
		int eq = it->key ? sim_equal(it->key, key) : -1;
		if (eq == 0)
			continue;
		if (exact)
			several = true;
		exact = it->value;
		all_solid &= solid(it->value);
		if (eq == 1 && !it->maybe) {
			matched = true;
			break;
		}
	}
	if (!exact)
		return 0;
	if (!matched)
		return -1; /* it may be missing */
	if (!several) {
		*out = exact;
		return 1;
	}
	if (all_solid)
		*out = sim_val(r, V_OBJECT);
	return 1;
}
