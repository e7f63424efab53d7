//===- EditorClient.cpp ---------------------------------------------------===//
#include "EditorClient.h"
#include <atomic>

namespace purpose {
namespace {
std::atomic<bool> TraceInMessage{false};
} // namespace

bool traceInMessage() { return TraceInMessage.load(std::memory_order_acquire); }

void setTraceInMessage(bool On) {
  TraceInMessage.store(On, std::memory_order_release);
}

} // namespace purpose
