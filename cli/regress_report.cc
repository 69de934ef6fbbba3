#include "cli/regress_report.h"

#include <unistd.h>

#include <fstream>
#include <iostream>

#include "cli/regress_compare.h"

namespace casql::regress {

namespace {

// The statement on one line, for failure headlines.
std::string OneLine(const std::string& sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return Shorten(out, 240);
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // XML 1.0 cannot carry most control characters, even escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          out += ' ';
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

}  // namespace

void FileReport::Pass(int line, std::string statement) {
  cases.push_back({CaseResult::Outcome::kPassed, line, std::move(statement), ""});
}

void FileReport::Fail(int line, std::string statement, std::string detail) {
  cases.push_back({CaseResult::Outcome::kFailed, line, std::move(statement), std::move(detail)});
}

void FileReport::Skip(int line, std::string statement, std::string reason) {
  cases.push_back({CaseResult::Outcome::kSkipped, line, std::move(statement), std::move(reason)});
}

void Totals::Add(const FileReport& report) {
  for (const CaseResult& c : report.cases) {
    switch (c.outcome) {
      case CaseResult::Outcome::kPassed:
        ++passed;
        break;
      case CaseResult::Outcome::kFailed:
        ++failed;
        break;
      case CaseResult::Outcome::kSkipped:
        ++skipped;
        break;
    }
  }
}

Printer::Printer(size_t unit_count)
    : reports_(unit_count), done_(unit_count, false), tty_(isatty(STDOUT_FILENO) == 1) {}

void Printer::Record(size_t index, std::vector<FileReport> reports) {
  std::lock_guard lock(mu_);
  for (const FileReport& r : reports) totals_.Add(r);
  reports_[index] = std::move(reports);
  done_[index] = true;
  ++finished_;
  if (tty_) std::cout << "\r\033[K";
  while (next_to_print_ < done_.size() && done_[next_to_print_]) {
    for (const FileReport& r : reports_[next_to_print_]) PrintReport(r);
    ++next_to_print_;
  }
  DrawProgress();
}

std::vector<FileReport> Printer::AllReports() const {
  std::lock_guard lock(mu_);
  std::vector<FileReport> all;
  for (const auto& unit : reports_) all.insert(all.end(), unit.begin(), unit.end());
  return all;
}

void Printer::PrintReport(const FileReport& report) {
  for (const std::string& note : report.notes) std::cout << "note: " << note << "\n";
  for (const CaseResult& c : report.cases) {
    if (c.outcome == CaseResult::Outcome::kPassed) continue;
    if (c.outcome == CaseResult::Outcome::kSkipped && report.skips_in_notes) continue;
    const bool failed = c.outcome == CaseResult::Outcome::kFailed;
    std::cout << (failed ? "FAIL " : "SKIP ") << report.path << ":" << c.line << ": "
              << OneLine(c.statement) << "\n";
    if (!failed) {
      std::cout << "  reason: " << c.detail << "\n";
      continue;
    }
    size_t start = 0;
    while (start < c.detail.size()) {
      size_t end = c.detail.find('\n', start);
      if (end == std::string::npos) end = c.detail.size();
      std::cout << "  " << c.detail.substr(start, end - start) << "\n";
      start = end + 1;
    }
  }
}

void Printer::DrawProgress() {
  if (!tty_) {
    std::cout.flush();
    return;
  }
  std::cout << "[" << finished_ << "/" << done_.size() << "] " << totals_.passed << " passed, "
            << totals_.failed << " failed, " << totals_.skipped << " skipped" << std::flush;
}

const Totals& Printer::Finish() {
  std::lock_guard lock(mu_);
  if (tty_) std::cout << "\r\033[K";
  std::cout << totals_.passed << " passed, " << totals_.failed << " failed, " << totals_.skipped
            << " skipped" << std::endl;
  return totals_;
}

bool WriteJunit(const std::string& path, const std::vector<FileReport>& reports) {
  std::ofstream out(path);
  if (!out) return false;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  for (const FileReport& report : reports) {
    Totals t;
    t.Add(report);
    out << "  <testsuite name=\"" << XmlEscape(report.path) << "\" tests=\"" << report.cases.size()
        << "\" failures=\"" << t.failed << "\" skipped=\"" << t.skipped << "\">\n";
    for (const CaseResult& c : report.cases) {
      out << "    <testcase classname=\"" << XmlEscape(report.path) << "\" name=\""
          << XmlEscape(report.path + ":" + std::to_string(c.line) + " " + OneLine(c.statement))
          << "\"";
      switch (c.outcome) {
        case CaseResult::Outcome::kPassed:
          out << "/>\n";
          break;
        case CaseResult::Outcome::kFailed:
          out << "><failure message=\"" << XmlEscape(Shorten(c.detail, 200)) << "\">"
              << XmlEscape(c.detail) << "</failure></testcase>\n";
          break;
        case CaseResult::Outcome::kSkipped:
          out << "><skipped message=\"" << XmlEscape(c.detail) << "\"/></testcase>\n";
          break;
      }
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return static_cast<bool>(out);
}

}  // namespace casql::regress
