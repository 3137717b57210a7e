/* The rule table and rule selection. */
#include "rules/rules.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "rules/internal.h"
#include "rules/content.h"

/* Designated initializers keep each row at its enum index whatever the
 * order here; test_diag checks that every id in RULE_LIST has a row. */
static const struct rule table[RULE_COUNT] = {
	[RULE_IMPORT_CYCLE_CRASH] = {
		"import-cycle-crash", "ImportCycleCrash", "cycles", DIAG_ERROR, true,
		"an import cycle makes an import fail at run time",
		"A cycle of imports whose execution order, as CPython would run it, "
		"reaches a 'from m import x' or an attribute access on a module that "
		"is still partially initialized, so the program raises ImportError or "
		"AttributeError at import time. The notes give the import chain that "
		"leads there. Fix it by moving one import of the cycle into the "
		"function that needs it, importing the module instead of the name, or "
		"moving the shared code into a module both sides import.",
		rule_import_cycle_crash },
	[RULE_IMPORT_CYCLE] = {
		"import-cycle", "ImportCycle", "cycles", DIAG_NOTE, false,
		"modules import each other in a cycle",
		"A set of modules that import each other, directly or through other "
		"modules, with eager (module-level) imports. A cycle that does not "
		"crash today still ties the modules together: none can be loaded, "
		"tested or reused without the others, and a harmless-looking change "
		"of import order can make it crash. The notes list one shortest cycle "
		"and the smallest set of imports whose removal breaks all cycles of "
		"the group.",
		rule_import_cycle },
	[RULE_UNRESOLVED_IMPORT] = {
		"unresolved-import", "UnresolvedImport", "imports", DIAG_ERROR, true,
		"an import names a module that cannot be found",
		"The module an import statement names is found by none of the "
		"finders CPython would consult (builtin, frozen, the path finder over "
		"the modelled sys.path), so executing the statement raises "
		"ModuleNotFoundError. Imports guarded by try/except ImportError or "
		"made under TYPE_CHECKING are not reported. Fix the name, install the "
		"distribution that provides the module, or add its folder to the "
		"source roots.",
		rule_unresolved_import },
	[RULE_SHADOWED_STDLIB] = {
		"shadowed-stdlib", "ShadowedStdlib", "layout", DIAG_WARNING, true,
		"a project module hides a standard library module",
		"A module of the project has the name of a standard library module "
		"and comes first on sys.path (the script's folder is sys.path[0]), "
		"so 'import NAME' anywhere in the program, including inside the "
		"standard library, loads the project's file instead. Rename the "
		"module.",
		rule_shadowed_stdlib },
	[RULE_DUPLICATE_MODULE] = {
		"duplicate-module", "DuplicateModule", "layout", DIAG_WARNING, true,
		"two files define the same module name",
		"Two files resolve to the same dotted module name (a package folder "
		"and a module file of the same name, or the same module under two "
		"source roots). Only the first one on the path is ever imported; the "
		"other is dead code or, worse, what the author meant to import.",
		rule_duplicate_module },
	[RULE_RELATIVE_IMPORT_BEYOND_TOP] = {
		"relative-import-beyond-top", "RelativeImportBeyondTop", "imports", DIAG_ERROR, true,
		"a relative import goes above the top-level package",
		"A relative import has more leading dots than the importing module "
		"has enclosing packages, so importlib raises \"attempted relative "
		"import beyond top-level package\". Use fewer dots or an absolute "
		"import.",
		rule_relative_import_beyond_top },
	[RULE_RELATIVE_IMPORT_IN_SCRIPT] = {
		"relative-import-in-script", "RelativeImportInScript", "imports", DIAG_ERROR, true,
		"a relative import in a file run as a script",
		"A file that is run directly (it has an 'if __name__ == \"__main__\"' "
		"block or is an entry point) uses a relative import; run as a script "
		"it has no parent package and importlib raises \"attempted relative "
		"import with no known parent package\". Use an absolute import or run "
		"it with 'python -m package.module'.",
		rule_relative_import_in_script },
	[RULE_WILDCARD_IMPORT] = {
		"wildcard-import", "WildcardImport", "design", DIAG_WARNING, true,
		"'from module import *' hides where names come from",
		"A star import binds every public name of the module (or the names "
		"of its __all__), so a reader cannot tell where a name comes from and "
		"a new name in the imported module can silently replace a local one. "
		"Import the names used, or the module itself.",
		rule_wildcard_import },
	[RULE_UNDEFINED_ALL] = {
		"undefined-all", "UndefinedAll", "design", DIAG_ERROR, true,
		"__all__ lists a name the module does not define",
		"A name listed in the module's __all__ is never bound at module level "
		"(nor is it a submodule), so 'from module import *' raises "
		"AttributeError. Define the name or remove it from __all__.",
		rule_undefined_all },
	[RULE_IMPORT_SIDE_EFFECT] = {
		"import-side-effect", "ImportSideEffect", "design", DIAG_WARNING, false,
		"a module does work when it is imported",
		"A module calls functions at module level beyond defining things "
		"(reading files, opening connections, printing, mutating other "
		"modules), so importing it, even only to read a constant or in a "
		"test, has effects and costs. Move the work into a function called "
		"explicitly, or behind 'if __name__ == \"__main__\"'.",
		rule_import_side_effect },
	[RULE_HEAVY_INIT] = {
		"heavy-init", "HeavyInit", "design", DIAG_WARNING, false,
		"a package __init__ eagerly imports many modules",
		"A package's __init__.py imports many of its submodules (or heavy "
		"third-party modules) at module level, so importing any one submodule "
		"of the package first executes all of them. Keep __init__.py small, "
		"or load names lazily with a module-level __getattr__ (PEP 562).",
		rule_heavy_init },
	[RULE_STALE_IMPORT_BINDING] = {
		"stale-import-binding", "StaleImportBinding", "design", DIAG_WARNING, true,
		"'from m import x' copies a name that m later rebinds",
		"'from m import x' binds x to the object m.x refers to at that moment. "
		"The module rebinds x afterwards (a later assignment, a 'global x' in "
		"a function, a setter), so the importer keeps the stale object. Import "
		"the module and read m.x when needed.",
		rule_stale_import_binding },
	[RULE_DYNAMIC_IMPORT] = {
		"dynamic-import", "DynamicImport", "imports", DIAG_NOTE, false,
		"a module is imported by a name computed at run time",
		"importlib.import_module() or __import__() is called with a name that "
		"is not a string literal, so neither modscope nor a reader can tell "
		"which module is loaded; the module graph misses that edge. Prefer "
		"an explicit table of literal names.",
		rule_dynamic_import },
	[RULE_SYS_PATH_MUTATION] = {
		"sys-path-mutation", "SysPathMutation", "imports", DIAG_WARNING, true,
		"code changes sys.path",
		"sys.path is appended to, inserted into or replaced at run time, so "
		"where imports resolve depends on which code ran first and on the "
		"current directory. Install the project (an editable install) or "
		"configure its source roots instead.",
		rule_sys_path_mutation },
	[RULE_IMPORT_NOT_AT_TOP] = {
		"import-not-at-top", "ImportNotAtTop", "design", DIAG_WARNING, false,
		"a module-level import comes after other code",
		"A module-level import statement follows other statements (besides "
		"the docstring, __future__ imports, other imports and dunder "
		"assignments), so the module's dependencies are not all visible at "
		"its top and part of its code runs before them.",
		rule_import_not_at_top },
	[RULE_IMPORT_ORDER] = {
		"import-order", "ImportOrder", "design", DIAG_NOTE, false,
		"imports are not grouped standard library, third party, first party",
		"The module-level imports of a file are not in the conventional "
		"groups (standard library, then third-party, then the project's own "
		"modules, as PEP 8 recommends), as decided by where each one "
		"resolves.",
		rule_import_order },
	[RULE_MODULE_TOO_LARGE] = {
		"module-too-large", "ModuleTooLarge", "design", DIAG_WARNING, false,
		"a module has more lines or top-level definitions than configured",
		"A module exceeds the configured size (lines or top-level "
		"definitions). Large modules gather unrelated responsibilities and "
		"attract imports from everywhere; split it by responsibility.",
		rule_module_too_large },
	[RULE_CONTRACT_LAYERS] = {
		"contract-layers", "ContractLayers", "contracts", DIAG_ERROR, true,
		"a lower layer imports a higher layer",
		"A configured layers contract lists modules from highest to lowest; "
		"a module of a lower layer imports (directly or through other "
		"modules) a module of a higher layer. The notes give the chain of "
		"imports. The rule does nothing unless a layers contract is "
		"configured.",
		rule_contract_layers },
	[RULE_CONTRACT_FORBIDDEN] = {
		"contract-forbidden", "ContractForbidden", "contracts", DIAG_ERROR, true,
		"a module imports a module it is forbidden to import",
		"A configured forbidden contract says that some source modules must "
		"not import some target modules, directly or indirectly; the notes "
		"give the chain of imports that does. The rule does nothing unless a "
		"forbidden contract is configured.",
		rule_contract_forbidden },
	[RULE_CONTRACT_INDEPENDENCE] = {
		"contract-independence", "ContractIndependence", "contracts", DIAG_ERROR, true,
		"modules declared independent import each other",
		"A configured independence contract lists modules that must not "
		"import one another, directly or indirectly; the notes give the chain "
		"of imports that connects two of them. The rule does nothing unless "
		"an independence contract is configured.",
		rule_contract_independence },
	[RULE_CONTRACT_ACYCLIC_SIBLINGS] = {
		"contract-acyclic-siblings", "ContractAcyclicSiblings", "contracts", DIAG_ERROR, true,
		"the subpackages of a package depend on each other in a cycle",
		"A configured acyclic-siblings contract says that the direct children "
		"of a package, each taken with everything below it, must not depend "
		"on each other in a cycle; the notes give the cycle and the imports "
		"to cut. The rule does nothing unless such a contract is configured.",
		rule_contract_acyclic_siblings },
	[RULE_CONTRACT_PUBLIC_INTERFACE] = {
		"contract-public-interface", "ContractPublicInterface", "contracts", DIAG_ERROR, true,
		"a module imports another package's private module or name",
		"A configured public-interface contract says that code outside a "
		"package may import only its public interface (the package itself and "
		"the names it exports), not its internal modules or names starting "
		"with '_'. The rule does nothing unless such a contract is "
		"configured.",
		rule_contract_public_interface },
	[RULE_UNUSED_SUPPRESSION] = {
		"unused-suppression", "UnusedSuppression", "meta", DIAG_WARNING, false,
		"a suppression comment suppresses nothing",
		"A '# modscope: ignore[...]' comment names a rule that reports nothing "
		"on its line (or names no rule at all), so it can be removed; an "
		"unknown rule name in such a comment is reported too.",
		NULL },
	[RULE_SYNTAX_ERROR] = {
		"syntax-error", "SyntaxError", "files", DIAG_ERROR, true,
		"a file cannot be compiled",
		"The file has a syntax error (or an encoding error) that CPython's "
		"compiler reports as SyntaxError, so importing or running it fails; "
		"modscope analyses the file only up to the error. Reported by the "
		"check itself, not by a rule over the facts.",
		NULL },
	[RULE_UNREADABLE_FILE] = {
		"unreadable-file", "UnreadableFile", "files", DIAG_ERROR, true,
		"a file or folder of the project cannot be read",
		"A Python file (or a folder holding them) under the analysed tree "
		"cannot be read, so it is not analysed and every rule is blind to it. "
		"Reported by the check itself.",
		NULL },
};

const struct rule *rule_table(void)
{
	return table;
}

int rule_index_of(const char *id)
{
	for (int i = 0; i < RULE_COUNT; i++)
		if (table[i].id && !strcmp(table[i].id, id))
			return i;
	return -1;
}

const struct rule *rule_lookup(const char *id)
{
	int i = rule_index_of(id);
	return i < 0 ? NULL : &table[i];
}

void rule_suggest(const char *word, struct buf *out)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (int i = 0; i < RULE_COUNT; i++) {
		size_t d = rule_edit_distance(word, table[i].id);
		if (d < best_d) {
			best_d = d;
			best = table[i].id;
		}
	}
	size_t n = strlen(word);
	if (best && best_d <= 3 && best_d * 2 < n) {
		buf_addf(out, "; did you mean '%s'?", best);
		return;
	}
	/* "cycle-crash" for "import-cycle-crash": a unique id containing it. */
	const char *found = NULL;
	int count = 0;
	for (int i = 0; n >= 3 && i < RULE_COUNT; i++) {
		if (strstr(table[i].id, word)) {
			found = table[i].id;
			count++;
		}
	}
	if (count == 1)
		buf_addf(out, "; did you mean '%s'?", found);
}

/* ---- Selection ---- */

bool rule_pattern_matches(const char *selector, const char *id)
{
	if (!strcmp(selector, "all") || !strcmp(selector, id))
		return true;
	size_t n = strlen(selector);
	return n > 0 && selector[n - 1] == '-' && !strncmp(selector, id, n);
}

/* How specific selector is for id: 0 no match, "all" 1, a prefix 2 + its
 * length, an exact id the most. */
static size_t specificity(const char *selector, const char *id)
{
	if (!rule_pattern_matches(selector, id))
		return 0;
	if (!strcmp(selector, "all"))
		return 1;
	if (!strcmp(selector, id))
		return (size_t)-1;
	return 2 + strlen(selector);
}

static int check_pattern(const struct rule_pattern *p, const char *where, struct buf *err)
{
	for (int i = 0; i < RULE_COUNT; i++)
		if (rule_pattern_matches(p->text, table[i].id))
			return 0;
	if (p->file) {
		buf_adds(err, p->file);
		if (p->line)
			buf_addf(err, ":%u:%u", p->line, p->col);
		buf_adds(err, ": ");
	}
	size_t n = strlen(p->text);
	if (n && p->text[n - 1] == '-')
		buf_addf(err, "unknown rule prefix '%s' in '%s': no rule id starts with it",
			 p->text, where);
	else
		buf_addf(err, "unknown rule '%s' in '%s'", p->text, where);
	rule_suggest(p->text, err);
	return -1;
}

static size_t best_match(const struct rule_pattern *list, size_t n, const char *id)
{
	size_t best = 0;
	for (size_t i = 0; i < n; i++) {
		size_t s = specificity(list[i].text, id);
		if (s > best)
			best = s;
	}
	return best;
}

bool rule_selected(const struct rule_config *cfg, bool replace, bool before, const char *id)
{
	/* select replaces the state before; that state counts as the least
	 * specific selector of all when select does not replace it. */
	size_t on = replace ? best_match(cfg->select, cfg->nselect, id) : (before ? 1 : 0);
	size_t ext = best_match(cfg->extend_select, cfg->nextend_select, id);
	if (ext > on)
		on = ext;
	size_t off = best_match(cfg->ignore, cfg->nignore, id);
	return on > 0 && on > off;
}

void rule_selection_init(struct rule_selection *self)
{
	for (int i = 0; i < RULE_COUNT; i++)
		self->enabled[i] = table[i].enabled;
	self->per_file.ptr = NULL;
	self->per_file.len = self->per_file.cap = 0;
}

void rule_selection_release(struct rule_selection *self)
{
	for (size_t i = 0; i < self->per_file.len; i++)
		free(self->per_file.ptr[i].glob);
	vec_release(&self->per_file);
}

int rule_select(struct rule_selection *self, const struct rule_config *cfg, struct buf *err)
{
	for (size_t i = 0; i < cfg->nselect; i++)
		if (check_pattern(&cfg->select[i], "select", err) < 0)
			return -1;
	for (size_t i = 0; i < cfg->nextend_select; i++)
		if (check_pattern(&cfg->extend_select[i], "extend-select", err) < 0)
			return -1;
	for (size_t i = 0; i < cfg->nignore; i++)
		if (check_pattern(&cfg->ignore[i], "ignore", err) < 0)
			return -1;
	for (size_t i = 0; i < cfg->nper_file_ignores; i++)
		for (size_t j = 0; j < cfg->per_file_ignores[i].nrules; j++)
			if (check_pattern(&cfg->per_file_ignores[i].rules[j], "per-file-ignores", err) < 0)
				return -1;

	for (int r = 0; r < RULE_COUNT; r++)
		self->enabled[r] = rule_selected(cfg, cfg->nselect > 0, table[r].enabled, table[r].id);
	for (size_t i = 0; i < cfg->nper_file_ignores; i++) {
		const struct rule_per_file *pf = &cfg->per_file_ignores[i];
		struct rule_file_ignore *fi = vec_push_zero(&self->per_file);
		fi->glob = xstrdup(pf->glob.text);
		for (int r = 0; r < RULE_COUNT; r++)
			fi->ignored[r] = best_match(pf->rules, pf->nrules, table[r].id) > 0;
	}
	return 0;
}

/* Matches glob at g against s (see rules.h); recursion only at '*'. */
static bool glob_at(const char *g, const char *s)
{
	for (;;) {
		if (g[0] == '*' && g[1] == '*' && g[2] == '/') {
			/* "**" + "/": zero or more whole folders. */
			if (glob_at(g + 3, s))
				return true;
			for (const char *p = s; *p; p++)
				if (*p == '/' && glob_at(g + 3, p + 1))
					return true;
			return false;
		}
		switch (*g) {
		case '\0':
			return *s == '\0';
		case '*':
			while (*g == '*')
				g++;
			if (!*g)
				return true;
			for (const char *p = s;; p++) {
				if (glob_at(g, p))
					return true;
				if (!*p)
					return false;
			}
		case '?':
			if (!*s)
				return false;
			g++;
			s++;
			break;
		case '[': {
			const char *p = g + 1;
			bool negate = *p == '!' || *p == '^';
			if (negate)
				p++;
			bool match = false;
			const char *start = p;
			while (*p && (*p != ']' || p == start)) {
				if (p[1] == '-' && p[2] && p[2] != ']') {
					if ((unsigned char)*s >= (unsigned char)p[0] &&
					    (unsigned char)*s <= (unsigned char)p[2])
						match = true;
					p += 3;
				} else {
					if (*s == *p)
						match = true;
					p++;
				}
			}
			if (*p != ']') {
				/* No closing bracket: '[' is a literal. */
				if (*s != '[')
					return false;
				g++;
				s++;
				break;
			}
			if (!*s || match == negate)
				return false;
			g = p + 1;
			s++;
			break;
		}
		default:
			if (*g != *s)
				return false;
			g++;
			s++;
			break;
		}
	}
}

bool rule_glob_match(const char *glob, const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (glob_at(glob, path))
		return true;
	if (!strchr(glob, '/')) {
		const char *base = strrchr(path, '/');
		if (base && glob_at(glob, base + 1))
			return true;
	}
	return false;
}

bool rule_enabled_for(const struct rule_selection *self, enum rule_index r, const char *file)
{
	if ((unsigned)r >= RULE_COUNT || !self->enabled[r])
		return false;
	for (size_t i = 0; i < self->per_file.len; i++)
		if (self->per_file.ptr[i].ignored[r] && rule_glob_match(self->per_file.ptr[i].glob, file))
			return false;
	return true;
}

/* ---- rule options ---- */

#include "rules/ctx.h"

const struct toml_value *rule_option(const struct rule_ctx *ctx, const char *rule, const char *key)
{
	const struct toml_value *t = toml_table_get(ctx->options, slice_cstr(rule));
	return t && t->kind == TOML_TABLE ? toml_table_get(t, slice_cstr(key)) : NULL;
}

long rule_option_int(const struct rule_ctx *ctx, const char *rule, const char *key, long dflt)
{
	int64_t v;
	if (toml_as_integer(rule_option(ctx, rule, key), &v))
		return (long)v;
	return dflt;
}
