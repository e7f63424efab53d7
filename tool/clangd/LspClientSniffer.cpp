//===- LspClientSniffer.cpp -----------------------------------------------===//
#include "LspClientSniffer.h"
#include "llvm/ADT/StringRef.h"
#include <cerrno>
#include <fcntl.h>
#include <string>
#include <thread>
#include <unistd.h>

namespace purpose {
namespace {

bool writeAll(int Fd, const char *Data, size_t Size) {
  while (Size > 0) {
    ssize_t N = ::write(Fd, Data, Size);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Data += N;
    Size -= size_t(N);
  }
  return true;
}

enum class Sniff { NeedMore, Done };

/// Looks for the first LSP message in \p In. Done once it is complete and
/// handed to \p OnInitialize, or once \p In cannot be such a message.
Sniff sniffFirstMessage(
    llvm::StringRef In,
    const std::function<void(const llvm::json::Object &)> &OnInitialize) {
  constexpr size_t MaxHeader = 8192, MaxBody = size_t(64) << 20;
  // Headers: "Name: value" lines, each ending in \r\n (or \n), then an empty
  // line.
  size_t Pos = 0;
  std::optional<size_t> Length;
  for (;;) {
    size_t End = In.find('\n', Pos);
    if (End == llvm::StringRef::npos)
      return In.size() - Pos > MaxHeader ? Sniff::Done : Sniff::NeedMore;
    llvm::StringRef Line = In.slice(Pos, End).rtrim('\r');
    Pos = End + 1;
    if (Line.empty())
      break;
    auto [Name, Value] = Line.split(':');
    if (Name.size() == Line.size() || Pos > MaxHeader)
      return Sniff::Done; // not a header: not the standard framing
    size_t N;
    if (Name.trim().equals_insensitive("content-length")) {
      if (Value.trim().getAsInteger(10, N) || N > MaxBody)
        return Sniff::Done;
      Length = N;
    }
  }
  if (!Length)
    return Sniff::Done;
  if (In.size() - Pos < *Length)
    return Sniff::NeedMore;
  llvm::Expected<llvm::json::Value> Msg =
      llvm::json::parse(In.substr(Pos, *Length));
  if (!Msg) {
    llvm::consumeError(Msg.takeError());
    return Sniff::Done;
  }
  const llvm::json::Object *O = Msg->getAsObject();
  if (!O || O->getString("method") != "initialize")
    return Sniff::Done;
  static const llvm::json::Object NoParams;
  const llvm::json::Object *Params = O->getObject("params");
  OnInitialize(Params ? *Params : NoParams);
  return Sniff::Done;
}

void copyStdin(int From, int To,
               std::function<void(const llvm::json::Object &)> OnInitialize) {
  std::string Pending; // the start of the input, held back while sniffing
  bool Sniffing = true;
  char Buf[1 << 16];
  for (;;) {
    ssize_t N = ::read(From, Buf, sizeof(Buf));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    if (!Sniffing) {
      if (!writeAll(To, Buf, size_t(N)))
        break;
      continue;
    }
    Pending.append(Buf, size_t(N));
    if (sniffFirstMessage(Pending, OnInitialize) == Sniff::NeedMore)
      continue;
    Sniffing = false;
    if (!writeAll(To, Pending.data(), Pending.size()))
      break;
    std::string().swap(Pending);
  }
  if (Sniffing)
    writeAll(To, Pending.data(), Pending.size());
  ::close(To); // clangd sees the end of its input
  ::close(From);
}

} // namespace

bool clientShowsRelatedInformation(const llvm::json::Object &Params) {
  const llvm::json::Object *O = Params.getObject("capabilities");
  for (llvm::StringRef Key : {"textDocument", "publishDiagnostics"})
    O = O ? O->getObject(Key) : nullptr;
  return O && O->getBoolean("relatedInformation").value_or(false);
}

bool sniffLspInitialize(
    std::function<void(const llvm::json::Object &)> OnInitialize) {
  if (::isatty(STDIN_FILENO))
    return false;
  int Fds[2];
  if (::pipe2(Fds, O_CLOEXEC) != 0)
    return false;
  int RealStdin = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
  if (RealStdin < 0 || ::dup2(Fds[0], STDIN_FILENO) < 0) {
    if (RealStdin >= 0)
      ::close(RealStdin);
    ::close(Fds[0]);
    ::close(Fds[1]);
    return false;
  }
  ::close(Fds[0]);
  // Detached: it ends with the input, or with the process.
  std::thread(copyStdin, RealStdin, Fds[1], std::move(OnInitialize)).detach();
  return true;
}

} // namespace purpose
