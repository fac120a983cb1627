// The smallest useful program on top of quire: open (or create) an index in
// the folder named on the command line, add two papers, commit, search.
#include <quire/quire.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " FOLDER\n";
    return 2;
  }
  try {
    quire::Index index = quire::Index::open(argv[1]);

    quire::Paper paper;
    paper.id = "1706.03762";
    paper.title = "Attention Is All You Need";
    paper.abstract = "A network architecture based solely on attention mechanisms.";
    paper.authors = {"Ashish Vaswani", "Noam Shazeer", "Niki Parmar"};
    paper.categories = {"cs.CL", "cs.LG"};
    paper.date = "2017-06-12";
    index.add(paper);

    paper = quire::Paper();
    paper.id = "1512.03385";
    paper.title = "Deep Residual Learning for Image Recognition";
    paper.authors = {"Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"};
    paper.categories = {"cs.CV"};
    paper.date = "2015-12-10";
    index.add(paper);

    // Nothing is searchable, or durable, before the commit.
    index.commit();

    quire::SearchRequest request;
    request.query = "attention";
    const quire::SearchResults results = index.search(request);
    std::cout << results.total << " result(s) for \"" << request.query << "\"\n";
    for (const quire::Hit& hit : results.hits) {
      std::cout << hit.id << "  " << hit.paper.title << "\n    " << hit.snippet << '\n';
    }
  } catch (const quire::Error& e) {
    std::cerr << "error (" << quire::error_code_name(e.code()) << "): " << e.what() << '\n';
    return 1;
  }
  return 0;
}
