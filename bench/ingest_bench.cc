// Parse-only throughput of each input reader on the shared data, and the
// share of JSON Lines indexing time that goes to parsing.
//
//   ingest_bench [--shared DIR] [--repeat N] [--no-index] [--index-limit N]
//
// For each format it reads every record of the shared files through
// PaperReader (decompression, parsing, field limits; no index) and reports
// MB/s of decoded text and records/s. arXiv's snapshot format has no
// shared file: one is written from the canonical corpus, record for record,
// in the snapshot's schema. Then it imports papers.jsonl.zst into a
// temporary index and reports parse time / import time.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "quire/quire.h"

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Run {
  std::uint64_t records = 0;
  std::uint64_t rejected = 0;
  std::uint64_t stored_bytes = 0;
  double seconds = 0;
};

// Reads every record of `files` `repeat` times.
Run parse(const std::vector<std::string>& files, quire::InputFormat format, int repeat) {
  Run run;
  const auto start = Clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& file : files) {
      quire::ReaderOptions options;
      options.format = format;
      options.listing_year = 2025;
      auto reader = quire::PaperReader::open(file, options);
      quire::Paper paper;
      while (reader.next(paper)) {
      }
      run.records += reader.records_read();
      run.rejected += reader.records_rejected();
      run.stored_bytes += reader.bytes_read();
    }
  }
  run.seconds = seconds_since(start);
  return run;
}

// Decoded bytes of `files` (decompressing .zst/.gz with the tools).
std::uint64_t decoded_bytes(const std::vector<std::string>& files) {
  std::uint64_t total = 0;
  for (const std::string& file : files) {
    std::string command;
    if (file.size() > 4 && file.compare(file.size() - 4, 4, ".zst") == 0) {
      command = "zstd -dc '" + file + "' | wc -c";
    } else if (file.size() > 3 && file.compare(file.size() - 3, 3, ".gz") == 0) {
      command = "gzip -dc '" + file + "' | wc -c";
    } else {
      total += fs::file_size(file);
      continue;
    }
    FILE* pipe = popen(command.c_str(), "r");
    unsigned long long bytes = 0;
    if (pipe && std::fscanf(pipe, "%llu", &bytes) == 1) total += bytes;
    if (pipe) pclose(pipe);
  }
  return total;
}

void append_json(std::string& out, const std::string& text) {
  out.push_back('"');
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
          out += buffer;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

// Writes the canonical corpus in arXiv's snapshot schema.
std::uint64_t write_snapshot(const std::string& corpus, const std::string& out_path) {
  auto reader = quire::PaperReader::open(corpus, quire::InputFormat::jsonl);
  std::ofstream out(out_path, std::ios::binary);
  quire::Paper paper;
  std::string line;
  std::uint64_t count = 0;
  while (reader.next(paper)) {
    line = "{\"id\":";
    append_json(line, paper.id);
    line += ",\"submitter\":";
    append_json(line, paper.authors.empty() ? "" : paper.authors[0]);
    std::string authors;
    for (std::size_t i = 0; i < paper.authors.size(); ++i) {
      if (i) authors += ", ";
      authors += paper.authors[i];
    }
    line += ",\"authors\":";
    append_json(line, authors);
    line += ",\"title\":";
    append_json(line, paper.title);
    line += ",\"comments\":null,\"journal-ref\":null,\"doi\":null,\"report-no\":null";
    std::string categories;
    for (const std::string& category : paper.categories) {
      if (!categories.empty()) categories += ' ';
      categories += category;
    }
    line += ",\"categories\":";
    append_json(line, categories);
    line += ",\"license\":null,\"abstract\":";
    append_json(line, paper.abstract);
    line += ",\"versions\":[{\"version\":\"v1\",\"created\":\"Mon, 2 Apr 2007 19:18:42 GMT\"},"
            "{\"version\":\"v2\",\"created\":\"Tue, 24 Jul 2007 20:10:27 GMT\"}]";
    line += ",\"update_date\":\"2008-11-13\",\"authors_parsed\":[";
    for (std::size_t i = 0; i < paper.authors.size(); ++i) {
      const std::string& name = paper.authors[i];
      const std::size_t space = name.rfind(' ');
      if (i) line += ',';
      line += '[';
      append_json(line, space == std::string::npos ? name : name.substr(space + 1));
      line += ',';
      append_json(line, space == std::string::npos ? "" : name.substr(0, space));
      line += ",\"\"]";
    }
    line += "]}\n";
    out << line;
    ++count;
  }
  return count;
}

std::vector<std::string> files_in(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string path = entry.path().string();
    if (path.size() >= suffix.size() &&
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void print_row(const char* name, const Run& run, std::uint64_t decoded, int repeat) {
  const double mb = static_cast<double>(decoded) * repeat / 1e6;
  std::printf("%-11s %9llu %8llu %9.1f %9.1f %11.0f %8.2f\n", name,
              static_cast<unsigned long long>(run.records),
              static_cast<unsigned long long>(run.rejected), mb,
              mb / run.seconds, static_cast<double>(run.records) / run.seconds, run.seconds);
}

}  // namespace

int main(int argc, char** argv) {
  // Rows appear as they are measured, also when redirected to a file.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::string shared = "../shared";
  int repeat_small = 200;
  bool index = true;
  std::uint64_t index_limit = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--shared" && i + 1 < argc) {
      shared = argv[++i];
    } else if (arg == "--repeat" && i + 1 < argc) {
      repeat_small = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--no-index") {
      index = false;
    } else if (arg == "--index-limit" && i + 1 < argc) {
      index_limit = std::strtoull(argv[++i], nullptr, 10);
    } else {
      std::cerr << "usage: ingest_bench [--shared DIR] [--repeat N] [--no-index] "
                   "[--index-limit N]\n";
      return 2;
    }
  }
  const std::string corpus = shared + "/corpora/papers.jsonl.zst";
  if (!fs::exists(corpus)) {
    std::cerr << "ingest_bench: " << corpus << " not found; give --shared DIR\n";
    return 1;
  }
  const std::string scratch = (fs::temp_directory_path() / ("quire-ingest-bench-" + std::to_string(getpid()))).string();
  fs::create_directories(scratch);

  struct Reader {
    const char* name;
    quire::InputFormat format;
    std::vector<std::string> files;
    int repeat;
  };
  std::vector<Reader> readers = {
      {"jsonl", quire::InputFormat::jsonl, {corpus}, 1},
      {"oai", quire::InputFormat::oai, files_in(shared + "/corpora/raw/arxiv-oai", ".xml.zst"), 1},
      {"arxiv-json", quire::InputFormat::arxiv_json, {}, 1},
      {"bibtex", quire::InputFormat::bibtex, files_in(shared + "/corpora/raw/bibtex", ".bib.zst"), 3},
      {"listing", quire::InputFormat::listing, files_in(shared + "/seeds", ".txt"), repeat_small},
  };
  const std::string snapshot = scratch + "/arxiv-snapshot.json";
  std::cerr << "writing " << write_snapshot(corpus, snapshot) << " records in the snapshot schema\n";
  readers[2].files = {snapshot};
  // The corpus decompressed as well, to tell parsing from zstd.
  const std::string plain = scratch + "/papers.jsonl";
  if (std::system(("zstd -qdc '" + corpus + "' > '" + plain + "'").c_str()) == 0) {
    readers.insert(readers.begin() + 1, {"jsonl-plain", quire::InputFormat::jsonl, {plain}, 1});
  }

  std::printf("%-11s %9s %8s %9s %9s %11s %8s\n", "reader", "records", "rejected", "MB", "MB/s",
              "records/s", "seconds");
  double jsonl_parse_seconds = 0;
  for (const Reader& reader : readers) {
    if (reader.files.empty()) {
      std::printf("%-11s (no files)\n", reader.name);
      continue;
    }
    parse(reader.files, reader.format, 1);  // warm the page cache
    const Run run = parse(reader.files, reader.format, reader.repeat);
    print_row(reader.name, run, decoded_bytes(reader.files), reader.repeat);
    // The import below reads the stored (compressed) corpus.
    if (std::string(reader.name) == "jsonl") jsonl_parse_seconds = run.seconds;
  }

  if (index) {
    std::string input = corpus;
    if (index_limit > 0) {
      // A slice of the corpus, as plain JSON Lines.
      input = scratch + "/slice.jsonl";
      std::string command = "zstd -dc '" + corpus + "' | head -n " + std::to_string(index_limit) +
                            " > '" + input + "'";
      if (std::system(command.c_str()) != 0) return 1;
      jsonl_parse_seconds = parse({input}, quire::InputFormat::jsonl, 1).seconds;
    }
    quire::Index db = quire::Index::open(scratch + "/index");
    quire::ImportOptions options;
    options.format = quire::InputFormat::jsonl;
    const quire::ImportSummary summary = quire::import_file(db, input, options);
    std::printf("\njsonl import: %llu papers in %.2f s (%.0f papers/s); parsing %.2f s = %.1f%% of it\n",
                static_cast<unsigned long long>(summary.added), summary.seconds,
                static_cast<double>(summary.added) / summary.seconds, jsonl_parse_seconds,
                100.0 * jsonl_parse_seconds / summary.seconds);
  }
  std::error_code ignored;
  fs::remove_all(scratch, ignored);
  return 0;
}
