// Crash recovery under SIGKILL.
//
// A child process indexes papers from the shared corpus, committing every
// --batch papers and telling the parent about each commit through a pipe.
// The parent kills it with SIGKILL at a random moment and then checks what
// the dead writer left behind:
//   - xapian-check finds no error in the files as they are;
//   - the index opens for writing (the dead writer's lock went with it);
//   - it holds exactly the last commit the child reported (a commit that
//     returned is never lost, changes not yet committed never appear), or,
//     when the child died inside commit(), the commit it was making;
//   - every paper in it equals its input, field by field, and carries the
//     very terms and values a fresh encoding of that input gives; no paper
//     past the boundary is there, and search counts the same papers;
//   - indexing resumes from the boundary and finishes, and the finished
//     index passes the same checks.
//
//   quire_crash_test [--crashes N] [--papers N] [--batch N] [--seed N] [--keep]
//
// Exit status: 0 when every crash was survived, 1 when one was not (its
// folder is kept and named), 77 when the shared corpus is absent (CTest
// reports a skip).
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "analysis/analyzer.h"
#include "crash/checks.h"
#include "index/document.h"
#include "index/schema.h"
#include "quire/quire.h"
#include "support/test_support.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kSkip = 77;

struct Options {
  int crashes = 10;
  std::size_t papers = 3000;
  std::size_t batch = 500;
  std::uint64_t seed = 0;
  bool seed_given = false;
  bool keep = false;
};

[[noreturn]] void usage() {
  std::cerr << "usage: quire_crash_test [--crashes N] [--papers N] [--batch N] [--seed N] "
               "[--keep]\n";
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto number = [&]() -> std::uint64_t {
      if (i + 1 >= argc) usage();
      char* end = nullptr;
      std::uint64_t value = std::strtoull(argv[++i], &end, 10);
      if (!end || *end) usage();
      return value;
    };
    if (arg == "--crashes") {
      options.crashes = static_cast<int>(number());
    } else if (arg == "--papers") {
      options.papers = number();
    } else if (arg == "--batch") {
      options.batch = number();
    } else if (arg == "--seed") {
      options.seed = number();
      options.seed_given = true;
    } else if (arg == "--keep") {
      options.keep = true;
    } else {
      usage();
    }
  }
  if (options.crashes < 0 || options.papers == 0 || options.batch == 0) usage();
  return options;
}

// Every `stride`-th paper of the corpus, so that the sample mixes its
// sources (arXiv listings and harvests, proceedings, the ACL Anthology) and
// their quirks (LaTeX, diacritics, missing abstracts).
std::vector<quire::Paper> corpus_sample(const std::string& corpus, std::size_t count) {
  constexpr std::size_t kStride = 70;
  std::vector<quire::Paper> papers;
  auto reader = quire::PaperReader::open(corpus, quire::InputFormat::jsonl);
  quire::Paper paper;
  for (std::size_t n = 0; papers.size() < count && reader.next(paper); ++n)
    if (n % kStride == 0) papers.push_back(paper);
  return papers;
}

// The next commit boundary after `count` papers.
std::size_t next_boundary(std::size_t count, std::size_t batch, std::size_t total) {
  return std::min(total, (count / batch + 1) * batch);
}

// Adds papers[from, end) to `index`, committing at every multiple of
// `batch` and at the end; `on_commit(n, done)` hears each commit of n
// papers as it starts (done = false) and once it has returned.
template <typename OnCommit>
void index_papers(quire::Index& index, const std::vector<quire::Paper>& papers,
                  std::size_t from, std::size_t batch, OnCommit&& on_commit) {
  for (std::size_t i = from; i < papers.size(); ++i) {
    index.add(papers[i]);
    if ((i + 1) % batch == 0 || i + 1 == papers.size()) {
      on_commit(i + 1, false);
      index.commit();
      on_commit(i + 1, true);
    }
  }
}

// What the child reports through the pipe: a count of committed papers,
// with this bit set while that commit is still in progress.
constexpr std::uint64_t kCommitStarting = std::uint64_t{1} << 63;

// The child: index everything, reporting each commit. Never returns.
[[noreturn]] void run_writer(const std::string& dir, const std::vector<quire::Paper>& papers,
                             std::size_t batch, int report_fd) {
  try {
    auto index = quire::Index::open(dir);
    index_papers(index, papers, 0, batch, [&](std::uint64_t count, bool done) {
      std::uint64_t message = done ? count : count | kCommitStarting;
      if (write(report_fd, &message, sizeof message) != sizeof message) _exit(3);
    });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crash test writer: %s\n", e.what());
    _exit(1);
  }
  _exit(0);
}

// The stored document of `paper` must carry exactly the terms (with
// within-document frequencies and positions) and values that encoding the
// paper afresh gives: a document written in part would lack some.
std::string compare_terms(const Xapian::Database& db, const quire::Paper& paper,
                          const quire::analysis::Analyzer& analyzer,
                          std::vector<quire::analysis::Token>& scratch) {
  Xapian::PostingIterator posting = db.postlist_begin(quire::schema::id_term(paper.id));
  if (posting == db.postlist_end(quire::schema::id_term(paper.id))) return "no id term";
  Xapian::Document stored = db.get_document(*posting);
  Xapian::Document fresh = quire::index::encode(paper, analyzer, scratch);

  Xapian::TermIterator s = stored.termlist_begin(), f = fresh.termlist_begin();
  for (; s != stored.termlist_end() && f != fresh.termlist_end(); ++s, ++f) {
    if (*s != *f) return "term '" + *s + "' where '" + *f + "' was expected";
    if (s.get_wdf() != f.get_wdf()) return "wdf of term '" + *s + "'";
    std::vector<Xapian::termpos> sp(s.positionlist_begin(), s.positionlist_end());
    std::vector<Xapian::termpos> fp(f.positionlist_begin(), f.positionlist_end());
    if (sp != fp) return "positions of term '" + *s + "'";
  }
  if (s != stored.termlist_end()) return "extra term '" + *s + "'";
  if (f != fresh.termlist_end()) return "missing term '" + *f + "'";

  Xapian::ValueIterator sv = stored.values_begin(), fv = fresh.values_begin();
  for (; sv != stored.values_end() && fv != fresh.values_end(); ++sv, ++fv) {
    if (sv.get_valueno() != fv.get_valueno() || *sv != *fv)
      return "value slot " + std::to_string(sv.get_valueno());
  }
  if (sv != stored.values_end() || fv != fresh.values_end()) return "value slots differ";
  return "";
}

// Checks an index that should hold papers[0, expected) and nothing else:
// stored fields, terms of the papers of the last batch and of a random
// sample of the others, absence of the rest, and the search count.
std::string check_contents(quire::Index& index, const std::string& dir,
                           const std::vector<quire::Paper>& papers, std::size_t expected,
                           std::size_t batch, std::mt19937_64& random) {
  auto stats = index.stats();
  if (stats.documents != expected)
    return "holds " + std::to_string(stats.documents) + " papers, expected " +
           std::to_string(expected);
  quire::SearchRequest everything;
  everything.limit = 0;
  everything.snippets = false;
  auto total = index.search(everything).total;
  if (total != expected)
    return "search counts " + std::to_string(total) + " papers, expected " +
           std::to_string(expected);

  for (std::size_t i = 0; i < papers.size(); ++i) {
    std::optional<quire::Paper> stored = index.get(papers[i].id);
    if (i >= expected) {
      if (stored) return "paper " + std::to_string(i) + " (" + papers[i].id +
                         ") is there but was never committed";
      continue;
    }
    if (!stored) return "paper " + std::to_string(i) + " (" + papers[i].id + ") is missing";
    std::string field = quire::testing::paper_difference(papers[i], *stored);
    if (!field.empty())
      return "paper " + std::to_string(i) + " (" + papers[i].id + ") differs in " + field;
  }

  Xapian::Database db(dir);
  quire::analysis::AnalyzerSettings settings;
  if (!quire::analysis::AnalyzerSettings::parse(
          db.get_metadata(quire::schema::kMetaAnalyzer), settings))
    return "the analyzer settings stored in the index do not parse";
  quire::analysis::Analyzer analyzer(settings);
  std::vector<quire::analysis::Token> scratch;
  std::size_t last_batch = expected == 0 ? 0 : (expected - 1) / batch * batch;
  std::uniform_int_distribution<std::size_t> pick(0, expected == 0 ? 0 : expected - 1);
  std::vector<std::size_t> sample;
  for (std::size_t i = last_batch; i < expected; ++i) sample.push_back(i);
  for (int k = 0; k < 100 && expected > 0; ++k) sample.push_back(pick(random));
  for (std::size_t i : sample) {
    std::string problem = compare_terms(db, papers[i], analyzer, scratch);
    if (!problem.empty())
      return "paper " + std::to_string(i) + " (" + papers[i].id + "): " + problem;
  }
  return "";
}

struct Round {
  bool killed = false;           // the kill came before the child finished
  bool in_commit = false;        // ... while commit() was running
  std::string problem;           // empty when the crash was survived
  std::uint64_t reported = 0;    // last commit the child announced
  std::uint64_t recovered = 0;   // papers found after the crash
  double kill_ms = 0;
};

// Starts a writer on `dir`, kills it after `kill_after` (never when
// nullopt) and returns what the parent saw.
Round run_child(const std::string& dir, const std::vector<quire::Paper>& papers,
                std::size_t batch, std::optional<Clock::duration> kill_after,
                Clock::duration* lifetime = nullptr) {
  Round round;
  int fds[2];
  if (pipe(fds) != 0) {
    round.problem = std::string("pipe: ") + std::strerror(errno);
    return round;
  }
  std::cout.flush();
  auto start = Clock::now();
  pid_t pid = fork();
  if (pid < 0) {
    round.problem = std::string("fork: ") + std::strerror(errno);
    return round;
  }
  if (pid == 0) {
    close(fds[0]);
    run_writer(dir, papers, batch, fds[1]);
  }
  close(fds[1]);

  int status = 0;
  if (kill_after) {
    // Poll so that a child that ends early is not mistaken for a killed one.
    auto deadline = start + *kill_after;
    while (Clock::now() < deadline) {
      pid_t done = waitpid(pid, &status, WNOHANG);
      if (done == pid) break;
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (waitpid(pid, &status, WNOHANG) == 0) {
      kill(pid, SIGKILL);
      round.kill_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      waitpid(pid, &status, 0);
    }
  } else {
    waitpid(pid, &status, 0);
  }
  if (lifetime) *lifetime = Clock::now() - start;

  std::uint64_t message = 0;
  while (read(fds[0], &message, sizeof message) == sizeof message) {
    round.in_commit = (message & kCommitStarting) != 0;
    if (!round.in_commit) round.reported = message;
  }
  close(fds[0]);

  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
    round.killed = true;
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    round.problem = "the writer failed on its own (status " + std::to_string(status) + ")";
  }
  return round;
}

// Everything the parent checks after a crash, then the resumed indexing.
void check_after_crash(const std::string& dir, const std::vector<quire::Paper>& papers,
                       std::size_t batch, std::mt19937_64& random, Round& round) {
  bool created = fs::exists(fs::path(dir) / "iamglass");
  if (created) {
    round.problem = quire::testing::xapian_check(dir);
    if (!round.problem.empty()) return;
  } else if (round.reported != 0) {
    round.problem = "the index folder has no database although a commit was reported";
    return;
  }

  std::optional<quire::Index> index;
  try {
    index = quire::Index::open(dir);
  } catch (const quire::Error& e) {
    round.problem = std::string("does not open after the crash: ") + e.what();
    return;
  }
  std::size_t found = index->stats().documents;
  round.recovered = found;
  // Killed while adding: exactly the last commit. Killed inside commit():
  // that commit either made it whole or not at all.
  std::size_t next = next_boundary(round.reported, batch, papers.size());
  if (found != round.reported && !(round.in_commit && found == next)) {
    round.problem = "holds " + std::to_string(found) + " papers; the last commit reported was " +
                    std::to_string(round.reported) +
                    (round.in_commit ? " and the one in progress was " + std::to_string(next)
                                     : " and no commit was in progress");
    return;
  }
  round.problem = check_contents(*index, dir, papers, found, batch, random);
  if (!round.problem.empty()) return;

  try {
    index_papers(*index, papers, found, batch, [](std::uint64_t, bool) {});
  } catch (const quire::Error& e) {
    round.problem = std::string("resuming the indexing failed: ") + e.what();
    return;
  }
  round.problem = check_contents(*index, dir, papers, papers.size(), batch, random);
  if (!round.problem.empty()) {
    round.problem = "after resuming: " + round.problem;
    return;
  }
  index.reset();
  round.problem = quire::testing::xapian_check(dir);
  if (!round.problem.empty()) round.problem = "after resuming: " + round.problem;
}

std::string make_temp_dir() {
  std::string templ = (fs::temp_directory_path() / "quire-crash-XXXXXX").string();
  if (!mkdtemp(templ.data())) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  return templ;
}

}  // namespace

int main(int argc, char** argv) {
  Options options = parse_options(argc, argv);
  std::string corpus = quire::testing::shared_corpus();
  if (corpus.empty()) {
    std::cout << "SKIP: ../shared/corpora/papers.jsonl.zst not found beside the project; "
                 "the crash test indexes it\n";
    return kSkip;
  }
  if (!options.seed_given) options.seed = std::random_device{}();
  std::mt19937_64 random(options.seed);

  std::vector<quire::Paper> papers = corpus_sample(corpus, options.papers);
  std::cout << "crash test: " << papers.size() << " papers, a commit every " << options.batch
            << ", " << options.crashes << " crashes, seed " << options.seed << std::endl;

  std::string root = make_temp_dir();
  int round_number = 0;
  auto next_dir = [&] { return root + "/round-" + std::to_string(++round_number); };

  // One uninterrupted run measures how long indexing takes here (build
  // type, sanitizers, machine), so kills land anywhere in it.
  Clock::duration lifetime{};
  std::string calibration = next_dir();
  Round full = run_child(calibration, papers, options.batch, std::nullopt, &lifetime);
  if (full.problem.empty()) {
    auto index = quire::Index::open(calibration);
    full.problem = check_contents(index, calibration, papers, papers.size(), options.batch,
                                  random);
  }
  if (!full.problem.empty()) {
    std::cout << "FAIL: the uninterrupted run: " << full.problem << "\n  kept in " << calibration
              << std::endl;
    return 1;
  }
  fs::remove_all(calibration);
  double full_ms = std::chrono::duration<double, std::milli>(lifetime).count();
  std::cout << "an uninterrupted run takes " << static_cast<long>(full_ms) << " ms" << std::endl;

  std::uniform_real_distribution<double> moment(0.0, 0.95 * full_ms);
  int survived = 0, crashes = 0, failed = 0, finished_first = 0, in_commit = 0;
  while (crashes < options.crashes) {
    // A child that outruns its kill proves nothing; allow a few, then stop.
    if (finished_first > options.crashes + 10) {
      std::cout << "FAIL: the writer kept finishing before the kill" << std::endl;
      ++failed;
      break;
    }
    std::string dir = next_dir();
    auto delay = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double, std::milli>(moment(random)));
    Clock::duration ran{};
    Round round = run_child(dir, papers, options.batch, delay, &ran);
    if (round.problem.empty() && !round.killed) {
      // The calibration ran slower than this (a busy machine, cold
      // caches): kills now land within the quickest whole run seen.
      ++finished_first;
      full_ms = std::min(full_ms, std::chrono::duration<double, std::milli>(ran).count());
      moment = std::uniform_real_distribution<double>(0.0, 0.95 * full_ms);
      fs::remove_all(dir);
      continue;
    }
    ++crashes;
    if (round.in_commit) ++in_commit;
    if (round.problem.empty()) check_after_crash(dir, papers, options.batch, random, round);
    if (round.problem.empty()) {
      ++survived;
      std::cout << "crash " << crashes << ": killed at " << static_cast<long>(round.kill_ms)
                << " ms " << (round.in_commit ? "inside commit()" : "while adding") << "; "
                << round.recovered << " papers recovered (last reported commit "
                << round.reported << "); check ok; resumed to " << papers.size() << std::endl;
      if (!options.keep) fs::remove_all(dir);
    } else {
      ++failed;
      std::cout << "FAIL: crash " << crashes << " (killed at " << static_cast<long>(round.kill_ms)
                << " ms, last reported commit " << round.reported << "): " << round.problem
                << "\n  kept in " << dir << std::endl;
    }
  }
  std::cout << "crashes survived: " << survived << " of " << crashes << " (" << in_commit
            << " killed inside commit(); seed " << options.seed << ")" << std::endl;
  if (failed == 0 && !options.keep) fs::remove_all(root);
  return failed == 0 ? 0 : 1;
}
