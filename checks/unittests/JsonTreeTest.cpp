//===- JsonTreeTest.cpp - Byte offsets of SAX-built JSON trees ------------===//
#include "JsonTree.h"
#include "TestUtil.h"
#include <catch2/catch.hpp>

using namespace purpose;
using purpose::test::errorText;

TEST_CASE("every value and key records where it starts", "[json]") {
  //                 0         1         2         3         4         5
  //                 0123456789012345678901234567890123456789012345678901234
  const char *Text = "{\"a\": [1, -2, 3.5e1, true, null, \"s\"], \"b\": {}}";
  auto Doc = JsonDocument::parse(Text, "t.json");
  REQUIRE(errorText(Doc.takeError()) == "");
  const JsonNode &Root = Doc->root();
  REQUIRE(Root.Kind == JsonNode::Object);
  CHECK(Root.Offset == 0);
  CHECK(Root.Keys == std::vector<std::string>{"a", "b"});
  CHECK(Root.KeyOffsets == std::vector<size_t>{1, 39});
  const JsonNode *A = Root.get("a");
  REQUIRE(A);
  CHECK(A->Offset == 6);
  REQUIRE(A->Elements.size() == 6);
  std::vector<size_t> Offsets;
  for (const JsonNode &E : A->Elements)
    Offsets.push_back(E.Offset);
  CHECK(Offsets == std::vector<size_t>{7, 10, 14, 21, 27, 33});
  CHECK(A->Elements[0].Kind == JsonNode::Unsigned);
  CHECK(A->Elements[0].UIntValue == 1);
  CHECK(A->Elements[1].Kind == JsonNode::Integer);
  CHECK(A->Elements[1].IntValue == -2);
  CHECK(A->Elements[2].Kind == JsonNode::Float);
  CHECK(A->Elements[2].FloatValue == 35.0);
  CHECK(A->Elements[3].BoolValue);
  CHECK(A->Elements[4].Kind == JsonNode::Null);
  CHECK(A->Elements[5].Str == "s");
  CHECK(Root.get("b")->Offset == 44);
  CHECK_FALSE(Root.get("c"));
}

TEST_CASE("numbers followed directly by a closing bracket keep positions "
          "right",
          "[json]") {
  const char *Text = "[[1],{\"k\":2},3]";
  auto Doc = JsonDocument::parse(Text, "t.json");
  REQUIRE(errorText(Doc.takeError()) == "");
  const JsonNode &Root = Doc->root();
  REQUIRE(Root.Elements.size() == 3);
  CHECK(Root.Elements[0].Offset == 1);
  CHECK(Root.Elements[0].Elements[0].Offset == 2);
  CHECK(Root.Elements[1].Offset == 5);
  CHECK(Root.Elements[1].KeyOffsets[0] == 6);
  CHECK(Root.Elements[1].Elements[0].Offset == 10);
  CHECK(Root.Elements[2].Offset == 13);
}

TEST_CASE("positions are 1-based lines and byte columns", "[json]") {
  const char *Text = "{\n  \"a\":\r\n\t\"x\"\n}";
  auto Doc = JsonDocument::parse(Text, "t.json");
  REQUIRE(errorText(Doc.takeError()) == "");
  const JsonNode *A = Doc->root().get("a");
  REQUIRE(A);
  CHECK(Doc->position(Doc->root().KeyOffsets[0]).str() == "t.json:2:3");
  CHECK(Doc->position(A->Offset).str() == "t.json:3:2");
  CHECK(Doc->position(0).str() == "t.json:1:1");
  CHECK(Doc->position(1000).str() == "t.json:4:2");
  CHECK(errorText(Doc->error(A->Offset, "bad 'x'")) ==
        "t.json:3:2: error: bad 'x'");
}

TEST_CASE("a byte order mark is skipped", "[json]") {
  auto Doc = JsonDocument::parse("\xEF\xBB\xBF{\"a\": 1}", "t.json");
  REQUIRE(errorText(Doc.takeError()) == "");
  CHECK(Doc->root().Offset == 3);
  CHECK(Doc->root().get("a")->Offset == 9);
}

TEST_CASE("parse errors carry the position of the offending byte", "[json]") {
  struct {
    const char *Text;
    const char *Error;
  } Cases[] = {
      // The byte that broke the literal; nlohmann's "last read" is its own.
      {"{\"a\": tru}", "t.json:1:10: error: malformed JSON: syntax error "
                       "while parsing value - invalid literal; last read: "
                       "'\"a\": tru}'"},
      {"[1,\n 2,,]", "t.json:2:4: error: malformed JSON: syntax error while "
                     "parsing value - unexpected ','; expected '[', '{', or "
                     "a literal"},
      {"\"\xFF\"", "t.json:1:2: error: malformed JSON: syntax error while "
                   "parsing value - invalid string: ill-formed UTF-8 byte; "
                   "last read: '\"\xFF'"},
      {"{\"a\": 1, \"a\": 2}", "t.json:1:10: error: duplicate key 'a'"},
      {"[1, 2] // comment", "t.json:1:8: error: malformed JSON: syntax error "
                            "while parsing value - invalid literal; last "
                            "read: '2] /'; expected end of input"},
  };
  for (const auto &C : Cases) {
    INFO(C.Text);
    auto Doc = JsonDocument::parse(C.Text, "t.json");
    REQUIRE_FALSE(static_cast<bool>(Doc));
    CHECK(errorText(Doc.takeError()) == C.Error);
  }
}
