# crossline-cli as a user runs it: the built binary against an in-process sandbox, asserting exit codes and output.
crossline_add_test(NAME tst_cli SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cli.cpp LABELS cli)
add_dependencies(tst_cli crossline-cli)
