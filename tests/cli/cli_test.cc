// End-to-end tests of the quire tool: each runs the built binary as a user
// would and checks its exit status, stdout and stderr, reading --json output
// back with simdjson.
#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "quire/version.h"
#include "support/test_support.h"

namespace {

namespace fs = std::filesystem;
using quire::testing::TempDir;
using quire::testing::write_file;

// ---------------------------------------------------------------------------
// Running programs

struct Result {
  int status = -1;  // the exit code, or 128 + the signal that killed it
  std::string out;
  std::string err;
};

std::ostream& operator<<(std::ostream& os, const Result& run) {
  return os << "exit status " << run.status << "\n--- stdout ---\n"
            << run.out << "--- stderr ---\n"
            << run.err << "---";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Which output stream of a run is a terminal.
enum class Terminal { none, stdout_is_one, stderr_is_one };

// Runs `program` with `args`, stdin from /dev/null. Its stdout and stderr go
// to files, not pipes, so that neither can fill up and stall the child; the
// one chosen by `terminal` goes to a pseudo-terminal instead.
Result run_program(const std::string& program, const std::vector<std::string>& args,
                   Terminal terminal = Terminal::none) {
  static TempDir scratch;
  static int runs = 0;
  const std::string out_path = scratch.file("out" + std::to_string(runs));
  const std::string err_path = scratch.file("err" + std::to_string(runs));
  ++runs;

  std::vector<std::string> owned = {program};
  owned.insert(owned.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : owned) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int pty_main = -1, pty_side = -1;
  if (terminal != Terminal::none && openpty(&pty_main, &pty_side, nullptr, nullptr, nullptr) != 0) {
    ADD_FAILURE() << "openpty failed";
    return {};
  }

  const pid_t pid = fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork failed";
    return {};
  }
  if (pid == 0) {
    const int in = open("/dev/null", O_RDONLY);
    const int out = terminal == Terminal::stdout_is_one
                        ? pty_side
                        : open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = terminal == Terminal::stderr_is_one
                        ? pty_side
                        : open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) _exit(126);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    if (pty_main >= 0) close(pty_main);
    execv(argv[0], argv.data());
    _exit(127);
  }

  // Reads the terminal until the child is gone: then the read fails (EIO).
  std::string on_terminal;
  if (pty_main >= 0) {
    close(pty_side);
    char buffer[4096];
    for (;;) {
      const ssize_t n = read(pty_main, buffer, sizeof buffer);
      if (n > 0) {
        on_terminal.append(buffer, static_cast<std::size_t>(n));
      } else if (!(n < 0 && errno == EINTR)) {
        break;
      }
    }
    close(pty_main);
  }

  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  Result run;
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = terminal == Terminal::stdout_is_one ? on_terminal : read_file(out_path);
  run.err = terminal == Terminal::stderr_is_one ? on_terminal : read_file(err_path);
  fs::remove(out_path);
  fs::remove(err_path);
  return run;
}

Result quire(const std::vector<std::string>& args) { return run_program(QUIRE_CLI_PATH, args); }

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// ---------------------------------------------------------------------------
// The test papers

struct TestPaper {
  std::string id;
  std::string title;
  std::string abstract;
  std::vector<std::string> authors;
  std::vector<std::string> categories;
  std::string date;
  std::string venue;
  std::string extra_json;  // further members, written as they are
};

// Every word that a test searches for is in exactly the papers the test
// expects, and no date is a prefix of another, so that plain string order is
// date order.
const std::vector<TestPaper>& test_papers() {
  static const std::vector<TestPaper> papers = {
      {"2401.00001", "Sparse attention for long documents",
       "We study sparse attention patterns that let transformers read long documents.",
       {"Ada Lovelace", "Alan Turing"}, {"cs.CL", "cs.LG"}, "2024-01-15", "ACL", ""},
      {"2302.00002", "Graph neural networks for molecule property prediction",
       "Message passing over chemical bonds predicts properties of small molecules.",
       {"Grace Hopper"}, {"cs.LG", "q-bio.BM"}, "2023-02-10", "NeurIPS", ""},
      {"2303.00003", "Bayesian optimization of hyperparameters with Gaussian processes",
       "A Gaussian process surrogate chooses the next configuration to evaluate.",
       {"Bernhard Sch\xC3\xB6lkopf", "Grace Hopper"}, {"stat.ML"}, "2023-03", "ICML", ""},
      {"2105.00004", "Convolutional networks for image segmentation",
       "An encoder and decoder label every pixel of medical scans.",
       {"Yann LeCun", "Ada Lovelace", "Kurt G\xC3\xB6" "del", "Emmy Noether"}, {"cs.CV"},
       "2021-05-20", "CVPR", ""},
      {"2210.00005", "Reinforcement learning for robot locomotion",
       "A quadruped learns to walk on rough terrain from simulated rewards.",
       {"Alan Turing"}, {"cs.RO", "cs.LG"}, "2022-10-01", "ICRA", ""},
      {"2404.00006", "Protein folding with diffusion models",
       "A denoising diffusion model generates protein backbones atom by atom.",
       {"Emmy Noether"}, {"q-bio.BM", "cs.LG"}, "2024-04", "NeurIPS",
       R"("doi": "10.1000/xyz123", "url": "https://example.org/papers/6")"},
      {"2012.00007", "Quantum error correction with surface codes",
       "Surface codes protect logical qubits against noise on superconducting hardware.",
       {"Kurt G\xC3\xB6" "del"}, {"quant-ph"}, "2020-12-31", "Nature Physics", ""},
  };
  return papers;
}

// The test data holds no character that JSON would need escaped.
std::string json_text(const std::string& text) { return "\"" + text + "\""; }

std::string json_list(const std::vector<std::string>& texts) {
  std::string out = "[";
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) out += ", ";
    out += json_text(texts[i]);
  }
  return out + "]";
}

std::string jsonl_line(const TestPaper& paper) {
  std::string line = "{\"id\": " + json_text(paper.id) +
                     ", \"title\": " + json_text(paper.title) +
                     ", \"abstract\": " + json_text(paper.abstract) +
                     ", \"authors\": " + json_list(paper.authors) +
                     ", \"categories\": " + json_list(paper.categories) +
                     ", \"date\": " + json_text(paper.date) +
                     ", \"venue\": " + json_text(paper.venue);
  if (!paper.extra_json.empty()) line += ", " + paper.extra_json;
  return line + "}\n";
}

std::string jsonl(std::size_t begin, std::size_t end) {
  std::string text;
  for (std::size_t i = begin; i < end; ++i) text += jsonl_line(test_papers()[i]);
  return text;
}

const TestPaper& paper_with_id(const std::string& id) {
  for (const TestPaper& paper : test_papers()) {
    if (paper.id == id) return paper;
  }
  throw std::logic_error("no test paper " + id);
}

std::vector<std::string> ids_newest_first() {
  std::vector<TestPaper> papers = test_papers();
  std::sort(papers.begin(), papers.end(),
            [](const TestPaper& a, const TestPaper& b) { return a.date > b.date; });
  std::vector<std::string> ids;
  for (const TestPaper& paper : papers) ids.push_back(paper.id);
  return ids;
}

std::vector<std::string> sorted(std::vector<std::string> texts) {
  std::sort(texts.begin(), texts.end());
  return texts;
}

// ---------------------------------------------------------------------------
// Reading --json output

std::vector<std::string> strings(simdjson::dom::element array) {
  std::vector<std::string> out;
  for (simdjson::dom::element item : array.get_array()) out.emplace_back(item.get_string().value());
  return out;
}

std::map<std::string, std::string> string_map(simdjson::dom::element object) {
  std::map<std::string, std::string> out;
  for (simdjson::dom::key_value_pair member : object.get_object()) {
    out[std::string(member.key)] = std::string(member.value.get_string().value());
  }
  return out;
}

struct JsonHit {
  std::string id;
  double score = 0;
  std::string title;
  std::vector<std::string> authors;
  std::string date;
  std::string venue;
  std::vector<std::string> categories;
  std::string snippet;
};

struct JsonFacetValue {
  std::string value;
  std::uint64_t count = 0;
  bool child = false;  // listed under a category group
};

// A `quire search --json` answer, copied out of the parser.
struct SearchOutput {
  Result run;
  std::string query;
  std::uint64_t total = 0;
  bool exact = false;
  bool relaxed = false;
  std::vector<std::string> warnings;
  std::vector<JsonHit> hits;
  std::map<std::string, std::vector<JsonFacetValue>> facets;

  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const JsonHit& hit : hits) out.push_back(hit.id);
    return out;
  }

  std::map<std::string, std::uint64_t> facet_counts(const std::string& name) const {
    std::map<std::string, std::uint64_t> out;
    auto facet = facets.find(name);
    if (facet == facets.end()) return out;
    for (const JsonFacetValue& value : facet->second) out[value.value] = value.count;
    return out;
  }
};

// Parses `text` as exactly one JSON document; throws (failing the test) if it
// is anything else.
simdjson::dom::element parse_json(simdjson::dom::parser& parser, const std::string& text) {
  simdjson::dom::element root;
  const simdjson::error_code error = parser.parse(text).get(root);
  if (error) {
    ADD_FAILURE() << "not one JSON document (" << simdjson::error_message(error) << "):\n"
                  << text;
    throw simdjson::simdjson_error(error);
  }
  return root;
}

SearchOutput parse_search(Result run) {
  SearchOutput output;
  output.run = std::move(run);
  simdjson::dom::parser parser;
  simdjson::dom::element root = parse_json(parser, output.run.out);
  output.query = std::string(root["query"].get_string().value());
  output.total = root["total"].get_uint64().value();
  output.exact = root["exact"].get_bool().value();
  output.relaxed = root["relaxed"].get_bool().value();
  output.warnings = strings(root["warnings"]);
  for (simdjson::dom::element item : root["hits"].get_array()) {
    JsonHit hit;
    hit.id = std::string(item["id"].get_string().value());
    hit.score = item["score"].get_double().value();
    hit.title = std::string(item["title"].get_string().value());
    hit.authors = strings(item["authors"]);
    hit.date = std::string(item["date"].get_string().value());
    hit.venue = std::string(item["venue"].get_string().value());
    hit.categories = strings(item["categories"]);
    hit.snippet = std::string(item["snippet"].get_string().value());
    output.hits.push_back(std::move(hit));
  }
  for (simdjson::dom::key_value_pair facet : root["facets"].get_object()) {
    std::vector<JsonFacetValue>& values = output.facets[std::string(facet.key)];
    for (simdjson::dom::element item : facet.value.get_array()) {
      values.push_back({std::string(item["value"].get_string().value()),
                        item["count"].get_uint64().value()});
      // Category groups list their categories as children; keep them as
      // values of their own, after their group.
      simdjson::dom::array children;
      if (item["children"].get_array().get(children) == simdjson::SUCCESS) {
        for (simdjson::dom::element child : children)
          values.push_back({std::string(child["value"].get_string().value()),
                            child["count"].get_uint64().value(), true});
      }
    }
  }
  return output;
}

// ---------------------------------------------------------------------------
// An index of the test papers, made afresh for each test

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(papers_, jsonl(0, test_papers().size()));
    const Result run = quire({"index", db_, papers_});
    ASSERT_EQ(run.status, 0) << run;
  }

  // Runs `quire search DB QUERY --json ARGS...`.
  SearchOutput search(const std::string& query, std::vector<std::string> args = {}) {
    std::vector<std::string> all = {"search", db_, query, "--json"};
    all.insert(all.end(), args.begin(), args.end());
    Result run = quire(all);
    EXPECT_EQ(run.status, 0) << run;
    if (run.status != 0) {
      SearchOutput failed;
      failed.run = std::move(run);
      return failed;
    }
    return parse_search(std::move(run));
  }

  TempDir dir_;
  const std::string db_ = dir_.file("db");
  const std::string papers_ = dir_.file("papers.jsonl");
};

// ---------------------------------------------------------------------------
// quire index

const std::regex kSummary(
    R"(added (\d+), replaced (\d+), rejected (\d+), warnings (\d+), merged (\d+), superseded (\d+), \d+\.\d\d seconds\n)");

TEST(CliIndex, PrintsASummaryAndNothingElseWhenStderrIsNotATerminal) {
  TempDir dir;
  write_file(dir.file("papers.jsonl"), jsonl(0, test_papers().size()));
  const Result run = quire({"index", dir.file("db"), dir.file("papers.jsonl")});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(std::regex_match(run.out, kSummary)) << run;
  EXPECT_TRUE(starts_with(run.out, "added 7, replaced 0, rejected 0, ")) << run;
  // No progress line: stderr is a file here, not a terminal.
  EXPECT_EQ(run.err, "");
}

TEST(CliIndex, SumsTheCountsOverEveryFile) {
  TempDir dir;
  write_file(dir.file("a.jsonl"), jsonl(0, 3));
  write_file(dir.file("b.jsonl"), jsonl(3, test_papers().size()));
  const Result run = quire({"index", dir.file("db"), dir.file("a.jsonl"), dir.file("b.jsonl")});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(starts_with(run.out, "added 7, replaced 0, rejected 0, ")) << run;
}

TEST_F(CliTest, IndexingTheSamePapersAgainReplacesThem) {
  const Result run = quire({"index", db_, papers_, "--batch", "2"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(starts_with(run.out, "added 0, replaced 7, rejected 0, ")) << run;
  EXPECT_EQ(search("").total, 7u);
}

std::uint64_t revision(const std::string& db) {
  const Result run = quire({"stats", db, "--json"});
  EXPECT_EQ(run.status, 0) << run;
  simdjson::dom::parser parser;
  return parse_json(parser, run.out)["revision"].get_uint64().value();
}

TEST(CliIndex, CommitsAfterEveryBatch) {
  TempDir dir;
  write_file(dir.file("papers.jsonl"), jsonl(0, test_papers().size()));
  ASSERT_EQ(quire({"index", dir.file("one"), dir.file("papers.jsonl")}).status, 0);
  // 7 papers in batches of 3: commits after 3, 6 and 7.
  ASSERT_EQ(quire({"index", dir.file("three"), dir.file("papers.jsonl"), "--batch", "3"}).status,
            0);
  EXPECT_EQ(revision(dir.file("three")), revision(dir.file("one")) + 2);
}

TEST(CliIndex, ShowsProgressWhenStderrIsATerminal) {
  TempDir dir;
  write_file(dir.file("a.jsonl"), jsonl(0, 3));
  write_file(dir.file("b.jsonl"), jsonl(3, test_papers().size()));
  const Result run = run_program(
      QUIRE_CLI_PATH,
      {"index", dir.file("db"), dir.file("a.jsonl"), dir.file("b.jsonl"), "--batch", "2"},
      Terminal::stderr_is_one);
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(std::regex_search(run.err, std::regex("\r\033\\[K  2 papers  \\d+\\.\\d MB")))
      << run;
  // The count runs on over the second file.
  EXPECT_TRUE(contains(run.err, "  7 papers  ")) << run;
  // The summary stays on stdout, clean.
  EXPECT_TRUE(starts_with(run.out, "added 7, replaced 0, rejected 0, ")) << run;
}

TEST(CliIndex, ReportsABadLineWithFileAndLineAndIndexesTheRest) {
  TempDir dir;
  const std::string file = dir.file("bad.jsonl");
  write_file(file, jsonl(0, 1) + "{\"id\": \"broken\", \"title\": \n" + jsonl(1, 2));
  const Result run = quire({"index", dir.file("db"), file});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(starts_with(run.out, "added 2, replaced 0, rejected 1, ")) << run;
  EXPECT_TRUE(contains(run.err, "bad.jsonl:2")) << run;
  EXPECT_FALSE(contains(run.err, "bad.jsonl:1")) << run;
  EXPECT_FALSE(contains(run.err, "bad.jsonl:3")) << run;
  EXPECT_EQ(quire({"get", dir.file("db"), test_papers()[1].id}).status, 0);
}

TEST(CliIndex, StrictStopsAtTheFirstBadLineKeepingThePapersBeforeIt) {
  TempDir dir;
  const std::string file = dir.file("bad.jsonl");
  write_file(file, jsonl(0, 1) + "not json\n" + jsonl(1, 2));
  const Result run = quire({"index", dir.file("db"), file, "--strict"});
  EXPECT_EQ(run.status, 1) << run;
  EXPECT_TRUE(contains(run.err, "quire: ")) << run;
  EXPECT_EQ(quire({"get", dir.file("db"), test_papers()[0].id}).status, 0);
  EXPECT_EQ(quire({"get", dir.file("db"), test_papers()[1].id}).status, 1);
}

// --format and the other readers

TEST(CliIndexFormat, RecognisesEachFormatByContentWhateverTheName) {
  TempDir dir;
  write_file(dir.file("refs.data"),
             "@inproceedings{smith20, title={Sch{\\\"o}n {GAN}s}, author={Smith, Ann and Bo Ek}, "
             "booktitle={ICML}, year={2020}, month=jul}\n");
  write_file(dir.file("kempe.data"),
             "Julia Kempe\n\n96.5AIMay 28Code\nFormalizing Mathematics at Scale\n\n"
             "Ahmad Rammal, Niket Patel et al. \xC2\xB7 pku\n\nWe present a system.\n");
  const Result run = quire({"index", dir.file("db"), dir.file("refs.data"), dir.file("kempe.data"),
                            "--listing-year", "2025"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(starts_with(run.out, "added 2, replaced 0, rejected 0, warnings 0, ")) << run;
  EXPECT_EQ(run.err, "");

  const Result bib = quire({"get", dir.file("db"), "smith20", "--json"});
  ASSERT_EQ(bib.status, 0) << bib;
  EXPECT_TRUE(contains(bib.out, "Schön GANs")) << bib;
  EXPECT_TRUE(contains(bib.out, "2020-07")) << bib;
  const SearchOutput found = parse_search(quire({"search", dir.file("db"), "formalizing", "--json"}));
  ASSERT_EQ(found.total, 1u) << found.run;
  EXPECT_TRUE(contains(found.run.out, "2025-05-28")) << found.run;
}

TEST(CliIndexFormat, AnExplicitFormatOverridesDetection) {
  TempDir dir;
  // JSON Lines read as BibTeX: no entries at all.
  write_file(dir.file("p.jsonl"), jsonl(0, 2));
  Result run = quire({"index", dir.file("db"), dir.file("p.jsonl"), "--format", "bibtex"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(starts_with(run.out, "added 0, replaced 0, rejected 0, ")) << run;
  run = quire({"index", dir.file("db"), dir.file("p.jsonl"), "--format", "jsonl"});
  EXPECT_TRUE(starts_with(run.out, "added 2, ")) << run;
}

TEST(CliIndexFormat, ReportsWarningsAndBadRecordsOfAnyFormat) {
  TempDir dir;
  write_file(dir.file("b.bib"), "@article{one, title={" + std::string(70000, 'x') +
                                    "}}\n@article{two, author={No Title}}\n"
                                    "@article{three, title={Three}}\n");
  Result run = quire({"index", dir.file("db"), dir.file("b.bib")});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(starts_with(run.out, "added 2, replaced 0, rejected 1, warnings 1, ")) << run;
  EXPECT_TRUE(contains(run.err, "b.bib:1: warning: field title: ")) << run;
  EXPECT_TRUE(contains(run.err, "b.bib:2: field title: required field is missing")) << run;

  // --strict stops at the bad record, not at the warning.
  run = quire({"index", dir.file("strict"), dir.file("b.bib"), "--strict"});
  EXPECT_EQ(run.status, 1) << run;
  EXPECT_EQ(quire({"get", dir.file("strict"), "one"}).status, 0);
  EXPECT_EQ(quire({"get", dir.file("strict"), "three"}).status, 1);
}

TEST(CliIndexFormat, RejectsUnknownFormatsAndYearsAsUsageErrors) {
  TempDir dir;
  write_file(dir.file("p.jsonl"), jsonl(0, 1));
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--format", "xml"}, {"--listing-year", "0"},
        {"--listing-year", "twenty"}}) {
    std::vector<std::string> all = {"index", dir.file("db"), dir.file("p.jsonl")};
    all.insert(all.end(), args.begin(), args.end());
    const Result run = quire(all);
    EXPECT_EQ(run.status, 2) << run;
  }
}

TEST(CliIndex, AMissingInputFileIsARuntimeError) {
  TempDir dir;
  const Result run = quire({"index", dir.file("db"), dir.file("absent.jsonl")});
  EXPECT_EQ(run.status, 1) << run;
  EXPECT_TRUE(starts_with(run.err, "quire: ")) << run;
  EXPECT_EQ(run.out, "");
}

// ---------------------------------------------------------------------------
// quire search --json

TEST_F(CliTest, FindsThePaperWhoseTitleHasEveryWord) {
  const SearchOutput result = search("graph neural molecule");
  EXPECT_EQ(result.query, "graph neural molecule");
  EXPECT_EQ(result.total, 1u);
  EXPECT_TRUE(result.exact);
  EXPECT_FALSE(result.relaxed);
  EXPECT_TRUE(result.warnings.empty());
  ASSERT_EQ(result.ids(), std::vector<std::string>{"2302.00002"}) << result.run;

  const JsonHit& hit = result.hits[0];
  const TestPaper& paper = paper_with_id("2302.00002");
  EXPECT_GT(hit.score, 0);
  EXPECT_EQ(hit.title, paper.title);
  EXPECT_EQ(hit.authors, paper.authors);
  EXPECT_EQ(hit.date, paper.date);
  EXPECT_EQ(hit.venue, paper.venue);
  EXPECT_EQ(hit.categories, paper.categories);
}

TEST_F(CliTest, ReturnsEveryPaperWithTheWord) {
  const SearchOutput result = search("networks");
  EXPECT_EQ(sorted(result.ids()), sorted({"2302.00002", "2105.00004"})) << result.run;
  EXPECT_EQ(result.total, 2u);
}

TEST_F(CliTest, RelaxesToAnyWordWhenNoPaperHasAll) {
  const SearchOutput result = search("attention quantum");
  EXPECT_TRUE(result.relaxed) << result.run;
  EXPECT_EQ(result.total, 2u);
  EXPECT_EQ(sorted(result.ids()), sorted({"2401.00001", "2012.00007"}));
}

TEST_F(CliTest, AnyAcceptsAnyWordWithoutCallingItRelaxed) {
  const SearchOutput result = search("attention quantum", {"--any"});
  EXPECT_FALSE(result.relaxed) << result.run;
  EXPECT_EQ(result.total, 2u);
}

TEST_F(CliTest, EmptyQueryMatchesEveryPaper) {
  EXPECT_EQ(search("").total, test_papers().size());
}

TEST_F(CliTest, FiltersByCategoryVenueAndAuthor) {
  EXPECT_EQ(sorted(search("", {"--filter", "category:cs.LG"}).ids()),
            sorted({"2401.00001", "2302.00002", "2210.00005", "2404.00006"}));
  EXPECT_EQ(sorted(search("", {"--filter", "venue:NeurIPS"}).ids()),
            sorted({"2302.00002", "2404.00006"}));
  EXPECT_EQ(sorted(search("", {"--filter", "author:Grace Hopper"}).ids()),
            sorted({"2302.00002", "2303.00003"}));
}

TEST_F(CliTest, FiltersOnOneFieldMeanAnyAndOnTwoFieldsMeanBoth) {
  EXPECT_EQ(sorted(search("", {"--filter", "category:cs.CV", "--filter", "category:quant-ph"})
                       .ids()),
            sorted({"2105.00004", "2012.00007"}));
  EXPECT_EQ(sorted(search("", {"--filter", "category:cs.LG", "--filter", "venue:NeurIPS"}).ids()),
            sorted({"2302.00002", "2404.00006"}));
  // A filter option followed by the query: the option takes one value only.
  const Result run = quire({"search", db_, "--filter", "venue:ICML", "--json", "gaussian"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_EQ(parse_search(run).ids(), std::vector<std::string>{"2303.00003"});
}

TEST_F(CliTest, AuthorFilterAcceptsOtherSpellings) {
  EXPECT_EQ(search("", {"--filter", "author:B. Scholkopf"}).ids(),
            std::vector<std::string>{"2303.00003"});
}

TEST_F(CliTest, RestrictsToADateRange) {
  EXPECT_EQ(sorted(search("", {"--from", "2023", "--to", "2023"}).ids()),
            sorted({"2302.00002", "2303.00003"}));
  EXPECT_EQ(sorted(search("", {"--from", "2023-03"}).ids()),
            sorted({"2303.00003", "2401.00001", "2404.00006"}));
  EXPECT_EQ(sorted(search("", {"--to", "2021"}).ids()), sorted({"2105.00004", "2012.00007"}));
  EXPECT_EQ(sorted(search("", {"--from", "2021-05-20", "--to", "2022-10-01"}).ids()),
            sorted({"2105.00004", "2210.00005"}));
}

TEST_F(CliTest, CountsFacetsOverTheWholeMatchSet) {
  std::map<std::string, std::uint64_t> years, venues, categories;
  for (const TestPaper& paper : test_papers()) {
    ++years[paper.date.substr(0, 4)];
    ++venues[paper.venue];
    for (const std::string& category : paper.categories) ++categories[category];
  }

  const SearchOutput result =
      search("", {"--facet", "year", "--facet", "venue", "--facet", "category",
                  "--facet-size", "0", "--limit", "0"});
  EXPECT_EQ(result.total, test_papers().size());
  EXPECT_TRUE(result.hits.empty());
  EXPECT_EQ(result.facet_counts("year"), years) << result.run;
  EXPECT_EQ(result.facet_counts("venue"), venues) << result.run;
  // Category counts may add parents ("cs" over "cs.LG"); each real category
  // must still have its own count.
  const auto counted = result.facet_counts("category");
  for (const auto& [category, count] : categories) {
    auto found = counted.find(category);
    ASSERT_NE(found, counted.end()) << category << "\n" << result.run;
    EXPECT_EQ(found->second, count) << category;
  }
  for (const auto& [name, values] : result.facets) {
    std::vector<std::uint64_t> top;
    for (const JsonFacetValue& v : values)
      if (!v.child) top.push_back(v.count);
    EXPECT_TRUE(std::is_sorted(top.rbegin(), top.rend())) << name << " is not sorted by count";
  }
}

TEST_F(CliTest, FacetSizeLimitsTheValuesShown) {
  const SearchOutput result = search("", {"--facet", "year", "--facet-size", "2"});
  ASSERT_EQ(result.facets.count("year"), 1u) << result.run;
  EXPECT_EQ(result.facets.at("year").size(), 2u);
  EXPECT_EQ(result.facets.count("venue"), 0u);
}

TEST_F(CliTest, FacetsFollowTheFilters) {
  const SearchOutput result = search("", {"--filter", "category:cs.LG", "--facet", "year"});
  EXPECT_EQ(result.facet_counts("year"),
            (std::map<std::string, std::uint64_t>{{"2024", 2}, {"2023", 1}, {"2022", 1}}))
      << result.run;
}

TEST_F(CliTest, SortsByDateNewestFirst) {
  EXPECT_EQ(search("", {"--sort", "date"}).ids(), ids_newest_first());
  // The 2020 paper has three of the words, the 2024 one only one: relevance
  // and date disagree.
  const std::string query = "quantum surface codes attention";
  EXPECT_EQ(search(query, {"--any"}).ids(),
            (std::vector<std::string>{"2012.00007", "2401.00001"}));
  EXPECT_EQ(search(query, {"--any", "--sort", "relevance"}).ids(),
            (std::vector<std::string>{"2012.00007", "2401.00001"}));
  EXPECT_EQ(search(query, {"--any", "--sort", "date"}).ids(),
            (std::vector<std::string>{"2401.00001", "2012.00007"}));
}

TEST_F(CliTest, PagesWithLimitAndOffset) {
  const std::vector<std::string> all = ids_newest_first();
  const SearchOutput page = search("", {"--sort", "date", "--limit", "2", "--offset", "2"});
  EXPECT_EQ(page.total, all.size());
  EXPECT_EQ(page.ids(), (std::vector<std::string>{all[2], all[3]}));
  const SearchOutput last = search("", {"--sort", "date", "--limit", "5", "--offset", "6"});
  EXPECT_EQ(last.ids(), std::vector<std::string>{all[6]});
  EXPECT_EQ(search("", {"--limit", "3"}).hits.size(), 3u);
}

TEST_F(CliTest, JsonSnippetsMarkMatchesWithHtmlBold) {
  const SearchOutput result = search("chemical");
  ASSERT_EQ(result.hits.size(), 1u) << result.run;
  EXPECT_TRUE(contains(result.hits[0].snippet, "<b>chemical</b>")) << result.hits[0].snippet;
}

TEST_F(CliTest, NoSnippetsLeavesThemEmpty) {
  const SearchOutput result = search("chemical", {"--no-snippets"});
  ASSERT_EQ(result.hits.size(), 1u) << result.run;
  EXPECT_EQ(result.hits[0].snippet, "");
}

// ---------------------------------------------------------------------------
// quire search, as text

TEST_F(CliTest, TextShowsHeaderHitLinesAndBracketedMatchesWhenNotATerminal) {
  const Result run = quire({"search", db_, "chemical"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(starts_with(run.out, "1 result\n")) << run;
  EXPECT_TRUE(contains(run.out, "1. Graph neural networks for molecule property prediction\n"))
      << run;
  EXPECT_TRUE(contains(run.out,
                       "2302.00002 \u00b7 2023-02-10 \u00b7 NeurIPS \u00b7 cs.LG q-bio.BM "
                       "\u00b7 Grace Hopper\n"))
      << run;
  EXPECT_TRUE(contains(run.out, "[chemical]")) << run;
  EXPECT_FALSE(contains(run.out, "\033[")) << "ANSI codes in a file:\n" << run;
  EXPECT_FALSE(contains(run.out, "<b>")) << run;
}

TEST_F(CliTest, TextHighlightsInBoldOnATerminal) {
  const Result run = run_program(QUIRE_CLI_PATH, {"search", db_, "chemical"},
                                 Terminal::stdout_is_one);
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(contains(run.out, "\033[1mchemical\033[0m")) << run;
  EXPECT_FALSE(contains(run.out, "[chemical]")) << run;
}

TEST_F(CliTest, TextShortensLongAuthorListsAndNumbersHitsFromTheOffset) {
  const Result run = quire({"search", db_, "", "--sort", "date", "--offset", "5", "--limit", "1"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(starts_with(run.out, "7 results\n")) << run;
  EXPECT_TRUE(contains(run.out, "6. Convolutional networks for image segmentation\n")) << run;
  EXPECT_TRUE(contains(run.out, "Yann LeCun, Ada Lovelace, Kurt G\xC3\xB6" "del et al.\n"))
      << run;
  EXPECT_FALSE(contains(run.out, "Emmy Noether")) << run;
}

TEST_F(CliTest, TextSaysWhenTheQueryWasRelaxed) {
  const Result run = quire({"search", db_, "attention quantum"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(starts_with(run.out, "2 results (relaxed: no paper had every word)\n")) << run;
}

TEST_F(CliTest, TextPrintsFacetBlocks) {
  const Result run = quire({"search", db_, "", "--facet", "venue", "--limit", "0"});
  ASSERT_EQ(run.status, 0) << run;
  // NeurIPS is the one venue with two papers, so it comes first.
  EXPECT_TRUE(contains(run.out, "\nvenue: NeurIPS (2) \u00b7 ")) << run;
  EXPECT_TRUE(contains(run.out, "Nature Physics (1)")) << run;
}

TEST_F(CliTest, ShowsWarningsAboutTheQuery) {
  const SearchOutput result = search("\"sparse attention");
  ASSERT_FALSE(result.warnings.empty()) << result.run;
  const Result text = quire({"search", db_, "\"sparse attention"});
  ASSERT_EQ(text.status, 0) << text;
  EXPECT_TRUE(contains(text.out, "\nwarning: " + result.warnings[0] + "\n")) << text;
}

TEST_F(CliTest, ExplainPrintsTheQueryTreeBeforeTheHits) {
  const Result text = quire({"search", db_, "title:(graph neural) -survey", "--explain"});
  ASSERT_EQ(text.status, 0) << text;
  const std::size_t tree = text.out.find("\nquery: (and (and title:graph title:neural) (not survey))\n");
  ASSERT_NE(tree, std::string::npos) << text;
  EXPECT_EQ(text.out.find('\n'), tree) << "the tree follows the count line";
  EXPECT_EQ(quire({"search", db_, "title:(graph neural) -survey"}).out.find("query: "),
            std::string::npos);

  // The tree that ran: relaxed, when the query was.
  const Result json = quire({"search", db_, "attention quantum", "--json", "--explain"});
  ASSERT_EQ(json.status, 0) << json;
  simdjson::dom::parser parser;
  simdjson::dom::element root = parse_json(parser, json.out);
  EXPECT_TRUE(root["relaxed"].get_bool().value());
  EXPECT_EQ(root["explanation"].get_string().value(), "(or attention quantum)");
  const Result plain = quire({"search", db_, "attention quantum", "--json"});
  simdjson::dom::parser plain_parser;
  EXPECT_EQ(parse_json(plain_parser, plain.out)["explanation"].error(), simdjson::NO_SUCH_FIELD);
}

// ---------------------------------------------------------------------------
// quire get, delete, stats

TEST_F(CliTest, GetJsonReturnsEveryField) {
  const Result run = quire({"get", db_, "2404.00006", "--json"});
  ASSERT_EQ(run.status, 0) << run;
  simdjson::dom::parser parser;
  const simdjson::dom::element root = parse_json(parser, run.out);
  const TestPaper& paper = paper_with_id("2404.00006");
  EXPECT_EQ(root["id"].get_string().value(), paper.id);
  EXPECT_EQ(root["title"].get_string().value(), paper.title);
  EXPECT_EQ(root["abstract"].get_string().value(), paper.abstract);
  EXPECT_EQ(strings(root["authors"]), paper.authors);
  EXPECT_EQ(strings(root["categories"]), paper.categories);
  EXPECT_EQ(root["date"].get_string().value(), paper.date);
  EXPECT_EQ(root["venue"].get_string().value(), paper.venue);
  const auto extra = string_map(root["extra"]);
  EXPECT_EQ(extra.count("doi") ? extra.at("doi") : "", "10.1000/xyz123") << run;
  EXPECT_EQ(extra.count("url") ? extra.at("url") : "", "https://example.org/papers/6") << run;
}

TEST_F(CliTest, GetKeepsNonAsciiNamesByteForByte) {
  const Result run = quire({"get", db_, "2303.00003", "--json"});
  ASSERT_EQ(run.status, 0) << run;
  simdjson::dom::parser parser;
  EXPECT_EQ(strings(parse_json(parser, run.out)["authors"]),
            paper_with_id("2303.00003").authors);
}

TEST_F(CliTest, GetTextShowsFieldsAndExtras) {
  const Result run = quire({"get", db_, "2404.00006"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(std::regex_search(run.out, std::regex("(^|\n)title +Protein folding with "
                                                    "diffusion models\n")))
      << run;
  EXPECT_TRUE(std::regex_search(run.out, std::regex("\ndoi +10\\.1000/xyz123\n"))) << run;
}

TEST_F(CliTest, GetOfAnUnknownIdFails) {
  const Result run = quire({"get", db_, "nope"});
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err, "quire: no paper with id nope\n");
  EXPECT_EQ(run.out, "");
}

TEST_F(CliTest, DeleteRemovesPapersAndNamesTheMissingOnes) {
  const Result run = quire({"delete", db_, "2401.00001", "nope", "2302.00002"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_EQ(run.out, "deleted 2, not found 1\n");
  EXPECT_TRUE(contains(run.err, "nope")) << run;
  EXPECT_FALSE(contains(run.err, "2401.00001")) << run;

  const Result get = quire({"get", db_, "2401.00001"});
  EXPECT_EQ(get.status, 1) << get;
  EXPECT_EQ(get.err, "quire: no paper with id 2401.00001\n");
  EXPECT_EQ(search("").total, test_papers().size() - 2);
}

TEST_F(CliTest, DeleteCountsARepeatedIdOnce) {
  const Result run = quire({"delete", db_, "2401.00001", "2401.00001"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_EQ(run.out, "deleted 1, not found 0\n");
}

TEST_F(CliTest, StatsJsonCountsDocuments) {
  const Result run = quire({"stats", db_, "--json"});
  ASSERT_EQ(run.status, 0) << run;
  simdjson::dom::parser parser;
  const simdjson::dom::element root = parse_json(parser, run.out);
  EXPECT_EQ(root["documents"].get_uint64().value(), test_papers().size());
  EXPECT_GT(root["disk_bytes"].get_uint64().value(), 0u);
  EXPECT_GE(root["revision"].get_uint64().value(), 1u);
  EXPECT_GE(root["schema_version"].get_int64().value(), 1);
  EXPECT_FALSE(root["analyzer"].get_string().value().empty());
  EXPECT_FALSE(root["path"].get_string().value().empty());

  ASSERT_EQ(quire({"delete", db_, "2401.00001"}).status, 0);
  const Result after = quire({"stats", db_, "--json"});
  simdjson::dom::parser parser2;
  EXPECT_EQ(parse_json(parser2, after.out)["documents"].get_uint64().value(),
            test_papers().size() - 1);
}

TEST_F(CliTest, StatsTextNamesTheCount) {
  const Result run = quire({"stats", db_});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(std::regex_search(run.out, std::regex("(^|\n)documents +7\n"))) << run;
}

TEST(CliEscaping, JsonOutputRoundTripsAwkwardText) {
  TempDir dir;
  const std::string file = dir.file("odd.jsonl");
  // In JSON source form: a quote, a backslash, a tab, a BEL control
  // character, accented letters and an emoji as a surrogate pair.
  write_file(file,
             R"({"id": "odd-1", "title": "Quote \" backslash \\ tab \t bell \u0007 )"
             R"(\u00e9t\u00e9 \ud83d\ude00", "authors": ["Zo\u00eb \u00dcnal"]})"
             "\n");
  ASSERT_EQ(quire({"index", dir.file("db"), file}).status, 0);
  const Result run = quire({"get", dir.file("db"), "odd-1", "--json"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(contains(run.out, R"(\u0007)")) << run;
  simdjson::dom::parser parser;
  const simdjson::dom::element root = parse_json(parser, run.out);
  EXPECT_EQ(root["title"].get_string().value(),
            "Quote \" backslash \\ tab \t bell \x07 \xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(strings(root["authors"]), std::vector<std::string>{"Zo\xC3\xAB \xC3\x9Cnal"});
}

// ---------------------------------------------------------------------------
// Usage and errors

TEST_F(CliTest, BadUsageExitsWithTwo) {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"frobnicate"},
      {"search", db_},
      {"search", db_, "x", "--filter", "bogus:x"},
      {"search", db_, "x", "--filter", "category"},
      {"search", db_, "x", "--filter", "venue:"},
      {"search", db_, "x", "--limit", "abc"},
      {"search", db_, "x", "--limit", "-1"},
      {"search", db_, "x", "--offset", "1.5"},
      {"search", db_, "x", "--from", "2024-13"},
      {"search", db_, "x", "--from", "2023-02-29"},
      {"search", db_, "x", "--to", "24"},
      {"search", db_, "x", "--to", "2024/01"},
      {"search", db_, "x", "--sort", "random"},
      {"search", db_, "x", "--facet", "colour"},
      {"search", db_, "x", "--no-such-option"},
      {"search", db_, "x", "extra"},
      {"index", db_},
      {"index", db_, papers_, "--batch", "0"},
      {"get", db_},
      {"delete", db_},
      {"stats"},
  };
  for (const auto& args : cases) {
    const Result run = quire(args);
    std::string line;
    for (const std::string& arg : args) line += " " + arg;
    EXPECT_EQ(run.status, 2) << "quire" << line << "\n" << run;
    EXPECT_TRUE(starts_with(run.err, "quire: ")) << "quire" << line << "\n" << run;
    EXPECT_EQ(run.out, "") << "quire" << line;
  }
}

TEST_F(CliTest, UsageErrorsSayWhatIsWrong) {
  const Result filter = quire({"search", db_, "x", "--filter", "bogus:x"});
  EXPECT_TRUE(contains(filter.err, "bogus")) << filter;
  const Result date = quire({"search", db_, "x", "--from", "2024-13"});
  EXPECT_TRUE(contains(date.err, "2024-13")) << date;
}

TEST_F(CliTest, LeapDaysAreDates) {
  EXPECT_EQ(search("", {"--from", "2024-02-29"}).ids(), std::vector<std::string>{"2404.00006"});
}

TEST(CliErrors, OpeningAMissingIndexIsARuntimeErrorAndCreatesNothing) {
  TempDir dir;
  const std::string missing = dir.file("missing");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"search", missing, "x"}, {"get", missing, "x"},
        {"stats", missing}, {"delete", missing, "x"}}) {
    const Result run = quire(args);
    EXPECT_EQ(run.status, 1) << args[0] << "\n" << run;
    EXPECT_TRUE(starts_with(run.err, "quire: ")) << args[0] << "\n" << run;
    EXPECT_GT(run.err.size(), std::string("quire: \n").size()) << args[0];
    EXPECT_EQ(run.out, "") << args[0];
  }
  EXPECT_FALSE(fs::exists(missing));
}

TEST(CliHelp, EverySubcommandHasHelp) {
  const std::vector<std::pair<std::string, std::string>> commands = {
      {"", "search"},          {"index", "--batch"}, {"search", "--filter"},
      {"get", "--json"},       {"delete", "ID"},     {"stats", "--json"},
  };
  for (const auto& [command, mention] : commands) {
    std::vector<std::string> args;
    if (!command.empty()) args.push_back(command);
    args.push_back("--help");
    const Result run = quire(args);
    EXPECT_EQ(run.status, 0) << command << "\n" << run;
    EXPECT_TRUE(contains(run.out, "Usage")) << command << "\n" << run;
    EXPECT_TRUE(contains(run.out, mention)) << command << "\n" << run;
  }
}

TEST(CliVersion, PrintsTheLibraryVersion) {
  const Result run = quire({"--version"});
  EXPECT_EQ(run.status, 0) << run;
  EXPECT_EQ(run.out, std::string("quire ") + QUIRE_VERSION_STRING + "\n");
}

// ---------------------------------------------------------------------------
// The shipped sample and the embedding example

TEST(CliSample, IndexesTheShippedSampleAndFindsAttention) {
  const std::string sample = quire::testing::source_dir() + "/examples/data/sample.jsonl";
  if (!fs::exists(sample)) GTEST_SKIP() << sample << " is not there yet";
  TempDir dir;
  const Result index = quire({"index", dir.file("db"), sample});
  ASSERT_EQ(index.status, 0) << index;
  std::smatch counts;
  ASSERT_TRUE(std::regex_match(index.out, counts, kSummary)) << index;
  EXPECT_GT(std::stoull(counts[1]), 0u);
  EXPECT_EQ(counts[3], "0") << "the shipped sample has bad records:\n" << index.err;

  const Result run = quire({"search", dir.file("db"), "attention", "--json"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_GE(parse_search(run).total, 1u);
}

TEST(MinimalExample, IndexesTwoPapersAndFindsOne) {
  TempDir dir;
  const Result run = run_program(QUIRE_MINIMAL_EXAMPLE_PATH, {dir.file("db")});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(starts_with(run.out, "1 result(s) for \"attention\"\n")) << run;
  EXPECT_TRUE(contains(run.out, "1706.03762  Attention Is All You Need\n")) << run;
}

}  // namespace

namespace {

// A judged collection in BEIR layout with one relevant paper per query.
void write_eval_collection(const TempDir& dir) {
  write_file(dir.file("corpus.jsonl"),
             "{\"_id\": \"1\", \"title\": \"Quasar lensing\", \"text\": \"Time delays.\"}\n"
             "{\"_id\": \"2\", \"title\": \"Protein folding\", \"text\": \"Folding kinetics.\"}\n"
             "{\"_id\": \"3\", \"title\": \"Coral reefs\", \"text\": \"Reef fish and lensing.\"}\n");
  write_file(dir.file("queries.jsonl"),
             "{\"_id\": \"a\", \"text\": \"lensing of quasars\"}\n"
             "{\"_id\": \"b\", \"text\": \"protein folding\"}\n");
  fs::create_directories(dir.file("qrels"));
  write_file(dir.file("qrels/test.tsv"), "query-id\tcorpus-id\tscore\na\t1\t1\nb\t2\t1\n");
}

TEST(CliEval, PrintsTheFourMeasuresAsOneJsonObject) {
  TempDir dir;
  write_eval_collection(dir);
  const Result run = quire({"eval", dir.path(), "--json", "--run", dir.file("out.run")});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(run.err.empty()) << run;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(run.out).get(doc)) << run;
  EXPECT_EQ(uint64_t(doc["queries"]), 2u);
  // Each query's one relevant paper comes first.
  EXPECT_DOUBLE_EQ(double(doc["ndcg_at_10"]), 1.0);
  EXPECT_DOUBLE_EQ(double(doc["map_at_100"]), 1.0);
  EXPECT_DOUBLE_EQ(double(doc["recall_at_100"]), 1.0);
  EXPECT_DOUBLE_EQ(double(doc["mrr_at_10"]), 1.0);
  simdjson::dom::element unused;
  EXPECT_TRUE(doc["per_query"].get(unused)) << "per-query output only when asked";
  // The run file is what trec_eval reads: "qid Q0 docid rank score tag".
  const std::string lines = read_file(dir.file("out.run"));
  EXPECT_TRUE(starts_with(lines, "a Q0 1 1 ")) << lines;
  EXPECT_TRUE(contains(lines, "\nb Q0 2 1 ")) << lines;
}

TEST(CliEval, PerQueryAndRankingOptions) {
  TempDir dir;
  write_eval_collection(dir);
  const Result run = quire({"eval", dir.path(), "--per-query", "--k1", "0.9", "--b", "0.4"});
  ASSERT_EQ(run.status, 0) << run;
  EXPECT_TRUE(contains(run.out, "query\trelevant\tretrieved\tndcg@10")) << run;
  EXPECT_TRUE(contains(run.out, "\na\t1\t")) << run;
  EXPECT_TRUE(contains(run.out, "nDCG@10     1.0000")) << run;
  EXPECT_TRUE(contains(run.out, "2 judged queries")) << run;
}

TEST(CliEval, AMissingCollectionIsARuntimeErrorThatSaysWhatIsMissing) {
  TempDir dir;
  fs::create_directories(dir.file("qrels"));
  const Result run = quire({"eval", dir.path()});
  EXPECT_EQ(run.status, 1) << run;
  EXPECT_TRUE(contains(run.err, "test.tsv is missing")) << run;
  const Result bad = quire({"eval", dir.path(), "--b", "2"});
  EXPECT_EQ(bad.status, 2) << bad;
}

}  // namespace
