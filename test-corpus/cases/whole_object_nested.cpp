// Whole objects, nested: a limited field held in a base, a by-value member, a
// container element or behind an owning smart pointer is carried; one behind
// a raw pointer or reference member is not.
#include "purpose.h"

#include <memory>
#include <string>
#include <vector>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

struct Recoverable {
  SECURITY_CONTACT std::string recovery_email;
};

struct Member : Recoverable {
  std::string nickname;
};

struct Profile {
  Account account;
  std::string bio;
};

struct Roster {
  std::vector<Account> members;
};

struct Handle {
  std::unique_ptr<Account> account;
};

struct Shared {
  std::shared_ptr<const Account> account;
};

struct Session {
  const Account* account = nullptr;
  std::string token;
};

struct View {
  const Account& account;
  std::string title;
};

AD_TARGETING void ExportMember(const Member& m);
AD_TARGETING void ExportProfile(const Profile& p);
AD_TARGETING void ExportRoster(const Roster& r);
AD_TARGETING void ExportHandle(const Handle& h);
AD_TARGETING void ExportShared(const Shared& s);
AD_TARGETING void ExportSession(const Session& s);
AD_TARGETING void ExportView(const View& v);

void Run(const Member& m, const Profile& p, const Roster& r, const Handle& h,
         const Shared& s, const Session& session, const View& view) {
  ExportMember(m);  // expect-violation: Recoverable::recovery_email
  ExportProfile(p);  // expect-violation: Account::phone
  ExportRoster(r);  // expect-violation: Account::phone
  ExportHandle(h);  // expect-violation: Account::phone
  ExportShared(s);  // expect-violation: Account::phone
  ExportSession(session);
  ExportView(view);
}
