# Runs a libFuzzer binary for SECONDS over a fresh copy of the seed corpus.
# Inputs: FUZZER, SEEDS (a directory of *.json), DICT, WORK, SECONDS, and
# REGRESSIONS: a directory of inputs that once failed (any name), run first
# with the seeds so that a finding that comes back fails at once.
# Crashing inputs are kept in WORK/artifacts for reproduction:
#   FUZZER WORK/artifacts/crash-...
set(Corpus ${WORK}/corpus)
set(Artifacts ${WORK}/artifacts)
file(REMOVE_RECURSE ${Corpus})
file(MAKE_DIRECTORY ${Corpus} ${Artifacts})
file(GLOB Seeds ${SEEDS}/*.json)
if(NOT Seeds)
  message(FATAL_ERROR "no seed inputs in ${SEEDS}")
endif()
file(COPY ${Seeds} DESTINATION ${Corpus})
if(REGRESSIONS)
  file(GLOB Regressions ${REGRESSIONS}/*)
  if(Regressions)
    file(COPY ${Regressions} DESTINATION ${Corpus})
  endif()
endif()

execute_process(
  COMMAND ${FUZZER}
    -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048
    -dict=${DICT} -artifact_prefix=${Artifacts}/ -print_final_stats=1
    ${Corpus}
  RESULT_VARIABLE Status)
if(NOT Status EQUAL 0)
  message(FATAL_ERROR "the fuzzer failed (exit status ${Status}); "
                      "crashing inputs are in ${Artifacts}")
endif()
