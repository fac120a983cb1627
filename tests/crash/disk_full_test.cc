// Disk full: an import into a small filesystem that fills up must end with
// ErrorCode::io and leave the index at its last commit, whole.
#include <sys/mount.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "crash/checks.h"
#include "quire/quire.h"
#include "support/test_support.h"

namespace {

using quire::testing::TempDir;

// A tmpfs of `megabytes` mounted on a folder for the life of the object.
class SmallFilesystem {
 public:
  SmallFilesystem(const std::string& dir, int megabytes) : dir_(dir) {
    std::string options = "size=" + std::to_string(megabytes) + "m";
    if (mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0)
      mounted_ = true;
    else
      error_ = std::strerror(errno);
  }
  ~SmallFilesystem() {
    if (mounted_) umount2(dir_.c_str(), MNT_DETACH);
  }
  SmallFilesystem(const SmallFilesystem&) = delete;
  SmallFilesystem& operator=(const SmallFilesystem&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  std::string dir_;
  bool mounted_ = false;
  std::string error_;
};

// Papers of random words from a large made-up vocabulary: many distinct
// terms, so the index grows fast. Plain ASCII, so the JSON needs no escapes.
std::vector<quire::Paper> made_up_papers(std::size_t count) {
  std::mt19937 random(20240611);
  std::uniform_int_distribution<int> letter('a', 'z');
  std::uniform_int_distribution<int> length(3, 10);
  std::vector<std::string> vocabulary(30000);
  for (auto& word : vocabulary) {
    int n = length(random);
    for (int i = 0; i < n; ++i) word.push_back(static_cast<char>(letter(random)));
  }
  std::uniform_int_distribution<std::size_t> pick(0, vocabulary.size() - 1);
  auto words = [&](int n) {
    std::string text;
    for (int i = 0; i < n; ++i) text += (i ? " " : "") + vocabulary[pick(random)];
    return text;
  };
  std::vector<quire::Paper> papers(count);
  for (std::size_t i = 0; i < count; ++i) {
    quire::Paper& p = papers[i];
    p.id = "full-" + std::to_string(i);
    p.title = words(8);
    p.abstract = words(160);
    p.authors = {words(2), words(2), words(2)};
    p.categories = {i % 3 ? "cs.LG" : "stat.ML"};
    p.date = std::to_string(1990 + i % 35) + "-0" + std::to_string(1 + i % 9);
    p.venue = i % 2 ? "NeurIPS" : "ICML";
  }
  return papers;
}

std::string to_jsonl(const std::vector<quire::Paper>& papers) {
  auto list = [](const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", \"" : "\"") + items[i] + "\"";
    return out + "]";
  };
  std::ostringstream out;
  for (const auto& p : papers)
    out << "{\"id\": \"" << p.id << "\", \"title\": \"" << p.title << "\", \"abstract\": \""
        << p.abstract << "\", \"authors\": " << list(p.authors)
        << ", \"categories\": " << list(p.categories) << ", \"date\": \"" << p.date
        << "\", \"venue\": \"" << p.venue << "\"}\n";
  return out.str();
}

TEST(DiskFull, ImportEndsWithIoErrorAndTheIndexStaysAtItsLastCommit) {
  if (geteuid() != 0)
    GTEST_SKIP() << "mounting a small tmpfs to fill needs root; run as root (CI does)";
  TempDir inputs;
  TempDir mount_point;
  SmallFilesystem filesystem(mount_point.path(), 8);
  if (!filesystem.mounted())
    GTEST_SKIP() << "this machine refuses to mount a tmpfs (" << filesystem.error()
                 << "); the disk-full test needs a filesystem it can fill";

  std::vector<quire::Paper> papers = made_up_papers(20000);
  std::string input = inputs.file("papers.jsonl");
  quire::testing::write_file(input, to_jsonl(papers));
  // Room set aside, freed after the failure to show that the index can go
  // on once the disk has space again.
  std::string reserve = mount_point.file("reserve");
  quire::testing::write_file(reserve, std::string(2 << 20, 'r'));

  std::string path = mount_point.file("index");
  std::uint64_t committed = 0;
  std::optional<quire::Error> failure;
  {
    auto index = quire::Index::open(path);
    quire::ImportOptions options;
    options.batch_size = 200;
    options.on_progress = [&](std::uint64_t papers_read, std::uint64_t) {
      committed = papers_read;
    };
    try {
      quire::import_file(index, input, options);
    } catch (const quire::Error& e) {
      failure = e;
    }
    ASSERT_TRUE(failure.has_value()) << "20000 papers fitted into 8 MB";
    EXPECT_EQ(failure->code(), quire::ErrorCode::io) << failure->what();
    std::string message = failure->what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("No space left on device"), std::string::npos) << message;
    // Regression: the message was Xapian's alone ("Error writing block
    // 102"); it must say what the failure means for the caller's papers.
    EXPECT_NE(message.find("disk is full"), std::string::npos) << message;
    EXPECT_NE(message.find("still at its last commit"), std::string::npos) << message;
    ASSERT_GT(committed, 0u) << "the disk filled before the first commit";
    std::cout << "the disk filled after " << committed << " committed papers: " << message
              << "\n";

    // The handle that failed still reads the last commit.
    EXPECT_EQ(index.search({}).total, committed);
  }

  auto index = quire::Index::open(path);
  EXPECT_EQ(index.stats().documents, committed);
  for (std::size_t i = 0; i < papers.size(); ++i) {
    auto stored = index.get(papers[i].id);
    if (i >= committed) {
      ASSERT_FALSE(stored) << papers[i].id << " was never committed";
      continue;
    }
    ASSERT_TRUE(stored) << papers[i].id << " was committed but is missing";
    ASSERT_EQ(quire::testing::paper_difference(papers[i], *stored), "") << papers[i].id;
  }
  EXPECT_EQ(quire::testing::xapian_check(path), "");

  ASSERT_EQ(unlink(reserve.c_str()), 0);
  quire::Paper more = papers[committed];
  index.add(more);
  index.commit();
  EXPECT_EQ(index.stats().documents, committed + 1);
  EXPECT_EQ(quire::testing::paper_difference(more, *index.get(more.id)), "");
}

// Regression: Xapian drops every change since the last commit when a write
// fails, so after add() failed on a full disk, a commit() through the same
// handle reported success while the papers added before the failure were
// gone. commit() must say that they were lost, and leave the index at its
// last commit and usable.
TEST(DiskFull, CommitAfterAFailedAddReportsTheLostChanges) {
  if (geteuid() != 0) GTEST_SKIP() << "mounting a small tmpfs to fill needs root";
  TempDir mount_point;
  SmallFilesystem filesystem(mount_point.path(), 8);
  if (!filesystem.mounted())
    GTEST_SKIP() << "this machine refuses to mount a tmpfs (" << filesystem.error() << ")";
  std::vector<quire::Paper> papers = made_up_papers(20000);
  std::string reserve = mount_point.file("reserve");
  // Enough for the copy-on-write of one commit once it is freed.
  quire::testing::write_file(reserve, std::string(3 << 20, 'r'));
  std::string path = mount_point.file("index");

  auto index = quire::Index::open(path);
  constexpr std::size_t kCommitted = 100;
  for (std::size_t i = 0; i < kCommitted; ++i) index.add(papers[i]);
  index.commit();
  // No commit from here on, so the disk fills inside add().
  std::size_t next = kCommitted;
  try {
    for (; next < papers.size(); ++next) index.add(papers[next]);
    FAIL() << "20000 papers fitted into 8 MB";
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::io) << e.what();
  }
  ASSERT_GT(next, kCommitted + 1) << "the disk filled on the first uncommitted paper";

  ASSERT_EQ(unlink(reserve.c_str()), 0);
  try {
    index.commit();
    ADD_FAILURE() << "commit() reported success although papers " << kCommitted << " to "
                  << next - 1 << " were lost with the failed write";
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::io) << e.what();
    EXPECT_NE(std::string(e.what()).find("last commit"), std::string::npos) << e.what();
  }
  EXPECT_EQ(index.stats().documents, kCommitted);
  EXPECT_FALSE(index.get(papers[kCommitted].id).has_value());

  // Once reported, the handle goes on from the last commit.
  index.add(papers[kCommitted]);
  index.commit();
  EXPECT_EQ(index.stats().documents, kCommitted + 1);
  for (std::size_t i = 0; i <= kCommitted; ++i)
    ASSERT_EQ(quire::testing::paper_difference(papers[i], *index.get(papers[i].id)), "");
  EXPECT_EQ(quire::testing::xapian_check(path), "");
}

}  // namespace
