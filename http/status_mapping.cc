#include "http/status_mapping.h"

namespace casql::http {

int HttpStatusForError(int code, bool before_execution) {
  switch (code) {
    case 1020:
    case 1030:
    case 1040:
    case 1050:
    case 1060:
    case 1065:
    case 1070:
    case 1090:
    case 1110:
    case 3000:
    case 1202:
      return 400;
    case 10000:
    case 13014:
    case 2120:
      return 401;
    case 1000:
      return 403;
    case 4000:
    case 4040:
      return 404;
    case 1010:
      return 405;
    case 1120:
      return 406;
    case 4300:
      return 409;
    case 1193:
    case 1194:
      return 413;
    case 5370:
      return 422;
    case 12002:
    case 12003:
    case 12020:
      return 424;
    case 1191:
    case 1192:
    case 1199:
    case 1201:
      return 429;
    case 5000:
      return 500;
    case 1180:
    case 1181:
    case 1182:
      return 503;
    default:
      return before_execution ? 500 : 200;
  }
}

}  // namespace casql::http
