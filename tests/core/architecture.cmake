# core never includes Qt Gui/Widgets. The second test proves the check can fail: it runs on a planted include.
add_test(NAME core_has_no_gui COMMAND ${CMAKE_COMMAND} -DDIR=${PROJECT_SOURCE_DIR}/core -P ${PROJECT_SOURCE_DIR}/cmake/CheckNoGui.cmake)
add_test(NAME core_has_no_gui_detects_plant COMMAND ${CMAKE_COMMAND} -DDIR=${CMAKE_CURRENT_LIST_DIR}/fixtures/gui_include -P ${PROJECT_SOURCE_DIR}/cmake/CheckNoGui.cmake)
set_tests_properties(core_has_no_gui core_has_no_gui_detects_plant PROPERTIES LABELS "core;architecture")
set_tests_properties(core_has_no_gui_detects_plant PROPERTIES WILL_FAIL TRUE)

# Every %n string of the app has its English plural forms (else "4 connection(s)"); the plant proves the check can fail.
set(_ts ${PROJECT_SOURCE_DIR}/resources/translations/crossline_en.ts)
add_test(NAME plurals_translated COMMAND ${CMAKE_COMMAND} -DDIR=${PROJECT_SOURCE_DIR}/ui -DTS=${_ts} -P ${PROJECT_SOURCE_DIR}/cmake/CheckPlurals.cmake)
add_test(NAME plurals_translated_detects_plant COMMAND ${CMAKE_COMMAND} -DDIR=${CMAKE_CURRENT_LIST_DIR}/fixtures/plural_missing -DTS=${_ts} -P ${PROJECT_SOURCE_DIR}/cmake/CheckPlurals.cmake)
set_tests_properties(plurals_translated plurals_translated_detects_plant PROPERTIES LABELS "ui;architecture")
set_tests_properties(plurals_translated_detects_plant PROPERTIES WILL_FAIL TRUE)
