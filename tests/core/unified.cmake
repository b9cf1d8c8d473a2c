crossline_add_test(NAME tst_unifiedrequest SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_unifiedrequest.cpp LABELS core)
crossline_add_test(NAME tst_providererror SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_providererror.cpp LABELS core)
crossline_add_test(NAME tst_redactor SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_redactor.cpp LABELS core)
crossline_add_test(NAME tst_curlcommand SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_curlcommand.cpp LABELS core)
