//===- PurposeTidyPlugin.cpp - libPurposeCheckTidy.so ---------------------===//
//
// The whole of the --load plugin: a reference to the module's anchor, which
// pulls the module and its checks out of the PurposeCheckTidyChecks archive.
//
//===----------------------------------------------------------------------===//
namespace purpose {
extern volatile int PurposeCheckModuleAnchorSource;
[[maybe_unused]] static int PurposeCheckModuleAnchorDestination =
    PurposeCheckModuleAnchorSource;
} // namespace purpose
