# Install-time helper (script mode; included by the deploy script that Deploy.cmake generates, on Windows): copies the
# non-Qt runtime libraries the programs need next to them. windeployqt copies Qt's DLLs only, so QtKeychain,
# libphonenumber's protobuf/abseil/ICU/re2 and the like are found here with file(GET_RUNTIME_DEPENDENCIES).
#
#   crossline_bundle_runtime_deps(DESTINATION <dir> EXECUTABLES <file>... [DIRECTORIES <dir>...]
#                                 [PRE_EXCLUDE_REGEXES <regex>...] [POST_EXCLUDE_REGEXES <regex>...])
#
# One DLL name found at two different paths (a "conflict": e.g. the copy windeployqt or another step already put in
# DESTINATION and the one in a vcpkg bin/ folder, or two prefixes that each ship it) is a fatal error for
# file(GET_RUNTIME_DEPENDENCIES) unless CONFLICTING_DEPENDENCIES_PREFIX is given, as Qt's own generic deploy
# (_qt_internal_generic_deployqt) does. Given it, CMake leaves such names out of the resolved list and reports every
# path found; this function logs them (and whether the files are identical) and bundles one: the copy already in
# DESTINATION (next to the executable, where Windows looks first), else the one in the earliest of DIRECTORIES (the
# order of CROSSLINE_RUNTIME_DIRS), else the first reported. Unresolved libraries stay a fatal error.
# tests/packaging/check-runtime-conflicts.sh runs it on Linux with two different libfoo.so.

# _crossline_norm_dir(<out> <path>): an absolute, symlink-free folder, lowercased on Windows (case-insensitive there).
function(_crossline_norm_dir out path)
    file(REAL_PATH "${path}" _p)
    if(CMAKE_HOST_WIN32)
        string(TOLOWER "${_p}" _p)
    endif()
    set(${out} "${_p}" PARENT_SCOPE)
endfunction()

function(crossline_bundle_runtime_deps)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "DESTINATION"
                          "EXECUTABLES;DIRECTORIES;PRE_EXCLUDE_REGEXES;POST_EXCLUDE_REGEXES")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "crossline_bundle_runtime_deps: unparsed arguments: ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT arg_DESTINATION OR NOT arg_EXECUTABLES)
        message(FATAL_ERROR "crossline_bundle_runtime_deps: DESTINATION and EXECUTABLES are required")
    endif()
    set(_filters)
    foreach(_kw DIRECTORIES PRE_EXCLUDE_REGEXES POST_EXCLUDE_REGEXES)
        if(arg_${_kw})
            list(APPEND _filters ${_kw} ${arg_${_kw}})
        endif()
    endforeach()

    file(GET_RUNTIME_DEPENDENCIES
        EXECUTABLES ${arg_EXECUTABLES}
        RESOLVED_DEPENDENCIES_VAR _deps
        UNRESOLVED_DEPENDENCIES_VAR _missing
        CONFLICTING_DEPENDENCIES_PREFIX _conflict
        ${_filters})

    # The folders in order of preference, normalised once.
    _crossline_norm_dir(_dest "${arg_DESTINATION}")
    set(_order "${_dest}")
    foreach(_d IN LISTS arg_DIRECTORIES)
        if(IS_DIRECTORY "${_d}")
            _crossline_norm_dir(_n "${_d}")
            list(APPEND _order "${_n}")
        endif()
    endforeach()

    foreach(_name IN LISTS _conflict_FILENAMES)
        set(_paths ${_conflict_${_name}})
        set(_pick "")
        foreach(_dir IN LISTS _order)
            foreach(_p IN LISTS _paths)
                get_filename_component(_pd "${_p}" DIRECTORY)
                _crossline_norm_dir(_pd "${_pd}")
                if(_pd STREQUAL _dir)
                    set(_pick "${_p}")
                    break()
                endif()
            endforeach()
            if(_pick)
                break()
            endif()
        endforeach()
        if(NOT _pick)
            list(GET _paths 0 _pick)
        endif()
        set(_hashes)
        foreach(_p IN LISTS _paths)
            file(SHA256 "${_p}" _h)
            list(APPEND _hashes "${_h}")
        endforeach()
        list(REMOVE_DUPLICATES _hashes)
        list(LENGTH _hashes _kinds)
        list(LENGTH _paths _count)
        if(_kinds EQUAL 1)
            set(_same "identical files")
        else()
            set(_same "${_kinds} different files")
        endif()
        list(JOIN _paths "\n    " _where)
        message(STATUS "Crossline: ${_name} was found at ${_count} paths (${_same}):\n    ${_where}\n"
                       "  bundling ${_pick}")
        list(APPEND _deps "${_pick}")
    endforeach()

    foreach(_d IN LISTS _deps)
        get_filename_component(_dd "${_d}" DIRECTORY)
        _crossline_norm_dir(_dd "${_dd}")
        if(_dd STREQUAL _dest)
            continue()   # already next to the programs
        endif()
        message(STATUS "Bundling ${_d}")
        file(INSTALL "${_d}" DESTINATION "${arg_DESTINATION}")
    endforeach()
    if(_missing)
        message(FATAL_ERROR "Crossline: unresolved runtime libraries: ${_missing} (set CROSSLINE_RUNTIME_DIRS)")
    endif()
endfunction()
