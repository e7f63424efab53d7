// Fake Qt: QList<T>. A class template with bodies, in a system header.
#pragma once

#include <initializer_list>

#include "qglobal.h"

template <typename T>
class QList {
 public:
  using const_iterator = const T*;
  using iterator = T*;

  QList() = default;
  QList(std::initializer_list<T> items) {
    for (const T& item : items) append(item);
  }
  QList(const QList& other) { *this = other; }
  ~QList() { delete[] ptr_; }
  QList& operator=(const QList& other) {
    if (this != &other) {
      clear();
      for (qsizetype i = 0; i < other.size_; ++i) append(other.ptr_[i]);
    }
    return *this;
  }

  void append(const T& t) {
    if (size_ == capacity_) grow();
    ptr_[size_++] = t;
  }
  void push_back(const T& t) { append(t); }
  QList& operator<<(const T& t) {
    append(t);
    return *this;
  }

  const T& at(qsizetype i) const { return ptr_[i]; }
  T& operator[](qsizetype i) { return ptr_[i]; }
  const T& operator[](qsizetype i) const { return ptr_[i]; }
  const T& first() const { return ptr_[0]; }
  T value(qsizetype i, const T& fallback = T()) const {
    return i < size_ ? ptr_[i] : fallback;
  }

  qsizetype size() const { return size_; }
  qsizetype count() const { return size_; }
  bool isEmpty() const { return size_ == 0; }
  void clear() { size_ = 0; }

  iterator begin() { return ptr_; }
  iterator end() { return ptr_ + size_; }
  const_iterator begin() const { return ptr_; }
  const_iterator end() const { return ptr_ + size_; }
  const_iterator cbegin() const { return ptr_; }
  const_iterator cend() const { return ptr_ + size_; }

 private:
  void grow() {
    qsizetype capacity = capacity_ ? capacity_ * 2 : 4;
    T* bigger = new T[capacity];
    for (qsizetype i = 0; i < size_; ++i) bigger[i] = ptr_[i];
    delete[] ptr_;
    ptr_ = bigger;
    capacity_ = capacity;
  }

  T* ptr_ = nullptr;
  qsizetype size_ = 0;
  qsizetype capacity_ = 0;
};

class QString;
using QStringList = QList<QString>;
