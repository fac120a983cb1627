#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/arxiv_json_reader.h"
#include "ingest/ingest_test_util.h"
#include "ingest/reader_test_util.h"
#include "quire/import.h"
#include "support/test_support.h"

namespace quire {
namespace {

using testing::extra;
using testing::issues_text;
using testing::read_text;
using testing::TempDir;

// Records as arXiv's snapshot writes them (its schema is public; these
// follow it key for key).
const char kFirst[] =
    R"({"id":"0704.0001","submitter":"Pavel Nadolsky","authors":"C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan","title":"Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies","comments":"37 pages, 15 figures; published version","journal-ref":"Phys.Rev.D76:013009,2007","doi":"10.1103/PhysRevD.76.013009","report-no":"ANL-HEP-PR-07-12","categories":"hep-ph","license":null,"abstract":"  A fully differential calculation in perturbative quantum chromodynamics is\npresented for the production of massive photon pairs at hadron colliders.\n","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"},{"version":"v2","created":"Tue, 24 Jul 2007 20:10:27 GMT"}],"update_date":"2008-11-13","authors_parsed":[["Bal\u00e1zs","C.",""],["Berger","E. L.",""],["Nadolsky","P. M.",""],["Yuan","C. -P.",""]]})";
const char kOldStyle[] =
    R"J({"id":"hep-th/9901001","submitter":"A","authors":"J. M. Maldacena and A. Strominger (Harvard)","title":"AdS3 black holes","comments":null,"journal-ref":null,"doi":null,"report-no":null,"categories":"hep-th gr-qc","license":null,"abstract":"We study.","versions":[],"update_date":"2009-10-31"})J";

TEST(ArxivJsonReader, MapsEverySnapshotField) {
  TempDir dir;
  const auto result = read_text(dir, "snap.json", std::string(kFirst) + "\n" + kOldStyle + "\n",
                                InputFormat::arxiv_json);
  ASSERT_EQ(result.papers.size(), 2u) << issues_text(result.errors);
  const Paper& paper = result.papers[0];
  EXPECT_EQ(paper.id, "0704.0001");
  EXPECT_EQ(paper.title,
            "Calculation of prompt diphoton production cross sections at Tevatron and LHC "
            "energies");
  EXPECT_EQ(paper.abstract,
            "A fully differential calculation in perturbative quantum chromodynamics is "
            "presented for the production of massive photon pairs at hadron colliders.");
  EXPECT_EQ(paper.authors, (std::vector<std::string>{"C. Balázs", "E. L. Berger",
                                                     "P. M. Nadolsky", "C. -P. Yuan"}));
  EXPECT_EQ(paper.categories, std::vector<std::string>{"hep-ph"});
  EXPECT_EQ(paper.date, "2007-04-02") << "the first version's date";
  EXPECT_EQ(extra(paper, "version"), "v2") << "the latest version";
  EXPECT_EQ(extra(paper, "versions"),
            R"([{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"},{"version":"v2","created":"Tue, 24 Jul 2007 20:10:27 GMT"}])");
  EXPECT_EQ(extra(paper, "updated"), "2008-11-13");
  EXPECT_EQ(extra(paper, "journal_ref"), "Phys.Rev.D76:013009,2007");
  EXPECT_EQ(extra(paper, "doi"), "10.1103/PhysRevD.76.013009");
  EXPECT_EQ(extra(paper, "report_no"), "ANL-HEP-PR-07-12");
  EXPECT_EQ(extra(paper, "comment"), "37 pages, 15 figures; published version");
  EXPECT_EQ(extra(paper, "submitter"), "Pavel Nadolsky");
  EXPECT_EQ(extra(paper, "license"), "<none>") << "null means absent";
  EXPECT_EQ(extra(paper, "source"), "arxiv");

  const Paper& old = result.papers[1];
  EXPECT_EQ(old.id, "hep-th/9901001");
  // No authors_parsed: the string is split, affiliations dropped.
  EXPECT_EQ(old.authors, (std::vector<std::string>{"J. M. Maldacena", "A. Strominger"}));
  EXPECT_EQ(old.categories, (std::vector<std::string>{"hep-th", "gr-qc"}));
  EXPECT_EQ(old.date, "1999-01") << "no version dates: the month in the id";
}

TEST(ArxivJsonReader, AuthorNamesAreLatexDecoded) {
  EXPECT_EQ(ingest::arxiv_author_name("Sch\\\"olkopf", "Bernhard", ""), "Bernhard Schölkopf");
  EXPECT_EQ(ingest::arxiv_author_name("King", "Martin", "Jr"), "Martin King Jr");
  EXPECT_EQ(ingest::split_arxiv_authors("A. Smith (1), B. M\\\"uller ((1) MIT) and C. Lee"),
            (std::vector<std::string>{"A. Smith", "B. Müller", "C. Lee"}));
  EXPECT_EQ(ingest::date_from_arxiv_id("2403.12345"), "2024-03");
  EXPECT_EQ(ingest::date_from_arxiv_id("math.AG/0601001"), "2006-01");
  EXPECT_EQ(ingest::date_from_arxiv_id("p42"), "");
}

TEST(ArxivJsonReader, AVersionedIdKeepsItsVersionApart) {
  TempDir dir;
  const auto result = read_text(
      dir, "snap.json", R"({"id":"2403.12345v2","title":"T","authors_parsed":[["Ek","Bo",""]]})" "\n",
      InputFormat::arxiv_json);
  ASSERT_EQ(result.papers.size(), 1u);
  EXPECT_EQ(result.papers[0].id, "2403.12345");
  EXPECT_EQ(extra(result.papers[0], "version"), "v2");
  EXPECT_EQ(result.papers[0].date, "2024-03");
}

TEST(ArxivJsonReader, BadRecordsAreReportedWithLineAndFieldAndSkipped) {
  TempDir dir;
  const std::string good = std::string(kFirst) + "\n";
  const std::string text =
      good +                                                                     // 1
      R"({"id":"0704.0002","title":42})" "\n" +                                  // 2
      R"({"title":"no id"})" "\n" +                                              // 3
      R"({"id":"0704.0003","title":"T","authors_parsed":"Smith"})" "\n" +        // 4
      R"({"id":"0704.0004","title":"T","versions":{"v1":1}})" "\n" +             // 5
      R"({"id":"0704.0005","title":"T","categories":7})" "\n" +                  // 6
      "{\"id\":\"0704.0006\",\"title\":\"caf\xe9\"}\n" +                         // 7
      std::string("{\"id\":\"0704.0007\",\"title\":\"a") + '\0' + "b\"}\n" +       // 8
      R"({"id":"0704.0008","title":"T","authors_parsed":[["A",5]]})" "\n" +      // 9
      "[1,2]\n" +                                                                // 10
      good +                                                                     // 11
      R"({"id":"0704.0009","title":"cut sh)";                                    // 12
  const auto result = read_text(dir, "snap.json", text, InputFormat::arxiv_json);
  EXPECT_EQ(result.papers.size(), 2u);
  struct Expected {
    std::uint64_t line;
    const char* field;
    const char* part;
  };
  const Expected expected[] = {
      {2, "title", "must be a string"}, {3, "id", "missing"},
      {4, "authors_parsed", "list"},    {5, "versions", "list"},
      {6, "categories", "space-separated"}, {7, "", "invalid UTF-8"},
      {8, "", "NUL"},                   {9, "authors_parsed", "strings"},
      {10, "", "one JSON object"},      {12, "", "truncated"}};
  ASSERT_EQ(result.errors.size(), std::size(expected)) << issues_text(result.errors);
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    SCOPED_TRACE(to_string(result.errors[i]));
    EXPECT_EQ(result.errors[i].line, expected[i].line);
    EXPECT_EQ(result.errors[i].field, expected[i].field);
    EXPECT_NE(result.errors[i].reason.find(expected[i].part), std::string::npos);
  }
}

TEST(ArxivJsonReader, OverLongFieldsAreCutWithWarnings) {
  TempDir dir;
  std::string authors = "[";
  for (int i = 0; i < 10005; ++i) authors += std::string(i ? "," : "") + R"(["A","B",""])";
  authors += "]";
  const std::string line = R"({"id":"2401.00001","title":")" + std::string(70000, 't') +
                           R"(","abstract":")" + std::string((1 << 20) + 10, 'a') +
                           R"(","authors_parsed":)" + authors + "}\n";
  const auto result = read_text(dir, "snap.json.gz", testing::gzip_member(line),
                                InputFormat::arxiv_json);
  ASSERT_EQ(result.papers.size(), 1u);
  EXPECT_EQ(result.papers[0].title.size(), 65536u);
  EXPECT_EQ(result.papers[0].abstract.size(), 1u << 20);
  EXPECT_EQ(result.papers[0].authors.size(), 10000u);
  std::vector<std::string> fields;
  for (const auto& warning : result.warnings) fields.push_back(warning.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "abstract", "authors"}));
}

TEST(ArxivJsonReader, IsRecognisedByItsKeys) {
  TempDir dir;
  testing::write_file(dir.file("arxiv-metadata-oai-snapshot.json"), std::string(kFirst) + "\n");
  EXPECT_EQ(detect_input_format(dir.file("arxiv-metadata-oai-snapshot.json")),
            InputFormat::arxiv_json);
  testing::write_file(dir.file("canonical.json"),
                      R"({"id":"a","title":"T","versions":"kept as an extra"})" "\n");
  EXPECT_EQ(detect_input_format(dir.file("canonical.json")), InputFormat::jsonl);
}

}  // namespace
}  // namespace quire
