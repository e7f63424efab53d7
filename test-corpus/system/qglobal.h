// Fake Qt: the basics. Declarations only; never linked.
#pragma once

using qsizetype = long long;
using qint64 = long long;
using qint32 = int;

#define Q_DECLARE_METATYPE(T)
