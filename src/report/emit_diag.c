/* The four diagnostic formats.  Sections: summary, text, json, sarif, github. */
#include "report/emit_diag.h"

#include <string.h>

#include "base/map.h"
#include "report/json.h"
#include "rules/rules.h"

#define TAB_WIDTH 8

/* ---- Summary ---- */

void emit_diag_summarize(const struct diag_list *list, struct emit_summary *out)
{
	memset(out, 0, sizeof(*out));
	struct map files;
	map_init(&files);
	for (size_t i = 0; i < list->items.len; i++) {
		const struct diag *d = &list->items.ptr[i];
		out->problems++;
		if (d->severity == DIAG_ERROR)
			out->errors++;
		else if (d->severity == DIAG_WARNING)
			out->warnings++;
		else
			out->notes++;
		bool inserted;
		map_intern(&files, slice_cstr(d->file), &inserted);
		out->files += inserted;
	}
	map_release(&files);
}

static void count(struct buf *out, size_t n, const char *one, const char *many)
{
	buf_addf(out, "%zu %s", n, n == 1 ? one : many);
}

void emit_diag_summary_line(struct buf *out, const struct emit_summary *s)
{
	if (!s->problems) {
		buf_adds(out, "No problems found.\n");
		return;
	}
	buf_adds(out, "Found ");
	count(out, s->problems, "problem", "problems");
	buf_adds(out, " (");
	count(out, s->errors, "error", "errors");
	buf_adds(out, ", ");
	count(out, s->warnings, "warning", "warnings");
	if (s->notes) {
		buf_adds(out, ", ");
		count(out, s->notes, "note", "notes");
	}
	buf_adds(out, ") in ");
	count(out, s->files, "file", "files");
	buf_adds(out, ".\n");
}

/* ---- Text ---- */

#define BOLD "\033[1m"
#define RESET "\033[0m"
#define GUTTER "\033[34m"

static const char *severity_color(enum diag_severity s)
{
	switch (s) {
	case DIAG_ERROR: return "\033[1;31m";
	case DIAG_WARNING: return "\033[1;33m";
	default: return "\033[1;36m";
	}
}

static int digits(int n)
{
	int k = 1;
	while (n >= 10) {
		n /= 10;
		k++;
	}
	return k;
}

static void spaces(struct buf *out, int n)
{
	for (int i = 0; i < n; i++)
		buf_addc(out, ' ');
}

/* The source line with tabs expanded to multiples of TAB_WIDTH, then a caret
 * line under characters [col, end) (1-based code points).  Columns are
 * code points, so a caret sits under the character the column names. */
static void code_frame(struct buf *out, const struct diag *d, struct slice line, bool color)
{
	int width = digits(d->line);
	int col = d->col > 0 ? d->col : 0;
	int end = (d->end_line == d->line && d->end_col > col) ? d->end_col : col + 1;
	int ci = 0, disp = 0, caret_start = -1, caret_end = -1;
	struct buf text = BUF_INIT;
	for (size_t i = 0; i < line.len;) {
		if (ci == col - 1)
			caret_start = disp;
		if (ci == end - 1)
			caret_end = disp;
		size_t n = 1;
		while (i + n < line.len && ((unsigned char)line.ptr[i + n] & 0xC0) == 0x80)
			n++;
		if (line.ptr[i] == '\t') {
			int k = TAB_WIDTH - disp % TAB_WIDTH;
			spaces(&text, k);
			disp += k;
		} else {
			buf_add(&text, line.ptr + i, n);
			disp++;
		}
		i += n;
		ci++;
	}
	/* Columns past the end of the line: the caret goes after its last character. */
	if (caret_start < 0)
		caret_start = disp;
	if (caret_end < 0)
		caret_end = disp;
	if (caret_end <= caret_start)
		caret_end = caret_start + 1;

	buf_addc(out, ' ');
	if (color)
		buf_adds(out, GUTTER);
	buf_addf(out, "%*d |", width, d->line);
	if (color)
		buf_adds(out, RESET);
	if (text.len) {
		buf_addc(out, ' ');
		buf_addsl(out, buf_slice(&text));
	}
	buf_addc(out, '\n');
	if (col > 0) {
		buf_addc(out, ' ');
		if (color)
			buf_adds(out, GUTTER);
		spaces(out, width);
		buf_adds(out, " |");
		if (color)
			buf_adds(out, RESET);
		buf_addc(out, ' ');
		spaces(out, caret_start);
		if (color)
			buf_adds(out, severity_color(d->severity));
		for (int k = caret_start; k < caret_end; k++)
			buf_addc(out, '^');
		if (color)
			buf_adds(out, RESET);
		buf_addc(out, '\n');
	}
	buf_release(&text);
}

static void location(struct buf *out, const char *file, int line, int col)
{
	buf_adds(out, file);
	if (line > 0) {
		buf_addf(out, ":%d", line);
		if (col > 0)
			buf_addf(out, ":%d", col);
	}
}

void emit_diag_text(struct buf *out, const struct diag_list *list, const struct emit_options *opts)
{
	bool color = opts && opts->color;
	struct diag_sources *sources = opts ? opts->sources : NULL;
	for (size_t i = 0; i < list->items.len; i++) {
		const struct diag *d = &list->items.ptr[i];
		if (color)
			buf_adds(out, BOLD);
		location(out, d->file, d->line, d->col);
		buf_adds(out, ":");
		if (color)
			buf_adds(out, RESET);
		buf_addc(out, ' ');
		if (color)
			buf_adds(out, severity_color(d->severity));
		buf_adds(out, d->rule);
		if (color)
			buf_adds(out, RESET);
		buf_adds(out, ": ");
		buf_adds(out, d->message);
		buf_addc(out, '\n');
		struct slice line;
		if (sources && d->line > 0 && diag_sources_line(sources, d->file, d->line, &line) == 0)
			code_frame(out, d, line, color);
		for (size_t k = 0; k < d->nnotes; k++) {
			const struct diag_note *n = &d->notes[k];
			buf_adds(out, "  ");
			buf_adds(out, color ? "\033[1;36mnote:" RESET " " : "note: ");
			if (n->file) {
				location(out, n->file, n->line, 0);
				buf_adds(out, ": ");
			}
			buf_adds(out, n->message);
			buf_addc(out, '\n');
		}
		if (d->fix) {
			buf_adds(out, "  ");
			buf_adds(out, color ? "\033[1;32mfix:" RESET " " : "fix: ");
			buf_adds(out, d->fix);
			buf_addc(out, '\n');
		}
		buf_addc(out, '\n');
	}
	struct emit_summary s;
	emit_diag_summarize(list, &s);
	if (color && s.problems)
		buf_adds(out, BOLD);
	emit_diag_summary_line(out, &s);
	if (color && s.problems) {
		/* Keep the reset before the newline the summary ends with. */
		buf_truncate(out, out->len - 1);
		buf_adds(out, RESET "\n");
	}
}

/* ---- JSON ---- */

static void json_int_or_null(struct buf *out, int v)
{
	if (v > 0)
		buf_addf(out, "%d", v);
	else
		buf_adds(out, "null");
}

void emit_diag_json(struct buf *out, const struct diag_list *list, const struct emit_options *opts)
{
	buf_adds(out, "{\"version\": 1, \"diagnostics\": [");
	for (size_t i = 0; i < list->items.len; i++) {
		const struct diag *d = &list->items.ptr[i];
		buf_adds(out, i ? ",\n  " : "\n  ");
		buf_adds(out, "{\"rule\": ");
		json_cstr(out, d->rule);
		buf_adds(out, ", \"severity\": ");
		json_cstr(out, diag_severity_name(d->severity));
		buf_adds(out, ", \"file\": ");
		json_cstr(out, d->file);
		buf_addf(out, ", \"line\": %d, \"col\": %d, \"end_line\": ", d->line > 0 ? d->line : 0,
			 d->col > 0 ? d->col : 0);
		json_int_or_null(out, d->end_line);
		buf_adds(out, ", \"end_col\": ");
		json_int_or_null(out, d->end_line > 0 ? d->end_col : 0);
		buf_adds(out, ", \"message\": ");
		json_cstr(out, d->message);
		buf_adds(out, ", \"notes\": [");
		for (size_t k = 0; k < d->nnotes; k++) {
			const struct diag_note *n = &d->notes[k];
			buf_adds(out, k ? ", {\"file\": " : "{\"file\": ");
			json_cstr(out, n->file);
			buf_addf(out, ", \"line\": %d, \"col\": %d, \"message\": ",
				 n->line > 0 ? n->line : 0, n->col > 0 ? n->col : 0);
			json_cstr(out, n->message);
			buf_addc(out, '}');
		}
		buf_adds(out, "], \"fix\": ");
		json_cstr(out, d->fix);
		buf_addc(out, '}');
	}
	struct emit_summary s;
	emit_diag_summarize(list, &s);
	buf_adds(out, list->items.len ? "\n], " : "], ");
	buf_addf(out, "\"summary\": {\"problems\": %zu, \"errors\": %zu, \"warnings\": %zu, "
		 "\"notes\": %zu, \"files\": %zu}}\n",
		 s.problems, s.errors, s.warnings, s.notes, s.files);
}

/* ---- SARIF 2.1.0 ---- */

static const char *sarif_level(enum diag_severity s)
{
	return s == DIAG_ERROR ? "error" : s == DIAG_WARNING ? "warning" : "note";
}

/* A relative path as an RFC 3986 URI reference: unreserved characters and
 * '/' stay, every other byte is percent-encoded (so non-ASCII names are
 * their UTF-8 bytes encoded). */
static void uri_ref(struct buf *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf u = BUF_INIT;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			buf_addc(&u, (char)c);
		} else {
			buf_addc(&u, '%');
			buf_addc(&u, hex[c >> 4]);
			buf_addc(&u, hex[c & 15]);
		}
	}
	json_str(out, buf_slice(&u));
	buf_release(&u);
}

static void sarif_physical(struct buf *out, const char *file, int line, int col, int end_line,
			   int end_col)
{
	buf_adds(out, "\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
	uri_ref(out, file);
	buf_adds(out, ", \"uriBaseId\": \"%SRCROOT%\"}");
	if (line > 0) {
		buf_addf(out, ", \"region\": {\"startLine\": %d", line);
		if (col > 0)
			buf_addf(out, ", \"startColumn\": %d", col);
		if (end_line >= line) {
			buf_addf(out, ", \"endLine\": %d", end_line);
			if (end_col > 0 && (end_line > line || end_col > col))
				buf_addf(out, ", \"endColumn\": %d", end_col);
		}
		buf_addc(out, '}');
	}
	buf_addc(out, '}');
}

static void sarif_rules(struct buf *out)
{
	const struct rule *t = rule_table();
	for (int i = 0; i < RULE_COUNT; i++) {
		buf_adds(out, i ? ",\n          {" : "\n          {");
		buf_adds(out, "\"id\": ");
		json_cstr(out, t[i].id);
		buf_adds(out, ", \"name\": ");
		json_cstr(out, t[i].name);
		buf_adds(out, ", \"shortDescription\": {\"text\": ");
		json_cstr(out, t[i].summary);
		buf_adds(out, "}, \"fullDescription\": {\"text\": ");
		json_cstr(out, t[i].help);
		buf_adds(out, "}, \"help\": {\"text\": ");
		json_cstr(out, t[i].help);
		buf_adds(out, "}, \"defaultConfiguration\": {\"enabled\": ");
		buf_adds(out, t[i].enabled ? "true" : "false");
		buf_adds(out, ", \"level\": ");
		json_cstr(out, sarif_level(t[i].severity));
		buf_adds(out, "}, \"properties\": {\"tags\": [");
		json_cstr(out, t[i].category);
		buf_adds(out, "]}}");
	}
}

void emit_diag_sarif(struct buf *out, const struct diag_list *list, const struct emit_options *opts)
{
	const char *version = opts && opts->version ? opts->version : "0";
	const char *info = opts && opts->information_uri ? opts->information_uri : EMIT_INFORMATION_URI;
	struct diag_sources *sources = opts ? opts->sources : NULL;
	buf_adds(out, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		      "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
		      "      \"tool\": {\"driver\": {\"name\": \"modscope\", \"version\": ");
	json_cstr(out, version);
	buf_adds(out, ", \"informationUri\": ");
	json_cstr(out, info);
	buf_adds(out, ",\n        \"rules\": [");
	sarif_rules(out);
	buf_adds(out, "]}},\n");
	if (opts && opts->root_uri) {
		buf_adds(out, "      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": ");
		json_cstr(out, opts->root_uri);
		buf_adds(out, "}},\n");
	}
	buf_adds(out, "      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [");
	for (size_t i = 0; i < list->items.len; i++) {
		const struct diag *d = &list->items.ptr[i];
		buf_adds(out, i ? ",\n        {" : "\n        {");
		buf_adds(out, "\"ruleId\": ");
		json_cstr(out, d->rule);
		int index = rule_index_of(d->rule);
		if (index >= 0)
			buf_addf(out, ", \"ruleIndex\": %d", index);
		buf_adds(out, ", \"level\": ");
		json_cstr(out, sarif_level(d->severity));
		buf_adds(out, ", \"message\": {\"text\": ");
		json_cstr(out, d->message);
		buf_adds(out, "}, \"locations\": [{");
		sarif_physical(out, d->file, d->line, d->col, d->end_line, d->end_col);
		buf_adds(out, "}]");
		if (d->nnotes) {
			buf_adds(out, ", \"relatedLocations\": [");
			for (size_t k = 0; k < d->nnotes; k++) {
				const struct diag_note *n = &d->notes[k];
				buf_addf(out, "%s{\"id\": %zu, ", k ? ", " : "", k);
				if (n->file) {
					sarif_physical(out, n->file, n->line, n->col, 0, 0);
					buf_adds(out, ", ");
				}
				buf_adds(out, "\"message\": {\"text\": ");
				json_cstr(out, n->message);
				buf_adds(out, "}}");
			}
			buf_addc(out, ']');
		}
		struct slice line = slice_make("", 0);
		if (sources && d->line > 0)
			diag_sources_line(sources, d->file, d->line, &line);
		char fp[17];
		diag_fingerprint(d, line, fp);
		buf_addf(out, ", \"partialFingerprints\": {\"modscopeFingerprint/v1\": \"%s\"}", fp);
		if (d->fix) {
			buf_adds(out, ", \"properties\": {\"fix\": ");
			json_cstr(out, d->fix);
			buf_addc(out, '}');
		}
		buf_addc(out, '}');
	}
	buf_adds(out, list->items.len ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n");
}

/* ---- GitHub workflow commands ---- */

/* Escapes a workflow command's data (the message) or, with property set, a
 * property value, as GitHub's toolkit does (escapeData / escapeProperty). */
static void gh_escape(struct buf *out, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': buf_adds(out, "%25"); break;
		case '\r': buf_adds(out, "%0D"); break;
		case '\n': buf_adds(out, "%0A"); break;
		case ':':
			if (property)
				buf_adds(out, "%3A");
			else
				buf_addc(out, ':');
			break;
		case ',':
			if (property)
				buf_adds(out, "%2C");
			else
				buf_addc(out, ',');
			break;
		default: buf_addc(out, *s); break;
		}
	}
}

void emit_diag_github(struct buf *out, const struct diag_list *list, const struct emit_options *opts)
{
	struct buf msg = BUF_INIT;
	for (size_t i = 0; i < list->items.len; i++) {
		const struct diag *d = &list->items.ptr[i];
		buf_adds(out, d->severity == DIAG_ERROR ? "::error "
			      : d->severity == DIAG_WARNING ? "::warning " : "::notice ");
		buf_adds(out, "file=");
		gh_escape(out, d->file, true);
		if (d->line > 0) {
			buf_addf(out, ",line=%d", d->line);
			if (d->col > 0)
				buf_addf(out, ",col=%d", d->col);
			if (d->end_line >= d->line) {
				buf_addf(out, ",endLine=%d", d->end_line);
				if (d->end_col > 0)
					buf_addf(out, ",endColumn=%d", d->end_col);
			}
		}
		buf_adds(out, ",title=");
		gh_escape(out, d->rule, true);
		buf_adds(out, "::");
		buf_clear(&msg);
		buf_adds(&msg, d->message);
		for (size_t k = 0; k < d->nnotes; k++) {
			const struct diag_note *n = &d->notes[k];
			buf_adds(&msg, "\nnote: ");
			if (n->file) {
				location(&msg, n->file, n->line, 0);
				buf_adds(&msg, ": ");
			}
			buf_adds(&msg, n->message);
		}
		if (d->fix) {
			buf_adds(&msg, "\nfix: ");
			buf_adds(&msg, d->fix);
		}
		gh_escape(out, msg.ptr, false);
		buf_addc(out, '\n');
	}
	buf_release(&msg);
}

/* ---- The table ---- */

static const struct emit_diag_format formats[] = {
	{ "text", emit_diag_text },
	{ "json", emit_diag_json },
	{ "sarif", emit_diag_sarif },
	{ "github", emit_diag_github },
};

const struct emit_diag_format *emit_diag_format_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(formats[i].name, name))
			return &formats[i];
	return NULL;
}

const char *emit_diag_format_names(void)
{
	return "text|json|sarif|github";
}
