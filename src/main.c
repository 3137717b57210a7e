/* modscope: dispatch to one cmd_<verb>() per command (git.c commands[]). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#include "base/version.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "imports", cmd_imports, "list every import statement of Python files" },
	{ "facts", cmd_facts, "print the module facts (bindings, __all__, calls) of Python files" },
	{ "env", cmd_env, "print the modelled interpreter environment and sys.path" },
	{ "resolve", cmd_resolve, "find the spec of module names as importlib would" },
	{ "graph", cmd_graph, "the module graph of a project (json, dot, mermaid)" },
	{ "cycles", cmd_cycles, "import cycles with the lines that form them" },
	{ "why", cmd_why, "the shortest import chain from one module to another" },
	{ "deps", cmd_deps, "what a module imports, transitively" },
	{ "rdeps", cmd_rdeps, "what imports a module, transitively" },
	{ "affected", cmd_affected, "the modules and tests a change to files affects" },
	{ "order", cmd_order, "predict the execution order and first failure of an import" },
	{ "check", cmd_check, "run the rules (cycles, imports, layout, design, contracts)" },
	{ "__toml", cmd_toml_dump, NULL }, /* hidden: TOML reader as toml-test JSON */
	{ "__emit", cmd_emit, NULL }, /* hidden: sample diagnostics in a format */
	{ "__comments", cmd_comments, NULL }, /* hidden: comments as suppressions see them */
};

static void usage(FILE *to)
{
	fprintf(to, "usage: modscope <command> [options] [args]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (commands[i].summary)
			fprintf(to, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(to, "\nrun 'modscope <command> --help' for a command's options.\n"
		    "exit codes: 0 clean, 1 findings, 2 usage, configuration or I/O error.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_ERROR;
	}
	const char *verb = argv[1];
	if (!strcmp(verb, "--help") || !strcmp(verb, "-h") || !strcmp(verb, "help")) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (!strcmp(verb, "--version")) {
		printf("modscope %s\n", MODSCOPE_VERSION);
		return EXIT_CLEAN;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(verb, commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "modscope: unknown command '%s'\n", verb);
	usage(stderr);
	return EXIT_ERROR;
}
