# Windows and macOS builds (the workflow passes -DCMAKE_PROJECT_INCLUDE=packaging/deps.cmake; Linux never needs it):
# core links libphonenumber by its bare name `phonenumber` and includes <httplib.h> from the system include path, as
# Debian installs them. vcpkg (Windows) and Homebrew (macOS) ship CMake packages instead, so this makes the bare name
# a target that carries their include directories and dependencies (protobuf, abseil, ICU), and puts cpp-httplib's
# headers on the include path.
if(NOT TARGET phonenumber)
    # Homebrew builds libphonenumber with Boost, and its exported targets name Boost's: those must exist first (as in
    # the formula's own test). Boost.System's stub library is gone from newer Boost, so it is looked for on its own.
    find_package(Boost QUIET COMPONENTS date_time thread)
    find_package(Boost QUIET COMPONENTS system)
    find_package(libphonenumber CONFIG QUIET)
    foreach(_t libphonenumber::phonenumber-shared libphonenumber::phonenumber)
        if(TARGET ${_t})
            add_library(phonenumber INTERFACE IMPORTED GLOBAL)
            target_link_libraries(phonenumber INTERFACE ${_t})
            message(STATUS "Crossline: libphonenumber from ${_t}")
            break()
        endif()
    endforeach()
endif()
find_package(httplib CONFIG QUIET)
if(TARGET httplib::httplib)
    get_target_property(_httplib_includes httplib::httplib INTERFACE_INCLUDE_DIRECTORIES)
    include_directories(SYSTEM ${_httplib_includes})
endif()
