//===- FlowTest.cpp - The analysis' transfer rules, end to end ------------===//
//
// Each test is a snippet whose sink-call lines carry the expected result, in
// the way of Clang's FlowSensitive tests:
//
//   Upload(a.phone);  // [[flow: ns::Account::phone]]
//   Upload(a.id);     // [[no-flow]]
//
// The snippet is parsed in-process against the real standard library and
// annotations/purpose.h, reduced with analyzeTranslationUnit and solved with
// solveProgram. The set of (line, origin) of the violations must equal the
// set the [[flow]] markers name: nothing may be reported on a [[no-flow]]
// line or on an unmarked one.
//
//===----------------------------------------------------------------------===//
#include "SnippetUtil.h"
#include "Solver.h"
#include "llvm/ADT/StringRef.h"
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace purpose;

namespace {

constexpr const char *MainFile = "/flowtest/input.cc";

/// Included by every snippet as "prelude.h": the library headers the tests
/// use and the sinks. Not a system header, so its sinks are the program's.
constexpr const char *Prelude = R"cpp(
#include "purpose.h"
#include <istream>
#include <map>
#include <sstream>
#include <string>
#include <vector>
AD_TARGETING void Upload(const std::string &Id);
AD_TARGETING void UploadNumber(long Id);
AD_TARGETING void UploadMap(const std::map<std::string, std::string> &M);
AD_TARGETING void UploadAll(const std::vector<std::string> &V);
)cpp";

/// A reported or expected violation: the sink call's line and the origin.
using LineOrigin = std::pair<unsigned, std::string>;

/// What a snippet's markers say.
struct Markers {
  std::set<LineOrigin> Flows;    ///< Every [[flow: O]]: (line, O).
  std::set<unsigned> NoFlows;    ///< The lines of [[no-flow]].
  std::vector<std::string> Text; ///< The snippet's lines, for messages.
};

/// The markers of \p Code, lines counted from 1.
Markers parseMarkers(llvm::StringRef Code) {
  Markers M;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Code.split(Lines, '\n');
  for (unsigned I = 0; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I];
    M.Text.push_back(L.trim().str());
    if (L.contains("[[no-flow]]"))
      M.NoFlows.insert(I + 1);
    size_t At = L.find("[[flow:");
    if (At == llvm::StringRef::npos)
      continue;
    llvm::StringRef List = L.substr(At + 7).split("]]").first;
    llvm::SmallVector<llvm::StringRef, 4> Origins;
    List.split(Origins, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
    for (llvm::StringRef O : Origins)
      M.Flows.insert({I + 1, O.trim().str()});
  }
  return M;
}

/// "  line N: ORIGIN", then the line's text when \p M has it.
std::string describe(const Markers &M, const LineOrigin &F) {
  std::string S = "  line " + std::to_string(F.first) + ": " + F.second;
  if (F.first >= 1 && F.first <= M.Text.size())
    S += "\n    | " + M.Text[F.first - 1];
  return S + "\n";
}

/// "" iff \p Found is exactly what \p Expected says; otherwise the missing
/// and unexpected (line, origin) pairs.
std::string compareFlows(const Markers &Expected,
                         const std::set<LineOrigin> &Found) {
  std::string Missing, Unexpected;
  for (const LineOrigin &F : Expected.Flows)
    if (!Found.count(F))
      Missing += describe(Expected, F);
  for (const LineOrigin &F : Found) {
    if (Expected.Flows.count(F))
      continue;
    LineOrigin Shown = F;
    if (Expected.NoFlows.count(F.first))
      Shown.second += " (on a [[no-flow]] line)";
    Unexpected += describe(Expected, Shown);
  }
  if (Missing.empty() && Unexpected.empty())
    return "";
  std::string Msg;
  if (!Missing.empty())
    Msg += "missing flows:\n" + Missing;
  if (!Unexpected.empty())
    Msg += "unexpected flows:\n" + Unexpected;
  return Msg;
}

/// The (line, origin) of every violation; one outside the snippet is kept
/// with line 0 and its file named, so that it shows as unexpected.
std::set<LineOrigin> foundFlows(const SolveResult &R) {
  std::set<LineOrigin> Found;
  for (const Finding &F : R.Violations) {
    if (F.SinkPos.File == MainFile)
      Found.insert({F.SinkPos.Line, F.OriginName});
    else
      Found.insert({0, F.OriginName + " (in " + F.SinkPos.File + ")"});
  }
  return Found;
}

/// Parses, reduces and solves \p Code (SnippetUtil.h). \p Problems receives
/// what does not compile and the errors of the analysis and the solve.
SolveResult
analyze(llvm::StringRef Code, std::string &Problems,
        const std::vector<std::string> &ExtraArgs = {},
        const clang::tooling::FileContentMappings &ExtraFiles = {}) {
  clang::tooling::FileContentMappings Files = {
      {"/flowtest/prelude.h", Prelude}};
  Files.insert(Files.end(), ExtraFiles.begin(), ExtraFiles.end());
  TUSummary S;
  if (!test::summarizeSnippet(Code, MainFile, S, Problems, ExtraArgs, Files))
    return {};
  SolveResult R = solveProgram({&S});
  for (const RunError &E : R.Errors)
    Problems += E.Message + "\n";
  return R;
}

/// Runs \p Code and compares its violations with its markers: "" iff they
/// agree, else what went wrong.
std::string
checkFlows(llvm::StringRef Code, const std::vector<std::string> &ExtraArgs = {},
           const clang::tooling::FileContentMappings &ExtraFiles = {}) {
  std::string Problems;
  SolveResult R = analyze(Code, Problems, ExtraArgs, ExtraFiles);
  return Problems + compareFlows(parseMarkers(Code), foundFlows(R));
}

} // namespace

#define CHECK_FLOWS(Code)                                                      \
  do {                                                                         \
    std::string Mismatch = checkFlows(Code);                                   \
    INFO(Mismatch);                                                            \
    CHECK(Mismatch.empty());                                                   \
  } while (false)

//===-- The fixture itself ------------------------------------------------===//

TEST_CASE("markers are read per line, several origins to a line", "[flow]") {
  Markers M = parseMarkers("a\n"
                           "Upload(x); // [[flow: ns::A::b]]\n"
                           "Upload(y); // [[no-flow]]\n"
                           "Upload(z); // [[flow: ns::A::b, g ]]\n");
  CHECK(M.Flows ==
        std::set<LineOrigin>{{2, "ns::A::b"}, {4, "ns::A::b"}, {4, "g"}});
  CHECK(M.NoFlows == std::set<unsigned>{3});
}

TEST_CASE("the comparison lists missing and unexpected flows", "[flow]") {
  Markers M;
  M.Flows = {{3, "A::phone"}, {5, "A::phone"}};
  M.NoFlows = {7};
  CHECK(compareFlows(M, {{3, "A::phone"}, {5, "A::phone"}}) == "");
  CHECK(compareFlows(M, {{3, "A::phone"}, {7, "A::phone"}, {9, "A::pin"}}) ==
        "missing flows:\n"
        "  line 5: A::phone\n"
        "unexpected flows:\n"
        "  line 7: A::phone (on a [[no-flow]] line)\n"
        "  line 9: A::pin\n");
}

TEST_CASE("a wrong marker makes the check fail", "[flow]") {
  // Right: a flow on line 5, nothing on line 6.
  const char *Code = R"cpp(#include "prelude.h"
namespace fixture {
struct Account { std::string id; SECURITY_CONTACT std::string phone; };
void Send(const Account &a) {
  Upload(a.phone); // [[flow: fixture::Account::id]]
  Upload(a.id);    // [[flow: fixture::Account::id]]
}
} // namespace fixture
)cpp";
  std::string Problems;
  SolveResult R = analyze(Code, Problems);
  REQUIRE(Problems == "");
  std::set<LineOrigin> Found = foundFlows(R);
  CHECK(Found == std::set<LineOrigin>{{5, "fixture::Account::phone"}});
  CHECK(compareFlows(parseMarkers(Code), Found) ==
        "missing flows:\n"
        "  line 5: fixture::Account::id\n"
        "    | Upload(a.phone); // [[flow: fixture::Account::id]]\n"
        "  line 6: fixture::Account::id\n"
        "    | Upload(a.id);    // [[flow: fixture::Account::id]]\n"
        "unexpected flows:\n"
        "  line 5: fixture::Account::phone\n"
        "    | Upload(a.phone); // [[flow: fixture::Account::id]]\n");
  CHECK(checkFlows(Code) != "");
}

TEST_CASE("a snippet that does not compile fails the check", "[flow]") {
  CHECK(checkFlows(R"cpp(#include "prelude.h"
void Send() { Upload(undeclared); } // [[no-flow]]
)cpp") != "");
}

//===-- Transfer rules ----------------------------------------------------===//

TEST_CASE("a limited field read reaches the sink", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace direct {
struct Account { std::string id; SECURITY_CONTACT std::string phone; };
void Send(const Account &a, const Account *p) {
  Upload(a.phone);  // [[flow: direct::Account::phone]]
  Upload(p->phone); // [[flow: direct::Account::phone]]
  Upload(a.id);     // [[no-flow]]
}
} // namespace direct
)cpp");
}

TEST_CASE("assignment to a local replaces what it held", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace strong {
struct Account { std::string id; SECURITY_CONTACT std::string phone; };
void Send(const Account &a, bool b) {
  std::string s = a.phone;
  s = "x";
  Upload(s); // [[no-flow]]
  std::string t = a.id;
  t = a.phone;
  Upload(t); // [[flow: strong::Account::phone]]
  std::string u = a.phone;
  if (b)
    u = "x";
  Upload(u); // [[flow: strong::Account::phone]]
}
} // namespace strong
)cpp");
}

TEST_CASE("arithmetic joins its operands", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace arith {
struct Card { long id; PURPOSE_LIMITED("security") long pin; };
void Send(const Card &c) {
  UploadNumber(c.pin + 1);         // [[flow: arith::Card::pin]]
  UploadNumber(c.id * 2 ^ c.pin);  // [[flow: arith::Card::pin]]
  long x = c.id;
  x += c.pin;
  UploadNumber(x);                 // [[flow: arith::Card::pin]]
  UploadNumber(c.id - 1);          // [[no-flow]]
  Upload(std::to_string(c.pin % 100)); // [[flow: arith::Card::pin]]
}
} // namespace arith
)cpp");
}

TEST_CASE("comparisons and logical operators carry nothing", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace cmp {
struct Account {
  long id;
  SECURITY_CONTACT long pin;
  SECURITY_CONTACT std::string phone;
};
void Send(const Account &a) {
  UploadNumber(a.pin == 42);        // [[no-flow]]
  bool Less = a.pin < a.id;
  UploadNumber(Less);               // [[no-flow]]
  UploadNumber(!a.pin || a.id);     // [[no-flow]]
  UploadNumber(a.phone == "555");   // [[no-flow]]
  UploadNumber(a.phone.empty());    // [[no-flow]]
  UploadNumber(a.pin ? 1 : 0);      // [[no-flow]]
}
} // namespace cmp
)cpp");
}

TEST_CASE("a helper's return value carries what it returns", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace helper {
struct Account { std::string id; SECURITY_CONTACT std::string phone; };
std::string PhoneOf(const Account &a) { return a.phone; }
std::string Same(const std::string &s) { return s; }
std::string Tag(const std::string &s) { return "tag:" + Same(s); }
void Send(const Account &a) {
  Upload(PhoneOf(a));    // [[flow: helper::Account::phone]]
  Upload(Same(a.phone)); // [[flow: helper::Account::phone]]
  Upload(Same(a.id));    // [[no-flow]]
  Upload(Tag(a.phone));  // [[flow: helper::Account::phone]]
  Upload(Tag(a.id));     // [[no-flow]]
}
} // namespace helper
)cpp");
}

TEST_CASE("an out-parameter carries what is stored through it", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace out {
struct Account { std::string id; SECURITY_CONTACT std::string phone; };
void Fill(const Account &a, std::string *o) { *o = a.phone; }
void Copy(const std::string &in, std::string *o) { *o = in; }
void Send(const Account &a) {
  std::string s;
  Fill(a, &s);
  Upload(s); // [[flow: out::Account::phone]]
  std::string t, u;
  Copy(a.id, &t);
  Copy(a.phone, &u);
  Upload(t); // [[no-flow]]
  Upload(u); // [[flow: out::Account::phone]]
}
} // namespace out
)cpp");
}

TEST_CASE("a field's state is shared by every object, across functions",
          "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace fields {
struct Account { std::string id; SECURITY_CONTACT std::string phone; };
struct Session { std::string contact; std::string name; };
void Remember(Session &s, const Account &a) {
  s.contact = a.phone;
  s.name = a.id;
}
void Later(const Session &other) {
  Upload(other.contact); // [[flow: fields::Account::phone]]
  Upload(other.name);    // [[no-flow]]
}
} // namespace fields
)cpp");
}

TEST_CASE("lambda captures carry what they capture", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace lambdas {
struct Account { std::string id; SECURITY_CONTACT std::string phone; };
void Send(const Account &a) {
  auto ByRef = [&a] { Upload(a.phone); }; // [[flow: lambdas::Account::phone]]
  ByRef();
  std::string p = a.phone, n = a.id;
  auto ByValue = [p] { return p + "!"; };
  Upload(ByValue()); // [[flow: lambdas::Account::phone]]
  auto Init = [k = n] { return k; };
  Upload(Init()); // [[no-flow]]
  std::string o;
  auto Write = [&o, &a] { o = a.phone; };
  Write();
  Upload(o); // [[flow: lambdas::Account::phone]]
  auto First = [&a] { return a.phone; };
  auto Second = [&a] { return a.id; };
  Upload(First());  // [[flow: lambdas::Account::phone]]
  Upload(Second()); // [[no-flow]]
}
} // namespace lambdas
)cpp");
}

TEST_CASE("a vector holds what was pushed into it", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace vec {
struct Account { std::string id; SECURITY_CONTACT std::string phone; };
void Send(const Account &a) {
  std::vector<std::string> v;
  v.push_back(a.phone);
  Upload(v[0]);      // [[flow: vec::Account::phone]]
  Upload(v.front()); // [[flow: vec::Account::phone]]
  for (const std::string &s : v)
    Upload(s);       // [[flow: vec::Account::phone]]
  std::vector<std::string> w;
  w.push_back(a.id);
  Upload(w[0]);      // [[no-flow]]
  UploadAll(w);      // [[no-flow]]
  v.clear();
  UploadAll(v);      // [[no-flow]]
}
} // namespace vec
)cpp");
}

TEST_CASE("a store to one map element does not clear another", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace maps {
struct Account { std::string id; SECURITY_CONTACT std::string phone; };
void Send(const Account &a) {
  std::map<std::string, std::string> m;
  m["a"] = a.phone;
  m["b"] = "x";
  UploadMap(m); // [[flow: maps::Account::phone]]
  std::map<std::string, std::string> n;
  n["a"] = a.id;
  UploadMap(n); // [[no-flow]]
  m = {};
  UploadMap(m); // [[no-flow]]
}
} // namespace maps
)cpp");
}

TEST_CASE("insertion fills the stream, not the operands", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace ostreams {
struct Account { std::string id; SECURITY_CONTACT std::string phone; };
void Send(const Account &a) {
  std::ostringstream o;
  o << a.id;
  std::string Before = o.str();
  o << a.id << a.phone;
  Upload(o.str()); // [[flow: ostreams::Account::phone]]
  Upload(a.id);    // [[no-flow]]
  Upload(Before);  // [[no-flow]]
}
} // namespace ostreams
)cpp");
}

TEST_CASE("extraction fills the operands, not the stream", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace istreams {
struct Contact { std::string name; SECURITY_CONTACT std::string phone; };
void Load(std::istream &in, Contact &c) {
  in >> c.phone;
  std::string next;
  in >> next;
  Upload(next);    // [[no-flow]]
  std::string line;
  std::getline(in, line);
  Upload(line);    // [[no-flow]]
  Upload(c.phone); // [[flow: istreams::Contact::phone]]
}
void RoundTrip(const Contact &c) {
  std::stringstream ss;
  ss << c.phone;
  std::string digits;
  ss >> digits;
  Upload(digits);  // [[flow: istreams::Contact::phone]]
}
} // namespace istreams
)cpp");
}

//===-- No hubs (issue 13, item 5) ----------------------------------------===//
//
// Library objects are not hubs: writing limited data into one stream, one
// vector or one string must not make every other of its type limited. The
// two loggers are different classes, since two objects of one user class
// share their fields' state by contract (the field-based test above); what
// they share here is only the library type std::vector<std::string>.

TEST_CASE("streams, loggers and builders are not hubs", "[flow]") {
  CHECK_FLOWS(R"cpp(#include "prelude.h"
namespace hubs {
struct Account { std::string id; SECURITY_CONTACT std::string phone; };
class AuditLog {
public:
  void Log(const std::string &m) { Lines.push_back(m); }
  const std::vector<std::string> &lines() const { return Lines; }
private:
  std::vector<std::string> Lines;
};
class EventLog {
public:
  void Log(const std::string &m) { Lines.push_back(m); }
  const std::vector<std::string> &lines() const { return Lines; }
private:
  std::vector<std::string> Lines;
};
void Direct(const Account &a) {
  std::ostringstream Limited;
  Limited << a.phone;
  AuditLog Audit;
  Audit.Log(a.phone);
  std::string Built;
  Built += a.phone;
  Upload(Limited.str());    // [[flow: hubs::Account::phone]]
  UploadAll(Audit.lines()); // [[flow: hubs::Account::phone]]
  Upload(Built);            // [[flow: hubs::Account::phone]]

  std::ostringstream Other;
  Other << a.id << 42;
  EventLog Events;
  Events.Log(a.id);
  std::string Plain;
  Plain += a.id;
  Upload(Other.str());       // [[no-flow]]
  UploadAll(Events.lines()); // [[no-flow]]
  Upload(Plain);             // [[no-flow]]
}
void Write(std::ostream &os, const std::string &s) { os << s << ';'; }
void Append(std::string &b, const std::string &s) { b += s; }
void ViaHelpers(const Account &a) {
  std::ostringstream Limited, Other;
  Write(Limited, a.phone);
  Write(Other, a.id);
  std::string Built, Plain;
  Append(Built, a.phone);
  Append(Plain, a.id);
  Upload(Limited.str()); // [[flow: hubs::Account::phone]]
  Upload(Built);         // [[flow: hubs::Account::phone]]
  Upload(Other.str());   // [[no-flow]]
  Upload(Plain);         // [[no-flow]]
}
void Elsewhere(const Account &a) {
  std::ostringstream Other;
  Other << a.id;
  EventLog Events;
  Events.Log(a.id);
  std::string Plain = a.id;
  Plain += "!";
  Upload(Other.str());       // [[no-flow]]
  UploadAll(Events.lines()); // [[no-flow]]
  Upload(Plain);             // [[no-flow]]
}
} // namespace hubs
)cpp");
}

//===-- Fingerprints ------------------------------------------------------===//

TEST_CASE("calls of two overloads of one sink get distinct fingerprints",
          "[flow]") {
  // Fingerprints name the callee, not its overload: ordinals must count
  // calls by name, or the second call's violation shares the first's
  // fingerprint and a baseline of one silently hides the other.
  const char *Code = R"cpp(#include "prelude.h"
struct Account { SECURITY_CONTACT std::string phone; long id = 0; };
AD_TARGETING void Send(const std::string &S);
AD_TARGETING void Send(long N);
void f(const Account &a) {
  Send(a.phone.size() ? a.phone : "");  // [[flow: Account::phone]]
  Send((long)a.phone[0]);               // [[flow: Account::phone]]
}
)cpp";
  std::string Problems;
  SolveResult R = analyze(Code, Problems);
  INFO(Problems);
  REQUIRE(Problems.empty());
  CHECK(compareFlows(parseMarkers(Code), foundFlows(R)) == "");
  REQUIRE(R.Violations.size() == 2);
  CHECK(R.Violations[0].Fingerprint != R.Violations[1].Fingerprint);
}

//===-- What counts as library code ---------------------------------------===//

TEST_CASE("a header under /usr/include is library code even through -I",
          "[flow]") {
  // pkg-config passes -I/usr/include/glib-2.0: GLib's headers are then user
  // headers to the compiler. Their types must stay the library's, or a field
  // that only library code writes (GList::data) is never seen written.
  const char *Header = R"cpp(#pragma once
struct Node { void *data; Node *next; };
void node_fill(Node *n, const char *text);
)cpp";
  const char *Code = R"cpp(#include "prelude.h"
#include <fakelib.h>
struct Account { SECURITY_CONTACT std::string phone; std::string name; };
void f(const Account &a) {
  Node n;
  node_fill(&n, a.phone.c_str());
  Upload(static_cast<const char *>(n.data));  // [[flow: Account::phone]]
  Node m;
  node_fill(&m, a.name.c_str());
  Upload(static_cast<const char *>(m.data));  // [[no-flow]]
}
)cpp";
  std::string Mismatch =
      checkFlows(Code, {"-I/usr/include/purpose-fakelib"},
                 {{"/usr/include/purpose-fakelib/fakelib.h", Header}});
  INFO(Mismatch);
  CHECK(Mismatch.empty());
}

TEST_CASE("a widget looked up on its dialog by name is not the dialog",
          "[flow]") {
  // g_object_get_data hands back an object attached to the dialog: text set
  // into one entry is not stored in the dialog, so another entry read back
  // is clean; what was attached, and an entry's own text, still flow.
  const char *Header = R"cpp(#pragma once
typedef struct _GObject { void *g_class; unsigned ref_count; void *qdata; } GObject;
typedef struct _GtkEntry { GObject parent; struct _GtkEntryPrivate *priv; } GtkEntry;
extern "C" {
void *g_object_get_data(GObject *object, const char *key);
void g_object_set_data(GObject *object, const char *key, void *data);
void gtk_entry_set_text(GtkEntry *entry, const char *text);
const char *gtk_entry_get_text(GtkEntry *entry);
}
)cpp";
  const char *Code = R"cpp(#include "prelude.h"
#include <fakegtk.h>
struct Account { SECURITY_CONTACT std::string phone; std::string name; };
static GObject *dialog;
static GObject *status;
static GtkEntry *phone_entry;
void Show(GObject *d, const char *key, const char *text) {
  gtk_entry_set_text((GtkEntry *)g_object_get_data(d, key), text);
}
void f(const Account &a) {
  Show(dialog, "phone", a.phone.c_str());
  Upload(gtk_entry_get_text((GtkEntry *)g_object_get_data(dialog, "name")));  // [[no-flow]]
  g_object_set_data(status, "phone", (void *)a.phone.c_str());
  Upload((const char *)g_object_get_data(status, "phone"));  // [[flow: Account::phone]]
  gtk_entry_set_text(phone_entry, a.phone.c_str());
  Upload(gtk_entry_get_text(phone_entry));  // [[flow: Account::phone]]
}
)cpp";
  std::string Mismatch =
      checkFlows(Code, {"-I/usr/include/purpose-fakegtk"},
                 {{"/usr/include/purpose-fakegtk/fakegtk.h", Header}});
  INFO(Mismatch);
  CHECK(Mismatch.empty());
}
