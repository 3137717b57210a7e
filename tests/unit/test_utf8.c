#include "test.h"

#include "base/buf.h"
#include "base/utf8.h"

/* Each row was produced by CPython (3.11) itself:
 *   python3 -c "b'\xe0\xa0'.decode('utf-8')"  -> reason of the UnicodeDecodeError
 * and for the valid rows ord() of the single decoded character. */
static const struct {
	const char *bytes;
	size_t n;
	size_t len;         /* 0: invalid */
	uint32_t cp;
	const char *why;
} python_cases[] = {
	{ "\x80", 1, 0, 0, "invalid start byte" },
	{ "\xc0\x80", 2, 0, 0, "invalid start byte" },
	{ "\xc1\xbf", 2, 0, 0, "invalid start byte" },
	{ "\xc2", 1, 0, 0, "unexpected end of data" },
	{ "\xc2\x41", 2, 0, 0, "invalid continuation byte" },
	{ "\xdf\xbf", 2, 2, 0x7FF, NULL },
	{ "\xe0\x80\x80", 3, 0, 0, "invalid continuation byte" },
	{ "\xe0\x9f\xbf", 3, 0, 0, "invalid continuation byte" },
	{ "\xe0\xa0", 2, 0, 0, "unexpected end of data" },
	{ "\xe0\xa0\x80", 3, 3, 0x800, NULL },
	{ "\xed\x9f\xbf", 3, 3, 0xD7FF, NULL },
	{ "\xed\xa0\x80", 3, 0, 0, "invalid continuation byte" },
	{ "\xef\xbf\xbf", 3, 3, 0xFFFF, NULL },
	{ "\xf0\x8f\xbf\xbf", 4, 0, 0, "invalid continuation byte" },
	{ "\xf0\x90\x80\x80", 4, 4, 0x10000, NULL },
	{ "\xf0\x90\x80", 3, 0, 0, "unexpected end of data" },
	{ "\xf4\x8f\xbf\xbf", 4, 4, 0x10FFFF, NULL },
	{ "\xf4\x90\x80\x80", 4, 0, 0, "invalid continuation byte" },
	{ "\xf5\x80\x80\x80", 4, 0, 0, "invalid start byte" },
	{ "\xff", 1, 0, 0, "invalid start byte" },
	{ "\xe2\x82\x41", 3, 0, 0, "invalid continuation byte" },
	{ "\xf0\x9f\x98\x80", 4, 4, 0x1F600, NULL },
};

TEST(decode_like_python)
{
	for (size_t i = 0; i < sizeof(python_cases) / sizeof(python_cases[0]); i++) {
		const unsigned char *s = (const unsigned char *)python_cases[i].bytes;
		uint32_t cp = 0xDEAD;
		const char *why = NULL;
		size_t len = utf8_decode(s, python_cases[i].n, &cp, &why);
		CHECK_INT(len, python_cases[i].len);
		CHECK_INT(utf8_len(s, python_cases[i].n), python_cases[i].len);
		if (python_cases[i].len) {
			CHECK_INT(cp, python_cases[i].cp);
			CHECK(why == NULL);
		} else {
			CHECK_STR(why, python_cases[i].why);
			CHECK_INT(cp, 0xDEAD);
		}
	}
}

/* Every scalar value encodes to a sequence that decodes back to it, with
 * the length its range gives. */
TEST(round_trip_every_scalar)
{
	int bad = 0;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char s[4];
		size_t n = utf8_encode(cp, s);
		size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		uint32_t back = 0;
		if (n != want || utf8_decode((const unsigned char *)s, n, &back, NULL) != n ||
		    back != cp || (n > 1 && utf8_len((const unsigned char *)s, n - 1) != 0))
			bad++;
	}
	CHECK_INT(bad, 0);
}

/* Over every 1-3 byte input the decoder accepts exactly the encodings of
 * scalar values: what it accepts re-encodes to the same bytes, and the
 * count of accepted 1-, 2- and 3-byte sequences is the count of scalar
 * values of that length (128, 0x800 - 0x80 = 1920, 0x10000 - 0x800 - 2048
 * surrogates = 61440). */
TEST(accepts_only_encodings)
{
	long count[4] = { 0 };
	int bad = 0;
	for (unsigned a = 0; a < 256; a++) {
		for (unsigned b = 0; b < 256; b++) {
			for (unsigned c = 0; c < 256; c++) {
				const unsigned char s[3] = { (unsigned char)a, (unsigned char)b,
							     (unsigned char)c };
				uint32_t cp;
				size_t len = utf8_decode(s, 3, &cp, NULL);
				if (len == 0 || len == 4)
					continue;
				if ((len == 1 && (b || c)) || (len == 2 && c))
					continue;
				char e[4];
				if (utf8_encode(cp, e) != len || memcmp(e, s, len) != 0)
					bad++;
				count[len]++;
			}
		}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(count[1], 128);
	CHECK_INT(count[2], 0x800 - 0x80);
	CHECK_INT(count[3], 0x10000 - 0x800 - 2048);
}

TEST(add_appends)
{
	struct buf b = BUF_INIT;
	utf8_add(&b, 'a');
	utf8_add(&b, 0xE9);
	utf8_add(&b, 0x20AC);
	utf8_add(&b, 0x1F600);
	CHECK_STR(b.ptr, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	CHECK_INT(b.len, 10);
	buf_release(&b);
}

TEST_MAIN(T(decode_like_python), T(round_trip_every_scalar), T(accepts_only_encodings),
	  T(add_appends))
