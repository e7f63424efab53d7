// RUN-ARGS: -isystem %S/../system
// Qt's associative containers and string building go through the default
// library rule, which is right for them: QMap/QHash hold what is inserted
// (insert, operator[]) and hand it back (value, values, take); storing into
// one key adds to the map; counts carry nothing; QString::arg and
// QStringBuilder's operator% carry their operands; an explicitly shared
// d-pointer reads only the field it names.
#include "purpose.h"

#include <qmap.h>
#include <qstring.h>

namespace qt_containers {

struct Contact {
  QString name;
  SECURITY_CONTACT QString number;
};

class Card {
 public:
  QString number() const { return d->number; }
  QString title() const { return d->title; }

 private:
  struct Private {
    QString title;
    SECURITY_CONTACT QString number;
  };
  QExplicitlySharedDataPointer<Private> d;
};

AD_TARGETING void Upload(const QString& s);
AD_TARGETING void UploadCount(qsizetype n);

void Maps(const Contact& c) {
  QMap<QString, QString> byName;
  byName.insert(c.name, c.number);
  byName[QString("source")] = QString("import");
  Upload(byName.value(c.name));  // expect-violation: qt_containers::Contact::number
  UploadCount(byName.size());

  QMap<QString, QString> names;
  names[QString("n")] = c.name;
  Upload(names.value(QString("n")));

  QHash<QString, QString> cache;
  cache.insert(c.name, c.number);
  Upload(cache.take(c.name));  // expect-violation: qt_containers::Contact::number
  UploadCount(cache.count());
}

void Strings(const Contact& c) {
  QString line = QString("%1 <%2>").arg(c.name, c.number);
  Upload(line);  // expect-violation: qt_containers::Contact::number
  QString built = c.name % c.number;
  Upload(built);  // expect-violation: qt_containers::Contact::number
  Upload(QString("hello ").arg(c.name));
}

void Cards(const Card& card) {
  Upload(card.title());
  Upload(card.number());  // expect-violation: qt_containers::Card::Private::number
}

}  // namespace qt_containers
