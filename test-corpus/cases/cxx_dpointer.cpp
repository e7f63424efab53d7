// RUN-ARGS: -isystem %S/../system
// Qt-style d-pointers: the data lives in a Private class derived from
// QSharedData, behind a QSharedDataPointer declared in a (fake) system header.
// d->mNumber goes through the library operator-> but reads only the field
// kc::PhoneNumber::Private::mNumber, so the accessor number() is reported and
// label() is not. A whole PhoneNumber (or an Addressee holding a list of
// them behind its own d-pointer) carries the limited field behind the
// shared-data pointer.
#include "purpose.h"

#include <qshareddata.h>

#include <string>
#include <vector>

namespace kc {

class PhoneNumber {
 public:
  PhoneNumber();
  explicit PhoneNumber(const std::string& number, int type = 0);
  PhoneNumber(const PhoneNumber& other);
  ~PhoneNumber();
  PhoneNumber& operator=(const PhoneNumber& other);

  std::string number() const;
  void setNumber(const std::string& number);
  std::string label() const;
  void setLabel(const std::string& label);
  int type() const;

 private:
  class Private;
  QSharedDataPointer<Private> d;
};

class PhoneNumber::Private : public QSharedData {
 public:
  explicit Private(int type) : mType(type) {}
  Private(const Private& other)
      : QSharedData(other),
        mNumber(other.mNumber),
        mLabel(other.mLabel),
        mType(other.mType) {}

  SECURITY_CONTACT std::string mNumber;
  std::string mLabel;
  int mType;
};

PhoneNumber::PhoneNumber() : d(new Private(0)) {}
PhoneNumber::PhoneNumber(const std::string& number, int type) : d(new Private(type)) {
  d->mNumber = number;
}
PhoneNumber::PhoneNumber(const PhoneNumber& other) = default;
PhoneNumber::~PhoneNumber() = default;
PhoneNumber& PhoneNumber::operator=(const PhoneNumber& other) = default;

std::string PhoneNumber::number() const { return d->mNumber; }
void PhoneNumber::setNumber(const std::string& number) { d->mNumber = number; }
std::string PhoneNumber::label() const { return d->mLabel; }
void PhoneNumber::setLabel(const std::string& label) { d->mLabel = label; }
int PhoneNumber::type() const { return d->mType; }

class Addressee {
 public:
  Addressee();
  std::string name() const;
  void setName(const std::string& name);
  std::vector<PhoneNumber> phoneNumbers() const;
  void insertPhoneNumber(const PhoneNumber& number);

 private:
  class Private;
  QSharedDataPointer<Private> d;
};

class Addressee::Private : public QSharedData {
 public:
  std::string mName;
  std::vector<PhoneNumber> mPhoneNumbers;
};

Addressee::Addressee() : d(new Private) {}
std::string Addressee::name() const { return d->mName; }
void Addressee::setName(const std::string& name) { d->mName = name; }
std::vector<PhoneNumber> Addressee::phoneNumbers() const { return d->mPhoneNumbers; }
void Addressee::insertPhoneNumber(const PhoneNumber& number) {
  d->mPhoneNumbers.push_back(number);
}

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadPhoneNumber(const PhoneNumber& number);
AD_TARGETING void UploadAddressee(const Addressee& addressee);

void Export(const PhoneNumber& number, const Addressee& addressee) {
  Upload(number.number());  // expect-violation: kc::PhoneNumber::Private::mNumber
  Upload(number.label());
  Upload(std::to_string(number.type()));
  PhoneNumber copy = number;
  Upload(copy.number());  // expect-violation: kc::PhoneNumber::Private::mNumber
  UploadPhoneNumber(copy);  // expect-violation: kc::PhoneNumber::Private::mNumber

  Upload(addressee.name());
  for (const PhoneNumber& p : addressee.phoneNumbers()) {
    Upload(p.label());
    Upload(p.number());  // expect-violation: kc::PhoneNumber::Private::mNumber
  }
  UploadAddressee(addressee);  // expect-violation: kc::PhoneNumber::Private::mNumber
}

}  // namespace kc
