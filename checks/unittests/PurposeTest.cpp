//===- PurposeTest.cpp - Purpose names and the hierarchy rule -------------===//
#include "Purpose.h"
#include "TestUtil.h"
#include <catch2/catch.hpp>

using namespace purpose;
using purpose::test::errorText;

TEST_CASE("isValidPurpose accepts dotted lower-case names", "[purpose]") {
  struct {
    const char *Name;
    bool Valid;
  } Cases[] = {
      {"security", true},
      {"security.authentication", true},
      {"a.b.c.d", true},
      {"ads_2", true},
      {"_", true},
      {"0", true},
      {"", false},
      {"Security", false},
      {"security.", false},
      {".security", false},
      {"security..auth", false},
      {"ads-targeting", false},
      {"ads targeting", false},
      {" security", false},
      {"security,ads", false},
      {"*", false},
  };
  for (const auto &C : Cases) {
    INFO("purpose '" << C.Name << "'");
    CHECK(isValidPurpose(C.Name) == C.Valid);
  }
}

TEST_CASE("purposeWithin follows the hierarchy", "[purpose]") {
  CHECK(purposeWithin("security", "security"));
  CHECK(purposeWithin("security.authentication", "security"));
  CHECK(purposeWithin("security.authentication.sms", "security"));
  CHECK_FALSE(purposeWithin("security", "security.authentication"));
  CHECK_FALSE(purposeWithin("securityx", "security"));
  CHECK_FALSE(purposeWithin("advertising", "security"));
  CHECK_FALSE(purposeWithin("advertising.security", "security"));
}

TEST_CASE("useAllowed needs one limit to allow the use", "[purpose]") {
  std::vector<std::string> Limits = {"account", "security"};
  CHECK(useAllowed("security.authentication", Limits));
  CHECK(useAllowed("account", Limits));
  CHECK_FALSE(useAllowed("advertising", Limits));
  CHECK_FALSE(useAllowed("advertising.partner", {"advertising.first_party"}));
  CHECK_FALSE(useAllowed("security", {}));
}

TEST_CASE("parsePurposeList trims, sorts and deduplicates", "[purpose]") {
  auto L = parsePurposeList("security , advertising,security.authentication,"
                            "\tadvertising ");
  REQUIRE(errorText(L.takeError()) == "");
  CHECK(*L == std::vector<std::string>{"advertising", "security",
                                       "security.authentication"});

  auto One = parsePurposeList("security");
  REQUIRE(errorText(One.takeError()) == "");
  CHECK(*One == std::vector<std::string>{"security"});
}

TEST_CASE("parsePurposeList names the malformed part", "[purpose]") {
  struct {
    const char *Text;
    const char *Bad;
  } Cases[] = {
      {"", "''"},
      {"security,,ads", "''"},
      {"security,", "''"},
      {"security, Ads", "'Ads'"},
      {"ads targeting", "'ads targeting'"},
      {"security;ads", "'security;ads'"},
  };
  for (const auto &C : Cases) {
    INFO("list '" << C.Text << "'");
    auto L = parsePurposeList(C.Text);
    REQUIRE_FALSE(static_cast<bool>(L));
    std::string Msg = errorText(L.takeError());
    CHECK(Msg.find(std::string("malformed purpose ") + C.Bad) == 0);
  }
}
