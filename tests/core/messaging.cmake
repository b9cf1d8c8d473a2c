# core/messaging: phone numbers, SMS segments, form bodies, WhatsApp and Twilio message building (no network).
crossline_add_test(NAME tst_phonenumber SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_phonenumber.cpp LABELS core)
crossline_add_test(NAME tst_smssegments SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_smssegments.cpp LABELS core)
crossline_add_test(NAME tst_formencoding SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_formencoding.cpp LABELS core)
crossline_add_test(NAME tst_whatsappmessage SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_whatsappmessage.cpp LABELS core)
crossline_add_test(NAME tst_twiliosms SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_twiliosms.cpp LABELS core)
