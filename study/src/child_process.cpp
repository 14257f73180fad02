#include "fognas/study/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "fognas/common/atomic_file.h"
#include "fognas/common/interrupt.h"

extern char** environ;

namespace fognas::study {
namespace {

std::string own_executable() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) throw std::runtime_error("cannot find the fognas executable (/proc/self/exe)");
  return std::string(buf, static_cast<size_t>(n));
}

// The environment without an MPI launcher's variables: a point run from a
// rank of an MPI job is a plain process and must not join the job.
std::vector<std::string> plain_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string v = *e;
    if (v.rfind("OMPI_", 0) == 0 || v.rfind("PMIX_", 0) == 0 || v.rfind("PMI_", 0) == 0) continue;
    env.push_back(v);
  }
  return env;
}

}  // namespace

int run_fognas(const std::vector<std::string>& args, const std::string& log_file) {
  const std::string exe = own_executable();
  std::vector<std::string> argv_text = {exe};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text = plain_environment();
  std::vector<char*> envp;
  for (std::string& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  // The child starts with no signal held (this thread holds them while it
  // starts the child and records it, so an interrupt reaches the child too).
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  int rc = 0;
  {
    InterruptsHeld held;
    rc = posix_spawn(&pid, exe.c_str(), &actions, &attributes, argv.data(), envp.data());
    if (rc == 0) track_child(pid);
  }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) throw std::runtime_error(std::string("cannot start fognas: ") + std::strerror(rc));
  // Wait for it to end without reaping it, so that its pid cannot be reused
  // while it is still tracked; then forget it and reap it.
  siginfo_t info{};
  while (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) < 0)
    if (errno != EINTR) break;
  untrack_child(pid);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error(std::string("waiting for fognas: ") + std::strerror(errno));
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
}

std::string tail_of(const std::string& file, int lines) {
  std::string text;
  try {
    text = read_file(file, 1 << 20);
  } catch (const std::exception&) {
    return "";
  }
  size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  for (int n = 0; n < lines && pos != std::string::npos && pos > 0; ++n) pos = text.rfind('\n', pos - 1);
  const std::string tail = pos == std::string::npos ? text : text.substr(pos + 1);
  std::string out;
  size_t start = 0;
  for (size_t eol; start < tail.size(); start = eol + 1) {
    eol = tail.find('\n', start);
    if (eol == std::string::npos) eol = tail.size();
    out += "    " + tail.substr(start, eol - start) + "\n";
  }
  return out;
}

}  // namespace fognas::study
