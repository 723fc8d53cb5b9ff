#pragma once
// Version of the shared library; the Makefile passes the control file's default_version.
#ifndef VP_LIBRARY_VERSION
#define VP_LIBRARY_VERSION "unknown"
#endif
