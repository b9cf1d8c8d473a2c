# core/config: planning a .env import (shared by `crossline-cli env import` and the app's import dialog).
crossline_add_test(NAME tst_envimport SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_envimport.cpp LABELS core)
