#include "fognas/study/report_paper.h"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <regex>
#include <sstream>
#include <vector>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/result_dir.h"
#include "fognas/common/table.h"

namespace fognas::study {
namespace {

namespace fs = std::filesystem;

constexpr int kReportCheckFailed = 4;
constexpr double kToleratedOverfullPt = 1.0;
constexpr int kFloatsPerPage = 4;  // \clearpage after so many: no "too many unprocessed floats"

std::vector<fs::path> files_with(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// A figure's caption: its gnuplot title (`set title '...'`), quotes undone.
std::string figure_caption(const fs::path& gp) {
  std::istringstream in(read_file(gp));
  const std::string lead = "set title '";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(lead, 0) != 0) continue;
    std::string title = line.substr(lead.size(), line.rfind('\'') - lead.size());
    for (size_t at = title.find("''"); at != std::string::npos; at = title.find("''", at + 1)) title.erase(at, 1);
    return title + ".";
  }
  return gp.stem().string() + ".";
}

std::string paper_tex(const fs::path& dir, FigureWidth width, PaperResult& counts) {
  std::string tex =
      "\\documentclass[conference]{IEEEtran}\n\\usepackage{booktabs}\n\\usepackage{graphicx}\n"
      "\\begin{document}\n\\title{" + latex_escape(dir.filename().string()) + ": tables and figures}\n\\maketitle\n";
  int floats = 0;
  auto page_break = [&] {
    if (++floats % kFloatsPerPage == 0) tex += "\\clearpage\n";
  };
  for (const fs::path& t : files_with(dir / "tables", ".tex")) {
    tex += "\\typeout{FOGNAS-ITEM: tables/" + t.filename().string() + "}\n";
    tex += "\\input{../tables/" + t.filename().string() + "}\n";
    ++counts.tables;
    page_break();
  }
  const std::string env = width == FigureWidth::Column ? "figure" : "figure*";
  for (const fs::path& f : files_with(dir / "figures", ".pdf")) {
    fs::path gp = f;
    gp.replace_extension(".gp");
    tex += "\\typeout{FOGNAS-ITEM: figures/" + f.filename().string() + "}\n";
    tex += "\\begin{" + env + "}[t]\n\\centering\n\\includegraphics{../figures/" + f.filename().string() + "}\n";
    tex += "\\caption{" + latex_escape(fs::exists(gp) ? figure_caption(gp) : f.stem().string()) + "}\n";
    tex += "\\end{" + env + "}\n";
    ++counts.figures;
    page_break();
  }
  return tex + "\\end{document}\n";
}

bool on_path(const char* program) {
  return std::system(fmt::format("command -v {} >/dev/null 2>&1", program).c_str()) == 0;
}

// Runs `argv` in `cwd` with its output discarded; its exit status.
int run_in(const fs::path& cwd, const std::vector<std::string>& argv) {
  const pid_t pid = ::fork();
  if (pid < 0) throw CommandFailed("report: cannot start " + argv.front(), 1);
  if (pid == 0) {
    if (::chdir(cwd.c_str()) != 0) ::_exit(127);
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0), ::dup2(null, 1), ::dup2(null, 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args.front(), args.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The page width of a PDF figure (pdfinfo's "Page size: W x H pts"), in points.
double pdf_width_pt(const fs::path& pdf, const fs::path& scratch) {
  const fs::path out = scratch / "pdfinfo.txt";
  const std::string command = fmt::format("pdfinfo '{}' > '{}' 2>/dev/null", pdf.string(), out.string());
  if (pdf.string().find('\'') != std::string::npos || std::system(command.c_str()) != 0) return 0;
  std::smatch m;
  const std::string info = read_file(out);
  fs::remove(out);
  static const std::regex size(R"(Page size:\s+([0-9.]+) x)");
  return std::regex_search(info, m, size) ? std::stod(m[1]) : 0;
}

void check_figure_widths(const fs::path& dir, FigureWidth width, const fs::path& scratch) {
  if (!on_path("pdfinfo")) return;
  const double limit_pt = 72 * (width == FigureWidth::Column ? 3.6 : 7.2);
  for (const fs::path& f : files_with(dir / "figures", ".pdf")) {
    const double w = pdf_width_pt(f, scratch);
    if (w > limit_pt)
      throw CommandFailed(fmt::format("report --paper: figures/{} is {:.2f} in wide, more than the {:.1f} in it was "
                                      "drawn for", f.filename().string(), w / 72, limit_pt / 72),
                          kReportCheckFailed);
  }
}

void compile(const fs::path& work) {
  const int status = run_in(work, {"pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex"});
  const std::string log = fs::exists(work / "paper.log") ? read_file(work / "paper.log", 1 << 26) : "";
  if (status != 0) {
    // The error line ("! ...") and the last item opened before it.
    const size_t error = log.find("\n! ");
    const std::string what = error == std::string::npos ? "" : log.substr(error + 1, log.find('\n', error + 1) - error - 1);
    const std::string lead = "FOGNAS-ITEM: ";
    const size_t item = log.rfind(lead, error);
    const std::string where =
        item == std::string::npos ? "the preamble" : log.substr(item + lead.size(), log.find('\n', item) - item - lead.size());
    throw CommandFailed(fmt::format("report --paper: pdflatex failed in {}: {}", where, what.empty() ? "see its log" : what),
                        kReportCheckFailed);
  }
  const Overfull widest = widest_overfull_box(log);
  if (widest.pt > kToleratedOverfullPt)
    throw CommandFailed(fmt::format("report --paper: {} is {:.1f} pt wider than its column or page", widest.item,
                                    widest.pt),
                        kReportCheckFailed);
}

}  // namespace

Overfull widest_overfull_box(const std::string& log) {
  Overfull widest;
  std::string item;
  std::istringstream in(log);
  static const std::regex overfull(R"(Overfull \\hbox \(([0-9.]+)pt too wide\))");
  for (std::string line; std::getline(in, line);) {
    const std::string lead = "FOGNAS-ITEM: ";
    if (line.rfind(lead, 0) == 0) item = line.substr(lead.size());
    std::smatch m;
    if (std::regex_search(line, m, overfull) && std::stod(m[1]) > widest.pt) widest = {std::stod(m[1]), item};
  }
  return widest;
}

PaperResult write_paper(const fs::path& dir, FigureWidth width) {
  ResultDir paper(dir / "paper", "DIR", "fognas report --paper", ResultDir::OnFailure::Discard);
  PaperResult result;
  write_file_atomically(paper.work() / "paper.tex", paper_tex(dir, width, result));
  if (on_path("pdflatex")) {
    check_figure_widths(dir, width, paper.work());
    compile(paper.work());
    result.compiled = true;
  }
  paper.commit();
  return result;
}

}  // namespace fognas::study
