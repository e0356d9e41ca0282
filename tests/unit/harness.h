/* harness.h — a tiny test harness (after cmark's): each check prints one PASS or FAIL line, which
 * tests/run.sh counts.  A test program ends with `return harness_done();`. */
#ifndef FOLIO_HARNESS_H
#define FOLIO_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_passed, harness_failed;

static int harness_report(int ok, const char *file, int line, const char *what, const char *detail)
{
    if (ok) {
        harness_passed++;
        printf("PASS %s\n", what);
    } else {
        harness_failed++;
        printf("FAIL %s (%s:%d)%s%s\n", what, file, line, detail ? ": " : "", detail ? detail : "");
    }
    return ok;
}

/* OK evaluates to whether the check passed, so a test can skip what depends on it. */
#define OK(cond, what) harness_report((cond) != 0, __FILE__, __LINE__, (what), NULL)

#define INT_EQ(got, want, what)                                                                   \
    do {                                                                                          \
        long long g_ = (long long)(got), w_ = (long long)(want);                                  \
        char d_[96];                                                                              \
        snprintf(d_, sizeof d_, "got %lld, want %lld", g_, w_);                                   \
        harness_report(g_ == w_, __FILE__, __LINE__, (what), g_ == w_ ? NULL : d_);               \
    } while (0)

#define STR_EQ(got, want, what)                                                                   \
    do {                                                                                          \
        const char *g_ = (got), *w_ = (want);                                                     \
        int ok_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;                                    \
        char d_[1024];                                                                            \
        snprintf(d_, sizeof d_, "got \"%s\", want \"%s\"", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
        harness_report(ok_, __FILE__, __LINE__, (what), ok_ ? NULL : d_);                         \
    } while (0)

static int harness_done(void)
{
    printf("# %d passed, %d failed\n", harness_passed, harness_failed);
    return harness_failed ? 1 : 0;
}

#endif
