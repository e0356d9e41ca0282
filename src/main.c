/* main.c — the command line: options, formats from extensions, atomic output, exit codes.
 *
 * Exit status: 0 converted, 1 the input could not be converted (or the output not written),
 * 2 usage error (unknown option or format, missing argument).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "readers.h"
#include "text.h"
#include "util.h"
#include "writers.h"

enum { EXIT_CONVERT = 1, EXIT_USAGE = 2 };

static void usage(FILE *out)
{
    fputs("usage: folio [OPTIONS] INPUT [-o OUTPUT]\n"
          "Convert a Chinese news article (plain text) to DocBook 5, EPUB 3 or PDF.\n"
          "\n"
          "  -o, --output FILE      write FILE (format from its extension); '-' or none: stdout\n"
          "  -t, --to FORMAT        output format: docbook, epub, pdf, html, native\n"
          "  -f, --from FORMAT      input format (default: from the extension; text)\n"
          "  -M, --metadata K=V     set metadata: title, subtitle, original-title, author, date,\n"
          "                         source, publisher, category, rights, language, identifier,\n"
          "                         keywords, abstract\n"
          "      --keep-punctuation keep ASCII , : ; ( ) ! ? between Chinese characters\n"
          "      --explain          print every input line with its class and the rule (stderr)\n"
          "      --style NAME|FILE  style: styles/NAME.ini (PDF) and styles/NAME.css (EPUB)\n"
          "      --style-dir DIR    where to look for styles first\n"
          "      --css FILE         add a stylesheet to the EPUB (repeatable)\n"
          "      --vertical         EPUB: vertical writing (vertical-rl, pages right to left)\n"
          "      --font FILE[:N]    PDF: use this TrueType font (face N of a .ttc) for all text\n"
          "  -h, --help             this help\n"
          "      --version          the version\n"
          "\n"
          "Exit status: 0 converted, 1 the input could not be converted, 2 usage error.\n",
          out);
}

typedef struct cli {
    const char *input, *output, *to, *from;
    const char **meta;          /* "key=value" strings */
    size_t n_meta;
    const char **css;
    size_t n_css;
    fo_read_opts read;
    fo_write_opts write;
} cli;

/* ---- metadata overrides (-M key=value) ---- */

static int apply_metadata(fo_doc *doc, const char *kv, fo_diag *d)
{
    const char *eq = strchr(kv, '=');
    if (!eq) {
        fo_error(d, 0, 0, "-M %s: expected KEY=VALUE", kv);
        return -1;
    }
    size_t klen = (size_t)(eq - kv);
    const char *key = fo_doc_strndup(doc, kv, klen);
    const char *value = fo_doc_strdup(doc, eq + 1);
    fo_meta *m = &doc->meta;
    struct { const char *key; const char **field; } simple[] = {
        {"title", &m->title},         {"subtitle", &m->subtitle},   {"original-title", &m->original_title},
        {"date", &m->date},           {"source", &m->source},       {"publisher", &m->publisher},
        {"site", &m->publisher},      {"rights", &m->rights},       {"language", &m->language},
        {"lang", &m->language},       {"identifier", &m->identifier}, {"abstract", &m->abstract},
    };
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
        if (strcmp(key, simple[i].key) == 0) {
            *simple[i].field = value;
            return 0;
        }
    }
    if (strcmp(key, "author") == 0) {
        m->authors = NULL;     /* -M author replaces the article's authors; repeat -M to add */
        fo_meta_add_author(doc, value, NULL, NULL);
    } else if (strcmp(key, "category") == 0) {
        m->category = NULL;
        fo_strlist_append(doc, &m->category, value);
    } else if (strcmp(key, "keywords") == 0 || strcmp(key, "keyword") == 0) {
        fo_strlist_append(doc, &m->keywords, value);
    } else {
        fo_error(d, 0, 0, "-M %s: unknown metadata key '%s'", kv, key);
        return -1;
    }
    return 0;
}

/* ---- output ---- */

static int write_stdout(const fo_buf *out, fo_diag *d)
{
    if (fwrite(out->data, 1, out->len, stdout) != out->len || fflush(stdout) != 0) {
        fo_error(d, 0, 0, "cannot write to standard output: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* Write to a temporary file beside `path`, then rename it into place: a reader of `path` sees the
 * old file or the whole new one, never half of one, and a failed run leaves the old file as it was. */
static int write_atomically(const char *path, const fo_buf *out, fo_diag *d)
{
    const char *slash = strrchr(path, '/');
    fo_buf tmp = {0};
    if (slash)
        fo_buf_printf(&tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
    else
        fo_buf_printf(&tmp, ".%s.XXXXXX", path);
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        fo_error(d, 0, 0, "cannot write %s: %s", path, strerror(errno));
        fo_buf_free(&tmp);
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    int ok = fchmod(fd, 0666 & ~mask) == 0;
    size_t done = 0;
    while (ok && done < out->len) {
        ssize_t n = write(fd, out->data + done, out->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            ok = 0;
        else
            done += (size_t)n;
    }
    int saved = errno;
    if (close(fd) != 0 && ok)
        ok = 0, saved = errno;
    if (ok && rename(tmp.data, path) != 0)
        ok = 0, saved = errno;
    if (!ok) {
        unlink(tmp.data);
        fo_error(d, 0, 0, "cannot write %s: %s", path, strerror(saved));
    }
    fo_buf_free(&tmp);
    return ok ? 0 : -1;
}

/* ---- one conversion ---- */

static int convert(const cli *c, const fo_format *format)
{
    fo_diag d;
    fo_diag_init(&d, c->input, stderr);
    int status = EXIT_CONVERT;
    char *raw = NULL, *text = NULL;
    fo_doc *doc = NULL;
    fo_buf out = {0};

    const fo_input_format *reader = c->from ? fo_input_format_by_name(c->from) : fo_input_format_by_path(c->input);
    if (!reader) {
        fo_error(&d, 0, 0, "unknown input format '%s'", c->from);
        status = EXIT_USAGE;
        goto done;
    }
    size_t raw_len, text_len;
    raw = fo_read_file(c->input, &raw_len, &d);
    if (!raw)
        goto done;
    if (fo_looks_binary(raw, raw_len)) {
        const char *nul = memchr(raw, '\0', raw_len);
        if (nul)
            fo_error(&d, 0, 0, "this is a binary file, not an article (NUL byte at byte offset %zu)",
                     (size_t)(nul - raw));
        else
            fo_error(&d, 0, 0, "this is a binary file, not an article (control bytes in the first 8 KB)");
        goto done;
    }
    text = fo_decode_input(raw, raw_len, &text_len, NULL, &d);
    if (!text)
        goto done;
    doc = reader->read(text, text_len, &c->read, &d);
    if (!doc)
        goto done;
    doc->input_name = c->input;
    for (size_t i = 0; i < c->n_meta; i++)
        if (apply_metadata(doc, c->meta[i], &d) != 0) {
            status = EXIT_USAGE;
            goto done;
        }
    fo_doc_finish(doc);

    if (format->write(doc, &c->write, &out, &d) != 0)
        goto done;
    if (!c->output || strcmp(c->output, "-") == 0) {
        if (write_stdout(&out, &d) != 0)
            goto done;
    } else if (write_atomically(c->output, &out, &d) != 0) {
        goto done;
    }
    status = 0;
done:
    fo_buf_free(&out);
    fo_doc_free(doc);
    free(text);
    free(raw);
    return status;
}

int main(int argc, char **argv)
{
    enum { OPT_VERSION = 256, OPT_EXPLAIN, OPT_KEEP_PUNCT, OPT_STYLE, OPT_STYLE_DIR, OPT_CSS,
           OPT_VERTICAL, OPT_FONT };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},     {"to", required_argument, NULL, 't'},
        {"from", required_argument, NULL, 'f'},       {"metadata", required_argument, NULL, 'M'},
        {"help", no_argument, NULL, 'h'},             {"version", no_argument, NULL, OPT_VERSION},
        {"explain", no_argument, NULL, OPT_EXPLAIN},  {"keep-punctuation", no_argument, NULL, OPT_KEEP_PUNCT},
        {"style", required_argument, NULL, OPT_STYLE}, {"style-dir", required_argument, NULL, OPT_STYLE_DIR},
        {"css", required_argument, NULL, OPT_CSS},    {"vertical", no_argument, NULL, OPT_VERTICAL},
        {"font", required_argument, NULL, OPT_FONT},  {NULL, 0, NULL, 0},
    };
    cli c = {0};
    c.meta = fo_xmalloc(sizeof *c.meta * (size_t)argc);
    c.css = fo_xmalloc(sizeof *c.css * (size_t)argc);
    int opt, status = 0;
    while ((opt = getopt_long(argc, argv, "o:t:f:M:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o': c.output = optarg; break;
        case 't': c.to = optarg; break;
        case 'f': c.from = optarg; break;
        case 'M': c.meta[c.n_meta++] = optarg; break;
        case 'h': usage(stdout); goto done;
        case OPT_VERSION: printf("folio %s\n", FOLIO_VERSION); goto done;
        case OPT_EXPLAIN: c.read.explain = stderr; break;
        case OPT_KEEP_PUNCT: c.read.keep_punctuation = true; break;
        case OPT_STYLE: c.write.style = optarg; break;
        case OPT_STYLE_DIR: c.write.style_dir = optarg; break;
        case OPT_CSS: c.css[c.n_css++] = optarg; break;
        case OPT_VERTICAL: c.write.vertical = true; break;
        case OPT_FONT: c.write.font = optarg; break;
        default:
            fputs("folio: see 'folio --help'\n", stderr);
            status = EXIT_USAGE;
            goto done;
        }
    }
    c.write.css = c.css;
    c.write.n_css = c.n_css;
    if (optind != argc - 1) {
        fprintf(stderr, "folio: error: %s\nfolio: see 'folio --help'\n",
                optind >= argc ? "no input file" : "more than one input file");
        status = EXIT_USAGE;
        goto done;
    }
    c.input = argv[optind];

    const fo_format *format = NULL;
    if (c.to) {
        format = fo_format_by_name(c.to);
        if (!format) {
            fprintf(stderr, "folio: error: unknown output format '%s' (formats: docbook, epub, pdf, html, native)\n",
                    c.to);
            status = EXIT_USAGE;
            goto done;
        }
    } else if (c.output && strcmp(c.output, "-") != 0) {
        format = fo_format_by_path(c.output);
        if (!format) {
            const char *slash = strrchr(c.output, '/');
            const char *dot = strrchr(slash ? slash : c.output, '.');
            fprintf(stderr, "folio: error: %s: unknown output format for extension '%s' "
                    "(use .xml/.dbk, .epub, .pdf, .html, .native, or -t FORMAT)\n",
                    c.output, dot ? dot : "(none)");
            status = EXIT_USAGE;
            goto done;
        }
    } else {
        fputs("folio: error: writing to standard output needs -t FORMAT\n", stderr);
        status = EXIT_USAGE;
        goto done;
    }
    status = convert(&c, format);
done:
    free(c.meta);
    free(c.css);
    return status;
}
