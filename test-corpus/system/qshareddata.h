// Fake Qt: implicitly shared data. QSharedDataPointer<T> is an owning,
// copy-on-write pointer to a T derived from QSharedData (the "d-pointer").
#pragma once

class QAtomicInt {
 public:
  QAtomicInt(int v = 0) : value_(v) {}
  bool ref() { return ++value_ != 0; }
  bool deref() { return --value_ != 0; }
  int loadRelaxed() const { return value_; }

 private:
  int value_;
};

class QSharedData {
 public:
  mutable QAtomicInt ref;

  QSharedData() noexcept : ref(0) {}
  QSharedData(const QSharedData&) noexcept : ref(0) {}
  QSharedData& operator=(const QSharedData&) = delete;
  ~QSharedData() = default;
};

template <typename T>
class QSharedDataPointer {
 public:
  using Type = T;
  using pointer = T*;

  QSharedDataPointer() noexcept : d(nullptr) {}
  explicit QSharedDataPointer(T* data) noexcept : d(data) {
    if (d) d->ref.ref();
  }
  QSharedDataPointer(const QSharedDataPointer& o) noexcept : d(o.d) {
    if (d) d->ref.ref();
  }
  ~QSharedDataPointer() {
    if (d && !d->ref.deref()) delete d;
  }
  QSharedDataPointer& operator=(const QSharedDataPointer& o) noexcept {
    QSharedDataPointer copy(o);
    T* old = d;
    d = copy.d;
    copy.d = old;
    return *this;
  }

  void detach() {
    if (d && d->ref.loadRelaxed() != 1) detach_helper();
  }
  T& operator*() {
    detach();
    return *d;
  }
  const T& operator*() const { return *d; }
  T* operator->() {
    detach();
    return d;
  }
  const T* operator->() const { return d; }
  T* data() {
    detach();
    return d;
  }
  const T* data() const { return d; }
  const T* constData() const { return d; }

 private:
  void detach_helper() {
    T* x = new T(*d);
    x->ref.ref();
    if (!d->ref.deref()) delete d;
    d = x;
  }

  T* d;
};
