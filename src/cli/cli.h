/* The commands: one cmd_<verb>() per file in src/cli/, dispatched by main.c.
 * Each takes the arguments after the verb (argv[0] is the verb) and returns
 * the process exit code: 0 clean, 1 findings, 2 usage, configuration or I/O
 * error (DESIGN.md "Commands"). */
#ifndef MODSCOPE_CLI_CLI_H
#define MODSCOPE_CLI_CLI_H

enum exit_code {
	EXIT_CLEAN = 0,
	EXIT_FINDINGS = 1,
	EXIT_ERROR = 2,
};

int cmd_imports(int argc, char **argv);
int cmd_facts(int argc, char **argv);
int cmd_toml_dump(int argc, char **argv);
int cmd_env(int argc, char **argv);
int cmd_resolve(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_cycles(int argc, char **argv);
int cmd_why(int argc, char **argv);
int cmd_deps(int argc, char **argv);
int cmd_rdeps(int argc, char **argv);
int cmd_affected(int argc, char **argv);
int cmd_order(int argc, char **argv);
int cmd_check(int argc, char **argv);

int cmd_emit(int argc, char **argv);
int cmd_comments(int argc, char **argv);
#endif
