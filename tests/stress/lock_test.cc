// One writer per index across processes: a second process that opens the
// index for writing gets ErrorCode::locked, and the lock goes with the
// process that held it, however that process ends.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "quire/quire.h"
#include "support/test_support.h"

namespace {

using quire::testing::TempDir;

quire::Paper paper(const std::string& id, const std::string& title) {
  quire::Paper p;
  p.id = id;
  p.title = title;
  p.date = "2017";
  return p;
}

// Reads everything the other end writes until it closes.
std::string read_all(int fd) {
  std::string text;
  char buffer[512];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

void expect_locked_message(const std::string& message, const std::string& path) {
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("another writer"), std::string::npos) << message;
  EXPECT_NE(message.find("read-only"), std::string::npos)
      << "the message should say what to do: " << message;
}

// This process writes; a child process tries to open the same index for
// writing and reports what it got.
TEST(Locking, SecondProcessOpeningForWritingGetsLocked) {
  TempDir dir;
  auto writer = quire::Index::open(dir.path());
  writer.add(paper("1706.03762", "Attention Is All You Need"));
  writer.commit();

  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    std::string report;
    int status = 0;
    try {
      quire::Index::open(dir.path());
      report = "opened";
      status = 10;
    } catch (const quire::Error& e) {
      report = std::string(quire::error_code_name(e.code())) + "\n" + e.what();
    }
    if (write(fds[1], report.data(), report.size()) < 0) status = 11;
    _exit(status);
  }
  close(fds[1]);
  std::string report = read_all(fds[0]);
  close(fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0) << report;

  std::string code = report.substr(0, report.find('\n'));
  EXPECT_EQ(code, "locked") << report;
  expect_locked_message(report, dir.path());

  // The refused open left this writer's lock and data alone.
  writer.add(paper("1512.03385", "Deep Residual Learning"));
  writer.commit();
  EXPECT_EQ(writer.stats().documents, 2u);
}

// A child process holds the write lock; this process is refused, can still
// read, and gets the lock once the holder is killed.
TEST(Locking, LockHeldByAnotherProcessIsFreedWhenItIsKilled) {
  TempDir dir;
  {
    auto index = quire::Index::open(dir.path());
    index.add(paper("1706.03762", "Attention Is All You Need"));
    index.commit();
  }
  int ready[2], hold[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(hold), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(ready[0]);
    close(hold[1]);
    try {
      auto index = quire::Index::open(dir.path());
      // Uncommitted work in progress when the kill comes.
      index.add(paper("pending", "Never committed"));
      if (write(ready[1], "R", 1) != 1) _exit(2);
      char c;
      while (read(hold[0], &c, 1) > 0) {
      }
    } catch (const quire::Error& e) {
      std::fprintf(stderr, "lock holder: %s\n", e.what());
      _exit(1);
    }
    _exit(0);
  }
  close(ready[1]);
  close(hold[0]);
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1) << "the child could not open the index";
  close(ready[0]);

  try {
    quire::Index::open(dir.path());
    ADD_FAILURE() << "opened for writing while another process holds the lock";
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::locked) << e.what();
    expect_locked_message(e.what(), dir.path());
  }
  auto reader = quire::Index::open(dir.path(), {quire::OpenMode::read_only});
  EXPECT_EQ(reader.stats().documents, 1u);

  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  close(hold[1]);
  ASSERT_TRUE(WIFSIGNALED(status));

  auto writer = quire::Index::open(dir.path());
  EXPECT_EQ(writer.stats().documents, 1u);
  EXPECT_FALSE(writer.get("pending").has_value());
  writer.add(paper("after", "Written after the holder died"));
  writer.commit();
  EXPECT_EQ(reader.stats().documents, 2u);
}

}  // namespace
