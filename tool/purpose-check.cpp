//===- purpose-check.cpp - The command-line tool --------------------------===//
#include "Driver.h"

int main(int Argc, const char **Argv) { return purpose::runDriver(Argc, Argv); }
