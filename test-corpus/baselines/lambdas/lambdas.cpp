// Violations inside lambdas, in member functions and free functions. The
// baseline next to this file was written by purpose-check before lambdas got
// positions in their USRs (issue 13): it must still match every violation.
#include "purpose.h"

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace baseline_lambdas {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
  SECURITY_CONTACT std::string recovery_email;
};

AD_TARGETING void Upload(const std::string& id);
PURPOSE_USE("analytics") void Track(const std::string& event, int n);

class Exporter {
 public:
  void Run(const std::vector<Account>& accounts) {
    auto upload = [](const Account& a) { Upload(a.phone); };
    std::for_each(accounts.begin(), accounts.end(), upload);
    auto track = [this](int n) { Track(last_.recovery_email, n); };
    track(1);
  }

  void Later(const Account& a) {
    last_ = a;
    std::function<void()> job = [a] { Upload(a.recovery_email); };
    job();
  }

 private:
  Account last_;
};

void Free(const Account& a) {
  auto send = [&](const std::string& suffix) { Upload(a.phone + suffix); };  // fingerprint-changed: the saved one held Clang's offset of the lambda
  send("-1");
}

}  // namespace baseline_lambdas
