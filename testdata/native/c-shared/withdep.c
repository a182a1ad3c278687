/* Needs deps/libhelper.so, found through RUNPATH $ORIGIN/deps as the loader does. */
#include "plugin.h"

extern int absent_helper(void);

static const plugin_info info = {"withdep", 2};

const plugin_info *plugin_describe(void) { return &info; }
int plugin_init(const char *config, size_t length) { (void)config; (void)length; return 0; }
int plugin_run(void) { return absent_helper(); }
void plugin_shutdown(void) {}
