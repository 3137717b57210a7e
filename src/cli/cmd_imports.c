#include <stdio.h>

#include "cli/cli.h"

int cmd_imports(int argc, char **argv)
{
	fprintf(stderr, "modscope imports: not implemented yet\n");
	return EXIT_ERROR;
}
