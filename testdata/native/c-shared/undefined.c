/* Calls a function no library defines: linking with -shared allows it, dlopen(RTLD_NOW) fails. */
#include "plugin.h"

extern int plugcheck_no_such_function(void);

static const plugin_info info = {"undefined", 2};

const plugin_info *plugin_describe(void) { return &info; }
int plugin_init(const char *config, size_t length) { (void)config; (void)length; return 0; }
int plugin_run(void) { return plugcheck_no_such_function(); }
void plugin_shutdown(void) {}
