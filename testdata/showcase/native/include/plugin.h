/* The interface a host loads from each plugin library (docs/background.md#c-shared-libraries). */
#ifndef PLUGIN_H
#define PLUGIN_H

#include <stddef.h>
#include <stdint.h>

typedef struct plugin_info {
    const char *name;
    uint32_t api_version;
} plugin_info;

const plugin_info *plugin_describe(void);
int plugin_init(const char *config, size_t length);
int plugin_run(void); /* # expect: PC701 (libforgetful.so) */
void plugin_shutdown(void);

#endif
