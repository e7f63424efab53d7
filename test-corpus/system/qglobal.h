// Fake Qt: the basics. Declarations only; never linked.
#pragma once

using qsizetype = long long;
using qint64 = long long;

#define Q_DECLARE_METATYPE(T)
