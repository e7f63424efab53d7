// RUN-ARGS: -isystem %S/../system
// Qt serialization with QDataStream and QTextStream: deserializing a contact
// into its limited field does not make the stream limited, so other
// contacts and fields read from it afterwards are clean; the stream a
// limited field was written into carries it; a QTextStream over a QString
// writes into that string.
#include "purpose.h"

#include <qdatastream.h>
#include <qstring.h>

namespace qt_streams {

struct Contact {
  QString name;
  SECURITY_CONTACT QString number;
  qint32 kind = 0;
};

AD_TARGETING void Upload(const QString& id);
AD_TARGETING void UploadKind(qint32 kind);
AD_TARGETING void UploadStream(const QDataStream& s);

QDataStream& operator>>(QDataStream& in, Contact& c) {
  in >> c.name >> c.number >> c.kind;
  return in;
}

QDataStream& operator<<(QDataStream& out, const Contact& c) {
  out << c.name << c.number << c.kind;
  return out;
}

void Load(QDataStream& in) {
  Contact c;
  in >> c;
  QString note;
  in >> note;
  Upload(note);
  UploadKind(c.kind);
  Upload(c.name);
  Upload(c.number);  // expect-violation: qt_streams::Contact::number
}

void Save(const Contact& c) {
  QDataStream out;
  out << c;
  UploadStream(out);  // expect-violation: qt_streams::Contact::number
  QDataStream other;
  other << c.name << c.kind;
  UploadStream(other);
}

void Text(const Contact& c) {
  QString buffer;
  QTextStream ts(&buffer);
  ts << c.name << ": " << c.number;
  Upload(buffer);  // expect-violation: qt_streams::Contact::number
  QString clean;
  QTextStream ts2(&clean);
  ts2 << c.name;
  Upload(clean);
}

}  // namespace qt_streams
