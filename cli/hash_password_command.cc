#include "cli/hash_password_command.h"

#include <cstdlib>
#include <iostream>
#include <string>

#include "http/password_hash.h"

namespace casql::cli {

int HashPasswordCommand(int argc, char** argv) {
  int iterations = http::kDefaultPbkdf2Iterations;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--iterations" && i + 1 < argc) {
      char* end = nullptr;
      const long n = std::strtol(argv[++i], &end, 10);
      if (*end || n < 1000 || n > 10000000) {
        std::cerr << "casql hash-password: --iterations must be 1000..10000000\n";
        return 2;
      }
      iterations = static_cast<int>(n);
    } else {
      std::cerr << "usage: casql hash-password [--iterations N] < password\n";
      return 2;
    }
  }
  std::string password;
  if (!std::getline(std::cin, password) || password.empty()) {
    std::cerr << "casql hash-password: no password on standard input\n";
    return 1;
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  std::cout << http::HashPassword(password, iterations) << "\n";
  return 0;
}

}  // namespace casql::cli
