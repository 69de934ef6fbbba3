// HASHBYTES: every algorithm against published digests of "Hello world" (the values
// Couchbase's own test cases expect) and of the RFC test strings.
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

TEST(FunctionsHash, Algorithms) {
  RunTable({
      {"HASHBYTES(\"Hello world\")",
       "\"64ec88ca00b268e5ba1a35678a1b5316d212f4f366b2477232534a8aeca37f3c\""},
      {"HASHBYTES(\"Hello world\", \"crc32\")", "\"8bd69e52\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"crc32\"})", "\"8bd69e52\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"crc32\", \"polynomial\": \"IEEE\"})",
       "\"8bd69e52\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"crc32\", \"polynomial\": \"Castagnoli\"})",
       "\"72b51f78\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"crc32\", \"polynomial\": \"Koopman\"})",
       "\"b1bcb065\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"crc32\", \"polynomial\": \"0xD5828281\"})",
       "\"2964d064\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"crc32\", \"polynomial\": 2197175160})",
       "\"72b51f78\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"md4\"})",
       "\"2f34e7edc8180b87578159ff58e87c1a\""},
      {"HASHBYTES(\"abc\", \"md4\")", "\"a448017aaf21d8525fc10ae87aa6729d\""},
      {"HASHBYTES(\"\", \"md4\")", "\"31d6cfe0d16ae931b73c59d7e0c089c0\""},
      {"HASHBYTES(\"Hello world\", \"md5\")", "\"3e25960a79dbc69b674cd4ec67a72c62\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"sha224\"})",
       "\"ac230f15fcae7f77d8f76e99adf45864a1c6f800655da78dea956112\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"SHA-256\"})",
       "\"64ec88ca00b268e5ba1a35678a1b5316d212f4f366b2477232534a8aeca37f3c\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"sha384\"})",
       "\"9203b0c4439fd1e6ae5878866337b7c532acd6d9260150c80318e8ab8c27ce330189f8df94fb890df1d2"
       "98ff360627e1\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"sha512\"})",
       "\"b7f783baed8297f0db917462184ff4f08e69c2d5e5f79a942600f9725f58ce1f29c18139bf80b06c0fff"
       "2bdd34738452ecf40c488c22a7e3d80cdf6f9c1c0d47\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"sha512/224\"})",
       "\"02a3ae05df05f8ee679c0e4fa25b59342f514f3e4687bc8fe7c51fcc\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"sha512/256\"})",
       "\"f7b55872d4aefe68143bd2ebd928b87f769e15362fcd5a1af8da184bbfcb5fa8\""},
  });
}

TEST(FunctionsHash, ValuesAndUnknowns) {
  RunTable({
      // Values other than strings are hashed as their JSON text: "1", "[1,2]".
      {"HASHBYTES(1)", "\"6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b\""},
      {"HASHBYTES([1, 2], \"md5\")", "\"f79408e5ca998cd53faf44af31e6eb45\""},
      {"HASHBYTES({\"b\": 2, \"a\": 1})",
       "\"43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777\""},
      {"HASHBYTES(\"abc\", \"crc32\")", "\"352441c2\""},
      {"HASHBYTES(\"\", \"md5\")", "\"d41d8cd98f00b204e9800998ecf8427e\""},
      {"HASHBYTES(\"Hello world\", {\"algorithm\": \"invalid\"})", "null"},
      {"HASHBYTES(\"Hello world\", \"sha1\")", "null"},
      {"HASHBYTES(\"Hello world\", 5)", "null"},
      {"HASHBYTES(\"1\", d.n)",
       "\"6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b\""},
      {"HASHBYTES(\"1\", d.nothing)",
       "\"6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b\""},
      {"HASHBYTES(d.n)", "null"},
      {"HASHBYTES(d.nothing, {\"algorithm\": \"sha512\"})", "MISSING"},
  });
}

}  // namespace
}  // namespace casql::exec::testing
