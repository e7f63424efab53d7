// RUN-ARGS: -isystem %S/../system
// Third-party framework types (fake Qt headers under test-corpus/system/,
// included as system headers): QString, QList and QVariant go through the
// default library rule with no models written for them. Limited data through
// them to a sink is reported; strings and lists built only from clean data
// are not. Field access through QList's operator[] reads only the named field.
#include "purpose.h"

#include <qlist.h>
#include <qstring.h>
#include <qvariant.h>

#include <string>

namespace app {

struct Contact {
  int id = 0;
  QString name;
  SECURITY_CONTACT QString phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadQ(const QString& id);
AD_TARGETING void UploadList(const QStringList& ids);

void Strings(const Contact& contact) {
  QString message = QString("Call %1 now").arg(contact.phone);
  Upload(message.toStdString());  // expect-violation: app::Contact::phone

  QString uri("tel:");
  uri.append(contact.phone.trimmed());
  UploadQ(uri);  // expect-violation: app::Contact::phone

  QString greeting = QString("Hello %1 (#%2)").arg(contact.name).arg(contact.id);
  greeting.append(QChar('!'));
  UploadQ(greeting);
  Upload((contact.name + " / " + QString::number(contact.id)).toStdString());

  std::string std_phone = contact.phone.toStdString();
  UploadQ(QString::fromStdString(std_phone).left(3));  // expect-violation: app::Contact::phone
}

void Lists(const QList<Contact>& contacts) {
  QStringList numbers;
  QStringList names;
  for (const Contact& c : contacts) {
    numbers.append(c.phone);
    names << c.name;
  }
  UploadList(numbers);  // expect-violation: app::Contact::phone
  UploadQ(numbers.at(0));  // expect-violation: app::Contact::phone
  UploadList(names);
  UploadQ(names[0]);

  UploadQ(contacts[0].name);
  UploadQ(contacts.at(0).phone);  // expect-violation: app::Contact::phone
}

void Variants(const Contact& contact) {
  QVariant stored = QVariant::fromValue(contact.phone);
  Upload(stored.toString().toStdString());  // expect-violation: app::Contact::phone

  QVariant label(contact.name);
  UploadQ(label.toString());
  QVariant id = QVariant::fromValue(contact.id);
  UploadQ(QString::number(id.toInt()));
}

}  // namespace app
