// Ctrl-C and SIGTERM: a signal that arrives while a result folder is being
// swapped in waits for the swap, whichever thread it lands on, then stops the
// process with one line and 128 + its number.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "fognas/common/interrupt.h"

namespace fognas {
namespace {

TEST(InterruptDeathTest, ASignalWhileHeldWaitsForTheLastHolderOnAnyThread) {
  EXPECT_EXIT(
      {
        install_interrupt_handlers();
        set_interrupt_note("'out' is unchanged");
        {
          InterruptsHeld outer;
          {
            InterruptsHeld inner;  // as set_interrupt_note holds inside a commit
          }
          std::thread other([] { ::kill(::getpid(), SIGTERM); });
          other.join();
          std::fprintf(stderr, "still here after the signal\n");
          std::fflush(stderr);
        }
        std::fprintf(stderr, "never reached\n");
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(143), "still here after the signal\nfognas: stopped by SIGTERM; 'out' is unchanged\n$");
}

TEST(InterruptDeathTest, WithoutAHolderTheSignalStopsAtOnce) {
  EXPECT_EXIT(
      {
        install_interrupt_handlers();
        set_interrupt_note("");
        ::kill(::getpid(), SIGINT);
        std::fprintf(stderr, "never reached\n");
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(130), "^fognas: interrupted by SIGINT\n$");
}

}  // namespace
}  // namespace fognas
