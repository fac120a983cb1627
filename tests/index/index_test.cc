#include <xapian.h>

#include <gtest/gtest.h>

#include <string>

#include "analysis/analyzer.h"
#include "index/document.h"
#include "index/schema.h"
#include "quire/quire.h"
#include "support/test_support.h"

namespace {

using quire::testing::TempDir;

quire::Paper full_paper() {
  quire::Paper p;
  p.id = "2403.12345";
  p.title = "Kernel Methods for Schölkopf Spaces — a Study";
  p.abstract = "We study kernels. 深度学习 and $\\alpha$-divergences.";
  p.authors = {"Bernhard Schölkopf", "Alexander J. Smola", "李 明"};
  p.categories = {"cs.LG", "stat.ML"};
  p.date = "2024-03-18";
  p.venue = "NeurIPS";
  p.extra = {{"doi", "10.1000/xyz"}, {"keywords", "[\"a\",\"b\"]"}};
  return p;
}

void expect_same(const quire::Paper& a, const quire::Paper& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.abstract, b.abstract);
  EXPECT_EQ(a.authors, b.authors);
  EXPECT_EQ(a.categories, b.categories);
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.venue, b.venue);
  EXPECT_EQ(a.extra, b.extra);
}

TEST(Index, EveryFieldRoundTripsAndPersistsAcrossReopen) {
  TempDir dir;
  quire::Paper paper = full_paper();
  {
    auto index = quire::Index::open(dir.path());
    EXPECT_EQ(index.add(paper), quire::AddOutcome::added);
    index.commit();
    auto got = index.get(paper.id);
    ASSERT_TRUE(got.has_value());
    expect_same(*got, paper);
  }
  auto reopened = quire::Index::open(dir.path(), {quire::OpenMode::read_only});
  auto got = reopened.get(paper.id);
  ASSERT_TRUE(got.has_value());
  expect_same(*got, paper);
  EXPECT_EQ(reopened.stats().documents, 1u);
  EXPECT_FALSE(reopened.get("2403.99999").has_value());
}

TEST(Index, AddingAnExistingIdReplacesIt) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  quire::Paper paper = full_paper();
  EXPECT_EQ(index.add(paper), quire::AddOutcome::added);
  index.commit();
  paper.title = "A Different Title";
  EXPECT_EQ(index.add(paper), quire::AddOutcome::replaced);
  // A second add before the commit replaces the pending one as well.
  paper.title = "The Final Title";
  EXPECT_EQ(index.add(paper), quire::AddOutcome::replaced);
  index.commit();
  EXPECT_EQ(index.stats().documents, 1u);
  EXPECT_EQ(index.get(paper.id)->title, "The Final Title");

  quire::SearchRequest old_words;
  old_words.query = "spaces";
  EXPECT_EQ(index.search(old_words).total, 0u);
  quire::SearchRequest new_words;
  new_words.query = "final";
  EXPECT_EQ(index.search(new_words).total, 1u);
}

TEST(Index, RemoveDeletesById) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  quire::Paper a = full_paper(), b = full_paper();
  b.id = "other";
  index.add(a);
  index.add(b);
  index.commit();
  EXPECT_TRUE(index.remove(a.id));
  EXPECT_FALSE(index.remove("never-added"));
  index.commit();
  EXPECT_FALSE(index.get(a.id).has_value());
  EXPECT_TRUE(index.get(b.id).has_value());
  EXPECT_EQ(index.stats().documents, 1u);
  quire::SearchRequest all;
  EXPECT_EQ(index.search(all).total, 1u);
}

TEST(Index, UncommittedChangesAreInvisibleAndCanBeDiscarded) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  index.add(full_paper());
  EXPECT_FALSE(index.get(full_paper().id).has_value());
  EXPECT_EQ(index.search({}).total, 0u);
  index.discard();
  index.commit();
  EXPECT_EQ(index.stats().documents, 0u);

  index.add(full_paper());
  index.commit();
  EXPECT_TRUE(index.get(full_paper().id).has_value());
}

TEST(Index, ClosingWithoutCommitKeepsTheLastCommit) {
  TempDir dir;
  {
    auto index = quire::Index::open(dir.path());
    index.add(full_paper());
    index.commit();
    quire::Paper other = full_paper();
    other.id = "pending";
    index.add(other);
  }
  auto index = quire::Index::open(dir.path());
  EXPECT_EQ(index.stats().documents, 1u);
  EXPECT_FALSE(index.get("pending").has_value());
}

TEST(Index, RejectsUnusablePapersNamingTheField) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  auto expect_invalid = [&](quire::Paper p, const std::string& field) {
    try {
      index.add(p);
      FAIL() << "accepted a paper with a bad " << field;
    } catch (const quire::Error& e) {
      EXPECT_EQ(e.code(), quire::ErrorCode::invalid_argument);
      EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    }
  };
  quire::Paper p = full_paper();
  p.id = "";
  expect_invalid(p, "id");
  p.id = "a\nb";
  expect_invalid(p, "id");
  p.id = std::string(5000, 'x');
  expect_invalid(p, "id");
  p = full_paper();
  p.date = "2024-13";
  expect_invalid(p, "date");
  p.date = "March 2024";
  expect_invalid(p, "date");
  index.commit();
  EXPECT_EQ(index.stats().documents, 0u);
}

TEST(Index, ValuesLongerThanXapianTermLimitIndexAndFilter) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  std::string long_id = "doi:10.5555/" + std::string(400, 'a');
  std::string venue_a = "Proceedings of the " + std::string(300, 'x') + " Workshop A";
  std::string venue_b = "Proceedings of the " + std::string(300, 'x') + " Workshop B";
  std::string long_author = "Bartholomew " + std::string(260, 'q') + "son";
  quire::Paper a = full_paper();
  a.id = long_id;
  a.venue = venue_a;
  a.authors = {long_author};
  quire::Paper b = full_paper();
  b.id = long_id + "b";
  b.venue = venue_b;
  index.add(a);
  index.add(b);
  index.commit();

  ASSERT_TRUE(index.get(long_id).has_value());
  EXPECT_EQ(index.get(long_id)->venue, venue_a);
  EXPECT_EQ(index.get(long_id + "b")->venue, venue_b);

  quire::SearchRequest by_venue;
  by_venue.filters = {{quire::FilterField::venue, venue_b}};
  auto results = index.search(by_venue);
  ASSERT_EQ(results.total, 1u);
  EXPECT_EQ(results.hits[0].id, long_id + "b");

  quire::SearchRequest by_author;
  by_author.filters = {{quire::FilterField::author, long_author}};
  results = index.search(by_author);
  ASSERT_EQ(results.total, 1u);
  EXPECT_EQ(results.hits[0].id, long_id);
}

TEST(Index, SecondWriterIsLockedWhileReadersOpen) {
  TempDir dir;
  auto writer = quire::Index::open(dir.path());
  writer.add(full_paper());
  writer.commit();
  try {
    quire::Index::open(dir.path());
    FAIL() << "a second writer was allowed";
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::locked);
    EXPECT_NE(std::string(e.what()).find(dir.path()), std::string::npos);
  }
  auto reader = quire::Index::open(dir.path(), {quire::OpenMode::read_only});
  EXPECT_EQ(reader.stats().documents, 1u);
  try {
    reader.add(full_paper());
    FAIL() << "a read-only handle accepted a write";
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::read_only);
  }
}

TEST(Index, CreatesMissingParentFolders) {
  TempDir dir;
  const std::string nested = dir.file("a/b/papers.quire");
  auto index = quire::Index::open(nested);
  index.add(full_paper());
  index.commit();
  EXPECT_EQ(quire::Index::open(nested, {quire::OpenMode::read_only}).stats().documents, 1u);
}

TEST(Index, MissingIndexIsNotFound) {
  TempDir dir;
  for (auto options : {quire::OpenOptions{quire::OpenMode::read_only, true},
                       quire::OpenOptions{quire::OpenMode::read_write, false}}) {
    try {
      quire::Index::open(dir.file("absent"), options);
      FAIL() << "opened a missing index";
    } catch (const quire::Error& e) {
      EXPECT_EQ(e.code(), quire::ErrorCode::not_found) << e.what();
    }
  }
}

TEST(Index, AnotherSchemaVersionIsIncompatible) {
  TempDir dir;
  { quire::Index::open(dir.path()).commit(); }
  {
    Xapian::WritableDatabase db(dir.path());
    db.set_metadata(quire::schema::kMetaSchema, "999");
    db.commit();
  }
  for (auto mode : {quire::OpenMode::read_write, quire::OpenMode::read_only}) {
    try {
      quire::Index::open(dir.path(), {mode});
      FAIL() << "opened an index of another schema version";
    } catch (const quire::Error& e) {
      EXPECT_EQ(e.code(), quire::ErrorCode::incompatible);
      EXPECT_NE(std::string(e.what()).find("999"), std::string::npos) << e.what();
    }
  }
}

TEST(Index, ForeignXapianDatabaseIsIncompatible) {
  TempDir dir;
  {
    Xapian::WritableDatabase db(dir.path(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("hello");
    db.add_document(doc);
    db.commit();
  }
  try {
    quire::Index::open(dir.path());
    FAIL() << "opened a database quire did not write";
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::incompatible);
  }
}

TEST(Index, StatsReportAnalyzerAndGrowingRevision) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  auto before = index.stats();
  index.add(full_paper());
  index.commit();
  auto after = index.stats();
  EXPECT_GT(after.revision, before.revision);
  EXPECT_EQ(after.documents, 1u);
  EXPECT_EQ(after.schema_version, quire::schema::kVersion);
  EXPECT_NE(after.analyzer.find("stemmer=english"), std::string::npos) << after.analyzer;
  EXPECT_GT(after.disk_bytes, 0u);
}

TEST(Version, RuntimeMatchesHeader) {
  EXPECT_STREQ(quire::version(), QUIRE_VERSION_STRING);
  EXPECT_EQ(quire::version_major(), QUIRE_VERSION_MAJOR);
}

}  // namespace

namespace {

// The wdf of `term` in `doc`, 0 when the document lacks it.
Xapian::termcount wdf_of(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
}

TEST(Encoding, TitleAndAbstractStemsFormOneTextWithTheTitleCountedThrice) {
  quire::Paper p;
  p.id = "x";
  p.title = "Kernels of kernel machines";
  p.abstract = "Machines learn; a kernel helps.";
  p.authors = {"Ada Kernel"};
  const quire::analysis::Analyzer analyzer;
  std::vector<quire::analysis::Token> scratch;
  const Xapian::Document doc = quire::index::encode(p, analyzer, scratch);
  namespace prefix = quire::schema::prefix;
  auto text = [](const std::string& stem) { return quire::schema::term(prefix::kTextStem, stem); };
  // Two title occurrences of "kernel" (3 each) and one in the abstract.
  EXPECT_EQ(wdf_of(doc, text("kernel")), 2 * quire::schema::kTitleRepeat + 1);
  EXPECT_EQ(wdf_of(doc, text("machin")), quire::schema::kTitleRepeat + 1);
  EXPECT_EQ(wdf_of(doc, text("learn")), 1u);
  // Each field keeps its own stems for title: and abstract: searches.
  EXPECT_EQ(wdf_of(doc, quire::schema::term(prefix::kTitleStem, "kernel")), 2u);
  EXPECT_EQ(wdf_of(doc, quire::schema::term(prefix::kAbstractStem, "kernel")), 1u);
  // Author names are not part of the text.
  EXPECT_EQ(wdf_of(doc, text("ada")), 0u);
}

}  // namespace
