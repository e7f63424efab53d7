// Imitates KDE's KConfig: a configuration file, its groups, and typed
// entries read by key. Declarations only, as for a precompiled library.
#pragma once

#include "qstring.h"

class KConfigGroup;

class KConfigBase {
 public:
  virtual ~KConfigBase();
  KConfigGroup group(const QString& name) const;
};

class KConfig : public KConfigBase {
 public:
  explicit KConfig(const QString& file);
};

class KConfigGroup : public KConfigBase {
 public:
  KConfigGroup();
  QString readEntry(const char* key, const QString& defaultValue = QString()) const;
  void writeEntry(const char* key, const QString& value);
  KConfigGroup group(const QString& name) const;
};
