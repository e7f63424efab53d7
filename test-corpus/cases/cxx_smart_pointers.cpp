// std::unique_ptr and std::shared_ptr: make_unique, make_shared, ->, *, get()
// and copies of a shared_ptr. A whole object behind an owning smart pointer
// member carries its limited fields; a raw-pointer member is not followed. A
// pointer that was reassigned to clean data is not reported.
#include "purpose.h"

#include <memory>
#include <string>

namespace ptrs {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadProfile(const Account& acct);
AD_TARGETING void UploadProfilePtr(const Account* acct);

void Pointers(const Account& acct) {
  auto phone = std::make_unique<std::string>(acct.phone);
  Upload(*phone);  // expect-violation: ptrs::Account::phone

  auto name = std::make_unique<std::string>(acct.display_name);
  Upload(*name);

  std::shared_ptr<std::string> shared = std::make_shared<std::string>(acct.phone);
  std::shared_ptr<std::string> alias = shared;
  Upload(*alias);  // expect-violation: ptrs::Account::phone

  std::unique_ptr<std::string> replaced = std::make_unique<std::string>(acct.phone);
  replaced = std::make_unique<std::string>("anonymous");
  Upload(*replaced);
}

void Objects(const Account& acct) {
  std::shared_ptr<Account> sp = std::make_shared<Account>(acct);
  Upload(sp->display_name);
  Upload(sp->phone);  // expect-violation: ptrs::Account::phone

  std::unique_ptr<Account> up(new Account(acct));
  Upload((*up).display_name);
  UploadProfile(*up);  // expect-violation: ptrs::Account::phone
  UploadProfilePtr(up.get());  // expect-violation: ptrs::Account::phone
}

// An owning smart-pointer member is followed; a raw-pointer member is not (no
// store into View::account happens in this file, so only the type matters).
struct Session {
  int id = 0;
  std::unique_ptr<Account> owner;
};

struct View {
  int id = 0;
  const Account* account = nullptr;
};

AD_TARGETING void UploadSession(const Session& session);
AD_TARGETING void UploadView(const View& view);

void Members(const Account& acct) {
  Session session;
  session.owner = std::make_unique<Account>(acct);
  UploadSession(session);  // expect-violation: ptrs::Account::phone
  Upload(session.owner->display_name);
}

void ForwardView(const View& view) { UploadView(view); }

}  // namespace ptrs
