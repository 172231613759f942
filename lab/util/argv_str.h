/* argv_str.h: a command's argv as one line a reader can paste into a
 * shell: words that need it are single-quoted, so `sh -c 'a b'` is shown
 * as it was written, not as the four words `sh -c a b`. */
#ifndef LAB_ARGV_STR_H
#define LAB_ARGV_STR_H

#include <stddef.h>

/* Join argv into buf (shortened with "..." if longer than len - 1);
 * returns buf. */
const char *argv_str(char *const argv[], char *buf, size_t len);

#endif
