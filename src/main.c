/* main.c — the command line: options, formats from extensions or -t, single or batch runs,
 * exit codes.  The conversion itself is convert.c; the worker pool is batch.c.
 *
 * Exit status: 0 converted, 1 an input could not be converted (or an output not written),
 * 2 usage error (unknown option or format, missing argument).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "convert.h"

static void usage(FILE *out)
{
    fputs("usage: folio [OPTIONS] INPUT [-o OUTPUT]\n"
          "       folio [OPTIONS] -d OUTDIR -t FORMAT[,FORMAT…] [-j N] [--files-from LIST] [INPUT…]\n"
          "       folio --collect [OPTIONS] [--files-from LIST] INPUT… -o OUTPUT\n"
          "Convert Chinese articles (plain text, saved web pages, DocBook) to DocBook 5, EPUB 3, PDF.\n"
          "INPUT '-' reads standard input.\n"
          "\n"
          "  -o, --output FILE      write FILE (format from its extension); '-': standard output\n"
          "  -t, --to FORMAT        output format: docbook, epub, pdf, html, native, layout;\n"
          "                         with -d a comma-separated list (pdf,epub,docbook)\n"
          "  -d, --output-dir DIR   batch: write DIR/NAME.EXT for every input and format\n"
          "  -j, --jobs N           batch: N worker processes (default: the number of cores)\n"
          "      --files-from LIST  batch, --collect: read input paths from LIST, one per line ('-': stdin)\n"
          "      --collect          every input an article of one document (a meeting packet):\n"
          "                         -M sets the collection's title, subtitle, date, publisher\n"
          "      --skip-bad         --collect: leave out inputs that cannot be read (exit status 1)\n"
          "      --toc-depth N      packet PDF: the contents list articles (1) or also sections (2…)\n"
          "      --article-break page|odd  packet PDF: each article on a new page, or on a\n"
          "                         right-hand (odd) page for double-sided printing\n"
          "  -f, --from FORMAT      input format: text, docbook, html (default: from the\n"
          "                         extension: .xml .dbk DocBook, .html .htm HTML, else text)\n"
          "  -M, --metadata K=V     set metadata: title, subtitle, original-title, author, date,\n"
          "                         source, publisher, category, rights, language, identifier,\n"
          "                         keywords, abstract\n"
          "                         (official documents: doc-number, index-number, issuer,\n"
          "                         document-date, copy-number, secrecy, urgency,\n"
          "                         organ-mark, signer, cc, printer, print-date)\n"
          "      --keep-punctuation keep ASCII , : ; ( ) ! ? between Chinese characters\n"
          "      --explain          print every input line with its class and the rule (stderr)\n"
          "      --resource-path DIR  HTML: look for images in DIR too (repeatable, or DIR:DIR)\n"
          "      --skip-bad-images  HTML: a damaged image is a warning and a caption, not an error\n"
          "      --style NAME|FILE  style: styles/NAME.ini (PDF) and styles/NAME.css (EPUB)\n"
          "      --style-dir DIR    where to look for styles first\n"
          "      --css FILE         add a stylesheet to the EPUB (repeatable)\n"
          "      --vertical         EPUB: vertical writing (vertical-rl, pages right to left)\n"
          "      --font FILE[:N]    PDF: use this font for all text (TrueType or OpenType CFF; face N of a .ttc)\n"
          "  -h, --help             this help\n"
          "      --version          the version\n"
          "\n"
          "Exit status: 0 converted, 1 an input could not be converted, 2 usage error.\n",
          out);
}

/* A growable list of strings, borrowed from argv or owned (files-from). */
typedef struct str_list {
    const char **items;
    size_t n, cap;
} str_list;

static void str_list_push(str_list *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = fo_xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = s;
}

/* Input paths from a list file, one per line; blank lines are skipped.  The strings live in
 * *storage (caller frees).  Returns -1 with a message when the list cannot be read. */
static int read_files_from(const char *list, str_list *inputs, char **storage)
{
    fo_diag d;
    fo_diag_init(&d, list, stderr);
    size_t len = 0;
    char *text = fo_read_text_file(list, &len, &d); /* "-": standard input, with the same limits */
    if (!text)
        return -1;
    *storage = text;
    for (char *line = text; line < text + len;) {
        char *end = memchr(line, '\n', (size_t)(text + len - line));
        if (!end)
            end = text + len;
        *end = '\0';
        if (end > line && end[-1] == '\r')
            end[-1] = '\0';
        if (*line)
            str_list_push(inputs, line);
        line = end + 1;
    }
    return 0;
}

/* What can be checked of --font, --style and --style-dir before any article: the face number's
 * syntax, that a style given as a path is a file and a style directory a directory.  -1 after a
 * message. */
static int check_style_options(const fo_write_opts *w)
{
    fo_diag d;
    fo_diag_init(&d, "folio", stderr);
    struct stat st;
    int index;
    char *font = w->font ? fo_font_spec_parse(w->font, &index, &d) : NULL;
    free(font);
    if (w->font && !font)
        return -1;
    if (w->style_dir && (stat(w->style_dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
        fo_error(&d, 0, 0, "--style-dir %s: %s", w->style_dir, errno == ENOENT ? "no such directory" : "not a directory");
        return -1;
    }
    const char *style = w->style;
    bool is_path = style && (strchr(style, '/') || fo_path_has_extension(style, ".ini .css"));
    if (is_path && (stat(style, &st) != 0 || !S_ISREG(st.st_mode))) {
        fo_error(&d, 0, 0, "--style %s: %s", style, errno == ENOENT ? "no such file" : "not a style file (.ini or .css)");
        return -1;
    }
    return 0;
}

/* "pdf,epub,docbook" → formats; -1 with a message on an unknown name. */
static int parse_formats(const char *spec, const fo_format **formats, size_t max, size_t *n)
{
    *n = 0;
    char *copy = fo_xstrdup(spec), *save = NULL;
    int status = 0;
    for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        const fo_format *f = fo_format_by_name(name);
        if (!f) {
            fprintf(stderr, "folio: error: unknown output format '%s' "
                    "(formats: docbook, epub, pdf, html, native, layout)\n", name);
            status = -1;
            break;
        }
        if (*n < max)
            formats[(*n)++] = f;
    }
    free(copy);
    if (status == 0 && *n == 0) {
        fputs("folio: error: -t names no format\n", stderr);
        status = -1;
    }
    return status;
}

/* SOURCE_DATE_EPOCH (reproducible builds): whole seconds since 1970, at most FO_MAX_EPOCH (doc.h).
 * -1 in *epoch when unset or empty; -1 returned after a message when it is not such a number. */
static int source_date_epoch(int64_t *epoch)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    *epoch = -1;
    if (!env || !*env)
        return 0;
    int64_t v = 0;
    for (const char *p = env; *p; p++) {
        if (*p < '0' || *p > '9' || v > FO_MAX_EPOCH) {
            v = -1;
            break;
        }
        v = v * 10 + (*p - '0');
    }
    if (v < 0 || v > FO_MAX_EPOCH) {
        fprintf(stderr, "folio: error: SOURCE_DATE_EPOCH=%s: expected whole seconds since 1970-01-01 from 0 to "
                "%lld (the end of 9999)\n", env, (long long)FO_MAX_EPOCH);
        return -1;
    }
    *epoch = v;
    return 0;
}

/* --toc-depth N (1 to 6) or --article-break page|odd into the writer options; -1 with a message. */
static int parse_packet_option(bool toc_depth, const char *arg, fo_write_opts *opts)
{
    if (toc_depth) {
        char *end;
        long n = strtol(arg, &end, 10);
        if (*end || end == arg || n < 1 || n > 6) {
            fprintf(stderr, "folio: error: --toc-depth %s: expected a depth from 1 (articles) to 6\n", arg);
            return -1;
        }
        opts->toc_depth = (int)n;
    } else if (strcmp(arg, "odd") == 0 || strcmp(arg, "page") == 0) {
        opts->odd_article_break = strcmp(arg, "odd") == 0;
    } else {
        fprintf(stderr, "folio: error: --article-break %s: expected page or odd\n", arg);
        return -1;
    }
    return 0;
}

/* Whether every input is read as DocBook, which may be a book of articles: a collection, to which
 * --toc-depth and --article-break apply as to --collect's. */
static bool docbook_inputs(const fo_job *job, const str_list *inputs)
{
    const fo_input_format *docbook = fo_input_format_by_name("docbook");
    const fo_input_format *from = job->from ? fo_input_format_by_name(job->from) : NULL;
    for (size_t i = 0; i < inputs->n; i++)
        if ((from ? from : fo_input_format_by_path(inputs->items[i])) != docbook)
            return false;
    return inputs->n > 0;
}

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

int main(int argc, char **argv)
{
    enum { OPT_VERSION = 256, OPT_EXPLAIN, OPT_KEEP_PUNCT, OPT_STYLE, OPT_STYLE_DIR, OPT_CSS,
           OPT_VERTICAL, OPT_FONT, OPT_FILES_FROM, OPT_RESOURCE_PATH, OPT_SKIP_BAD_IMAGES, OPT_COLLECT,
           OPT_SKIP_BAD, OPT_TOC_DEPTH, OPT_ARTICLE_BREAK };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},     {"to", required_argument, NULL, 't'},
        {"from", required_argument, NULL, 'f'},       {"metadata", required_argument, NULL, 'M'},
        {"output-dir", required_argument, NULL, 'd'}, {"jobs", required_argument, NULL, 'j'},
        {"files-from", required_argument, NULL, OPT_FILES_FROM},
        {"help", no_argument, NULL, 'h'},             {"version", no_argument, NULL, OPT_VERSION},
        {"explain", no_argument, NULL, OPT_EXPLAIN},  {"keep-punctuation", no_argument, NULL, OPT_KEEP_PUNCT},
        {"style", required_argument, NULL, OPT_STYLE}, {"style-dir", required_argument, NULL, OPT_STYLE_DIR},
        {"css", required_argument, NULL, OPT_CSS},    {"vertical", no_argument, NULL, OPT_VERTICAL},
        {"font", required_argument, NULL, OPT_FONT},
        {"resource-path", required_argument, NULL, OPT_RESOURCE_PATH},
        {"skip-bad-images", no_argument, NULL, OPT_SKIP_BAD_IMAGES},
        {"collect", no_argument, NULL, OPT_COLLECT},  {"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
        {"toc-depth", required_argument, NULL, OPT_TOC_DEPTH},
        {"article-break", required_argument, NULL, OPT_ARTICLE_BREAK}, {NULL, 0, NULL, 0},
    };
    fo_job job = {0};
    str_list meta = {0}, css = {0}, inputs = {0}, resources = {0};
    fo_readset reads = {0};
    const char *output = NULL, *to = NULL, *outdir = NULL, *files_from = NULL;
    char *files_storage = NULL;
    int workers = cores(), opt, status = FO_EXIT_OK;
    fo_cleanup_install_signals(); /* SIGINT, SIGTERM, SIGHUP: no temporary file left behind */
    bool collect = false, skip_bad = false, packet_option = false, book_option = false;
    while ((opt = getopt_long(argc, argv, "o:t:f:M:d:j:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o': output = optarg; break;
        case 't': to = optarg; break;
        case 'f': job.from = optarg; break;
        case 'M': {
            fo_diag d;
            fo_diag_init(&d, "folio", stderr);
            char *clean = fo_meta_override_check(optarg, &d);
            if (!clean) {
                status = FO_EXIT_USAGE;
                goto done;
            }
            str_list_push(&meta, clean);
            break;
        }
        case 'd': outdir = optarg; break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 256) {
                fprintf(stderr, "folio: error: -j %s: expected a number of workers from 1 to 256\n", optarg);
                status = FO_EXIT_USAGE;
                goto done;
            }
            workers = (int)n;
            break;
        }
        case OPT_FILES_FROM: files_from = optarg; break;
        case 'h': usage(stdout); goto done;
        case OPT_VERSION: printf("folio %s\n", FOLIO_VERSION); goto done;
        case OPT_EXPLAIN: job.read.explain = stderr; break;
        case OPT_KEEP_PUNCT: job.read.keep_punctuation = true; break;
        case OPT_STYLE: job.write.style = optarg; break;
        case OPT_STYLE_DIR: job.write.style_dir = optarg; break;
        case OPT_CSS: str_list_push(&css, optarg); break;
        case OPT_VERTICAL: job.write.vertical = true; break;
        case OPT_FONT: job.write.font = optarg; break;
        case OPT_RESOURCE_PATH: /* "DIR:DIR", as pandoc takes it; the pieces point into argv */
            for (char *dir = optarg, *colon; dir; dir = colon ? colon + 1 : NULL) {
                colon = strchr(dir, ':');
                if (colon)
                    *colon = '\0';
                if (*dir)
                    str_list_push(&resources, dir);
            }
            break;
        case OPT_SKIP_BAD_IMAGES: job.read.skip_bad_images = true; break;
        case OPT_COLLECT: collect = true; break;
        case OPT_SKIP_BAD: skip_bad = packet_option = true; break;
        case OPT_TOC_DEPTH: /* for any collection: --collect's, or a DocBook book read back */
        case OPT_ARTICLE_BREAK:
            book_option = true;
            if (parse_packet_option(opt == OPT_TOC_DEPTH, optarg, &job.write) != 0) {
                status = FO_EXIT_USAGE;
                goto done;
            }
            break;
        default:
            fputs("folio: see 'folio --help'\n", stderr);
            status = FO_EXIT_USAGE;
            goto done;
        }
    }
    job.read.meta = meta.items;
    job.read.n_meta = meta.n;
    if (source_date_epoch(&job.source_date_epoch) != 0) {
        status = FO_EXIT_CONVERT;
        goto done;
    }
    errno = 0;
    if (check_style_options(&job.write) != 0) {
        status = FO_EXIT_USAGE;
        goto done;
    }
    job.write.css = css.items;
    job.write.n_css = css.n;
    job.read.resource_paths = resources.items;
    job.read.n_resource_paths = resources.n;
    for (int i = optind; i < argc; i++)
        str_list_push(&inputs, argv[i]);
    if (files_from && read_files_from(files_from, &inputs, &files_storage) != 0) {
        status = FO_EXIT_USAGE;
        goto done;
    }

    if ((packet_option || (book_option && !docbook_inputs(&job, &inputs))) && !collect) {
        fputs(packet_option ? "folio: error: --skip-bad goes with --collect\n"
                            : "folio: error: --toc-depth and --article-break go with --collect or a DocBook book\n",
              stderr);
        status = FO_EXIT_USAGE;
        goto done;
    }
    if (collect && outdir) {
        fputs("folio: error: --collect writes one document: give -o OUTPUT, not -d\n", stderr);
        status = FO_EXIT_USAGE;
        goto done;
    }
    fo_readset_init(&reads, &job, inputs.items, inputs.n);
    if (files_from)
        fo_readset_add(&reads, files_from);
    if (outdir) { /* batch */
        const fo_format *formats[16];
        size_t n_formats;
        if (output) {
            fputs("folio: error: -o and -d do not go together (-d writes DIR/NAME.EXT per input)\n", stderr);
            status = FO_EXIT_USAGE;
        } else if (!to) {
            fputs("folio: error: -d needs -t FORMAT[,FORMAT…]\n", stderr);
            status = FO_EXIT_USAGE;
        } else if (parse_formats(to, formats, 16, &n_formats) != 0) {
            status = FO_EXIT_USAGE;
        } else if (inputs.n == 0) {
            fputs("folio: error: no input files\n", stderr);
            status = FO_EXIT_USAGE;
        } else {
            status = fo_batch(&job, inputs.items, inputs.n, formats, n_formats, outdir, workers, &reads);
        }
        goto done;
    }

    if (inputs.n == 0 || (inputs.n > 1 && !collect)) {
        fprintf(stderr, "folio: error: %s\nfolio: see 'folio --help'\n",
                inputs.n == 0 ? "no input file"
                              : "more than one input file (use -d DIR for a batch, --collect for one document)");
        status = FO_EXIT_USAGE;
        goto done;
    }
    fo_target target = {NULL, output};
    if (to) {
        target.format = fo_format_by_name(to);
        if (!target.format) {
            fprintf(stderr, "folio: error: unknown output format '%s' "
                    "(formats: docbook, epub, pdf, html, native, layout)\n", to);
            status = FO_EXIT_USAGE;
            goto done;
        }
        const fo_format *by_ext = output && strcmp(output, "-") != 0 ? fo_format_by_path(output) : NULL;
        if (by_ext && by_ext != target.format)
            fprintf(stderr, "folio: warning: %s: -t %s writes %s, though the extension says %s\n", output, to,
                    target.format->name, by_ext->name);
    } else if (output && strcmp(output, "-") != 0) {
        target.format = fo_format_by_path(output);
        if (!target.format) {
            const char *slash = strrchr(output, '/');
            const char *dot = strrchr(slash ? slash : output, '.');
            fprintf(stderr, "folio: error: %s: unknown output format for extension '%s' "
                    "(use .xml/.dbk, .epub, .pdf, .html, .native, .layout, or -t FORMAT)\n",
                    output, dot ? dot : "(none)");
            status = FO_EXIT_USAGE;
            goto done;
        }
    } else {
        fputs("folio: error: writing to standard output needs -t FORMAT\n", stderr);
        status = FO_EXIT_USAGE;
        goto done;
    }
    const char *victim = collect ? NULL : fo_readset_find(&reads, output); /* fo_collect checks its own */
    if (victim) {
        fprintf(stderr, "folio: error: the output %s is %s, which this run reads: refusing to overwrite it\n",
                output, victim);
        status = FO_EXIT_USAGE;
        goto done;
    }
    if (collect) {
        status = fo_collect(&job, inputs.items, inputs.n, &target, skip_bad);
        goto done;
    }
    fo_diag d;
    fo_diag_init(&d, inputs.items[0], stderr);
    status = fo_convert(&job, inputs.items[0], &target, 1, &d);
done:
    fo_readset_free(&reads);
    for (size_t i = 0; i < meta.n; i++)
        free((char *)meta.items[i]);
    free(meta.items);
    free(css.items);
    free(resources.items);
    free(inputs.items);
    free(files_storage);
    return status;
}
