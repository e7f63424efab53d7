//===- InventoryTest.cpp - The data map's view of declarations -----------===//
//
// The inventory lists each origin as the solve sees it: the declarations of
// every TU joined by mergeDeclInfo, not the first TU's view.
//
//===----------------------------------------------------------------------===//
#include "Inventory.h"
#include "Solver.h"
#include <catch2/catch.hpp>

using namespace purpose;

namespace {

DeclInfo global(std::vector<std::string> Limited, std::string Category = "",
                bool FromPolicy = false) {
  DeclInfo D;
  D.Kind = DeclInfo::Global;
  D.Name = "acme::gContact";
  D.Pos.File = "/src/contact.h";
  D.Pos.Line = 3;
  D.Pos.Column = 13;
  D.Limited = std::move(Limited);
  D.Category = std::move(Category);
  D.FromPolicy = FromPolicy;
  return D;
}

std::vector<std::string> purposesIn(const std::vector<const TUSummary *> &TUs,
                                    std::string *Category = nullptr) {
  Inventory Inv = buildInventory(TUs, SolveResult(), Report());
  REQUIRE(Inv.Origins.size() == 1);
  if (Category)
    *Category = Inv.Origins[0].Category;
  return Inv.Origins[0].Purposes;
}

} // namespace

TEST_CASE("the inventory joins every TU's view of an origin, as the solve",
          "[inventory]") {
  TUSummary A, B;
  A.Decls["c:@gContact"] = global({"security"});
  B.Decls["c:@gContact"] = global({"billing"}, "user.contact.email");
  std::string Category;
  CHECK(purposesIn({&A, &B}, &Category) ==
        std::vector<std::string>{"billing", "security"});
  CHECK(Category == "user.contact.email");
  CHECK(purposesIn({&B, &A}) ==
        std::vector<std::string>{"billing", "security"});
}

TEST_CASE("a policy's view of an origin replaces annotations in any TU order",
          "[inventory]") {
  TUSummary A, B;
  A.Decls["c:@gContact"] = global({"security"}, "user.contact");
  B.Decls["c:@gContact"] =
      global({"support"}, "user.contact.phone_number", /*FromPolicy=*/true);
  for (auto Order : {std::vector<const TUSummary *>{&A, &B},
                     std::vector<const TUSummary *>{&B, &A}}) {
    std::string Category;
    CHECK(purposesIn(Order, &Category) == std::vector<std::string>{"support"});
    CHECK(Category == "user.contact.phone_number");
  }
}
