# Optional code signing, run by CPack twice: as a pre-build script (the staged files, before they are packed) and
# as a post-build script (the finished packages, CPACK_PACKAGE_FILES). Every step is driven by environment
# variables and skipped when they are unset or empty, so unsigned local builds just work. Nothing secret is committed.
#
#   Windows  CROSSLINE_SIGN_PFX            path to a code-signing certificate (.pfx), e.g. decoded from a CI secret
#            CROSSLINE_SIGN_PFX_PASSWORD   its password
#            CROSSLINE_SIGN_TIMESTAMP_URL  RFC 3161 timestamp server (default http://timestamp.digicert.com)
#            -> signtool signs every .exe/.dll staged, then the installer (.exe)
#   macOS    CROSSLINE_MACOS_SIGN_IDENTITY "Developer ID Application: NAME (TEAMID)" in an unlocked keychain
#            -> codesign --options runtime --timestamp on Crossline.app (nested code first), then on the .dmg
#            CROSSLINE_NOTARY_APPLE_ID, CROSSLINE_NOTARY_TEAM_ID, CROSSLINE_NOTARY_PASSWORD (app-specific password)
#            -> xcrun notarytool submit --wait, then xcrun stapler staple on the .dmg
#   Linux    CROSSLINE_GPG_KEY_ID          -> a detached ASCII signature (<package>.asc) next to each package
if(DEFINED CPACK_PACKAGE_FILES)
    set(_stage post)
else()
    set(_stage pre)
endif()

function(_run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "signing step failed (${_rc}): ${ARGV0}")
    endif()
endfunction()

set(_staging "${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
if(NOT _staging)
    set(_staging "${CPACK_TEMPORARY_DIRECTORY}")
endif()

if(CMAKE_HOST_WIN32 AND NOT "$ENV{CROSSLINE_SIGN_PFX}" STREQUAL "")
    file(GLOB _kits "C:/Program Files (x86)/Windows Kits/10/bin/*/x64")
    list(SORT _kits ORDER DESCENDING)
    find_program(_signtool signtool HINTS ${_kits} REQUIRED)
    set(_ts "$ENV{CROSSLINE_SIGN_TIMESTAMP_URL}")
    if(NOT _ts)
        set(_ts "http://timestamp.digicert.com")
    endif()
    if(_stage STREQUAL "pre")
        file(GLOB_RECURSE _files "${_staging}/*.exe" "${_staging}/*.dll")
    else()
        set(_files)
        foreach(_f IN LISTS CPACK_PACKAGE_FILES)
            if(_f MATCHES "\\.(exe|msi)$")
                list(APPEND _files "${_f}")
            endif()
        endforeach()
    endif()
    if(_files)
        message(STATUS "signtool: signing ${_stage}-build files")
        _run("${_signtool}" sign /f "$ENV{CROSSLINE_SIGN_PFX}" /p "$ENV{CROSSLINE_SIGN_PFX_PASSWORD}"
             /fd SHA256 /tr "${_ts}" /td SHA256 ${_files})
    endif()
endif()

if(CMAKE_HOST_APPLE AND NOT "$ENV{CROSSLINE_MACOS_SIGN_IDENTITY}" STREQUAL "")
    set(_id "$ENV{CROSSLINE_MACOS_SIGN_IDENTITY}")
    if(_stage STREQUAL "pre")
        file(GLOB_RECURSE _apps LIST_DIRECTORIES true "${_staging}/*.app")
        list(FILTER _apps INCLUDE REGEX "\\.app$")
        foreach(_app IN LISTS _apps)
            # Inside-out: every dylib, framework and helper executable, then the bundle itself.
            file(GLOB_RECURSE _nested "${_app}/Contents/Frameworks/*" "${_app}/Contents/PlugIns/*")
            list(FILTER _nested INCLUDE REGEX "\\.(dylib|so)$|/Versions/A/[^/]+$")
            list(APPEND _nested "${_app}/Contents/MacOS/crossline-cli")
            foreach(_f IN LISTS _nested)
                if(EXISTS "${_f}" AND NOT IS_SYMLINK "${_f}" AND NOT IS_DIRECTORY "${_f}")
                    _run(codesign --force --timestamp --options runtime --sign "${_id}" "${_f}")
                endif()
            endforeach()
            file(GLOB _frameworks LIST_DIRECTORIES true "${_app}/Contents/Frameworks/*.framework")
            foreach(_f IN LISTS _frameworks)
                _run(codesign --force --timestamp --options runtime --sign "${_id}" "${_f}")
            endforeach()
            _run(codesign --force --timestamp --options runtime --sign "${_id}" "${_app}")
            _run(codesign --verify --deep --strict --verbose=2 "${_app}")
        endforeach()
    else()
        foreach(_dmg IN LISTS CPACK_PACKAGE_FILES)
            if(NOT _dmg MATCHES "\\.dmg$")
                continue()
            endif()
            _run(codesign --force --timestamp --sign "${_id}" "${_dmg}")
            if(NOT "$ENV{CROSSLINE_NOTARY_APPLE_ID}" STREQUAL "" AND NOT "$ENV{CROSSLINE_NOTARY_TEAM_ID}" STREQUAL ""
               AND NOT "$ENV{CROSSLINE_NOTARY_PASSWORD}" STREQUAL "")
                _run(xcrun notarytool submit "${_dmg}" --apple-id "$ENV{CROSSLINE_NOTARY_APPLE_ID}"
                     --team-id "$ENV{CROSSLINE_NOTARY_TEAM_ID}" --password "$ENV{CROSSLINE_NOTARY_PASSWORD}" --wait)
                _run(xcrun stapler staple "${_dmg}")
            endif()
        endforeach()
    endif()
endif()

if(CMAKE_HOST_UNIX AND NOT CMAKE_HOST_APPLE AND _stage STREQUAL "post" AND NOT "$ENV{CROSSLINE_GPG_KEY_ID}" STREQUAL "")
    foreach(_f IN LISTS CPACK_PACKAGE_FILES)
        _run(gpg --batch --yes --local-user "$ENV{CROSSLINE_GPG_KEY_ID}" --armor --detach-sign "${_f}")
    endforeach()
endif()
