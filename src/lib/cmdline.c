// SPDX-License-Identifier: MIT
#include "lib/cmdline.h"
#include "lib/string.h"

bool cmdline_get(const char *s, const char *key, char *buf, size_t size)
{
        size_t klen = strlen(key);
        bool found = false;

        while (s && *s) {
                const char *word, *eq = NULL;
                size_t len = 0;

                while (*s == ' ' || *s == '\t')
                        s++;
                word = s;
                while (word[len] && word[len] != ' ' && word[len] != '\t') {
                        if (!eq && word[len] == '=')
                                eq = word + len;
                        len++;
                }
                s = word + len;
                if (!len)
                        break;
                if ((eq ? (size_t)(eq - word) : len) != klen || memcmp(word, key, klen))
                        continue;
                found = true;
                if (size) {
                        size_t vlen = eq ? len - klen - 1 : 0;
                        if (vlen >= size)
                                vlen = size - 1;
                        memcpy(buf, eq ? eq + 1 : "", vlen);
                        buf[vlen] = '\0';
                }
        }
        return found;
}
