#include "cli/regress_command.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <thread>

#include "cli/regress_couchbase.h"
#include "cli/regress_exclusions.h"
#include "cli/regress_report.h"
#include "cli/regress_test_runner.h"

namespace casql::cli {

namespace fs = std::filesystem;
using namespace casql::regress;

namespace {

struct Options {
  std::vector<std::string> paths;
  std::string url;
  std::string format = "auto";
  std::optional<std::regex> filter;
  int jobs = 0;
  std::string junit;
  std::string exclusions;
};

// One independent piece of work: a .test file, a black-box case file, or a test_cases area.
struct Unit {
  std::function<std::vector<FileReport>()> run;
};

void Usage() {
  std::cerr << "usage: casql regress PATH... [--url http://HOST:PORT] "
               "[--format auto|test|couchbase] [--filter REGEX] [--jobs N] [--junit FILE] "
               "[--exclusions FILE]\n";
}

bool ParseArgs(int argc, char** argv, Options* opts) {
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg.rfind("--", 0) != 0) {
      opts->paths.push_back(arg);
    } else if (!has_value) {
      std::cerr << "casql regress: " << arg << " needs a value\n";
      return false;
    } else if (arg == "--url") {
      opts->url = argv[++i];
    } else if (arg == "--format") {
      opts->format = argv[++i];
      if (opts->format != "auto" && opts->format != "test" && opts->format != "couchbase") {
        std::cerr << "casql regress: --format is auto, test or couchbase\n";
        return false;
      }
    } else if (arg == "--filter") {
      try {
        opts->filter.emplace(argv[++i]);
      } catch (const std::regex_error& e) {
        std::cerr << "casql regress: bad --filter: " << e.what() << "\n";
        return false;
      }
    } else if (arg == "--jobs") {
      opts->jobs = std::atoi(argv[++i]);
      if (opts->jobs < 1) {
        std::cerr << "casql regress: --jobs needs a positive number\n";
        return false;
      }
    } else if (arg == "--junit") {
      opts->junit = argv[++i];
    } else if (arg == "--exclusions") {
      opts->exclusions = argv[++i];
    } else {
      std::cerr << "casql regress: unknown option " << arg << "\n";
      return false;
    }
  }
  if (opts->paths.empty()) std::cerr << "casql regress: no PATH given\n";
  return !opts->paths.empty();
}

std::vector<fs::path> SortedEntries(const fs::path& dir, bool directories) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (directories ? e.is_directory() : e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool IsCaseFile(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.rfind("case_", 0) == 0 && p.extension() == ".json";
}

std::vector<fs::path> CaseFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const fs::path& f : SortedEntries(dir, false)) {
    if (IsCaseFile(f)) out.push_back(f);
  }
  return out;
}

class Planner {
 public:
  explicit Planner(const Options& opts) : opts_(opts) { peer_.target.url = opts.url; }

  Status Load() {
    if (opts_.exclusions.empty()) return Status::OK();
    auto loaded = Exclusions::Load(opts_.exclusions);
    if (!loaded.ok()) return loaded.status();
    exclusions_ = std::make_unique<Exclusions>(std::move(loaded.value()));
    peer_.exclusions = exclusions_.get();
    return Status::OK();
  }

  void Add(const fs::path& path) {
    std::string format = opts_.format;
    if (format == "auto") format = LooksLikeTestFiles(path) ? "test" : "couchbase";
    if (format == "test") {
      AddTestFiles(path);
    } else {
      AddCouchbase(path);
    }
  }

  std::vector<Unit>& units() { return units_; }

 private:
  bool Selected(const fs::path& p) const {
    return !opts_.filter || std::regex_search(p.string(), *opts_.filter);
  }

  static bool LooksLikeTestFiles(const fs::path& path) {
    if (!fs::is_directory(path)) return path.extension() == ".test";
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(path, ec)) {
      if (e.path().extension() == ".test") return true;
    }
    return false;
  }

  void AddTestFiles(const fs::path& path) {
    std::vector<fs::path> files;
    if (fs::is_directory(path)) {
      std::error_code ec;
      for (const auto& e : fs::recursive_directory_iterator(path, ec)) {
        if (e.is_regular_file() && e.path().extension() == ".test") files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(path);
    }
    for (const fs::path& f : files) {
      if (!Selected(f)) continue;
      units_.push_back({[f, target = peer_.target] {
        return std::vector<FileReport>{RunTestFile(f.string(), f.string(), target)};
      }});
    }
  }

  // A file or folder of Couchbase's filestore suites: the black-box root (holding cases/),
  // its cases/ folder or one of its case files, a test_cases area or one of its case files,
  // or any folder above them.
  void AddCouchbase(const fs::path& path) {
    if (!fs::is_directory(path)) {
      if (path.parent_path().filename() == "cases") {
        AddBlackBox(path.parent_path().parent_path(), {path});
      } else {
        AddArea(path.parent_path(), {path});
      }
      return;
    }
    if (fs::is_directory(path / "cases")) {
      AddBlackBox(path, CaseFiles(path / "cases"));
    } else if (path.filename() == "cases") {
      AddBlackBox(path.parent_path(), CaseFiles(path));
    } else if (!CaseFiles(path).empty() || fs::exists(path / "insert.json")) {
      AddArea(path, CaseFiles(path));
    } else {
      for (const fs::path& sub : SortedEntries(path, true)) AddCouchbase(sub);
    }
  }

  void AddBlackBox(const fs::path& root, const std::vector<fs::path>& case_files) {
    std::shared_ptr<const BlackBoxData>& data = black_box_data_[root.string()];
    bool first = false;
    if (!data) {
      data = std::make_shared<BlackBoxData>(ReadKeyspaceFolders(root.string()));
      first = true;
    }
    for (const fs::path& f : case_files) {
      if (!Selected(f)) continue;
      units_.push_back({[f, data, first, peer = &peer_] {
        return RunBlackBoxFile(f.string(), *data, first, *peer);
      }});
      first = false;
    }
  }

  void AddArea(const fs::path& area, const std::vector<fs::path>& case_files) {
    std::vector<std::string> selected;
    for (const fs::path& f : case_files) {
      if (Selected(f)) selected.push_back(f.string());
    }
    if (selected.empty()) return;
    units_.push_back(
        {[area, selected, peer = &peer_] { return RunArea(area.string(), selected, *peer); }});
  }

  const Options& opts_;
  PeerOptions peer_;
  std::unique_ptr<Exclusions> exclusions_;
  std::map<std::string, std::shared_ptr<const BlackBoxData>> black_box_data_;
  std::vector<Unit> units_;
};

}  // namespace

int RegressCommand(int argc, char** argv) {
  Options opts;
  if (!ParseArgs(argc, argv, &opts)) {
    Usage();
    return 2;
  }
  Planner planner(opts);
  Status loaded = planner.Load();
  if (!loaded.ok()) {
    std::cerr << "casql regress: " << loaded.message() << "\n";
    return 2;
  }
  for (const std::string& p : opts.paths) {
    if (!fs::exists(p)) {
      std::cerr << "casql regress: " << p << " does not exist\n";
      return 2;
    }
    planner.Add(p);
  }
  std::vector<Unit>& units = planner.units();
  // Files against one live server share its buckets, so they run one at a time.
  int jobs = opts.jobs > 0 ? opts.jobs : static_cast<int>(std::thread::hardware_concurrency());
  if (!opts.url.empty()) jobs = 1;
  jobs = std::max(1, std::min<int>(jobs, static_cast<int>(units.size())));

  Printer printer(units.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < jobs; ++w) {
    workers.emplace_back([&] {
      for (size_t i = next++; i < units.size(); i = next++) printer.Record(i, units[i].run());
    });
  }
  for (auto& t : workers) t.join();
  const Totals totals = printer.Finish();
  if (!opts.junit.empty() && !WriteJunit(opts.junit, printer.AllReports())) {
    std::cerr << "casql regress: cannot write " << opts.junit << "\n";
    return 2;
  }
  if (units.empty()) {
    std::cerr << "casql regress: no case files found\n";
    return 2;
  }
  return totals.failed > 0 ? 1 : 0;
}

}  // namespace casql::cli
