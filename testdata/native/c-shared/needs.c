/* Linked against libplugcheck-absent.so.1, which is not shipped: DT_NEEDED cannot be resolved. */
#include "plugin.h"

extern int absent_helper(void);

static const plugin_info info = {"needs", 2};

const plugin_info *plugin_describe(void) { return &info; }
int plugin_init(const char *config, size_t length) { (void)config; (void)length; return 0; }
int plugin_run(void) { return absent_helper(); }
void plugin_shutdown(void) {}
