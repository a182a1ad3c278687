/* A dependency library: built as libplugcheck-absent.so.1 or as deps/libhelper.so. */
int absent_helper(void) { return 0; }
