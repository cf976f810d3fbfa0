/* SHA-256 wrapper: FIPS 180-2 test vectors, incremental == one-shot. */
#include "pt_test.h"
#include "core/common/digest.h"
#include <string.h>

static void hex_of(const char *msg, size_t len, char out[PT_SHA256_HEX])
{
	uint8_t d[PT_SHA256_BYTES];
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK(pt_sha256_once(msg, len, d, &err) == PT_OK);
	pt_sha256_hex(d, out);
}

PT_TEST(known_vectors)
{
	char hex[PT_SHA256_HEX];

	hex_of("", 0, hex);
	PT_CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hex_of("abc", 3, hex);
	PT_CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	PT_CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

PT_TEST(incremental_matches_one_shot)
{
	static const char text[] = "Comité de participación ciudadana: acuerdo 7 de la asamblea";
	uint8_t a[PT_SHA256_BYTES], b[PT_SHA256_BYTES];
	pt_sha256 *h = pt_sha256_begin();
	size_t i;

	PT_CHECK(h != NULL);
	for (i = 0; i < sizeof(text) - 1; i += 5) {
		size_t n = sizeof(text) - 1 - i < 5 ? sizeof(text) - 1 - i : 5;
		pt_sha256_update(h, text + i, n);
	}
	pt_sha256_finish(h, a);
	PT_CHECK(pt_sha256_once(text, sizeof(text) - 1, b, NULL) == PT_OK);
	PT_CHECK(memcmp(a, b, sizeof(a)) == 0);
	pt_sha256_abort(NULL);
	pt_sha256_abort(pt_sha256_begin());
}

int main(void)
{
	PT_RUN(known_vectors);
	PT_RUN(incremental_matches_one_shot);
	return pt_test_summary("test_digest");
}
