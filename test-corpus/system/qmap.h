// Fake Qt: QMap<K, V> and QHash<K, V>, declared without bodies, as for a
// precompiled library; QStringBuilder's operator%; and
// QExplicitlySharedDataPointer.
#pragma once

#include "qglobal.h"
#include "qlist.h"
#include "qstring.h"

template <typename K, typename V>
class QMap {
 public:
  QMap();
  QMap(const QMap& other);
  QMap& operator=(const QMap& other);
  void insert(const K& key, const V& value);
  V& operator[](const K& key);
  V value(const K& key, const V& defaultValue = V()) const;
  bool contains(const K& key) const;
  qsizetype size() const;
  QList<K> keys() const;
  QList<V> values() const;
  void clear();
};

template <typename K, typename V>
class QHash {
 public:
  QHash();
  void insert(const K& key, const V& value);
  V& operator[](const K& key);
  V value(const K& key) const;
  qsizetype count() const;
  V take(const K& key);
};

template <typename A, typename B>
struct QStringBuilder {
  const A& a;
  const B& b;
  operator QString() const;
};
QStringBuilder<QString, QString> operator%(const QString& a, const QString& b);

template <typename T>
class QExplicitlySharedDataPointer {
 public:
  QExplicitlySharedDataPointer();
  explicit QExplicitlySharedDataPointer(T* data);
  T* operator->();
  const T* operator->() const;
  T& operator*();
  T* data() const;
};
