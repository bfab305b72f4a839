#include "native/compiler.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <thread>

#include "common/file_text.hpp"

extern char** environ;

namespace tiaoli::detail {
namespace {

constexpr std::size_t kMessageTail = 4000;  // of the compiler's messages, in an error

std::string tail_of(const std::string& log) {
  std::string all = file_text(log);
  return all.size() <= kMessageTail ? all : "…" + all.substr(all.size() - kMessageTail);
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& arg : argv) line += (line.empty() ? "" : " ") + arg;
  return line;
}

// Waits for `pid`; kills its process group when `timeout_seconds` pass first.
int wait_for(pid_t pid, int timeout_seconds, bool& timed_out) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  auto pause = std::chrono::milliseconds(1);
  int status = 0;
  while (true) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) return status;
    if (std::chrono::steady_clock::now() >= deadline) {
      timed_out = true;
      kill(-pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return status;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
}

}  // namespace

Status run_program(const std::vector<std::string>& argv, const std::string& log,
                   int timeout_seconds) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);  // its own group, to kill it all
  posix_spawnattr_setpgroup(&attributes, 0);

  pid_t pid = 0;
  int started = argv[0].find('/') == std::string::npos
                    ? posix_spawnp(&pid, args[0], &files, &attributes, args.data(), environ)
                    : posix_spawn(&pid, args[0], &files, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attributes);
  if (started != 0) {
    return Error{
        "cannot run the C++ compiler '" + argv[0] + "': " + std::strerror(started), "", {}};
  }
  bool timed_out = false;
  int status = wait_for(pid, timeout_seconds, timed_out);
  if (timed_out) {
    return Error{"the C++ compiler was stopped after " + std::to_string(timeout_seconds) +
                     " s: " + command_line(argv),
                 "",
                 {}};
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  std::string how = WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                      : "was killed by signal " + std::to_string(WTERMSIG(status));
  return Error{"the C++ compiler " + how + ": " + command_line(argv) + "\n" + tail_of(log), "", {}};
}

}  // namespace tiaoli::detail
