# core never includes Qt Gui/Widgets. The second test proves the check can fail: it runs on a planted include.
add_test(NAME core_has_no_gui COMMAND ${CMAKE_COMMAND} -DDIR=${PROJECT_SOURCE_DIR}/core -P ${PROJECT_SOURCE_DIR}/cmake/CheckNoGui.cmake)
add_test(NAME core_has_no_gui_detects_plant COMMAND ${CMAKE_COMMAND} -DDIR=${CMAKE_CURRENT_LIST_DIR}/fixtures/gui_include -P ${PROJECT_SOURCE_DIR}/cmake/CheckNoGui.cmake)
set_tests_properties(core_has_no_gui core_has_no_gui_detects_plant PROPERTIES LABELS "core;architecture")
set_tests_properties(core_has_no_gui_detects_plant PROPERTIES WILL_FAIL TRUE)
