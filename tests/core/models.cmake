# Core models and history: paged/connection/activity models (checked by QAbstractItemModelTester), CSV export,
# the SQLite history store. Network tests run against the embedded sandbox.
crossline_add_test(NAME tst_connectionsmodel SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_connectionsmodel.cpp LABELS "core;network")
crossline_add_test(NAME tst_pagedrecordsmodel SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_pagedrecordsmodel.cpp LABELS "core;network")
crossline_add_test(NAME tst_csvexporter SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_csvexporter.cpp LABELS "core;network")
crossline_add_test(NAME tst_historystore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_historystore.cpp LABELS "core;network")
