// Pimpl split over translation units: Impl is incomplete here.
#pragma once

#include <memory>
#include <string>

namespace pimpl_split {

class Profile {
 public:
  Profile(std::string phone, std::string display_name);
  ~Profile();

  std::string Phone() const;
  std::string DisplayName() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pimpl_split
