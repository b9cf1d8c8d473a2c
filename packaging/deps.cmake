# Windows and macOS builds (the workflow passes -DCMAKE_PROJECT_INCLUDE=packaging/deps.cmake; Linux never needs it):
# core links libphonenumber by its bare name `phonenumber` and includes <httplib.h> from the system include path, as
# Debian installs them. vcpkg (Windows) and Homebrew (macOS) ship CMake packages instead, so this makes the bare name
# a target that carries their include directories and dependencies (protobuf, abseil, ICU), and puts cpp-httplib's
# headers on the include path.
#
# Without that target the bare name reaches the linker as `phonenumber.lib` / `-lphonenumber`, and the build dies at
# link time (LNK1181) or in a header (absl/…, google/protobuf/…), far from the cause. So a libphonenumber package
# that does not load stops the configure step here, saying what was looked for and where.
if(NOT TARGET phonenumber)
    # libphonenumber's package configuration looks for abseil (CONFIG) and Protobuf itself (find_dependency); vcpkg's
    # static build also links Boost, ICU and re2 by path. Homebrew builds libphonenumber with Boost, and its exported
    # targets name Boost's: those must exist first (as in the formula's own test). Boost.System's stub library is gone
    # from newer Boost, so it is looked for on its own. These stay QUIET: libphonenumber's result below is what counts.
    find_package(Boost QUIET COMPONENTS date_time thread)
    find_package(Boost QUIET COMPONENTS system)
    find_package(libphonenumber CONFIG QUIET)
    foreach(_t libphonenumber::phonenumber-shared libphonenumber::phonenumber)
        if(TARGET ${_t})
            add_library(phonenumber INTERFACE IMPORTED GLOBAL)
            target_link_libraries(phonenumber INTERFACE ${_t})
            message(STATUS "Crossline: libphonenumber from ${_t} (${libphonenumber_DIR})")
            break()
        endif()
    endforeach()
    if(NOT TARGET phonenumber)
        # Why find_package said no: the configuration files it considered (and their versions), and the reason a
        # configuration that was found gave (e.g. "dependency absl could not be found").
        set(_why "")
        if(libphonenumber_CONSIDERED_CONFIGS)
            string(APPEND _why "\n  configuration files considered: ${libphonenumber_CONSIDERED_CONFIGS}"
                               " (versions: ${libphonenumber_CONSIDERED_VERSIONS})")
        else()
            string(APPEND _why "\n  no libphonenumber-config.cmake / libphonenumberConfig.cmake was found at all")
        endif()
        if(libphonenumber_NOT_FOUND_MESSAGE)
            string(APPEND _why "\n  the package said: ${libphonenumber_NOT_FOUND_MESSAGE}")
        elseif(libphonenumber_FOUND)
            string(APPEND _why "\n  the package loaded (${libphonenumber_DIR}) but defines neither target")
        endif()
        message(FATAL_ERROR
            "Crossline: libphonenumber not found as a CMake package.\n"
            "  looked for: find_package(libphonenumber CONFIG), i.e. libphonenumber-config.cmake or "
            "libphonenumberConfig.cmake, and one of its targets libphonenumber::phonenumber-shared or "
            "libphonenumber::phonenumber (a static libphonenumber also needs absl, Protobuf, Boost, ICU and re2)"
            "${_why}\n"
            "  searched: CMAKE_PREFIX_PATH=${CMAKE_PREFIX_PATH}; libphonenumber_DIR=${libphonenumber_DIR}; "
            "CMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}\n"
            "  vcpkg: `vcpkg install libphonenumber cpp-httplib --triplet x64-windows`, then pass "
            "-DCMAKE_PREFIX_PATH=<vcpkg root>/installed/x64-windows (or -DCMAKE_TOOLCHAIN_FILE=<vcpkg root>/scripts/"
            "buildsystems/vcpkg.cmake). Homebrew: `brew install libphonenumber`, then "
            "-DCMAKE_PREFIX_PATH=$(brew --prefix).\n"
            "  (Linux does not use this file: there core links the system's libphonenumber by name.)")
    endif()
endif()
find_package(httplib CONFIG QUIET)
if(TARGET httplib::httplib)
    get_target_property(_httplib_includes httplib::httplib INTERFACE_INCLUDE_DIRECTORIES)
    include_directories(SYSTEM ${_httplib_includes})
endif()
