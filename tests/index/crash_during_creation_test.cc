// Regression: a process killed while Xapian was creating a new index (the
// crash test hit it 98 ms into a run) leaves the table files but no version
// file. Nothing was ever committed there, yet every later read-write open
// failed with "no index at ...", even with create_if_missing, so the host
// application could never open its index again without deleting the folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "quire/quire.h"
#include "support/test_support.h"

namespace {

using quire::testing::TempDir;

// What the folder held after that crash: an empty lock file, empty table
// files, and the version file still under its temporary name.
void leave_interrupted_creation(const std::string& dir) {
  for (const char* name : {"flintlock", "postlist.glass", "termlist.glass"})
    quire::testing::write_file(dir + "/" + name, "");
  quire::testing::write_file(dir + "/v.tmp", std::string(77, '\0'));
}

TEST(IndexRegression, FolderLeftByACrashDuringCreationOpensAsANewIndex) {
  TempDir dir;
  leave_interrupted_creation(dir.path());

  // Nothing was committed: to a reader there is no index yet.
  try {
    quire::Index::open(dir.path(), {quire::OpenMode::read_only});
    FAIL() << "opened read-only a folder where no commit was ever made";
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::not_found) << e.what();
  }
  try {
    quire::Index::open(dir.path(), {quire::OpenMode::read_write, false});
    FAIL() << "created an index although create_if_missing was false";
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::not_found) << e.what();
  }

  {
    auto index = quire::Index::open(dir.path());
    EXPECT_EQ(index.stats().documents, 0u);
    quire::Paper paper;
    paper.id = "1706.03762";
    paper.title = "Attention Is All You Need";
    index.add(paper);
    index.commit();
  }
  auto reader = quire::Index::open(dir.path(), {quire::OpenMode::read_only});
  EXPECT_EQ(reader.stats().documents, 1u);
  EXPECT_TRUE(reader.get("1706.03762").has_value());
}

// A folder with a committed index is never taken for an interrupted one.
TEST(IndexRegression, CommittedIndexIsNeverRecreated) {
  TempDir dir;
  {
    auto index = quire::Index::open(dir.path());
    quire::Paper paper;
    paper.id = "kept";
    paper.title = "Kept";
    index.add(paper);
    index.commit();
  }
  std::filesystem::remove(dir.file("termlist.glass"));
  try {
    quire::Index::open(dir.path());
    FAIL() << "opened an index with a table missing";
  } catch (const quire::Error& e) {
    EXPECT_NE(e.code(), quire::ErrorCode::not_found) << e.what();
  }
  EXPECT_TRUE(std::filesystem::exists(dir.file("iamglass")));
  EXPECT_TRUE(std::filesystem::exists(dir.file("postlist.glass")));
}

}  // namespace
