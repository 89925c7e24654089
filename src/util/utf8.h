/* utf8: validating UTF-8 byte sequences (the CSV loader's binary check,
 * the emitted scripts' string literals). */
#ifndef REGSCOPE_UTF8_H
#define REGSCOPE_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s[0..len) (1 to 4); 0 if it is
 * not one; -1 if it is cut by the end of the block (it may go on). */
int utf8_seq_len(const unsigned char *s, size_t len);

#endif
