#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/reader_test_util.h"
#include "quire/error.h"
#include "quire/import.h"
#include "quire/index.h"
#include "support/test_support.h"

namespace quire {
namespace {

using testing::extra;
using testing::TempDir;
using testing::write_file;

ImportSummary import_text(Index& index, const TempDir& dir, const std::string& name,
                          const std::string& text, ImportOptions options = {},
                          std::vector<ImportIssue>* issues = nullptr) {
  write_file(dir.file(name), text);
  if (issues) options.on_issue = [issues](const ImportIssue& issue) { issues->push_back(issue); };
  return import_file(index, dir.file(name), options);
}

TEST(ImportVersions, TheLatestVersionWinsWhateverTheOrder) {
  TempDir dir;
  Index index = Index::open(dir.file("db"));
  const auto summary = import_text(index, dir, "p.jsonl",
                                   R"({"id": "2403.12345v2", "title": "Second"})" "\n"
                                   R"({"id": "2403.12345v1", "title": "First"})" "\n"
                                   R"({"id": "2403.12345v3", "title": "Third"})" "\n");
  EXPECT_EQ(summary.added, 1u);
  EXPECT_EQ(summary.replaced, 1u);
  EXPECT_EQ(summary.superseded, 1u);
  const auto paper = index.get("2403.12345");
  ASSERT_TRUE(paper.has_value());
  EXPECT_EQ(paper->title, "Third");
  EXPECT_EQ(extra(*paper, "version"), "v3");
  EXPECT_EQ(extra(*paper, "versions"), R"(["v2","v3"])");
  EXPECT_FALSE(index.get("2403.12345v2").has_value());

  // A later import of an older version does not replace the stored one.
  const auto again = import_text(index, dir, "old.jsonl",
                                 R"({"id": "2403.12345v1", "title": "First"})" "\n");
  EXPECT_EQ(again.superseded, 1u);
  EXPECT_EQ(again.added + again.replaced, 0u);
  EXPECT_EQ(index.get("2403.12345")->title, "Third");
}

TEST(ImportWarnings, AreCountedAndNeverStopAStrictImport) {
  TempDir dir;
  Index index = Index::open(dir.file("db"));
  ImportOptions options;
  options.strict = true;
  std::vector<ImportIssue> issues;
  const std::string big = std::string(70000, 'x');
  const auto summary = import_text(index, dir, "p.jsonl",
                                   R"({"id": "a", "title": ")" + big + R"("})" "\n"
                                   R"({"id": "b", "title": "B", "authors": [")" +
                                       std::string(2000, 'n') + R"("]})" "\n",
                                   options, &issues);
  EXPECT_EQ(summary.added, 2u);
  EXPECT_EQ(summary.warnings, 2u);
  EXPECT_EQ(summary.rejected, 0u);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].severity, IssueSeverity::warning);
  EXPECT_EQ(to_string(issues[0]).find(dir.file("p.jsonl") + ":1: warning: field title: "), 0u)
      << to_string(issues[0]);
  EXPECT_EQ(issues[1].line, 2u);
  EXPECT_EQ(issues[1].field, "authors");
  EXPECT_EQ(index.get("a")->title.size(), 65536u);
  EXPECT_EQ(index.get("b")->authors[0].size(), 1024u);
}

TEST(ImportFormats, AutoDetectsEachFormatByContent) {
  TempDir dir;
  Index index = Index::open(dir.file("db"));
  // Names that say nothing: the content decides.
  auto summary = import_text(index, dir, "refs.data",
                             "% refs\n@article{k1, title={A BibTeX Paper}, year={2020}}\n");
  EXPECT_EQ(summary.format, InputFormat::bibtex);
  EXPECT_EQ(summary.added, 1u);
  summary = import_text(index, dir, "page.data",
                        "<?xml version=\"1.0\"?><OAI-PMH><ListRecords><record><header>"
                        "<identifier>oai:arXiv.org:2401.00001</identifier></header><metadata>"
                        "<arXiv><id>2401.00001</id><title>An OAI Paper</title></arXiv>"
                        "</metadata></record></ListRecords></OAI-PMH>\n");
  EXPECT_EQ(summary.format, InputFormat::oai);
  EXPECT_EQ(summary.added, 1u);
  summary = import_text(index, dir, "list.data",
                        "Someone\n\nLGMay 2, 2024\nA Listed Paper\n\nAnn Bee\n\nText.\n");
  EXPECT_EQ(summary.format, InputFormat::listing);
  EXPECT_EQ(summary.added, 1u);
  summary = import_text(index, dir, "snap.data",
                        R"({"id":"2402.00001","title":"A Snapshot Paper","authors_parsed":[]})" "\n");
  EXPECT_EQ(summary.format, InputFormat::arxiv_json);
  EXPECT_EQ(index.stats().documents, 4u);
  EXPECT_TRUE(index.get("k1").has_value());
  EXPECT_TRUE(index.get("2401.00001").has_value());
  EXPECT_TRUE(index.get("2402.00001").has_value());
}

const char kAbstract[] =
    "Mixture-of-experts (MoE) models enable scalable transformer architectures by activating "
    "only a subset of experts per token. We introduce adaptive inverted-index routing for MoE "
    "(AIR-MoE), an inverted-index-inspired routing architecture based on vector quantization.";

TEST(ImportListingMerge, AnAbstractOnlyRecordJoinsThePaperItBelongsTo) {
  TempDir dir;
  Index index = Index::open(dir.file("db"));
  // The full paper, and a decoy sharing the first words but not the rest.
  import_text(index, dir, "papers.jsonl",
              std::string(R"({"id": "2501.00001", "title": "AIR-MoE: Inverted-Index Routing", )"
                          R"("abstract": ")") + kAbstract + R"(", "authors": ["Ann Bee"]})" "\n" +
                  R"({"id": "2501.00002", "title": "Other", "abstract": "Mixture-of-experts (MoE) )"
                  R"(models enable scalable transformer architectures by activating only a )"
                  R"(subset of experts per token. Something else entirely."})" "\n");
  ASSERT_EQ(index.stats().documents, 2u);

  // Spacing and markup differ from the stored abstract: still the same text.
  const std::string listing = std::string("MPI-IS\nAbstract:") +
                              "Mixture-of-experts  (MoE)\nmodels enable scalable transformer "
                              "architectures by activating only a subset of experts per token. "
                              "We introduce adaptive inverted-index routing for MoE (AIR-MoE), an "
                              "inverted-index-inspired routing architecture based on vector "
                              "quantization.\n"
                              "Abstract:A paper nobody has indexed. It has two sentences.\n";
  const auto summary = import_text(index, dir, "inst.txt", listing);
  EXPECT_EQ(summary.merged, 1u);
  EXPECT_EQ(summary.added, 1u);
  EXPECT_EQ(index.stats().documents, 3u);
  const auto paper = index.get("2501.00001");
  ASSERT_TRUE(paper.has_value());
  EXPECT_EQ(paper->title, "AIR-MoE: Inverted-Index Routing") << "the paper keeps its own fields";
  EXPECT_EQ(extra(*paper, "listing"), "MPI-IS");
  EXPECT_EQ(extra(*paper, "title_derived"), "<none>");
  EXPECT_EQ(extra(*index.get("2501.00002"), "listing"), "<none>");

  SearchRequest request;
  request.query = "\"nobody has indexed\"";
  const auto results = index.search(request);
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(results.hits[0].paper.title, "A paper nobody has indexed");
  EXPECT_EQ(extra(results.hits[0].paper, "title_derived"), "true");

  // Importing the listing again changes nothing.
  const auto again = import_text(index, dir, "inst.txt", listing);
  EXPECT_EQ(again.merged, 1u);
  EXPECT_EQ(again.replaced, 1u);
  EXPECT_EQ(index.stats().documents, 3u);
}

TEST(ImportListingMerge, AnUnmatchedRecordIsMergedOnceItsPaperArrives) {
  TempDir dir;
  Index index = Index::open(dir.file("db"));
  const std::string listing = std::string("MPI-IS\nAbstract:") + kAbstract + "\n";
  EXPECT_EQ(import_text(index, dir, "inst.txt", listing).added, 1u);
  import_text(index, dir, "papers.jsonl",
              std::string(R"({"id": "2501.00001", "title": "AIR-MoE", "abstract": ")") +
                  kAbstract + R"("})" "\n");
  ASSERT_EQ(index.stats().documents, 2u);
  const auto summary = import_text(index, dir, "inst.txt", listing);
  EXPECT_EQ(summary.merged, 1u);
  EXPECT_EQ(index.stats().documents, 1u) << "the stand-in record made earlier is gone";
  EXPECT_EQ(extra(*index.get("2501.00001"), "listing"), "MPI-IS");
}

TEST(ImportStrict, StopsAtTheFirstBadRecordOfAnyFormat) {
  TempDir dir;
  Index index = Index::open(dir.file("db"));
  ImportOptions options;
  options.strict = true;
  write_file(dir.file("b.bib"),
             "@article{one, title={One}}\n@article{two, author={X}}\n@article{three, title={T}}\n");
  try {
    import_file(index, dir.file("b.bib"), options);
    FAIL() << "a strict import must stop";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::parse);
    EXPECT_NE(std::string(error.what()).find("b.bib:2: field title"), std::string::npos)
        << error.what();
  }
  EXPECT_TRUE(index.get("one").has_value()) << "what came before is committed";
  EXPECT_FALSE(index.get("three").has_value());
}

TEST(ImportFormats, NamesRoundTrip) {
  for (InputFormat format : {InputFormat::jsonl, InputFormat::oai, InputFormat::arxiv_json,
                             InputFormat::bibtex, InputFormat::listing, InputFormat::automatic}) {
    EXPECT_EQ(input_format_from_name(input_format_name(format)), format);
  }
  EXPECT_EQ(std::string(input_format_name(InputFormat::arxiv_json)), "arxiv-json");
  EXPECT_EQ(std::string(input_format_name(InputFormat::automatic)), "auto");
  EXPECT_FALSE(input_format_from_name("xml").has_value());
}

TEST(ImportFormats, DetectionPrefersContentAndFallsBackOnTheName) {
  TempDir dir;
  auto detect = [&](const std::string& name, const std::string& text) {
    write_file(dir.file(name), text);
    return detect_input_format(dir.file(name));
  };
  EXPECT_EQ(detect("a.txt", "{\"id\": \"x\", \"title\": \"T\"}\n"), InputFormat::jsonl);
  EXPECT_EQ(detect("a.jsonl", "\xEF\xBB\xBF  <?xml version=\"1.0\"?><OAI-PMH/>"), InputFormat::oai);
  EXPECT_EQ(detect("a.json", "Some notes\n@inproceedings {k,\n title={T}}\n"), InputFormat::bibtex);
  EXPECT_EQ(detect("a.xml", "Person\n\nLGMay 2, 2024\nTitle\n"), InputFormat::listing);
  EXPECT_EQ(detect("b.bib", "nothing to go on"), InputFormat::bibtex);
  EXPECT_EQ(detect("b.bib.gz", ""), InputFormat::bibtex);
  EXPECT_EQ(detect("b.txt", "nothing to go on"), InputFormat::listing);
  EXPECT_EQ(detect("b.unknown", "nothing to go on"), InputFormat::jsonl);
  EXPECT_EQ(detect("c.jsonl", "this is not json\n{\"id\": \"a\", \"title\": \"A\"}\n"),
            InputFormat::jsonl);
  EXPECT_EQ(detect("mail.txt", "write to me@example.org {soon}\n"), InputFormat::listing)
      << "an @ in prose is no BibTeX entry";
}

}  // namespace
}  // namespace quire
