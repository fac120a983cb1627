#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ingest/ingest_test_util.h"
#include "ingest/reader_test_util.h"
#include "quire/error.h"
#include "quire/import.h"
#include "support/test_support.h"

namespace quire {
namespace {

using testing::extra;
using testing::issues_text;
using testing::read_as;
using testing::read_text;
using testing::TempDir;

const char kHead[] =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<responseDate>2024-03-20T10:00:00Z</responseDate>
<request verb="ListRecords" metadataPrefix="arXiv">http://export.arxiv.org/oai2</request>
<ListRecords>
)";
const char kTail[] = "</ListRecords>\n</OAI-PMH>\n";

// One record in arXiv's format, with `inner` inside <arXiv>.
std::string record(const std::string& id, const std::string& inner,
                   const std::string& arxiv_attributes = "") {
  return "<record>\n<header>\n<identifier>oai:arXiv.org:" + id +
         "</identifier>\n<datestamp>2024-03-20</datestamp>\n<setSpec>cs</setSpec>\n</header>\n"
         "<metadata>\n<arXiv" + arxiv_attributes + ">\n<id>" + id + "</id>" + inner +
         "</arXiv>\n</metadata>\n</record>\n";
}

std::string simple(const std::string& id, const std::string& title) {
  return record(id, "<created>2024-03-18</created><authors><author><keyname>Ek</keyname>"
                    "<forenames>Bo</forenames></author></authors><title>" + title +
                    "</title><categories>cs.LG</categories><abstract>About " + title +
                    ".</abstract>");
}

TEST(OaiReader, MapsEveryArxivElement) {
  TempDir dir;
  const std::string text =
      std::string(kHead) +
      record("2403.12345",
             "<created>2024-03-18</created><updated>2024-04-02</updated>"
             "<authors><author><keyname>Schölkopf</keyname><forenames>Bernhard</forenames>"
             "<affiliation>MPI-IS</affiliation></author>"
             "<author><keyname>King</keyname><forenames>Martin L.</forenames><suffix>Jr</suffix>"
             "</author></authors>"
             "<title>Causal\n  Representation   Learning</title>"
             "<categories>cs.LG stat.ML</categories>"
             "<comments>12 pages</comments><report-no>TR-1</report-no>"
             "<journal-ref>Proc. IEEE 109 (2021)</journal-ref><doi>10.1109/JPROC.2021.3058954</doi>"
             "<msc-class>62H22</msc-class><acm-class>I.2.6</acm-class>"
             "<abstract>  We review\nthe &lt;causal&gt; view &amp; more.\n</abstract>") +
      kTail;
  const auto result = read_text(dir, "page.xml", text, InputFormat::oai);
  ASSERT_EQ(result.papers.size(), 1u) << issues_text(result.errors);
  const Paper& paper = result.papers[0];
  EXPECT_EQ(paper.id, "2403.12345");
  EXPECT_EQ(paper.title, "Causal Representation Learning");
  EXPECT_EQ(paper.abstract, "We review the <causal> view & more.");
  EXPECT_EQ(paper.authors, (std::vector<std::string>{"Bernhard Schölkopf", "Martin L. King Jr"}));
  EXPECT_EQ(paper.categories, (std::vector<std::string>{"cs.LG", "stat.ML"}));
  EXPECT_EQ(paper.date, "2024-03-18");
  EXPECT_EQ(paper.venue, "");
  EXPECT_EQ(extra(paper, "updated"), "2024-04-02");
  EXPECT_EQ(extra(paper, "comment"), "12 pages");
  EXPECT_EQ(extra(paper, "report_no"), "TR-1");
  EXPECT_EQ(extra(paper, "journal_ref"), "Proc. IEEE 109 (2021)");
  EXPECT_EQ(extra(paper, "doi"), "10.1109/JPROC.2021.3058954");
  EXPECT_EQ(extra(paper, "msc_class"), "62H22");
  EXPECT_EQ(extra(paper, "acm_class"), "I.2.6");
  EXPECT_EQ(extra(paper, "affiliations"), R"(["MPI-IS",""])");
  EXPECT_EQ(extra(paper, "source"), "arxiv");
  EXPECT_TRUE(result.errors.empty()) << issues_text(result.errors);
}

TEST(OaiReader, MatchesElementNamesInAnyNamespace) {
  TempDir dir;
  // arXiv's own namespace, no namespace (as the shared harvest), and an
  // OAI prefix on every element.
  const std::string text =
      std::string(kHead) + simple("2401.00001", "One") +
      record("2401.00002", "<title>Two</title>",
             " xmlns=\"http://arxiv.org/OAI/arXiv/\" xsi:schemaLocation=\"x y\"") +
      "<oai:record xmlns:oai=\"http://www.openarchives.org/OAI/2.0/\"><oai:header>"
      "<oai:identifier>oai:arXiv.org:2401.00003</oai:identifier></oai:header><oai:metadata>"
      "<a:arXiv xmlns:a=\"http://arxiv.org/OAI/arXiv/\"><a:id>2401.00003</a:id>"
      "<a:title>Three</a:title></a:arXiv></oai:metadata></oai:record>\n" +
      kTail;
  const auto result = read_text(dir, "page.xml", text, InputFormat::oai);
  ASSERT_EQ(result.papers.size(), 3u) << issues_text(result.errors);
  EXPECT_EQ(result.papers[1].title, "Two");
  EXPECT_EQ(result.papers[2].id, "2401.00003");
  EXPECT_EQ(result.papers[2].title, "Three");
  // No <created>: the month the id encodes.
  EXPECT_EQ(result.papers[2].date, "2024-01");
}

TEST(OaiReader, DeletedRecordsAreSkippedAndServerErrorsReported) {
  TempDir dir;
  const std::string deleted =
      "<record><header status=\"deleted\"><identifier>oai:arXiv.org:2401.00009</identifier>"
      "</header></record>\n";
  auto result = read_text(dir, "page.xml",
                          std::string(kHead) + simple("2401.00001", "One") + deleted + kTail,
                          InputFormat::oai);
  ASSERT_EQ(result.papers.size(), 1u);
  EXPECT_TRUE(result.errors.empty()) << issues_text(result.errors);

  result = read_text(dir, "error.xml",
                     "<?xml version=\"1.0\"?><OAI-PMH><error code=\"badResumptionToken\">The "
                     "token expired</error></OAI-PMH>",
                     InputFormat::oai);
  EXPECT_TRUE(result.papers.empty());
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].reason.find("badResumptionToken"), std::string::npos);
  EXPECT_NE(result.errors[0].reason.find("The token expired"), std::string::npos);
}

TEST(OaiReader, OtherMetadataFormatsAreReportedPerRecord) {
  TempDir dir;
  const std::string dc =
      "<record><header><identifier>oai:arXiv.org:2401.00005</identifier></header><metadata>"
      "<oai_dc:dc xmlns:oai_dc=\"x\"><dc:title xmlns:dc=\"y\">T</dc:title></oai_dc:dc>"
      "</metadata></record>\n";
  const auto result =
      read_text(dir, "page.xml", std::string(kHead) + dc + simple("2401.00001", "One") + kTail,
                InputFormat::oai);
  ASSERT_EQ(result.papers.size(), 1u);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].field, "metadata");
  EXPECT_NE(result.errors[0].reason.find("metadataPrefix=arXiv"), std::string::npos)
      << result.errors[0].reason;
}

TEST(OaiReader, MissingFieldsRejectTheRecordWithItsLine) {
  TempDir dir;
  const std::string text = std::string(kHead) + simple("2401.00001", "One") +
                           record("2401.00002", "<created>2024-01-02</created>") +
                           record("2401.00003", "<title>Bad date</title><created>2024-02-30</created>") +
                           simple("2401.00004", "Four") + kTail;
  const auto result = read_text(dir, "page.xml", text, InputFormat::oai);
  ASSERT_EQ(result.papers.size(), 2u);
  EXPECT_EQ(result.papers[1].id, "2401.00004");
  ASSERT_EQ(result.errors.size(), 2u) << issues_text(result.errors);
  EXPECT_EQ(result.errors[0].field, "title");
  EXPECT_EQ(result.errors[0].line,
            testing::line_of(text, "<record>\n<header>\n<identifier>oai:arXiv.org:2401.00002"));
  EXPECT_EQ(result.errors[0].file, dir.file("page.xml"));
  EXPECT_EQ(result.errors[1].field, "created");
  EXPECT_NE(result.errors[1].reason.find("2024-02-30"), std::string::npos);
}

TEST(OaiReader, AnXmlErrorSkipsOnlyItsRecord) {
  TempDir dir;
  for (const std::string& poison : {std::string("caf\xe9"), std::string("a\0b", 3),
                                    std::string("<unclosed>"), std::string("a & b")}) {
    SCOPED_TRACE(poison.size());
    const std::string text = std::string(kHead) + simple("2401.00001", "One") +
                             simple("2401.00002", poison) + simple("2401.00003", "Three") +
                             simple("2401.00004", "Four") + kTail;
    const auto result = read_text(dir, "page.xml", text, InputFormat::oai);
    std::vector<std::string> ids;
    for (const Paper& paper : result.papers) ids.push_back(paper.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"2401.00001", "2401.00003", "2401.00004"}));
    ASSERT_EQ(result.errors.size(), 1u) << issues_text(result.errors);
    EXPECT_EQ(result.errors[0].line, testing::line_of(text, "<record>\n<header>\n<identifier>oai:arXiv.org:2401.00002"))
        << "the bad record's first line";
    const std::string at_line =
        "XML error at line " + std::to_string(testing::line_of(text, "<id>2401.00002"));
    EXPECT_NE(result.errors[0].reason.find(at_line), std::string::npos)
        << result.errors[0].reason;
  }
}

TEST(OaiReader, LineNumbersStayRightAfterAnError) {
  TempDir dir;
  const std::string text = std::string(kHead) + simple("2401.00002", "caf\xe9") +
                           simple("2401.00003", "Three") +
                           record("2401.00004", "<created>2024-13-01</created><title>T</title>") +
                           kTail;
  const auto result = read_text(dir, "page.xml", text, InputFormat::oai);
  ASSERT_EQ(result.errors.size(), 2u) << issues_text(result.errors);
  EXPECT_EQ(result.errors[0].line, 6u);
  EXPECT_EQ(result.errors[1].line,
            testing::line_of(text, "<record>\n<header>\n<identifier>oai:arXiv.org:2401.00004"))
      << "counted across the resumed parse";
}

TEST(OaiReader, ATruncatedFileKeepsEveryWholeRecord) {
  TempDir dir;
  const std::string whole = std::string(kHead) + simple("2401.00001", "One") +
                            simple("2401.00002", "Two") + kTail;
  // Cut inside the second record.
  const std::string cut = whole.substr(0, whole.find("About Two"));
  auto result = read_text(dir, "cut.xml", cut, InputFormat::oai);
  ASSERT_EQ(result.papers.size(), 1u);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].reason.find("truncated"), std::string::npos) << result.errors[0].reason;
  EXPECT_EQ(result.errors[0].line,
            testing::line_of(cut, "<record>\n<header>\n<identifier>oai:arXiv.org:2401.00002"));

  // Cut between records: nothing is lost, but the file is still said to be cut.
  const std::string between = whole.substr(0, whole.find("</ListRecords>"));
  result = read_text(dir, "between.xml", between, InputFormat::oai);
  EXPECT_EQ(result.papers.size(), 2u);
  EXPECT_TRUE(result.errors.empty());
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].reason.find("truncated"), std::string::npos);

  // A compressed file cut short gives its records, then the corrupt error.
  const std::string zst = testing::zstd_frame(whole);
  testing::write_file(dir.file("cut.xml.zst"), zst.substr(0, zst.size() - 5));
  auto reader = PaperReader::open(dir.file("cut.xml.zst"));
  Paper paper;
  std::size_t count = 0;
  try {
    while (reader.next(paper)) ++count;
    ADD_FAILURE() << "a cut zstd stream must fail";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::corrupt);
  }
  EXPECT_LE(count, 2u);
}

TEST(OaiReader, EmptyAndNonXmlInput) {
  TempDir dir;
  auto result = read_text(dir, "empty.xml", "", InputFormat::oai);
  EXPECT_TRUE(result.papers.empty());
  EXPECT_TRUE(result.errors.empty());
  result = read_text(dir, "junk.xml", "not xml at all", InputFormat::oai);
  EXPECT_TRUE(result.papers.empty());
  ASSERT_EQ(result.errors.size(), 1u);
}

TEST(OaiReader, AMegabyteTitleIsCutWithAWarning) {
  TempDir dir;
  const std::string title(1 << 20, 'x');
  const auto result = read_text(dir, "big.xml",
                                std::string(kHead) + simple("2401.00001", title) + kTail,
                                InputFormat::oai);
  ASSERT_EQ(result.papers.size(), 1u);
  EXPECT_EQ(result.papers[0].title.size(), 64u << 10);
  EXPECT_EQ(result.papers[0].abstract.size(), 1u << 20) << "the abstract repeats the title";
  ASSERT_EQ(result.warnings.size(), 2u);
  EXPECT_EQ(result.warnings[0].field, "title");
  EXPECT_EQ(result.warnings[0].severity, IssueSeverity::warning);
  EXPECT_EQ(result.warnings[0].line, 6u);
  EXPECT_EQ(result.warnings[1].field, "abstract");
}

TEST(OaiReader, VersionedIdsLoseTheirVersion) {
  TempDir dir;
  const auto result = read_text(
      dir, "page.xml", std::string(kHead) + simple("2403.12345v3", "V") + kTail, InputFormat::oai);
  ASSERT_EQ(result.papers.size(), 1u);
  EXPECT_EQ(result.papers[0].id, "2403.12345");
  EXPECT_EQ(extra(result.papers[0], "version"), "v3");
}

// The shared harvest: 15 pages of 1,000 records each.
TEST(OaiReaderShared, ReadsEveryRecordOfTheHarvest) {
  QUIRE_SHARED_FILE(first, "corpora/raw/arxiv-oai/page-00.xml.zst");
  std::size_t total = 0;
  for (int page = 0; page < 15; ++page) {
    char name[64];
    std::snprintf(name, sizeof name, "/corpora/raw/arxiv-oai/page-%02d.xml.zst", page);
    const auto result = read_as(testing::shared_dir() + name, InputFormat::automatic);
    EXPECT_EQ(result.format, InputFormat::oai);
    EXPECT_EQ(result.papers.size(), 1000u) << name;
    EXPECT_TRUE(result.errors.empty()) << issues_text(result.errors);
    EXPECT_TRUE(result.warnings.empty()) << issues_text(result.warnings);
    total += result.papers.size();
  }
  EXPECT_EQ(total, 15000u);
}

TEST(OaiReaderShared, SpecificRecordsFieldByField) {
  QUIRE_SHARED_FILE(path, "corpora/raw/arxiv-oai/page-00.xml.zst");
  const auto result = read_as(path, InputFormat::oai);
  const Paper* first = result.find("0704.0001");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->title,
            "Calculation of prompt diphoton production cross sections at Tevatron and LHC "
            "energies");
  EXPECT_EQ(first->authors, (std::vector<std::string>{"C. Balázs", "E. L. Berger",
                                                      "P. M. Nadolsky", "C. -P. Yuan"}));
  EXPECT_EQ(first->categories, std::vector<std::string>{"hep-ph"});
  EXPECT_EQ(first->date, "2007-04-02");
  EXPECT_EQ(extra(*first, "updated"), "2007-07-24");
  EXPECT_EQ(extra(*first, "doi"), "10.1103/PhysRevD.76.013009");
  EXPECT_EQ(extra(*first, "journal_ref"), "Phys.Rev.D76:013009,2007");
  EXPECT_EQ(extra(*first, "report_no"), "ANL-HEP-PR-07-12");
  EXPECT_EQ(extra(*first, "comment"), "37 pages, 15 figures; published version");
  EXPECT_EQ(first->abstract.substr(0, 60),
            "A fully differential calculation in perturbative quantum chr");

  const Paper* belle = result.find("0704.1000");
  ASSERT_NE(belle, nullptr);
  EXPECT_EQ(belle->title, "Measurement of D0-D0bar mixing in D0->Ks pi+ pi- decays");
  EXPECT_EQ(belle->authors,
            (std::vector<std::string>{"L. M. Zhang", "for the Belle Collaboration"}));
}

// The canonical corpus holds the same 2007 records, converted elsewhere:
// the reader must agree with it on every field both have.
TEST(OaiReaderShared, AgreesWithTheCanonicalCorpus) {
  QUIRE_SHARED_FILE(path, "corpora/raw/arxiv-oai/page-03.xml.zst");
  QUIRE_REQUIRE_SHARED_CORPUS();
  const auto result = read_as(path, InputFormat::oai);
  std::map<std::string, Paper> wanted;
  for (const Paper& paper : result.papers) wanted[paper.id] = paper;
  auto reader = PaperReader::open(testing::shared_corpus(), InputFormat::jsonl);
  Paper corpus;
  std::size_t compared = 0;
  while (reader.next(corpus) && compared < wanted.size()) {
    const auto found = wanted.find(corpus.id);
    if (found == wanted.end()) continue;
    ++compared;
    const Paper& ours = found->second;
    SCOPED_TRACE(corpus.id);
    EXPECT_EQ(ours.title, corpus.title);
    EXPECT_EQ(ours.abstract, corpus.abstract);
    // The corpus dropped name suffixes (Jr, III); the reader keeps them.
    ASSERT_EQ(ours.authors.size(), corpus.authors.size());
    for (std::size_t i = 0; i < ours.authors.size(); ++i) {
      EXPECT_EQ(ours.authors[i].substr(0, corpus.authors[i].size()), corpus.authors[i]);
    }
    EXPECT_EQ(ours.categories, corpus.categories);
    EXPECT_EQ(ours.date, corpus.date);
    EXPECT_EQ(extra(ours, "doi"), extra(corpus, "doi"));
    EXPECT_EQ(extra(ours, "journal_ref"), extra(corpus, "journal_ref"));
  }
  EXPECT_EQ(compared, 1000u);
}

}  // namespace
}  // namespace quire
