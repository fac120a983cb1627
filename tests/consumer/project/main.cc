// Built against an installed quire, with find_package and with pkg-config:
// opens an index, adds papers, searches, and checks what comes back.
#include <quire/quire.h>

#include <cstdio>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer INDEX_DIR\n");
    return 2;
  }
  if (std::strcmp(quire::version(), QUIRE_VERSION_STRING) != 0) {
    std::fprintf(stderr, "header %s, library %s\n", QUIRE_VERSION_STRING, quire::version());
    return 1;
  }
  try {
    quire::Index index = quire::Index::open(argv[1]);
    quire::Paper paper;
    paper.id = "1706.03762";
    paper.title = "Attention Is All You Need";
    paper.authors = {"Ashish Vaswani", "Noam Shazeer"};
    paper.categories = {"cs.CL"};
    paper.date = "2017-06-12";
    index.add(paper);
    paper.id = "1512.03385";
    paper.title = "Deep Residual Learning for Image Recognition";
    paper.authors = {"Kaiming He"};
    paper.categories = {"cs.CV"};
    index.add(paper);
    index.commit();

    quire::SearchRequest request;
    request.query = "attention";
    quire::SearchResults results = index.search(request);
    if (results.total != 1 || results.hits.at(0).id != "1706.03762") {
      std::fprintf(stderr, "unexpected results: total %llu\n",
                   static_cast<unsigned long long>(results.total));
      return 1;
    }
    try {
      quire::Index::open(argv[1]);
      std::fprintf(stderr, "a second writer was allowed\n");
      return 1;
    } catch (const quire::Error& e) {
      if (e.code() != quire::ErrorCode::locked) {
        std::fprintf(stderr, "second writer: %s\n", e.what());
        return 1;
      }
    }
  } catch (const quire::Error& e) {
    std::fprintf(stderr, "quire error (%s): %s\n", quire::error_code_name(e.code()), e.what());
    return 1;
  }
  std::printf("consumer ok with quire %s\n", quire::version());
  return 0;
}
