// Imitates the runtime that protoc-generated C++ calls into (an arena string
// holder and a message base); enough for generated-style accessors to compile.
#pragma once
#include <string>

namespace google {
namespace protobuf {
class Arena;
namespace internal {
class ArenaStringPtr {
 public:
  const std::string& Get() const;
  std::string* Mutable(Arena* arena);
  void Set(const std::string& value, Arena* arena);
  void ClearToEmpty();
};
}  // namespace internal
class MessageLite {
 public:
  bool SerializeToString(std::string* output) const;
  bool ParseFromString(const std::string& data);
 protected:
  Arena* GetArenaForAllocation() const;
};
}  // namespace protobuf
}  // namespace google

#include <cstdint>

namespace google {
namespace protobuf {
namespace internal {
class ParseContext;
const char* InlineGreedyStringParser(std::string* s, const char* ptr,
                                     ParseContext* ctx);
const char* ReadVarint64(const char* p, uint64_t* out);
}  // namespace internal
}  // namespace protobuf
}  // namespace google
