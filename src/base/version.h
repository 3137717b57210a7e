/* modscope's version, for --version and the tool metadata of reports. */
#ifndef MODSCOPE_BASE_VERSION_H
#define MODSCOPE_BASE_VERSION_H

#define MODSCOPE_VERSION "0.1.0"

#endif
