// Fake Qt: QDataStream and QTextStream, the binary and text streams that
// Qt code serializes with. Free operators for QString, members for numbers,
// as in Qt; no bodies.
#pragma once

#include "qglobal.h"
#include "qstring.h"

class QIODevice;

class QDataStream {
 public:
  QDataStream();
  explicit QDataStream(QIODevice* device);
  QDataStream& operator<<(qint32 i);
  QDataStream& operator>>(qint32& i);
  QDataStream& operator<<(bool b);
  QDataStream& operator>>(bool& b);
  int readRawData(char* s, int len);
  int writeRawData(const char* s, int len);
  bool atEnd() const;
};

QDataStream& operator<<(QDataStream& out, const QString& s);
QDataStream& operator>>(QDataStream& in, QString& s);

class QTextStream {
 public:
  explicit QTextStream(QString* string);
  QTextStream& operator<<(const QString& s);
  QTextStream& operator<<(int i);
  QTextStream& operator>>(QString& s);
  QString readLine();
  QString readAll();
};
