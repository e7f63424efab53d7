#include "crypto.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <vector>

namespace social {
namespace {

constexpr std::array<std::uint32_t, 64> kRoundConstants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr char kHexDigits[] = "0123456789abcdef";

std::uint32_t RotateRight(std::uint32_t x, unsigned n) {
  return (x >> n) | (x << (32 - n));
}

void CompressBlock(std::array<std::uint32_t, 8>& state,
                   const std::uint8_t* block) {
  std::uint32_t w[64];
  for (int i = 0; i < 16; ++i) {
    w[i] = (std::uint32_t(block[4 * i]) << 24) |
           (std::uint32_t(block[4 * i + 1]) << 16) |
           (std::uint32_t(block[4 * i + 2]) << 8) |
           std::uint32_t(block[4 * i + 3]);
  }
  for (int i = 16; i < 64; ++i) {
    std::uint32_t s0 = RotateRight(w[i - 15], 7) ^ RotateRight(w[i - 15], 18) ^
                       (w[i - 15] >> 3);
    std::uint32_t s1 = RotateRight(w[i - 2], 17) ^ RotateRight(w[i - 2], 19) ^
                       (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }

  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; ++i) {
    std::uint32_t s1 = RotateRight(e, 6) ^ RotateRight(e, 11) ^ RotateRight(e, 25);
    std::uint32_t ch = (e & f) ^ (~e & g);
    std::uint32_t t1 = h + s1 + ch + kRoundConstants[i] + w[i];
    std::uint32_t s0 = RotateRight(a, 2) ^ RotateRight(a, 13) ^ RotateRight(a, 22);
    std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    std::uint32_t t2 = s0 + maj;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

}  // namespace

std::string Sha256Hex(const std::string& data) {
  std::array<std::uint32_t, 8> state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
                                        0xa54ff53a, 0x510e527f, 0x9b05688c,
                                        0x1f83d9ab, 0x5be0cd19};

  // Padding: 0x80, zeros up to 56 mod 64, then the bit length big-endian.
  std::vector<std::uint8_t> message(data.begin(), data.end());
  std::uint64_t bit_length = std::uint64_t(data.size()) * 8;
  message.push_back(0x80);
  while (message.size() % 64 != 56) message.push_back(0);
  for (int shift = 56; shift >= 0; shift -= 8)
    message.push_back(std::uint8_t(bit_length >> shift));

  for (std::size_t offset = 0; offset < message.size(); offset += 64)
    CompressBlock(state, message.data() + offset);

  std::string hex;
  hex.reserve(64);
  for (std::uint32_t word : state) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      std::uint8_t byte = std::uint8_t(word >> shift);
      hex.push_back(kHexDigits[byte >> 4]);
      hex.push_back(kHexDigits[byte & 0x0f]);
    }
  }
  return hex;
}

std::string NormalizeEmail(const std::string& email) {
  std::size_t begin = email.find_first_not_of(" \t");
  std::size_t end = email.find_last_not_of(" \t");
  if (begin == std::string::npos) return std::string();
  std::string trimmed = email.substr(begin, end - begin + 1);

  std::string lowered;
  lowered.reserve(trimmed.size());
  for (char c : trimmed)
    lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

  std::size_t at = lowered.find('@');
  if (at == std::string::npos) return lowered;
  std::string local = lowered.substr(0, at);
  std::string domain = lowered.substr(at + 1);
  if (domain == "gmail.com" || domain == "googlemail.com") {
    std::size_t plus = local.find('+');
    if (plus != std::string::npos) local.resize(plus);
    std::string without_dots;
    for (char c : local)
      if (c != '.') without_dots.push_back(c);
    local = without_dots;
    domain = "gmail.com";
  }
  return local + "@" + domain;
}

std::string NormalizePhone(const std::string& phone, const std::string& country) {
  std::string digits;
  for (char c : phone)
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  if (!phone.empty() && phone[0] == '+') return digits;
  if (country == "US" || country == "CA") {
    if (digits.size() == 10) return "1" + digits;
  } else if (country == "GB") {
    if (!digits.empty() && digits[0] == '0') digits.erase(0, 1);
    return "44" + digits;
  } else if (country == "DE") {
    if (!digits.empty() && digits[0] == '0') digits.erase(0, 1);
    return "49" + digits;
  }
  return digits;
}

}  // namespace social
