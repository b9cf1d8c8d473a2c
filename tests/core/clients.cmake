# Clients over real loopback HTTP against the embedded sandbox, asserting the requests it recorded.
crossline_add_test(NAME tst_httpclient SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_httpclient.cpp LABELS "core;network")
crossline_add_test(NAME tst_nangoclient SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_nangoclient.cpp LABELS "core;network")
crossline_add_test(NAME tst_panoraclient SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_panoraclient.cpp LABELS "core;network")
crossline_add_test(NAME tst_messagesender SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_messagesender.cpp LABELS "core;network")
crossline_add_test(NAME tst_unifieddispatcher SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_unifieddispatcher.cpp LABELS "core;network")
