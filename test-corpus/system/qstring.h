// Fake Qt: QString. Member functions are declared without bodies, as for a
// precompiled third-party library.
#pragma once

#include <string>

#include "qglobal.h"

class QChar {
 public:
  QChar() = default;
  QChar(char c) : ucs_(static_cast<unsigned char>(c)) {}
  char toLatin1() const { return static_cast<char>(ucs_); }
  bool isDigit() const;

 private:
  unsigned short ucs_ = 0;
};

class QString {
 public:
  QString();
  QString(const char* str);
  QString(QChar c);
  QString(const QString& other);
  QString(QString&& other) noexcept;
  ~QString();
  QString& operator=(const QString& other);
  QString& operator=(QString&& other) noexcept;
  QString& operator=(const char* str);

  QString& append(const QString& str);
  QString& append(QChar c);
  QString& prepend(const QString& str);
  QString& operator+=(const QString& str);
  QString& operator+=(QChar c);

  QString arg(const QString& a) const;
  QString arg(int a, int fieldWidth = 0) const;
  QString arg(const QString& a1, const QString& a2) const;

  QString left(qsizetype n) const;
  QString mid(qsizetype position, qsizetype n = -1) const;
  QString trimmed() const;
  QString toLower() const;

  qsizetype size() const;
  bool isEmpty() const;
  void clear();
  QChar at(qsizetype i) const;
  const QChar* constData() const;

  std::string toStdString() const;
  static QString fromStdString(const std::string& s);
  static QString fromUtf8(const char* s, qsizetype size = -1);
  static QString number(int n);

  friend bool operator==(const QString& a, const QString& b);
  friend bool operator!=(const QString& a, const QString& b);
  friend bool operator<(const QString& a, const QString& b);

 private:
  struct Data;
  Data* d;
};

QString operator+(const QString& a, const QString& b);
QString operator+(const QString& a, const char* b);
QString operator+(const char* a, const QString& b);
