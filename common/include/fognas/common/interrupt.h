#pragma once
// Ctrl-C (SIGINT) and SIGTERM. A long command stops at once with one line on
// stderr and exits 130 or 143, as a shell reports a process its signal ended.
// Nothing needs unwinding for that to be safe: a run writes only into
// DIR.partial, every file there is written whole (atomic_file.h), and DIR is
// replaced only inside ResultDir::commit, which holds these signals off. So
// the earlier DIR is intact, and a search's or a sweep's DIR.partial resumes
// with --resume. The point runs a sweep started get the same signal.
//
// SIGXFSZ is ignored, so a write past the file-size limit fails with EFBIG and
// is reported as a failed write naming its file instead of killing fognas.
#include <sys/types.h>

#include <string>

namespace fognas {

void install_interrupt_handlers();

// Said after "fognas: interrupted by SIGINT" (e.g. where the partial run lies).
void set_interrupt_note(const std::string& note);

// Children to pass the signal on to (at most 256 at once are tracked).
void track_child(pid_t pid);
void untrack_child(pid_t pid);

// Holds SIGINT and SIGTERM off, in every thread of the process, while it
// lives (holders nest); one that arrives meanwhile is handled when the last
// holder ends.
class InterruptsHeld {
 public:
  InterruptsHeld();
  ~InterruptsHeld();
  InterruptsHeld(const InterruptsHeld&) = delete;
  InterruptsHeld& operator=(const InterruptsHeld&) = delete;
};

// A test-only pause. When the environment's FOGNAS_TEST_HOLD equals `point`,
// the first time the run reaches it the process creates the file
// $FOGNAS_TEST_HOLD_DIR/held and waits until $FOGNAS_TEST_HOLD_DIR/release
// exists. A test then acts (sends a signal, kills an MPI rank) at a moment it
// knows instead of racing the run. Without the variable it costs one getenv.
void test_hold_point(const char* point);

}  // namespace fognas
