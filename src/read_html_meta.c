/* read_html_meta.c — the article's metadata from the page's own evidence.
 *
 *   title    the headline element: an <h1>…<h6> or an element whose class says title, whichever
 *            best matches what <meta> (og:title, ArticleTitle) or <title> name the page; <title>
 *            without its site suffix ("…_网易财经", "…--文化--人民网") when no element does
 *   date     <meta> article:published_time, publishdate, PubDate …, <time datetime>, then the first
 *            date line between the headline and the content ("2019-09-07 13:43:45 来源：…")
 *   source   <meta> contentSource / source, or 来源：… near the headline or under the article
 *   people   <meta name="author"> when it names a person (not the site, not a number), bylines and
 *            作者：/ 责任编辑：… lines; dateline reporters ("新华社北京电（记者 X）")
 *   keywords <meta name="keywords">; the description becomes the abstract.
 * Metadata lines are recognised by the text reader's rules (fo_rule_meta_line, fo_rule_byline,
 * fo_rule_dateline); dates are read here, with their seconds and two-digit years ("18-03-08 23:16").
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read_html.h"
#include "read_text_rules.h"
#include "text.h"

/* ---- small helpers ---- */

static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

static bool is_colon(uint32_t c) { return c == ':' || c == 0xFF1A; }

char *fo_html_norm(const uint32_t *s, size_t n)
{
    fo_buf b = {0};
    char tmp[4];
    for (size_t i = 0; i < n; i++) {
        uint32_t c = s[i];
        if (fo_is_space(c) || c == '\n')
            continue;
        if (c >= 0xFF01 && c <= 0xFF5E)
            c -= 0xFEE0;
        else if (c == 0x201C || c == 0x201D)
            c = '"';
        fo_buf_append(&b, tmp, fo_utf8_encode(c, tmp));
    }
    if (!b.data)
        fo_buf_puts(&b, "");
    return fo_buf_steal(&b);
}

static char *norm_str(const char *s)
{
    size_t n;
    uint32_t *cp = fo_html_cps(s, &n);
    char *out = fo_html_norm(cp, n);
    free(cp);
    return out;
}

static const char *cps_str(hpage *p, const uint32_t *s, size_t from, size_t to)
{
    char *u = fo_html_utf8(s + from, to - from);
    const char *out = fo_doc_strdup(p->doc, u);
    free(u);
    return out;
}

/* ---- dates ---- */

typedef struct hdate {
    int y, mo, d, h, mi, sec;   /* h = -1: no time; sec = -1: no seconds */
    char zone[12];              /* "+08:00" unless the page says otherwise */
} hdate;

static size_t read_number(const uint32_t *s, size_t n, size_t i, int max_digits, int *value)
{
    size_t start = i;
    *value = 0;
    while (i < n && is_digit(s[i]) && (int)(i - start) < max_digits)
        *value = *value * 10 + (int)(s[i++] - '0');
    if (i < n && is_digit(s[i]))
        return start; /* more digits than a field has */
    return i;
}

/* A time at s[i…] after a date: "13:43", "13:43:45", "13时43分"; sets h, mi, sec. */
static size_t read_time(const uint32_t *s, size_t n, size_t i, hdate *d)
{
    size_t k = i;
    while (k < n && (fo_is_space(s[k]) || s[k] == 'T'))
        k++;
    int h, mi, sec;
    size_t e = read_number(s, n, k, 2, &h);
    if (e == k || e >= n || !(is_colon(s[e]) || s[e] == 0x65F6 /*时*/))
        return i;
    size_t m = read_number(s, n, e + 1, 2, &mi);
    if (m != e + 3 || h > 23 || mi > 59)
        return i;
    d->h = h, d->mi = mi, d->sec = -1;
    if (m < n && s[m] == 0x5206 /*分*/)
        m++;
    if (m < n && is_colon(s[m])) {
        size_t q = read_number(s, n, m + 1, 2, &sec);
        if (q == m + 3 && sec <= 59)
            d->sec = sec, m = q;
    }
    /* a zone: +08:00, +0800, Z */
    if (m < n && (s[m] == '+' || s[m] == '-') && m + 3 <= n && is_digit(s[m + 1]) && is_digit(s[m + 2])) {
        int zh = (int)(s[m + 1] - '0') * 10 + (int)(s[m + 2] - '0'), zm = 0;
        size_t z = m + 3;
        if (z < n && s[z] == ':')
            z++;
        if (z + 2 <= n && is_digit(s[z]) && is_digit(s[z + 1]))
            zm = (int)(s[z] - '0') * 10 + (int)(s[z + 1] - '0'), z += 2;
        snprintf(d->zone, sizeof d->zone, "%c%02d:%02d", s[m] == '+' ? '+' : '-', zh % 24, zm % 60);
        m = z;
    } else if (m < n && s[m] == 'Z') {
        snprintf(d->zone, sizeof d->zone, "+00:00");
        m++;
    }
    return m;
}

/* A date at s[i…]: 2019-09-07, 2019/9/7, 2019.09.07, 2019年9月7日, or a two-digit year with dashes
 * (18-03-08); then an optional time.  Returns the end, or i when there is none. */
static size_t read_date_at(const uint32_t *s, size_t n, size_t i, hdate *d)
{
    int y, mo, day;
    size_t e = read_number(s, n, i, 4, &y);
    bool two_digit = e == i + 2;
    if (!(e == i + 4 || two_digit) || e >= n)
        return i;
    uint32_t sep = s[e];
    bool han = sep == 0x5E74 /*年*/;
    if (!(han || sep == '-' || sep == '/' || sep == '.') || (two_digit && sep != '-'))
        return i;
    size_t m = read_number(s, n, e + 1, 2, &mo);
    if (m == e + 1 || m >= n || (two_digit && m != e + 3))
        return i;
    uint32_t sep2 = s[m];
    if (han ? sep2 != 0x6708 /*月*/ : sep2 != sep)
        return i;
    size_t k = read_number(s, n, m + 1, 2, &day);
    if (k == m + 1 || (two_digit && k != m + 3))
        return i;
    if (k < n && s[k] == 0x65E5 /*日*/)
        k++;
    if (two_digit)
        y += 2000;
    if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || day < 1 || day > 31)
        return i;
    *d = (hdate){.y = y, .mo = mo, .d = day, .h = -1, .sec = -1};
    snprintf(d->zone, sizeof d->zone, "+08:00");
    return read_time(s, n, k, d);
}

/* The first date in s, with [*start, *end) set to where it stands. */
static bool find_date(const uint32_t *s, size_t n, hdate *d, size_t *start, size_t *end)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
            continue;
        size_t e = read_date_at(s, n, i, d);
        if (e > i) {
            *start = i;
            *end = e;
            return true;
        }
    }
    return false;
}

static const char *format_date(hpage *p, const hdate *d)
{
    char buf[64];
    if (d->h < 0)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->y, d->mo, d->d);
    else if (d->sec < 0)
        snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d%s", d->y, d->mo, d->d, d->h, d->mi, d->zone);
    else
        snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%s", d->y, d->mo, d->d, d->h, d->mi, d->sec, d->zone);
    return fo_doc_strdup(p->doc, buf);
}

static bool set_date_from(hpage *p, const char *value)
{
    if (p->doc->meta.date || !value)
        return false;
    size_t n, a, b;
    uint32_t *s = fo_html_cps(value, &n);
    hdate d;
    bool found = find_date(s, n, &d, &a, &b);
    if (found)
        p->doc->meta.date = format_date(p, &d);
    free(s);
    return found;
}

/* Words that may stand beside a date in a date line: 发布时间：… */
static const char *const date_keys[] = {"发布时间", "发表时间", "发布日期", "发稿时间", "时间", "日期", "更新时间", NULL};

static size_t match_word(const uint32_t *s, size_t n, size_t at, const char *word)
{
    size_t i = at;
    for (const char *w = word; *w; i++) {
        uint32_t c;
        size_t k = fo_utf8_decode(w, strlen(w), &c);
        if (!k || i >= n || s[i] != c)
            return 0;
        w += k;
    }
    return i - at;
}

/* A piece of text that is a date and nothing else: "2019-09-07 13:43", "发布时间：18-03-08". */
static bool date_only(const uint32_t *s, size_t n, hdate *d)
{
    size_t a, b, i = 0;
    if (!find_date(s, n, d, &a, &b))
        return false;
    while (i < a) {
        size_t k = 0;
        for (const char *const *w = date_keys; *w && !k; w++)
            k = match_word(s, a, i, *w);
        if (k)
            i += k;
        else if (fo_is_space(s[i]) || is_colon(s[i]) || s[i] == '[' || s[i] == 0x3010 || s[i] == '(' || s[i] == 0xFF08)
            i++;
        else
            return false;
    }
    for (i = b; i < n; i++)
        if (!(fo_is_space(s[i]) || s[i] == ']' || s[i] == 0x3011 || s[i] == ')' || s[i] == 0xFF09 || s[i] == '|'))
            return false;
    return true;
}

/* ---- people ---- */

/* A name as the page writes it after 作者：/ 责任编辑：: "杨倩_NF4425" is 杨倩 and a staff code. */
static bool clean_name(const uint32_t *s, size_t *from, size_t *to)
{
    size_t i = *from;
    while (i < *to && s[i] != '_' && s[i] != '(' && s[i] != 0xFF08 && s[i] != '[' && s[i] != 0x3010)
        i++;
    *to = i;
    while (*from < *to && fo_is_space(s[*from]))
        (*from)++;
    while (*to > *from && fo_is_space(s[*to - 1]))
        (*to)--;
    return *to > *from;
}

static bool is_han_run(const uint32_t *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!fo_is_han(s[i]) && s[i] != 0x00B7)
            return false;
    return to > from;
}

/* A personal name: 2–4 Han characters (up to 10 with a middle dot), or a Latin one. */
static bool is_person_name(const uint32_t *s, size_t from, size_t to)
{
    size_t len = to - from, dots = 0, latin = 0;
    for (size_t i = from; i < to; i++) {
        dots += s[i] == 0x00B7;
        latin += (s[i] < 0x80 && s[i] > ' ') || fo_is_space(s[i]);
    }
    if (latin == len)
        return len >= 2 && len <= 24;
    return is_han_run(s, from, to) && len >= 2 && (dots ? len <= 10 : len <= 4);
}

/* Words that stand where a byline's names stand but name a task, not a person: "（记者 陈智 整合）". */
static bool is_task_word(const char *name)
{
    static const char *const tasks[] = {"整合", "整理", "编译", "综合", "报道", "摄影", "摄", "制图", "供稿", "编辑",
                                        "发布", "原创", "来源", "本站原创", "本站", "本网", "管理员", "系统管理员", "记者",
                                        "通讯员", "实习生", "作者", "责任编辑", NULL};
    for (const char *const *t = tasks; *t; t++)
        if (strcmp(name, *t) == 0)
            return true;
    return false;
}

static bool has_author(const fo_meta *m, const char *name)
{
    for (const fo_author *a = m->authors; a; a = a->next)
        if (strcmp(a->name, name) == 0)
            return true;
    return false;
}

static void add_person(hpage *p, const char *name, const char *role, const char *affiliation)
{
    if (!*name || is_task_word(name) || has_author(&p->doc->meta, name))
        return;
    fo_meta_add_author(p->doc, name, role, affiliation);
}

/* What 作者： names may be an office ("医技药剂党支部"): only a person's name counts as a person. */
static bool is_creator_role(const char *role)
{
    return strcmp(role, "作者") == 0 || strcmp(role, "记者") == 0 || strcmp(role, "摄影") == 0;
}

/* "作者：张三 李四" or "作者：张三、李四" → one person each */
static void add_people(hpage *p, const uint32_t *s, fo_meta_span span, const char *role)
{
    size_t i = span.start;
    while (i < span.end) {
        while (i < span.end && (fo_is_space(s[i]) || s[i] == 0x3001 || s[i] == 0xFF0C || s[i] == ','))
            i++;
        size_t start = i;
        while (i < span.end && !(fo_is_space(s[i]) || s[i] == 0x3001 || s[i] == 0xFF0C || s[i] == ','))
            i++;
        size_t a = start, b = i;
        if (clean_name(s, &a, &b) && (!is_creator_role(role) || is_person_name(s, a, b)))
            add_person(p, cps_str(p, s, a, b), role, NULL);
    }
}

static bool is_press_end(uint32_t c)
{
    static const uint32_t endings[] = {0x62A5 /*报*/, 0x793E /*社*/, 0x53F0 /*台*/, 0x7F51 /*网*/, 0x520A /*刊*/,
                                       0x53F7 /*号*/, 0x7AD9 /*站*/, 0x89C6 /*视*/, 0x95FB /*闻*/, 0x5FD7 /*志*/};
    for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++)
        if (c == endings[k])
            return true;
    return false;
}

/* Whether s[from, to) holds the name of a paper or site: a press ending (报 社 网 台 …) inside it. */
static bool has_press_word(const uint32_t *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (is_press_end(s[i]))
            return true;
    return false;
}

/* "新华社", "澎湃新闻", "中国青年报": the name of a paper, agency or site and nothing else — not a
 * column ("时政新闻", "国际新闻"). */
static bool is_press_name(const uint32_t *s, size_t n)
{
    static const char *const columns[] = {"时政", "国内", "国际", "社会", "体育", "财经", "娱乐", "科技", "军事", "地方",
                                          "本地", "图片", "视频", "热点", "要闻", "综合", "今日", "最新", "文化", "教育",
                                          "健康", "旅游", "汽车", "房产", "头条", "滚动", "新闻", NULL};
    if (n < 2 || n > 12 || !is_han_run(s, 0, n) || !is_press_end(s[n - 1]))
        return false;
    for (const char *const *c = columns; *c; c++)
        if (match_word(s, n, 0, *c))
            return false;
    return true;
}

/* ---- metadata lines ---- */

static void set_source(hpage *p, const uint32_t *s, size_t from, size_t to)
{
    if (!p->doc->meta.source && clean_name(s, &from, &to))
        p->doc->meta.source = cps_str(p, s, from, to);
}

/* The fields of a metadata line (read_text_rules.h: the text reader's tokenizer): its date, source and
 * people; a role word names the people's part as the page writes it ("作者", "责任编辑", "审核"). */
static void apply_meta_match(hpage *p, const uint32_t *s, size_t n, const fo_meta_match *m, bool dates)
{
    hdate d;
    size_t a, b;
    if (dates && fo_meta_pubdate(m) && !p->doc->meta.date && find_date(s, n, &d, &a, &b))
        p->doc->meta.date = format_date(p, &d);
    for (size_t i = 0; i < m->n_fields; i++) {
        const fo_meta_field *f = &m->fields[i];
        if (f->value.end <= f->value.start)
            continue;
        if (f->cls == FO_WORD_SOURCE || f->cls == FO_FIELD_OUTLET)
            set_source(p, s, f->value.start, f->value.end);
        else if (f->cls == FO_WORD_ROLE)
            add_people(p, s, f->value, cps_str(p, s, f->key.start, f->key.start + f->word->len));
    }
}

/* Only dates: no source, no people. */
static bool only_dates(const fo_meta_match *m)
{
    bool date = false;
    for (size_t i = 0; i < m->n_fields; i++) {
        int c = m->fields[i].cls;
        if (c == FO_WORD_SOURCE || c == FO_FIELD_OUTLET || c == FO_WORD_ROLE)
            return false;
        date |= m->fields[i].has_date;
    }
    return date;
}

/* Where a metadata line starts after a word of its own: "本文来源：…", "信息来源：…", "版权声明 来源：…". */
static size_t field_start(const uint32_t *s, size_t n)
{
    static const char *const keys[] = {"来源", "作者", "编辑", "责任编辑", "时间", "发布时间", "发布日期", NULL};
    static const char *const leads[] = {"本文", "文章", "信息", "新闻", "稿件", "消息", NULL};
    for (const char *const *l = leads; *l; l++) {
        size_t len = match_word(s, n, 0, *l);
        for (const char *const *k = keys; len && *k; k++) {
            size_t kl = match_word(s, n, len, *k);
            if (kl && len + kl < n && is_colon(s[len + kl]))
                return len;
        }
    }
    /* a short label, a space, then the fields */
    for (size_t i = 1; i <= 6 && i < n; i++)
        if (fo_is_space(s[i]) && is_han_run(s, 0, i)) {
            size_t k = i;
            while (k < n && fo_is_space(s[k]))
                k++;
            for (const char *const *key = keys; *key; key++) {
                size_t kl = match_word(s, n, k, *key);
                if (kl && k + kl < n && is_colon(s[k + kl]))
                    return k;
            }
            return 0;
        }
    return 0;
}

/* "编辑|禤志杰", "摄影/张艳 编辑/苏芳", "药剂科供稿": credits as ROLE|NAME or ROLE/NAME, one or more. */
static bool credit_line(hpage *p, const uint32_t *s, size_t n, bool apply)
{
    static const struct { const char *word, *role; } roles[] = {
        {"责任编辑", "责任编辑"}, {"责编", "责任编辑"}, {"编辑", "编辑"}, {"美编", "美编"}, {"校对", "校对"},
        {"审核", "审核"}, {"终审", "终审"}, {"监制", "监制"}, {"统筹", "统筹"}, {"摄影", "摄影"}, {"图", "摄影"},
        {"撰文", "作者"}, {"文", "作者"}, {"作者", "作者"}, {"记者", "记者"}, {"来源", NULL},
    };
    enum { N_ROLES = sizeof roles / sizeof roles[0] };
    bool any = false;
    for (int pass = 0; pass < 2; pass++) { /* check every field first, then apply */
        for (size_t i = 0; i < n;) {
            while (i < n && fo_is_space(s[i]))
                i++;
            size_t start = i;
            while (i < n && !fo_is_space(s[i]))
                i++;
            if (i == start)
                break;
            size_t k = start;
            while (k < i && s[k] != '|' && s[k] != 0xFF5C && s[k] != '/' && s[k] != 0xFF0F)
                k++;
            size_t r = N_ROLES;
            for (size_t j = 0; j < N_ROLES && r == N_ROLES; j++)
                if (k > start && match_word(s, k, start, roles[j].word) == k - start)
                    r = j;
            bool unit = i - start > 2 && (match_word(s, i, i - 2, "供稿") || match_word(s, i, i - 2, "供图"));
            if (r == N_ROLES || k + 1 >= i) {
                if (!unit)
                    return false;
                continue;
            }
            any = true;
            if (pass == 1 && roles[r].role)
                add_people(p, s, (fo_meta_span){k + 1, i}, roles[r].role);
            else if (pass == 1)
                set_source(p, s, k + 1, i);
        }
        if (!any || !apply)
            break;
    }
    return any;
}

bool fo_html_meta_line(hpage *p, const uint32_t *s, size_t n, bool dates, bool apply)
{
    fo_meta_match m;
    size_t at = 0;
    bool line = fo_rule_meta_line(s, n, 0, &m);
    if (!line && (at = field_start(s, n)) > 0)
        line = fo_rule_meta_line(s + at, n - at, 0, &m);
    if (line && !dates && only_dates(&m))
        return false; /* a bare date in the body: the signature date of a notice, text */
    if (line) {
        if (apply)
            apply_meta_match(p, s + at, n - at, &m, dates);
        return true;
    }
    hdate d;
    if (dates && n <= 40 && date_only(s, n, &d)) {
        if (apply && !p->doc->meta.date)
            p->doc->meta.date = format_date(p, &d);
        return true;
    }
    return n <= 80 && credit_line(p, s, n, apply);
}

/* "石佳/中国青年报": a reporter's name and the paper, as news sites print a byline. */
static bool name_slash_paper(hpage *p, const uint32_t *s, size_t n, bool apply)
{
    size_t slash = 0;
    while (slash < n && s[slash] != '/' && s[slash] != 0xFF0F)
        slash++;
    if (slash < 2 || slash > 4 || slash + 3 > n || !is_han_run(s, 0, slash) ||
        !is_press_name(s + slash + 1, n - slash - 1))
        return false;
    if (apply) {
        const char *paper = cps_str(p, s, slash + 1, n);
        add_person(p, cps_str(p, s, 0, slash), "记者", paper);
        if (!p->doc->meta.source)
            p->doc->meta.source = paper;
    }
    return true;
}

/* The names in s[from, to), separated by spaces or 、, added when `apply`; false (nothing added)
 * unless every one is a person's name. */
static bool names_list(hpage *p, const uint32_t *s, size_t from, size_t to, const char *role, const char *affiliation,
                       bool apply)
{
    size_t count = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = from; i < to;) {
            while (i < to && (fo_is_space(s[i]) || s[i] == 0x3001 || s[i] == 0xFF0C))
                i++;
            size_t start = i;
            while (i < to && !(fo_is_space(s[i]) || s[i] == 0x3001 || s[i] == 0xFF0C))
                i++;
            if (i == start)
                break;
            if (pass == 0 && !is_person_name(s, start, i))
                return false;
            if (pass == 0)
                count++;
            else
                add_person(p, cps_str(p, s, start, i), role, affiliation);
        }
        if (!count || !apply)
            break;
    }
    return count > 0;
}

/* "澎湃新闻记者 贺梨萍", "采写：南都记者 余毅菁 向雪妮", "职工通讯员 李琴雯 刘会", "新闻发言人 武平": an outlet
 * or office, a role word, the names. */
static bool role_byline(hpage *p, const uint32_t *s, size_t n, bool apply)
{
    static const char *const leads[] = {"采写", "撰文", "文字", "文", NULL};
    static const char *const roles[] = {"特约记者", "见习记者", "记者", "通讯员", "实习生", "发言人", "作者", "评论员", NULL};
    enum { BYLINE_MAX = 40 };
    if (n > BYLINE_MAX)
        return false;
    size_t from = 0;
    for (const char *const *l = leads; *l && !from; l++) {
        size_t len = match_word(s, n, 0, *l);
        if (len && len < n && (is_colon(s[len]) || s[len] == '/' || s[len] == 0xFF0F))
            from = len + 1;
    }
    for (size_t i = from; i < n; i++) {
        if (fo_is_space(s[i]) || !fo_is_han(s[i]))
            return false; /* the affiliation is one word of Han characters */
        for (const char *const *r = roles; *r; r++) {
            size_t len = match_word(s, n, i, *r);
            if (!len || i + len >= n || !(fo_is_space(s[i + len]) || is_colon(s[i + len])))
                continue; /* "记者张三" is the text reader's; here the names stand apart: "作者最新文章" is none */
            if (i == from)
                return false; /* no outlet: "记者 X 通讯员 Y" is the text reader's rule (fo_rule_byline) */
            bool writer = strcmp(*r, "作者") == 0 || strcmp(*r, "评论员") == 0;
            if (writer && !has_press_word(s, from, i))
                return false; /* "观察者网专栏作者 X", but not "微信扫一扫赞赏作者 赞赏" */
            const char *affiliation = cps_str(p, s, from, i);
            const char *role = strcmp(*r, "发言人") == 0 || strcmp(*r, "通讯员") == 0 || strcmp(*r, "作者") == 0 ||
                                       strcmp(*r, "评论员") == 0 ? *r : "记者";
            return names_list(p, s, i + len + is_colon(s[i + len]), n, role, affiliation, apply);
        }
    }
    return false;
}

bool fo_html_byline(hpage *p, const uint32_t *s, size_t n, bool apply)
{
    fo_byline_match m;
    /* "【文/王文】": the brackets of a byline set apart */
    if (n > 2 && s[0] == 0x3010 && s[n - 1] == 0x3011)
        return fo_html_byline(p, s + 1, n - 2, apply);
    if (name_slash_paper(p, s, n, apply) || role_byline(p, s, n, apply))
        return true;
    if (!fo_rule_byline(s, n, &fo_reader_default_limits, &m))
        return false;
    if (!apply)
        return true;
    const char *affiliation = m.affiliation_end ? cps_str(p, s, 0, m.affiliation_end) : NULL;
    for (size_t i = 0; i < m.n_names; i++) {
        const fo_byline_name *nm = &m.names[i];
        const char *role = cps_str(p, s, nm->role_start, nm->role_end);
        if (strcmp(role, "文") == 0)
            role = "作者";
        else if (strcmp(role, "图") == 0)
            role = "摄影";
        else if (strcmp(role, "本报记者") == 0)
            role = "记者";
        add_person(p, cps_str(p, s, nm->start, nm->end), role, affiliation);
    }
    return true;
}

/* The reporters in brackets after a dateline: "新华社北京12月9日电（记者 X）…", "本站讯（通讯员 X Y）…". */
void fo_html_dateline(hpage *p, const uint32_t *s, size_t n)
{
    size_t agency_end = 0, open = 0, close = 0;
    fo_dateline_match dm;
    if (fo_rule_dateline(s, n, &fo_reader_default_limits, &dm) && dm.by_end > dm.by_start && dm.by_start > 0 &&
        (s[dm.by_start - 1] == 0xFF08 || s[dm.by_start - 1] == '(')) {
        agency_end = dm.agency_end, open = dm.by_start - 1, close = dm.by_end; /* the bracket around the byline */
    } else {
        /* a site's own 讯 or 电 that the text reader does not know: "本站讯（…）" */
        enum { DATELINE_MAX = 16 };
        for (open = 1; open < n && open < DATELINE_MAX && s[open] != 0xFF08 && s[open] != '('; open++)
            ;
        if (open >= n || open == DATELINE_MAX || !(s[open - 1] == 0x8BAF /*讯*/ || s[open - 1] == 0x7535 /*电*/))
            return;
        for (close = open + 1; close < n && s[close] != 0xFF09 && s[close] != ')'; close++)
            ;
        if (close >= n)
            return;
    }
    fo_byline_match m;
    const uint32_t *b = s + open;
    if (!fo_rule_byline(b, close + 1 - open, &fo_reader_default_limits, &m)) {
        role_byline(p, b + 1, close - open - 1, true);
        return;
    }
    const char *agency = agency_end ? cps_str(p, s, 0, agency_end) : NULL;
    for (size_t i = 0; i < m.n_names; i++) {
        const fo_byline_name *nm = &m.names[i];
        const char *role = nm->role_end > nm->role_start ? cps_str(p, b, nm->role_start, nm->role_end) : "记者";
        add_person(p, cps_str(p, b, nm->start, nm->end), strcmp(role, "本报记者") == 0 ? "记者" : role, agency);
    }
}

size_t fo_html_closing_byline(hpage *p, const uint32_t *s, size_t n, bool apply)
{
    enum { CLOSING_MAX = 30 };
    if (n < 4 || !(s[n - 1] == 0xFF09 || s[n - 1] == ')'))
        return n;
    size_t open = n - 1;
    while (open > 0 && s[open - 1] != 0xFF08 && s[open - 1] != '(' && n - open < CLOSING_MAX)
        open--;
    if (open == 0 || !(s[open - 1] == 0xFF08 || s[open - 1] == '('))
        return n;
    size_t from = open, to = n - 1;
    static const char *const leads[] = {"文/图", "图/文", "文/", "图/", "文：", "记者", NULL};
    const char *role = "作者";
    for (const char *const *l = leads; *l; l++) {
        size_t len = match_word(s, to, from, *l);
        if (len) {
            from += len;
            role = strcmp(*l, "记者") == 0 ? "记者" : "作者";
            break;
        }
    }
    return names_list(p, s, from, to, role, NULL, apply) ? open - 1 : n;
}

/* ---- <meta> and <title> ---- */

typedef struct page_meta {
    const char *title;          /* og:title, ArticleTitle, twitter:title */
    const char *published;
    const char *author;
    const char *keywords;
    const char *description;
    const char *source;
    const char *site;
    const char *page_title;     /* <title> */
} page_meta;

static void read_meta_tag(xmlNodePtr n, page_meta *m)
{
    const char *key = fo_html_attr(n, "property");
    if (!key)
        key = fo_html_attr(n, "name");
    if (!key)
        key = fo_html_attr(n, "itemprop");
    const char *value = fo_html_attr(n, "content");
    if (!key || !value || !*value)
        return;
    static const char *const published[] = {"article:published_time", "publishdate", "pubdate", "publish_date",
                                            "publish-date", "publishtime", "publish_time", "datepublished",
                                            "og:release_date", "article:published", NULL};
    static const struct { const char *key; size_t field; } fields[] = {
        {"og:title", offsetof(page_meta, title)},        {"articletitle", offsetof(page_meta, title)},
        {"twitter:title", offsetof(page_meta, title)},    {"author", offsetof(page_meta, author)},
        {"article:author", offsetof(page_meta, author)}, {"og:article:author", offsetof(page_meta, author)},
        {"keywords", offsetof(page_meta, keywords)},     {"description", offsetof(page_meta, description)},
        {"og:description", offsetof(page_meta, description)}, {"contentsource", offsetof(page_meta, source)},
        {"source", offsetof(page_meta, source)},         {"og:site_name", offsetof(page_meta, site)},
        {"sitename", offsetof(page_meta, site)},
    };
    for (const char *const *k = published; *k; k++)
        if (strcasecmp(key, *k) == 0 && !m->published)
            m->published = value;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char **slot = (const char **)((char *)m + fields[i].field);
        if (strcasecmp(key, fields[i].key) == 0 && !*slot)
            *slot = value;
    }
}

static void read_meta_tags(hpage *p, xmlNodePtr n, page_meta *m)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (fo_html_is_tag(n, "meta"))
            read_meta_tag(n, m);
        else if (fo_html_is_tag(n, "title") && !m->page_title && n->children)
            m->page_title = fo_html_text(p, n);
        if (!fo_html_is_tag(n, "body"))
            read_meta_tags(p, n->children, m);
    }
}

/* The name of a site, paper or institution: Han characters ending like one (新华网, 某某日报,
 * 某某医院, 某某人民政府). */
static bool is_site_name(const uint32_t *s, size_t from, size_t to)
{
    static const uint32_t endings[] = {0x7F51 /*网*/, 0x62A5 /*报*/, 0x793E /*社*/, 0x53F0 /*台*/, 0x7AD9 /*站*/,
                                       0x9662 /*院*/, 0x5C40 /*局*/, 0x5E9C /*府*/, 0x4F1A /*会*/, 0x5385 /*厅*/,
                                       0x59D4 /*委*/, 0x6821 /*校*/, 0x95FB /*闻*/};
    enum { SITE_MIN = 3 };
    if (to < from + SITE_MIN || !is_han_run(s, from, to))
        return false;
    for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++)
        if (s[to - 1] == endings[k])
            return true;
    return false;
}

/* "标题_网易财经", "标题--文化--人民网", "标题 - 山西省人民政府门户网站": the headline without the site
 * parts after it.  The last part is the site's name. */
static const char *split_site(hpage *p, const char *page_title, const char **site)
{
    static const char *const seps[] = {"_", " - ", " – ", " — ", " | ", "|", "｜", "--", "——", " -", "- ", NULL};
    size_t n;
    uint32_t *s = fo_html_cps(page_title, &n);
    size_t end = n;
    *site = NULL;
    for (bool cut = true; cut;) {
        cut = false;
        for (size_t i = end; i-- > 1 && !cut;)
            for (const char *const *sep = seps; *sep && !cut; sep++) {
                size_t len = match_word(s, end, i, *sep);
                enum { SITE_MAX = 24 }; /* a site or channel name is short; a title part is not */
                if (!len && (s[i] == '-' || s[i] == ' ') && is_site_name(s, i + 1, end))
                    len = 1; /* "…-新华网", "… 某某研究院附属医院": a bare - or space before a site's name */
                if (!len || end - (i + len) > SITE_MAX || end - (i + len) == 0 || i < 4)
                    continue;
                if (!*site)
                    *site = cps_str(p, s, i + len, end);
                end = i;
                while (end > 0 && fo_is_space(s[end - 1]))
                    end--;
                cut = true;
            }
    }
    const char *title = cps_str(p, s, 0, end);
    free(s);
    return title;
}

/* ---- the headline element ---- */

static size_t longest_common(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), best = 0;
    if (na > 600 || nb > 600)
        return 0;
    size_t *row = calloc(nb + 1, sizeof *row);
    if (!row)
        return 0;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = 0;
        for (size_t j = 1; j <= nb; j++) {
            size_t keep = row[j];
            row[j] = a[i - 1] == b[j - 1] ? diag + 1 : 0;
            if (row[j] > best)
                best = row[j];
            diag = keep;
        }
    }
    free(row);
    return best;
}

/* How well an element's text matches the page's name of the article: the share of the longer of the
 * two that they have in common (bytes of UTF-8: fine for a ratio). */
static double title_match(const char *text, const char *want)
{
    size_t a = strlen(text), b = strlen(want);
    if (!a || !b)
        return 0;
    size_t common = longest_common(text, want);
    return (double)common / (double)(a > b ? a : b);
}

typedef struct headline_search {
    hpage *p;
    const char *want[2];        /* normalised: what <meta> calls the article, and <title> without the site */
    xmlNodePtr best;
    double best_score;
    const char *best_text;
    xmlNodePtr last_before;     /* the last heading-like element before the content */
    const char *last_before_text;
} headline_search;

/* "首页 - 新闻动态", "当前位置：…": a breadcrumb, whatever its tag, is never the headline. */
static bool looks_like_breadcrumb(const char *text)
{
    static const char *const openers[] = {"首页", "主页", "当前位置", "您的位置", "你的位置", "您当前的位置", "您现在的位置",
                                          "所在位置", NULL};
    for (const char *const *o = openers; *o; o++)
        if (strncmp(text, *o, strlen(*o)) == 0)
            return true;
    return false;
}

static void consider_headline(headline_search *h, xmlNodePtr n)
{
    hstat *s = hstat_of(n);
    bool heading = false;
    fo_html_class_words(n, &heading);
    int level = n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2] ? n->name[1] - '0' : 0;
    if ((!level && !heading) || s->text < 4 || s->text > 150)
        return;
    const char *text = fo_html_text(h->p, n);
    if (looks_like_breadcrumb(text))
        return;
    char *norm = norm_str(text);
    double score = 0;
    for (int i = 0; i < 2; i++)
        if (h->want[i]) {
            double m = title_match(norm, h->want[i]);
            score = m > score ? m : score;
        }
    free(norm);
    /* an <h1> before an <h2>, a heading tag before a class that says title */
    score += level ? 0.02 * (7 - level) : 0;
    if (score > h->best_score) {
        h->best = n;
        h->best_score = score;
        h->best_text = text;
    }
    if (h->p->content && s->order < hstat_of(h->p->content)->order && s->text >= 6 && level) {
        h->last_before = n;
        h->last_before_text = text;
    }
}

static void find_headline(headline_search *h, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || (hstat_of(n)->flags & HF_SKIP))
            continue;
        consider_headline(h, n);
        find_headline(h, n->children);
    }
}

/* ---- the text around the headline and the content ---- */

/* Widgets beside the metadata: 举报, 打印, the A- A A+ of a font switch … */
static bool is_widget_text(const uint32_t *s, size_t n)
{
    static const char *const widgets[] = {"举报", "纠错", "打印", "关闭", "收藏", "分享", "分享到", "评论", "字号", "字体",
                                          "调整字体", "大", "中", "小", "放大", "缩小", "正常", "默认", "标准", "超大",
                                          "A", "A+", "A-", "T", "+", "-", NULL};
    size_t from = 0, to = n;
    while (from < to && (fo_is_space(s[from]) || s[from] == '[' || s[from] == 0x3010 || is_colon(s[from])))
        from++;
    while (to > from && (fo_is_space(s[to - 1]) || s[to - 1] == ']' || s[to - 1] == 0x3011 || is_colon(s[to - 1])))
        to--;
    for (const char *const *w = widgets; *w; w++)
        if (match_word(s, to, from, *w) == to - from && to > from)
            return true;
    return to > from && fo_rule_junk(s + from, to - from, &fo_reader_default_limits);
}

typedef struct fields {
    fo_buf b;
    bool gap;                   /* a field boundary since the last text */
    xmlNodePtr last_parent;
} fields;

/* A text node into the fields: white space holding an NBSP or an ideographic space, or more than
 * one space, separates fields (two spaces, as fo_rule_meta_line reads them). */
static void field_text_node(fields *f, xmlNodePtr t)
{
    size_t n;
    uint32_t *s = fo_html_cps((const char *)t->content, &n);
    if (is_widget_text(s, n)) {
        free(s);
        f->gap = true;
        return;
    }
    char tmp[4];
    for (size_t i = 0; i < n;) {
        if (fo_is_space(s[i]) || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
            size_t k = i;
            bool wide = false;
            while (k < n && (fo_is_space(s[k]) || s[k] == '\n' || s[k] == '\r' || s[k] == '\t'))
                wide |= s[k] == 0xA0 || s[k] == 0x3000, k++;
            if (wide || k - i > 1)
                f->gap = true;
            else if (f->b.len)
                fo_buf_putc(&f->b, ' ');
            i = k;
            continue;
        }
        if (f->b.len && f->gap)
            fo_buf_puts(&f->b, "  ");
        else if (f->b.len && t->parent != f->last_parent && f->b.data[f->b.len - 1] != ' ')
            fo_buf_putc(&f->b, ' ');
        f->gap = false;
        f->last_parent = t->parent;
        fo_buf_append(&f->b, tmp, fo_utf8_encode(s[i], tmp));
        i++;
    }
    free(s);
}

static void field_walk(fields *f, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE)
            field_text_node(f, n);
        if (n->type != XML_ELEMENT_NODE || (hstat_of(n)->flags & HF_SKIP))
            continue;
        bool block = (hstat_of(n)->flags & HF_BLOCK) || fo_html_is_tag(n, "br");
        f->gap |= block;
        field_walk(f, n->children);
        f->gap |= block;
    }
}

/* Whether a metadata key and its colon stand at s[i…]: "来源：" after a single space starts a field. */
static bool key_at(const uint32_t *s, size_t n, size_t i)
{
    static const char *const keys[] = {"来源", "作者", "编辑", "责任编辑", "时间", "发布时间", "发布日期", "日期", NULL};
    for (const char *const *k = keys; *k; k++) {
        size_t len = match_word(s, n, i, *k);
        if (len && i + len < n && is_colon(s[i + len]))
            return true;
    }
    return false;
}

/* A field of a header: a metadata line, a date, a byline, or (near the headline) the name of the
 * paper alone ("新华社" where a byline would stand). */
static bool try_field(hpage *p, const uint32_t *s, size_t n, bool header)
{
    if (fo_html_meta_line(p, s, n, true, true) || fo_html_byline(p, s, n, true))
        return true;
    if (header && is_press_name(s, n)) {
        set_source(p, s, 0, n);
        return true;
    }
    return false;
}

/* The metadata in an element's text: the whole line, else each field of it. */
static bool try_metadata_element(hpage *p, xmlNodePtr e, bool header)
{
    fields f = {0};
    field_walk(&f, e->children);
    size_t n;
    uint32_t *s = fo_html_cps(f.b.data ? f.b.data : "", &n);
    fo_buf_free(&f.b);
    if (!p->opts->keep_punctuation)
        fo_normalize_punctuation(s, n);
    enum { HEADER_LINE_MAX = 160 };
    bool whole = n > 0 && n <= HEADER_LINE_MAX && try_field(p, s, n, header), found = whole;
    for (size_t i = 0; i < n && !whole && n <= HEADER_LINE_MAX;) {
        size_t start = i;
        while (i < n && !(s[i] == '|' || s[i] == 0xFF5C || (s[i] == ' ' && i + 1 < n && s[i + 1] == ' ') ||
                          (s[i] == ' ' && i > start && key_at(s, n, i + 1))))
            i++;
        size_t end = i;
        while (end > start && s[end - 1] == ' ')
            end--;
        while (start < end && s[start] == ' ')
            start++;
        if (end > start)
            found |= try_field(p, s + start, end - start, header);
        while (i < n && (s[i] == '|' || s[i] == 0xFF5C || s[i] == ' '))
            i++;
    }
    free(s);
    return found;
}

/* Look at each element that lies wholly between the orders `from` and `to`, largest first: one whose
 * text holds metadata is read, else its children are. */
static void scan_zone(hpage *p, xmlNodePtr n, int from, int to, bool header)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        hstat *s = hstat_of(n);
        if ((s->flags & HF_SKIP) || s->last <= from || s->order >= to)
            continue;
        if (s->order > from && s->last < to && s->text > 0 && s->text <= 160 && try_metadata_element(p, n, header))
            continue;
        scan_zone(p, n->children, from, to, header);
    }
}

/* ---- putting it together ---- */

/* "龙湖集团,龙湖;开发商 吴亚军": keywords separated by commas, semicolons, 、 or spaces. */
static void add_keywords(hpage *p, const char *value)
{
    size_t n;
    uint32_t *s = fo_html_cps(value, &n);
    for (size_t i = 0; i < n;) {
        size_t start = i;
        while (i < n && !(fo_is_space(s[i]) || s[i] == ',' || s[i] == ';' || s[i] == 0xFF0C || s[i] == 0xFF1B ||
                          s[i] == 0x3001))
            i++;
        if (i > start)
            fo_strlist_append(p->doc, &p->doc->meta.keywords, cps_str(p, s, start, i));
        i++;
    }
    free(s);
}

/* <meta name="author"> names a person only when it is not the site, a number or a placeholder. */
static bool plausible_person(hpage *p, const char *name, const char *page_title)
{
    size_t len = strlen(name);
    if (len == 0 || len > 40 || strpbrk(name, "@,;/\\|<>") || strspn(name, "0123456789 ") == len)
        return false;
    if ((p->site && strstr(p->site, name)) || (page_title && strstr(page_title, name)))
        return false;
    return true;
}

static void apply_meta_tags(hpage *p, const page_meta *m)
{
    fo_meta *meta = &p->doc->meta;
    if (m->source) {
        size_t n, at;
        uint32_t *s = fo_html_cps(m->source, &n);
        at = n >= 3 && match_word(s, n, 0, "来源") && is_colon(s[2]) ? 3 : 0;
        size_t end = at;
        while (end < n && !fo_is_space(s[end]))
            end++;
        if (end > at)
            set_source(p, s, at, end);
        free(s);
    }
    if (m->author && plausible_person(p, m->author, m->page_title))
        add_person(p, fo_html_clean(p, m->author, strlen(m->author)), NULL, NULL);
    if (m->keywords)
        add_keywords(p, m->keywords);
    if (m->description && !meta->abstract)
        meta->abstract = fo_html_clean(p, m->description, strlen(m->description));
    if (m->site)
        meta->publisher = fo_html_clean(p, m->site, strlen(m->site));
}

/* The headline: the element that best matches what the page calls the article; when none does
 * (a <title> that names only the site or a column), the last heading before the content. */
static void choose_title(hpage *p, const page_meta *m, const char *from_title)
{
    enum { TITLE_MIN = 6 }; /* a <title> shorter than this names a column, not an article */
    headline_search h = {.p = p};
    h.want[0] = m->title ? norm_str(m->title) : NULL;
    h.want[1] = from_title && strlen(from_title) >= TITLE_MIN * 3 ? norm_str(from_title) : NULL;
    find_headline(&h, p->body);
    if (h.best && h.best_score >= 0.5) {
        p->headline = h.best;
        p->doc->meta.title = h.best_text;
    } else if (h.last_before) {
        p->headline = h.last_before;
        p->doc->meta.title = h.last_before_text;
    } else {
        p->doc->meta.title = m->title ? fo_html_clean(p, m->title, strlen(m->title)) : from_title;
    }
    free((char *)h.want[0]);
    free((char *)h.want[1]);
}

void fo_html_meta(hpage *p)
{
    page_meta m = {0};
    read_meta_tags(p, xmlDocGetRootElement(p->dom), &m);
    const char *site = NULL;
    const char *from_title = m.page_title ? split_site(p, m.page_title, &site) : NULL;
    p->site = m.site ? m.site : site;
    choose_title(p, &m, from_title);
    /* the date the page shows near the headline, when it is more precise than the <meta> one */
    int to = p->content ? hstat_of(p->content)->order : 0;
    int from = p->headline ? hstat_of(p->headline)->last : to - 40;
    if (from < to)
        scan_zone(p, p->body, from, to, true);
    const char *shown = p->doc->meta.date;
    p->doc->meta.date = NULL;
    set_date_from(p, m.published);
    if (shown && (!p->doc->meta.date || (strlen(shown) > strlen(p->doc->meta.date) &&
                                         strncmp(shown, p->doc->meta.date, 10) == 0)))
        p->doc->meta.date = shown;
    apply_meta_tags(p, &m);
    /* under the article: 来源, 作者, 发布日期 in a box after the text */
    enum { FOOTER_ELEMENTS = 80 };
    if (p->content) {
        int last = hstat_of(p->content)->last;
        scan_zone(p, p->body, last, last + FOOTER_ELEMENTS, false);
    }
}
