// Fake Qt: QVariant. Declarations without bodies, including member templates.
#pragma once

#include "qglobal.h"
#include "qstring.h"

class QVariant {
 public:
  QVariant();
  QVariant(int i);
  QVariant(const QString& s);
  QVariant(const char* s);
  QVariant(const QVariant& other);
  ~QVariant();
  QVariant& operator=(const QVariant& other);

  template <typename T>
  static QVariant fromValue(const T& value);
  template <typename T>
  T value() const;

  QString toString() const;
  int toInt(bool* ok = nullptr) const;
  bool isValid() const;

 private:
  struct Private;
  Private* d;
};
