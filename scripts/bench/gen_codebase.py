#!/usr/bin/env python3
"""Generates a synthetic C++ code base of N translation units for benchmarks.

Realistic shape: a shared header with an account type and the sinks, one
class per module with its header, std::string / std::vector / std::map use,
loops, and call chains that cross translation units. Every 10th module plants
one violation (the 2FA phone number, normalized and forwarded through the
chain of earlier modules, uploaded to an ad audience); every module also
makes an allowed security use and a clean ad upload. The number of planted
violations is printed and written to OUT/expected.txt.

usage: gen_codebase.py N OUT_DIR
"""
import os
import sys

COMMON_H = """#pragma once
#include "purpose.h"
#include <map>
#include <string>
#include <vector>

namespace bench {

struct Account {
  std::string user_id;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
  SECURITY_CONTACT std::string email;
  int age = 0;
};

AD_TARGETING void UploadAudience(const std::vector<std::string>& ids);
PURPOSE_USE("security.sms_delivery") void SendSms(const std::string& phone, int code);

std::string Normalize(const std::string& s);
std::string Hash(const std::string& s);

}  // namespace bench
"""

COMMON_CPP = """#include "common.h"

namespace bench {

std::string Normalize(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != ' ' && c != '-') out.push_back(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string Hash(const std::string& s) {
  static const char kHex[] = "0123456789abcdef";
  unsigned long long h = 1469598103934665603ULL;
  for (unsigned char c : s) { h ^= c; h *= 1099511628211ULL; }
  std::string out;
  for (int i = 0; i < 16; ++i) out.push_back(kHex[(h >> (i * 4)) & 15]);
  return out;
}

}  // namespace bench
"""

MOD_H = """#pragma once
#include "common.h"

namespace bench {{

class Service{i} {{
 public:
  std::string Key(const Account& a) const;
  std::string Forward(const std::string& s) const;
  void Process(const std::vector<Account>& accounts);
  int Count(const std::string& key) const;

 private:
  std::vector<std::string> cache_;
  std::map<std::string, int> counts_;
}};

}}  // namespace bench
"""

MOD_CPP = """#include "mod{i}.h"
{prev_include}
namespace bench {{

std::string Service{i}::Key(const Account& a) const {{
  {key_body}
}}

std::string Service{i}::Forward(const std::string& s) const {{
  {forward_body}
}}

int Service{i}::Count(const std::string& key) const {{
  auto it = counts_.find(key);
  return it == counts_.end() ? 0 : it->second;
}}

void Service{i}::Process(const std::vector<Account>& accounts) {{
  std::vector<std::string> ids;
  std::vector<std::string> names;
  for (const Account& a : accounts) {{
    if (a.age < 18) continue;
    std::string key = Key(a);
    ids.push_back(Forward(key));
    names.push_back(Hash(a.display_name));
    counts_[a.user_id] += 1;
    cache_.push_back(a.user_id);
    if (a.phone.size() > 6) SendSms(a.phone, {i});
  }}
  UploadAudience(ids);{expect}
  UploadAudience(names);
}}

}}  // namespace bench
"""


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "common.h"), "w") as f:
        f.write(COMMON_H)
    with open(os.path.join(out, "common.cpp"), "w") as f:
        f.write(COMMON_CPP)
    planted = 0
    for i in range(n):
        plant = i % 10 == 0
        planted += plant
        key_body = ("return Hash(Normalize(a.phone));" if plant
                    else "return Normalize(a.display_name);")
        if i > 0 and i % 5 != 0:
            prev_include = '#include "mod{}.h"\n'.format(i - 1)
            forward_body = ("Service{} prev;\n  return prev.Forward(s + \"\");"
                            .format(i - 1))
        else:
            prev_include = ""
            forward_body = "return s.empty() ? std::string(\"-\") : s;"
        expect = "  // expect-violation: bench::Account::phone" if plant else ""
        with open(os.path.join(out, "mod{}.h".format(i)), "w") as f:
            f.write(MOD_H.format(i=i))
        with open(os.path.join(out, "mod{}.cpp".format(i)), "w") as f:
            f.write(MOD_CPP.format(i=i, prev_include=prev_include,
                                   key_body=key_body,
                                   forward_body=forward_body, expect=expect))
    with open(os.path.join(out, "expected.txt"), "w") as f:
        f.write("%d\n" % planted)
    print("generated %d TUs (+ common.cpp), %d planted violations" % (n, planted))


if __name__ == "__main__":
    main()
