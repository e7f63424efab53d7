// Table-driven encoders keep the limitation: an array subscript carries the
// taint of its index (kHex[b >> 4], a base64 alphabet), and storing into a
// local array taints the array.
#include "purpose.h"

#include <cstddef>
#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

std::string HexEncode(const std::string& bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0x0f]);
  }
  return out;
}

std::string Base64Encode(const std::string& in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned value = 0;
  int bits = -6;
  for (unsigned char c : in) {
    value = (value << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(kAlphabet[(value >> bits) & 0x3f]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(kAlphabet[((value << 8) >> (bits + 8)) & 0x3f]);
  while (out.size() % 4 != 0) out.push_back('=');
  return out;
}

std::string HexIntoBuffer(const std::string& bytes) {
  static const char kHex[] = "0123456789abcdef";
  char buf[65] = {};
  std::size_t n = bytes.size() < 32 ? bytes.size() : 32;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char b = static_cast<unsigned char>(bytes[i]);
    buf[2 * i] = kHex[b >> 4];
    buf[2 * i + 1] = kHex[b & 0x0f];
  }
  return std::string(buf);
}

void Run(const Account& acct) {
  Upload(HexEncode(acct.phone));  // expect-violation: Account::phone
  Upload(Base64Encode(acct.phone));  // expect-violation: Account::phone
  Upload(HexIntoBuffer(acct.phone));  // expect-violation: Account::phone
  Upload(HexEncode(acct.display_name));
}
