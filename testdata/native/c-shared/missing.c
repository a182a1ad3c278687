/* The author forgot plugin_run: the header declares it, the library does not export it. */
#include "plugin.h"

static const plugin_info info = {"missing", 2};

const plugin_info *plugin_describe(void) { return &info; }
int plugin_init(const char *config, size_t length) { (void)config; (void)length; return 0; }
void plugin_shutdown(void) {}
