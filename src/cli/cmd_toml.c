/* modscope __toml FILE: a hidden testing aid that prints FILE decoded by the
 * TOML reader as toml-test's tagged JSON (tables as objects, arrays as
 * arrays, every other value as {"type": "<tag>", "value": "<text>"}), or the
 * parse error as FILE:LINE:COL: error: REASON (exit 2). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "config/toml.h"
#include "report/json.h"

/* The shortest %g form that reads back as the same double (Python's repr). */
static void add_float(struct buf *out, double d)
{
	if (isnan(d)) {
		buf_adds(out, "nan");
		return;
	}
	if (isinf(d)) {
		buf_adds(out, d < 0 ? "-inf" : "inf");
		return;
	}
	char s[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(s, sizeof(s), "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			break;
	}
	buf_adds(out, s);
}

static void add_datetime(struct buf *out, enum toml_kind kind, const struct toml_datetime *dt)
{
	if (kind != TOML_TIME_LOCAL)
		buf_addf(out, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
	if (kind == TOML_DATE_LOCAL)
		return;
	if (kind != TOML_TIME_LOCAL)
		buf_addc(out, 'T');
	buf_addf(out, "%02d:%02d:%02d", dt->hour, dt->minute, dt->second);
	if (dt->frac_digits > 0) {
		int32_t frac = dt->nanosecond;
		for (int k = dt->frac_digits; k < 9; k++)
			frac /= 10;
		buf_addf(out, ".%0*d", dt->frac_digits, (int)frac);
	}
	if (kind == TOML_DATETIME) {
		int off = dt->offset_minutes;
		if (off == 0)
			buf_addc(out, 'Z');
		else
			buf_addf(out, "%c%02d:%02d", off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
	}
}

static void dump(struct buf *out, const struct toml_value *v)
{
	struct buf text = BUF_INIT;
	switch (v->kind) {
	case TOML_TABLE:
		buf_addc(out, '{');
		for (size_t i = 0; i < toml_len(v); i++) {
			const struct toml_kv *kv = toml_table_at(v, i);
			if (i)
				buf_adds(out, ", ");
			json_str(out, kv->key);
			buf_adds(out, ": ");
			dump(out, kv->value);
		}
		buf_addc(out, '}');
		return;
	case TOML_ARRAY:
		buf_addc(out, '[');
		for (size_t i = 0; i < toml_len(v); i++) {
			if (i)
				buf_adds(out, ", ");
			dump(out, toml_array_at(v, i));
		}
		buf_addc(out, ']');
		return;
	case TOML_STRING:
		buf_addsl(&text, v->u.string);
		break;
	case TOML_INTEGER:
		buf_addf(&text, "%lld", (long long)v->u.integer);
		break;
	case TOML_FLOAT:
		add_float(&text, v->u.fp);
		break;
	case TOML_BOOL:
		buf_adds(&text, v->u.boolean ? "true" : "false");
		break;
	case TOML_DATETIME:
	case TOML_DATETIME_LOCAL:
	case TOML_DATE_LOCAL:
	case TOML_TIME_LOCAL:
		add_datetime(&text, v->kind, &v->u.dt);
		break;
	}
	buf_adds(out, "{\"type\": ");
	json_cstr(out, toml_kind_name(v->kind));
	buf_adds(out, ", \"value\": ");
	json_str(out, buf_slice(&text));
	buf_addc(out, '}');
	buf_release(&text);
}

int cmd_toml_dump(int argc, char **argv)
{
	if (argc != 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fprintf(argc == 2 ? stdout : stderr,
			"usage: modscope __toml FILE\n"
			"prints FILE decoded as toml-test tagged JSON (a testing aid)\n");
		return argc == 2 ? EXIT_CLEAN : EXIT_ERROR;
	}
	struct toml_doc doc;
	struct toml_error err;
	toml_doc_init(&doc);
	int rc = EXIT_CLEAN;
	if (toml_parse_file(&doc, argv[1], &err) < 0) {
		if (err.line == 0)
			fprintf(stderr, "%s: error: %s\n", argv[1], err.reason);
		else
			fprintf(stderr, "%s:%u:%u: error: %s\n", argv[1], err.line, err.col, err.reason);
		rc = EXIT_ERROR;
		goto cleanup;
	}
	struct buf out = BUF_INIT;
	dump(&out, doc.root);
	buf_addc(&out, '\n');
	fwrite(out.ptr, 1, out.len, stdout);
	buf_release(&out);
cleanup:
	toml_doc_release(&doc);
	return rc;
}
