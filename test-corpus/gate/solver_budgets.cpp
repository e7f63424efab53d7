// Drives each budget of the whole-program solve (SolverOptions) to
// exhaustion when scripts/tests/budget_test.py lowers it with --solver-budget.
// With the default budgets the run is complete and finds the four flows.
#include "purpose.h"
#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

// trace-depth: the trace nests the summaries of Wrap1, Wrap2 and Wrap3.
std::string Wrap3(const std::string& s) { return s + "!"; }
std::string Wrap2(const std::string& s) { return Wrap3(s); }
std::string Wrap1(const std::string& s) { return Wrap2(s); }
void Deep(const Account& a) { Upload(Wrap1(a.phone)); }

// summary-rounds: of two mutually recursive functions, one is summarized
// again once the other's summary grows.
std::string Pong(const std::string& s, int n);
std::string Ping(const std::string& s, int n) { return n ? Pong(s, n - 1) : s; }
std::string Pong(const std::string& s, int n) { return n ? Ping(s, n - 1) : s; }
void Recursive(const Account& a) { Upload(Ping(a.phone, 3)); }

// indirect-rounds: Send reaches the call in CallIt only once the call in
// Apply is bound to CallIt: two rounds of binding.
using Sink = void (*)(const std::string&);
void Send(const std::string& id) { Upload(id); }
void CallIt(Sink f, const std::string& v) { f(v); }
void Apply(void (*g)(Sink, const std::string&), Sink f, const std::string& v) {
  g(f, v);
}
void ThroughPointers(const Account& a) { Apply(&CallIt, &Send, a.phone); }

// One call through a pointer: bound in the first round.
void HandOn(Sink f, const std::string& v) { CallIt(f, v); }
void ThroughPointer(const Account& a) { HandOn(&Send, a.phone); }
