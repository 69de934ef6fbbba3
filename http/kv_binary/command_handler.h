#pragma once

#include <string>

#include "http/kv_binary/command_context.h"

namespace casql::kvbin {

// Routes request frames to their command functions, enforcing what must come first:
// authentication before anything but the bootstrap commands, a selected bucket before
// document commands.
//
// Thread safety: Handle may run on many threads at once for different sessions.
class CommandHandler {
 public:
  explicit CommandHandler(ServiceContext service) : service_(service) {}

  // Answers one request, appending its response (if any) to `out`.
  void Handle(const Frame& request, Session& session, std::string* out) const;

  const ServiceContext& service() const { return service_; }

 private:
  ServiceContext service_;
};

}  // namespace casql::kvbin
