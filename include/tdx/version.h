/* SPDX-License-Identifier: MIT */
/*
 * libtdx version.  This file is the one place the version is written down:
 * CMakeLists.txt reads TDX_VERSION_MAJOR/MINOR/PATCH from here for
 * project(), the CMake package version file and tdx.pc, and a test checks
 * that CHANGELOG.md has a section for it.  Bump it here and nowhere else.
 */
#ifndef TDX_VERSION_H
#define TDX_VERSION_H

#define TDX_VERSION_MAJOR 0
#define TDX_VERSION_MINOR 2
#define TDX_VERSION_PATCH 0

/* "MAJOR.MINOR.PATCH" as a string literal, built from the three numbers above. */
#define TDX_VERSION_STR_(major, minor, patch) #major "." #minor "." #patch
#define TDX_VERSION_STR(major, minor, patch) TDX_VERSION_STR_(major, minor, patch)
#define TDX_VERSION_STRING \
	TDX_VERSION_STR(TDX_VERSION_MAJOR, TDX_VERSION_MINOR, TDX_VERSION_PATCH)

/* One comparable number: MAJOR * 10000 + MINOR * 100 + PATCH. */
#define TDX_VERSION_NUMBER \
	(TDX_VERSION_MAJOR * 10000 + TDX_VERSION_MINOR * 100 + TDX_VERSION_PATCH)

#endif /* TDX_VERSION_H */
