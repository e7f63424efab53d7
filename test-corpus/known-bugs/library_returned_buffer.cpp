// Known bug, shown by test-corpus/cases/library_returned_buffer.cpp (see its
// FIXME): a store through a pointer whose target the function cannot name
// (here the GString that g_string_new returns) is dropped, so the text that
// g_string_append writes into it is missing from what is read back through
// it, and the sink below is not reported.
//
// This test checks the correct output, so it fails today (XFAIL). Once the
// bug is fixed it passes, which lit reports as XPASS and counts as a
// failure: then turn the case's FIXME xfail-violation into an
// expect-violation, regenerate its checks (scripts/update_corpus_checks.py
// update) and delete this file. The trace
// is pinned at its ends only (the read of the origin, the argument of the
// sink); its steps in between are for the fix to show.
//
// XFAIL: *
// RUN-ARGS: -isystem %S/../system
// RUN: rm -rf %t && %corpus-compdb %t %s
// RUN: cd %t && %exits-with 1 %purpose-check -p %t --no-cache 2>&1 \
// RUN:   | FileCheck %s -DFILE=%s --match-full-lines --implicit-check-not='{{warning|error}}:'
#include "purpose.h"

#include <fakegtk.h>

namespace returned_buffer {

struct Envelope {
  SECURITY_CONTACT const gchar* sender;
  const gchar* subject;
};

PURPOSE_USE("diagnostics") void DebugLog(const gchar* line);

void LogLine(const Envelope& e) {
  GString* line = g_string_new("MAIL FROM:");
  g_string_append(line, e.sender);
  DebugLog(line->str);
  // CHECK: [[FILE]]:[[@LINE-1]]:3: warning: 'returned_buffer::Envelope::sender', limited to 'security', reaches 'returned_buffer::DebugLog', a use for 'diagnostics' [purpose-limitation]
  // CHECK: [[FILE]]:[[@LINE-3]]:27: note: read of 'returned_buffer::Envelope::sender'
  // CHECK: [[FILE]]:[[@LINE-3]]:12: note: passed to 'returned_buffer::DebugLog' as argument 1
  g_string_free(line, 1);
}

// The subject is not limited: nothing to report.
void LogSubject(const Envelope& e) {
  GString* line = g_string_new(e.subject);
  DebugLog(line->str);
  g_string_free(line, 1);
}

}  // namespace returned_buffer
// CHECK: 1 warning generated.
