// Every relative link in the project's Markdown resolves: the file (or
// folder) exists, and a #fragment names a heading of the target page as
// GitHub renders it. Links to other sites are not followed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fognas {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = FOGNAS_SOURCE_DIR;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The Markdown of the project: every .md below the source folder, leaving
// out build folders and hidden ones (.git).
std::vector<fs::path> markdown_files() {
  std::vector<fs::path> out;
  for (auto it = fs::recursive_directory_iterator(kRoot); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (it->is_directory() && (name.rfind("build", 0) == 0 || name.front() == '.')) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && it->path().extension() == ".md") out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The text with fenced code blocks and inline code spans blanked, so a link
// shown as code is not taken for one.
std::string without_code(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  bool fenced = false;
  for (std::string line; std::getline(in, line);) {
    if (line.find("```") != std::string::npos && line.find_first_not_of(' ') == line.find("```")) {
      fenced = !fenced;
      out += "\n";
      continue;
    }
    if (fenced) {
      out += "\n";
      continue;
    }
    bool code = false;
    for (char c : line) {
      if (c == '`') code = !code;
      out += code || c == '`' ? ' ' : c;
    }
    out += "\n";
  }
  return out;
}

// One UTF-8 code point from s[i], advancing i.
char32_t next_code_point(const std::string& s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i++]);
  if (b < 0x80) return b;
  const int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
  char32_t cp = b & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

bool is_punctuation(char32_t cp) {
  if (cp < 0x80) return !(std::isalnum(static_cast<int>(cp)) || cp == ' ' || cp == '-' || cp == '_');
  return cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF);
}

// A heading's anchor as GitHub makes it: lower case, punctuation dropped,
// spaces to hyphens (ASCII letters are lowered; other letters are kept).
std::string slug(const std::string& heading) {
  std::string out;
  for (size_t i = 0; i < heading.size();) {
    const size_t start = i;
    const char32_t cp = next_code_point(heading, i);
    if (is_punctuation(cp)) continue;
    if (cp == ' ') out += '-';
    else if (cp < 0x80) out += static_cast<char>(std::tolower(static_cast<int>(cp)));
    else out += heading.substr(start, i - start);
  }
  return out;
}

// The anchors of a page's headings, repeated headings numbered -1, -2, ...
std::set<std::string> anchors_of(const fs::path& page) {
  std::set<std::string> out;
  std::map<std::string, int> seen;
  std::istringstream in(read(page));
  bool fenced = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("```", 0) == 0) fenced = !fenced;
    if (fenced || line.empty() || line[0] != '#') continue;
    const size_t text = line.find_first_not_of('#');
    if (text == std::string::npos || line[text] != ' ') continue;
    std::string s = slug(line.substr(text + 1));
    const int n = seen[s]++;
    out.insert(n == 0 ? s : s + "-" + std::to_string(n));
  }
  return out;
}

struct Link {
  int line;
  std::string target;
};

std::vector<Link> links_in(const std::string& text) {
  std::vector<Link> out;
  const std::string plain = without_code(text);
  for (size_t i = plain.find("]("); i != std::string::npos; i = plain.find("](", i + 2)) {
    const size_t end = plain.find(')', i + 2);
    if (end == std::string::npos) break;
    std::string target = plain.substr(i + 2, end - i - 2);
    if (const size_t space = target.find(' '); space != std::string::npos) target.resize(space);  // [a](b "title")
    const int line = 1 + static_cast<int>(std::count(plain.begin(), plain.begin() + static_cast<long>(i), '\n'));
    out.push_back({line, target});
  }
  return out;
}

// Why `target`, linked from `page`, does not resolve ("" when it does).
std::string problem_with(const fs::path& page, const std::string& target) {
  if (target.find("://") != std::string::npos || target.rfind("mailto:", 0) == 0) return "";
  const size_t hash = target.find('#');
  const std::string file = target.substr(0, hash);
  const fs::path resolved = file.empty() ? page : (page.parent_path() / file).lexically_normal();
  if (!fs::exists(resolved)) return "no such file or folder";
  if (hash == std::string::npos || resolved.extension() != ".md") return "";
  const std::string anchor = target.substr(hash + 1);
  return anchors_of(resolved).count(anchor) ? "" : "no heading with anchor #" + anchor;
}

TEST(MarkdownLinks, SlugsFollowGitHub) {
  EXPECT_EQ(slug("The fog node's radio"), "the-fog-nodes-radio");
  EXPECT_EQ(slug("Layers: `BlePhy` ← `BleLinkLayer` ← `BleNetDevice`"), "layers-blephy--blelinklayer--blenetdevice");
  EXPECT_EQ(slug("sim/ — a Bluetooth Low Energy model"), "sim--a-bluetooth-low-energy-model");
  EXPECT_EQ(slug("Validation (results/validate-table4/)"), "validation-resultsvalidate-table4");
}

TEST(MarkdownLinks, ABrokenLinkIsFound) {
  const fs::path dir = fs::temp_directory_path() / "fognas-md-links";
  fs::create_directories(dir);
  std::ofstream(dir / "a.md") << "# Title\n\n## A part\n\n[ok](#a-part) [bad](#nowhere) [gone](b.md) `[code](c.md)`\n";
  const std::vector<Link> links = links_in(read(dir / "a.md"));
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(problem_with(dir / "a.md", links[0].target), "");
  EXPECT_NE(problem_with(dir / "a.md", links[1].target), "");
  EXPECT_NE(problem_with(dir / "a.md", links[2].target), "");
  fs::remove_all(dir);
}

TEST(MarkdownLinks, EveryRelativeLinkResolves) {
  const std::vector<fs::path> pages = markdown_files();
  ASSERT_GT(pages.size(), 5u) << "no Markdown found below " << kRoot;
  std::string broken;
  for (const fs::path& page : pages)
    for (const Link& link : links_in(read(page)))
      if (const std::string why = problem_with(page, link.target); !why.empty())
        broken += "\n  " + fs::relative(page, kRoot).string() + ":" + std::to_string(link.line) + ": (" +
                  link.target + ") " + why;
  EXPECT_TRUE(broken.empty()) << "links that do not resolve:" << broken;
}

}  // namespace
}  // namespace fognas
