/* The rule selection keys of a TOML configuration table. */
#include "rules/rules.h"

#include <string.h>

#include "base/arena.h"
#include "config/toml.h"

static int type_error(struct buf *err, const char *file, const struct toml_value *v,
		      const char *key, const char *want)
{
	buf_addf(err, "%s:%u:%u: '%s' must be %s", file, v->line, v->col, key, want);
	return -1;
}

/* Reads the array of strings v (the value of key) into *out, *n. */
static int read_list(struct arena *arena, const struct toml_value *v, const char *key,
		     const char *file, const struct rule_pattern **out, size_t *n, struct buf *err)
{
	*out = NULL;
	*n = 0;
	if (!v)
		return 0;
	if (v->kind != TOML_ARRAY)
		return type_error(err, file, v, key, "an array of strings");
	size_t len = toml_len(v);
	struct rule_pattern *p = ARENA_ARRAY(arena, struct rule_pattern, len ? len : 1);
	for (size_t i = 0; i < len; i++) {
		const struct toml_value *item = toml_array_at(v, i);
		struct slice s;
		if (!toml_as_string(item, &s) || memchr(s.ptr, '\0', s.len))
			return type_error(err, file, item, key, "an array of strings");
		p[i] = (struct rule_pattern){ s.ptr, file, item->line, item->col };
	}
	*out = p;
	*n = len;
	return 0;
}

int rule_config_from_toml(struct rule_config *cfg, struct arena *arena,
			  const struct toml_value *table, const char *file, struct buf *err)
{
	memset(cfg, 0, sizeof(*cfg));
	if (!table)
		return 0;
	if (read_list(arena, toml_get(table, "select"), "select", file, &cfg->select,
		      &cfg->nselect, err) < 0 ||
	    read_list(arena, toml_get(table, "extend-select"), "extend-select", file,
		      &cfg->extend_select, &cfg->nextend_select, err) < 0 ||
	    read_list(arena, toml_get(table, "ignore"), "ignore", file, &cfg->ignore,
		      &cfg->nignore, err) < 0)
		return -1;
	const struct toml_value *pfi = toml_get(table, "per-file-ignores");
	if (!pfi)
		return 0;
	if (pfi->kind != TOML_TABLE)
		return type_error(err, file, pfi, "per-file-ignores",
				  "a table of glob = [rule, ...]");
	size_t n = toml_len(pfi);
	struct rule_per_file *pf = ARENA_ARRAY(arena, struct rule_per_file, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		const struct toml_kv *kv = toml_table_at(pfi, i);
		if (memchr(kv->key.ptr, '\0', kv->key.len))
			return type_error(err, file, kv->value, "per-file-ignores",
					  "a table of glob = [rule, ...]");
		pf[i].glob = (struct rule_pattern){ kv->key.ptr, file, kv->value->line, kv->value->col };
		if (read_list(arena, kv->value, "per-file-ignores", file, &pf[i].rules,
			      &pf[i].nrules, err) < 0)
			return -1;
	}
	cfg->per_file_ignores = pf;
	cfg->nper_file_ignores = n;
	return 0;
}
