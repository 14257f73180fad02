#include "fognas/common/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

namespace fognas {

namespace {

constexpr size_t kMaxChildren = 256;
std::array<std::atomic<pid_t>, kMaxChildren> g_children{};

// The note is written while the signals are held, so the handler never reads
// half of it.
char g_note[1024] = "";

void write_all(const char* text) {
  size_t left = std::strlen(text);
  while (left > 0) {
    const ssize_t n = ::write(STDERR_FILENO, text, left);
    if (n <= 0) return;
    text += n;
    left -= static_cast<size_t>(n);
  }
}

// While any thread holds the signals off (InterruptsHeld), a signal that
// arrives on any thread is kept for the last holder to act on.
std::atomic<int> g_holders{0};
std::atomic<int> g_pending{0};

// Only async-signal-safe calls: kill, write, _exit (and lock-free atomics).
extern "C" void on_interrupt(int sig) {
  if (g_holders.load() > 0) {
    g_pending.store(sig);
    return;
  }
  for (auto& child : g_children) {
    const pid_t pid = child.load();
    if (pid > 0) ::kill(pid, sig);
  }
  write_all(sig == SIGINT ? "fognas: interrupted by SIGINT" : "fognas: stopped by SIGTERM");
  if (g_note[0] != '\0') {
    write_all("; ");
    write_all(g_note);
  }
  write_all("\n");
  ::_exit(128 + sig);
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  ::signal(SIGXFSZ, SIG_IGN);
}

void set_interrupt_note(const std::string& note) {
  InterruptsHeld held;
  const size_t n = std::min(note.size(), sizeof g_note - 1);
  std::memcpy(g_note, note.data(), n);
  g_note[n] = '\0';
}

void track_child(pid_t pid) {
  for (auto& child : g_children) {
    pid_t empty = 0;
    if (child.compare_exchange_strong(empty, pid)) return;
  }
}

void untrack_child(pid_t pid) {
  for (auto& child : g_children) {
    pid_t expected = pid;
    if (child.compare_exchange_strong(expected, 0)) return;
  }
}

InterruptsHeld::InterruptsHeld() { g_holders.fetch_add(1); }

InterruptsHeld::~InterruptsHeld() {
  if (g_holders.fetch_sub(1) != 1) return;  // an outer holder acts on it
  if (const int sig = g_pending.exchange(0); sig != 0) on_interrupt(sig);
}

void test_hold_point(const char* point) {
  const char* wanted = std::getenv("FOGNAS_TEST_HOLD");
  const char* dir = std::getenv("FOGNAS_TEST_HOLD_DIR");
  if (wanted == nullptr || dir == nullptr || std::strcmp(wanted, point) != 0) return;
  static std::mutex mutex;
  static std::set<std::string> reached;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (!reached.insert(point).second) return;
  }
  const std::filesystem::path folder(dir);
  std::ofstream(folder / "held") << point << "\n";
  while (!std::filesystem::exists(folder / "release")) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace fognas
