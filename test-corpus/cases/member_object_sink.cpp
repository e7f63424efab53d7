// The object of a member sink: without a body the whole object is used, so a
// field filled from a limited value is reported; with a body only the fields
// that body reads are used.
#include "purpose.h"

#include <string>
#include <vector>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

void Send(const std::string& payload);

class AudienceUpload {
public:
  void Add(const std::string& id) { ids_.push_back(id); }
  AD_TARGETING void Commit();

private:
  std::vector<std::string> ids_;
};

class CampaignCard {
public:
  void SetOwnerContact(const std::string& contact) { owner_contact_ = contact; }
  void SetTitle(const std::string& title) { title_ = title; }
  AD_TARGETING void Publish() { Send(title_); }

private:
  std::string owner_contact_;
  std::string title_;
};

void Run(const Account& acct) {
  AudienceUpload upload;
  upload.Add(acct.phone);
  upload.Commit();  // expect-violation: Account::phone

  CampaignCard card;
  card.SetOwnerContact(acct.phone);
  card.SetTitle(acct.display_name);
  card.Publish();
}
