#include <stdio.h>

#include "cli/cli.h"

int cmd_facts(int argc, char **argv)
{
	fprintf(stderr, "modscope facts: not implemented yet\n");
	return EXIT_ERROR;
}
