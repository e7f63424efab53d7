// std::thread runs the callable it is given with the arguments it is given:
// a free function, a member function with its object, and a lambda that takes
// a parameter. Clean arguments are not reported.
#include "purpose.h"

#include <string>
#include <thread>

namespace thread_callables {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
PURPOSE_USE("analytics") void Track(const std::string& event);
PURPOSE_USE("marketing") void Mail(const std::string& to);

void UploadInBackground(const std::string& v) {
  Upload(v);  // expect-violation: thread_callables::Account::phone
}

void TrackInBackground(const std::string& v) { Track(v); }

class Worker {
 public:
  void Send(const std::string& v) {
    Mail(v);  // expect-violation: thread_callables::Account::phone
  }
  void Start(const Account& a) {
    std::thread t(&Worker::Send, this, a.phone);
    t.join();
  }
};

void Start(const Account& a) {
  std::thread t1(UploadInBackground, a.phone);
  std::thread t2(TrackInBackground, a.display_name);
  std::thread t3([](const std::string& v) {
    Track(v);  // expect-violation: thread_callables::Account::phone
  }, a.phone);
  t1.join();
  t2.join();
  t3.join();
}

}  // namespace thread_callables
