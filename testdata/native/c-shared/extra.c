/* Exports plugin_debug, which the header does not declare. */
#include "plugin.h"

static const plugin_info info = {"extra", 2};

const plugin_info *plugin_describe(void) { return &info; }
int plugin_init(const char *config, size_t length) { (void)config; (void)length; return 0; }
int plugin_run(void) { return 0; }
void plugin_shutdown(void) {}
int plugin_debug(void) { return 42; }
