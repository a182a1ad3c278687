#include "plugin.h"

static const plugin_info info = {"good", 2};
static int ready;

const plugin_info *plugin_describe(void) { return &info; }
int plugin_init(const char *config, size_t length) { ready = config != NULL && length > 0; return 0; }
int plugin_run(void) { return ready ? 0 : 1; }
void plugin_shutdown(void) { ready = 0; }
