# core/config: .env parsing, config precedence, profile storage.
crossline_add_test(NAME tst_dotenv SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dotenv.cpp LABELS core)
crossline_add_test(NAME tst_configresolver SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_configresolver.cpp LABELS core)
crossline_add_test(NAME tst_profilestore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_profilestore.cpp LABELS core)
