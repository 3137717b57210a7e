/* A tiny unit-test harness.  Each tests/unit/test_<module>.c defines tests
 * with TEST(name) { ... CHECK(cond); ... }, lists them in TESTS, and ends
 * with TEST_MAIN(); the binary prints one line per failure and a closing
 * "N passed, N failed" that tests/run.py adds up. */
#ifndef MODSCOPE_TEST_H
#define MODSCOPE_TEST_H

#include <stdio.h>
#include <string.h>

struct test_state {
	int checks_failed;
	const char *name;
};

static struct test_state test_state_;

#define TEST(name) static void name(void)

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__, \
			test_state_.name, #cond); \
		test_state_.checks_failed++; \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (!g_ || !w_ || strcmp(g_, w_) != 0) { \
		fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
			test_state_.name, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
		test_state_.checks_failed++; \
	} \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ != w_) { \
		fprintf(stderr, "%s:%d: %s: %s is %lld, want %lld\n", __FILE__, __LINE__, \
			test_state_.name, #got, g_, w_); \
		test_state_.checks_failed++; \
	} \
} while (0)

struct test_case {
	const char *name;
	void (*fn)(void);
};

#define T(name) { #name, name }

#define TEST_MAIN(...) \
int main(void) \
{ \
	static const struct test_case cases_[] = { __VA_ARGS__ }; \
	int passed = 0, failed = 0; \
	for (size_t i = 0; i < sizeof(cases_) / sizeof(cases_[0]); i++) { \
		test_state_.name = cases_[i].name; \
		test_state_.checks_failed = 0; \
		cases_[i].fn(); \
		if (test_state_.checks_failed) { \
			fprintf(stderr, "FAIL %s\n", cases_[i].name); \
			failed++; \
		} else { \
			passed++; \
		} \
	} \
	printf("%d passed, %d failed\n", passed, failed); \
	return failed ? 1 : 0; \
}

#endif
