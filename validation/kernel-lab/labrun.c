/*
 * labrun: executes a kernel-lab step file inside the guest, one step per line.
 *
 *   labrun STEPFILE            run the steps (exit 0 ok, 1 a step could not run, 2 bad step file)
 *   labrun --check STEPFILE    only parse and validate the file (usable on the host)
 *   labrun --snapshot NAME     dump /proc/{buddyinfo,pagetypeinfo,vmstat,zoneinfo,meminfo}
 *
 * Output protocol (stdout, line buffered; the guest's /init sends it to ttyS0):
 *   @@lab step N <resolved step line>
 *   @@lab event ...
 *   @@lab begin NAME FILE / <file lines> / @@lab end
 *
 * The step language is documented in README.md; keep both in sync.
 * Build: gcc -static -O2 -Wall -o labrun labrun.c
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define PG 4096L
#define HPAGE (2L * 1024 * 1024)
#define MAXTOK 8
#define PIPE_MAX_PAGES 256L           /* pages per pipe: 1 MiB, the default fs.pipe-max-size */
#define SOCK_MAX_BYTES (4L << 20)     /* skb data per socketpair */
#define CACHE_BUF (64 * 1024)         /* read() buffer for cache steps */

static const char *data_file = "/data/data";

/* ---------------------------------------------------------------- steps */

enum op { OP_ANON, OP_THP, OP_PIPE, OP_SOCKET, OP_CACHE, OP_FREE, OP_HUGEPAGES,
          OP_COMPACT, OP_SNAPSHOT, OP_DROP_CACHES };

struct step {
    int line;
    enum op op;
    /* amount: either absolute (pct < 0) or a percentage of MemTotal */
    long amount;
    double pct;
    char tag[64];          /* TAG or snapshot NAME */
    long every;            /* free: 0 = all, else K */
    long kb;               /* hugepages page size in KiB */
    int keep;              /* hugepages ... keep */
};

static struct step *steps;
static int nsteps, capsteps;

static const char *fname;
static int bad_line;

static void die_file(int line, const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "labrun: %s:%d: ", fname, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

static int valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 63)
        return 0;
    for (const char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
            return 0;
    return 1;
}

/* parses a non-negative integer; 1 on success */
static int parse_long(const char *s, long *out)
{
    char *end;
    if (!isdigit((unsigned char)*s))
        return 0;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < 0 || v > (1L << 40))
        return 0;
    *out = v;
    return 1;
}

/* PAGES or COUNT: an integer or a percentage of MemTotal such as 60% or 12.5% */
static void parse_amount(int line, const char *what, const char *s, struct step *st)
{
    size_t n = strlen(s);
    if (n > 1 && s[n - 1] == '%') {
        char buf[32], *end;
        if (n - 1 >= sizeof buf || !isdigit((unsigned char)s[0]))
            die_file(line, "%s '%s' is not a number or a percentage", what, s);
        memcpy(buf, s, n - 1);
        buf[n - 1] = 0;
        errno = 0;
        double p = strtod(buf, &end);
        if (errno || *end || p <= 0 || p > 100)
            die_file(line, "%s '%s': a percentage must be in (0, 100]", what, s);
        st->pct = p;
        st->amount = 0;
        return;
    }
    if (!parse_long(s, &st->amount))
        die_file(line, "%s '%s' is not a number or a percentage of MemTotal (like 60%%)", what, s);
    st->pct = -1;
}

/* tags allocated so far, for the parse-time check of free steps */
static char (*known)[64];
static int nknown;

static int is_known(const char *t)
{
    for (int i = 0; i < nknown; i++)
        if (!strcmp(known[i], t))
            return 1;
    return 0;
}

static void parse_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char buf[4096];
    int line = 0;
    char snapnames[256][64];
    int nsnap = 0;

    fname = path;
    if (!f) {
        fprintf(stderr, "labrun: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    known = calloc(4096, sizeof *known);
    while (fgets(buf, sizeof buf, f)) {
        line++;
        bad_line = line;
        size_t len = strlen(buf);
        if (len == sizeof buf - 1 && buf[len - 1] != '\n')
            die_file(line, "line too long");
        char *hash = strchr(buf, '#');
        if (hash)
            *hash = 0;
        char *tok[MAXTOK + 1];
        int nt = 0;
        for (char *p = strtok(buf, " \t\r\n"); p; p = strtok(NULL, " \t\r\n")) {
            if (nt == MAXTOK)
                die_file(line, "too many words");
            tok[nt++] = p;
        }
        if (nt == 0)
            continue;
        struct step st;
        memset(&st, 0, sizeof st);
        st.line = line;
        st.pct = -1;
        const char *w = tok[0];
        if (!strcmp(w, "anon") || !strcmp(w, "thp") || !strcmp(w, "pipe") ||
            !strcmp(w, "socket") || !strcmp(w, "cache")) {
            st.op = !strcmp(w, "anon") ? OP_ANON : !strcmp(w, "thp") ? OP_THP :
                    !strcmp(w, "pipe") ? OP_PIPE : !strcmp(w, "socket") ? OP_SOCKET : OP_CACHE;
            if (nt != 3)
                die_file(line, "'%s' wants: %s PAGES TAG", w, w);
            parse_amount(line, "PAGES", tok[1], &st);
            if (st.pct < 0 && st.amount == 0)
                die_file(line, "PAGES must be positive");
            if (st.op == OP_THP && st.pct < 0 && st.amount % 512)
                die_file(line, "thp PAGES must be a multiple of 512 (one 2 MiB page), got %ld", st.amount);
            if (!valid_name(tok[2]))
                die_file(line, "bad TAG '%s' (letters, digits, _ - . ; at most 63)", tok[2]);
            strcpy(st.tag, tok[2]);
            if (!is_known(st.tag)) {
                if (nknown == 4096)
                    die_file(line, "too many tags");
                strcpy(known[nknown++], st.tag);
            }
        } else if (!strcmp(w, "free")) {
            st.op = OP_FREE;
            if (nt == 3 && !strcmp(tok[2], "all"))
                st.every = 0;
            else if (nt == 4 && !strcmp(tok[2], "every")) {
                if (!parse_long(tok[3], &st.every) || st.every < 1)
                    die_file(line, "free TAG every K: K must be an integer >= 1, got '%s'", tok[3]);
            } else
                die_file(line, "'free' wants: free TAG all | free TAG every K");
            if (!valid_name(tok[1]))
                die_file(line, "bad TAG '%s'", tok[1]);
            strcpy(st.tag, tok[1]);
            if (!is_known(st.tag))
                die_file(line, "free of tag '%s' that no earlier step allocates", st.tag);
        } else if (!strcmp(w, "hugepages")) {
            st.op = OP_HUGEPAGES;
            if (nt < 3 || nt > 4 || (nt == 4 && strcmp(tok[3], "keep")))
                die_file(line, "'hugepages' wants: hugepages KB COUNT [keep]");
            if (!parse_long(tok[1], &st.kb) || st.kb < 4 || (st.kb & (st.kb - 1)))
                die_file(line, "hugepages KB must be a power of two in KiB (2048, 1048576), got '%s'", tok[1]);
            parse_amount(line, "COUNT", tok[2], &st);
            st.keep = nt == 4;
        } else if (!strcmp(w, "compact") || !strcmp(w, "drop-caches")) {
            st.op = !strcmp(w, "compact") ? OP_COMPACT : OP_DROP_CACHES;
            if (nt != 1)
                die_file(line, "'%s' takes no arguments", w);
        } else if (!strcmp(w, "snapshot")) {
            st.op = OP_SNAPSHOT;
            if (nt != 2)
                die_file(line, "'snapshot' wants: snapshot NAME");
            if (!valid_name(tok[1]))
                die_file(line, "bad snapshot NAME '%s' (letters, digits, _ - . ; at most 63)", tok[1]);
            if (!strcmp(tok[1], "boot") || !strcmp(tok[1], "end"))
                die_file(line, "snapshot names 'boot' and 'end' are taken by /init");
            for (int i = 0; i < nsnap; i++)
                if (!strcmp(snapnames[i], tok[1]))
                    die_file(line, "snapshot '%s' already taken earlier in the file", tok[1]);
            if (nsnap == 256)
                die_file(line, "too many snapshots");
            strcpy(snapnames[nsnap++], tok[1]);
            strcpy(st.tag, tok[1]);
        } else {
            die_file(line, "unknown step '%s' (anon thp pipe socket cache free hugepages compact snapshot drop-caches)", w);
        }
        if (nsteps == capsteps) {
            capsteps = capsteps ? capsteps * 2 : 64;
            steps = realloc(steps, capsteps * sizeof *steps);
        }
        steps[nsteps++] = st;
    }
    if (ferror(f)) {
        fprintf(stderr, "labrun: %s: read error\n", path);
        exit(2);
    }
    fclose(f);
}

/* ---------------------------------------------------------------- helpers */

static int step_no;
static int runtime_errors;

static void event(const char *fmt, ...)
{
    va_list ap;
    fputs("@@lab event ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    fflush(stdout);
}

static void error_event(const char *fmt, ...)
{
    va_list ap;
    char msg[512];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    event("error step %d %s", step_no, msg);
    runtime_errors++;
}

static int write_str(const char *path, const char *s)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, s, strlen(s));
    int e = errno;
    close(fd);
    errno = e;
    return n == (ssize_t)strlen(s) ? 0 : -1;
}

static int write_long(const char *path, long v)
{
    char b[32];
    snprintf(b, sizeof b, "%ld\n", v);
    return write_str(path, b);
}

static int read_long(const char *path, long *v)
{
    char b[64];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, b, sizeof b - 1);
    close(fd);
    if (n <= 0)
        return -1;
    b[n] = 0;
    *v = strtol(b, NULL, 10);
    return 0;
}

static long memtotal_kb(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char l[256];
    long kb = 0;
    if (!f)
        return 0;
    while (fgets(l, sizeof l, f))
        if (sscanf(l, "MemTotal: %ld kB", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

static void dump_file(const char *snap, const char *name, const char *path)
{
    static char buf[1 << 16];
    int fd = open(path, O_RDONLY);
    int last = '\n';
    printf("@@lab begin %s %s\n", snap, name);
    fflush(stdout);
    if (fd >= 0) {
        ssize_t n;
        while ((n = read(fd, buf, sizeof buf)) > 0) {
            fwrite(buf, 1, n, stdout);
            last = buf[n - 1];
        }
        close(fd);
    } else {
        printf("# cannot open %s: %s\n", path, strerror(errno));
    }
    if (last != '\n')
        fputc('\n', stdout);
    printf("@@lab end\n");
    fflush(stdout);
}

static void snapshot(const char *name)
{
    static const char *files[] = { "buddyinfo", "pagetypeinfo", "vmstat", "zoneinfo", "meminfo" };
    char path[64];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "/proc/%s", files[i]);
        dump_file(name, files[i], path);
    }
}

/* ---------------------------------------------------------------- objects */

enum kind { K_MAP, K_PIPE, K_SOCK, K_CACHE };

struct obj {
    char tag[64];
    enum kind kind;
    int alive;
    char *resv;            /* K_MAP: whole reservation (with guards) */
    size_t resvlen;
    char *base;            /* K_MAP: the touched range */
    long pages;            /* K_MAP/K_CACHE: pages; K_PIPE/K_SOCK: pages held */
    long first;            /* K_CACHE: first page in the data file */
    int fd[2];
};

static struct obj *objs;
static int nobjs, capobjs;

static struct obj *new_obj(const char *tag, enum kind k)
{
    if (nobjs == capobjs) {
        capobjs = capobjs ? capobjs * 2 : 256;
        objs = realloc(objs, capobjs * sizeof *objs);
        if (!objs) {
            perror("labrun: realloc");
            exit(1);
        }
    }
    struct obj *o = &objs[nobjs++];
    memset(o, 0, sizeof *o);
    strcpy(o->tag, tag);
    o->kind = k;
    o->alive = 1;
    o->fd[0] = o->fd[1] = -1;
    return o;
}

static void raise_nofile(void)
{
    long nr_open = 1048576;
    struct rlimit rl;
    read_long("/proc/sys/fs/nr_open", &nr_open);
    rl.rlim_cur = rl.rlim_max = nr_open;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
        getrlimit(RLIMIT_NOFILE, &rl);
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

/* ---------------------------------------------------------------- steps at run time */

static void do_map(const struct step *st, long pages, int thp)
{
    size_t len = (size_t)pages * PG;
    /* reservation with PROT_NONE guards on both sides, so the touched range is one VMA of its own
       (it cannot merge with a neighbour) and, for thp, starts on a 2 MiB boundary */
    size_t resvlen = len + 2 * HPAGE;
    char *resv = mmap(NULL, resvlen, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (resv == MAP_FAILED) {
        event("alloc %s asked %ld got 0 mmap %s", st->tag, pages, strerror(errno));
        return;
    }
    char *base = (char *)(((unsigned long)resv + PG + HPAGE - 1) & ~(HPAGE - 1));
    if (mprotect(base, len, PROT_READ | PROT_WRITE) != 0) {
        event("alloc %s asked %ld got 0 mprotect %s", st->tag, pages, strerror(errno));
        munmap(resv, resvlen);
        return;
    }
    if (madvise(base, len, thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE) != 0)
        error_event("madvise %s: %s", thp ? "MADV_HUGEPAGE" : "MADV_NOHUGEPAGE", strerror(errno));
    for (long i = 0; i < pages; i++)
        ((volatile char *)base)[i * PG] = 1;
    struct obj *o = new_obj(st->tag, K_MAP);
    o->resv = resv;
    o->resvlen = resvlen;
    o->base = base;
    o->pages = pages;
    if (thp) {
        /* AnonHugePages of the VMA(s) inside [base, base+len) */
        FILE *f = fopen("/proc/self/smaps", "r");
        char l[512];
        long kb = 0;
        int in = 0;
        if (!f) {
            error_event("cannot read /proc/self/smaps: %s", strerror(errno));
            return;
        }
        while (fgets(l, sizeof l, f)) {
            unsigned long a, b;
            long v;
            if (sscanf(l, "%lx-%lx ", &a, &b) == 2 && strchr(l, '-') < strchr(l, ' '))
                in = a >= (unsigned long)base && b <= (unsigned long)base + len;
            else if (in && sscanf(l, "AnonHugePages: %ld kB", &v) == 1)
                kb += v;
        }
        fclose(f);
        event("thp %s asked %ld got %ld", st->tag, pages / 512, kb / 2048);
    }
}

static void do_pipe(const struct step *st, long pages)
{
    long maxsz = 0, got = 0;
    if (read_long("/proc/sys/fs/pipe-max-size", &maxsz) == 0 && maxsz < PIPE_MAX_PAGES * PG)
        write_long("/proc/sys/fs/pipe-max-size", PIPE_MAX_PAGES * PG);
    static char page[PG];
    memset(page, 'p', sizeof page);
    const char *why = "";
    while (got < pages) {
        long want = pages - got < PIPE_MAX_PAGES ? pages - got : PIPE_MAX_PAGES;
        int fd[2];
        if (pipe2(fd, O_NONBLOCK) != 0) {
            why = strerror(errno);
            break;
        }
        /* rounds up to a power of two of slots; on failure the default 16 pages stay */
        long cap = fcntl(fd[1], F_SETPIPE_SZ, (int)(want * PG));
        if (cap < 0)
            cap = fcntl(fd[1], F_GETPIPE_SZ);
        if (cap / PG < want)
            want = cap / PG;
        long n = 0;
        while (n < want) {
            ssize_t w = write(fd[1], page, PG);
            if (w != PG) {
                why = w < 0 ? strerror(errno) : "short write";
                break;
            }
            n++;
        }
        struct obj *o = new_obj(st->tag, K_PIPE);
        o->fd[0] = fd[0];
        o->fd[1] = fd[1];
        o->pages = n;
        got += n;
        if (n < want || n == 0)
            break;
    }
    if (got < pages)
        event("alloc %s asked %ld got %ld pipe %s", st->tag, pages, got, why);
}

static void do_socket(const struct step *st, long pages)
{
    long want_total = pages * PG, got = 0;
    static char buf[64 * 1024];
    memset(buf, 's', sizeof buf);
    const char *why = "";
    while (got < want_total) {
        long want = want_total - got < SOCK_MAX_BYTES ? want_total - got : SOCK_MAX_BYTES;
        int sv[2];
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) != 0) {
            why = strerror(errno);
            break;
        }
        int sz = (int)want + (1 << 20);   /* room for skb overhead; the kernel doubles it */
        if (setsockopt(sv[0], SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof sz) != 0) {
            /* not privileged: raise net.core.wmem_max and use the ordinary option */
            write_long("/proc/sys/net/core/wmem_max", sz);
            write_long("/proc/sys/net/core/rmem_max", sz);
            setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
        }
        if (setsockopt(sv[1], SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof sz) != 0)
            setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
        long n = 0;
        while (n < want) {
            long chunk = want - n < (long)sizeof buf ? want - n : (long)sizeof buf;
            ssize_t w = write(sv[0], buf, chunk);
            if (w <= 0) {
                why = w < 0 ? strerror(errno) : "zero write";
                break;
            }
            n += w;
        }
        struct obj *o = new_obj(st->tag, K_SOCK);
        o->fd[0] = sv[0];
        o->fd[1] = sv[1];
        o->pages = n / PG;
        got += n;
        if (n < want)
            break;
    }
    if (got / PG < pages)
        event("alloc %s asked %ld got %ld socket %s", st->tag, pages, got / PG, why);
}

static int cache_fd = -1;
static long cache_pos;   /* in pages: consecutive cache steps continue here */

static void do_cache(const struct step *st, long pages)
{
    static char buf[CACHE_BUF];
    if (cache_fd < 0) {
        cache_fd = open(data_file, O_RDONLY);
        if (cache_fd < 0) {
            error_event("cannot open %s: %s", data_file, strerror(errno));
            return;
        }
    }
    long first = cache_pos, done = 0;
    off_t off = (off_t)first * PG;
    const char *why = "";
    while (done < pages) {
        long left = (pages - done) * PG;
        ssize_t r = pread(cache_fd, buf, left < CACHE_BUF ? left : CACHE_BUF, off);
        if (r <= 0) {
            why = r < 0 ? strerror(errno) : "end of data file";
            break;
        }
        off += r;
        done = (off - (off_t)first * PG) / PG;
    }
    cache_pos = first + done;
    struct obj *o = new_obj(st->tag, K_CACHE);
    o->first = first;
    o->pages = done;
    if (done < pages)
        event("alloc %s asked %ld got %ld cache %s", st->tag, pages, done, why);
}

static void close_obj(struct obj *o)
{
    if (o->fd[0] >= 0)
        close(o->fd[0]);
    if (o->fd[1] >= 0)
        close(o->fd[1]);
    o->fd[0] = o->fd[1] = -1;
    o->alive = 0;
}

static void do_free(const struct step *st)
{
    long k = st->every, idx_pipe = 0, idx_sock = 0;
    long asked = 0, done = 0;
    int err = 0;
    for (int i = 0; i < nobjs; i++) {
        struct obj *o = &objs[i];
        if (strcmp(o->tag, st->tag))
            continue;
        long *idx = o->kind == K_PIPE ? &idx_pipe : o->kind == K_SOCK ? &idx_sock : NULL;
        if (idx)
            ++*idx;
        if (!o->alive)
            continue;
        switch (o->kind) {
        case K_MAP:
            if (k == 0) {
                munmap(o->resv, o->resvlen);
                o->alive = 0;
            } else {
                /* pages K-1, 2K-1, ... of the mapping, in virtual order. MADV_DONTNEED gives the
                   page back to the buddy allocator like munmap would, without splitting the VMA
                   (munmap of every 2nd page of 60% of RAM would need ~10^5 VMAs: vm.max_map_count
                   and tens of MB of unmovable vm_area_structs that would distort the experiment) */
                for (long p = k - 1; p < o->pages; p += k) {
                    asked++;
                    if (madvise(o->base + p * PG, PG, MADV_DONTNEED) == 0)
                        done++;
                    else if (!err)
                        err = errno;
                }
            }
            break;
        case K_PIPE:
        case K_SOCK:
            if (k == 0 || *idx % k == 0)
                close_obj(o);
            break;
        case K_CACHE:
            if (k == 0) {
                posix_fadvise(cache_fd, (off_t)o->first * PG, (off_t)o->pages * PG, POSIX_FADV_DONTNEED);
                o->alive = 0;
            } else {
                for (long p = k - 1; p < o->pages; p += k)
                    posix_fadvise(cache_fd, (off_t)(o->first + p) * PG, PG, POSIX_FADV_DONTNEED);
            }
            break;
        }
    }
    if (done < asked)
        event("free %s every %ld asked %ld done %ld %s", st->tag, k, asked, done, strerror(err));
}

static void do_hugepages(const struct step *st, long count)
{
    char path[128];
    long got = -1;
    snprintf(path, sizeof path, "/sys/kernel/mm/hugepages/hugepages-%ldkB/nr_hugepages", st->kb);
    if (access(path, F_OK) != 0) {
        error_event("no %ld kB huge pages on this kernel/CPU (%s)", st->kb, path);
        return;
    }
    if (write_long(path, count) != 0)
        error_event("write %ld to %s: %s", count, path, strerror(errno));
    if (read_long(path, &got) != 0) {
        error_event("cannot read %s: %s", path, strerror(errno));
        return;
    }
    event("hugepages %ld asked %ld got %ld", st->kb, count, got);
    if (!st->keep && write_long(path, 0) != 0)
        error_event("cannot release %s: %s", path, strerror(errno));
}

/* resolves a percentage of MemTotal */
static long resolve(const struct step *st, long mt_kb)
{
    if (st->pct < 0)
        return st->amount;
    double kb = mt_kb * st->pct / 100.0;
    if (st->op == OP_HUGEPAGES)
        return (long)(kb / st->kb);
    long pages = (long)(kb / 4);
    if (st->op == OP_THP)
        pages -= pages % 512;
    return pages;
}

static const char *opname(enum op op)
{
    static const char *n[] = { "anon", "thp", "pipe", "socket", "cache", "free", "hugepages",
                               "compact", "snapshot", "drop-caches" };
    return n[op];
}

static void run(void)
{
    long mt = memtotal_kb();
    if (mt <= 0) {
        fprintf(stderr, "labrun: cannot read MemTotal from /proc/meminfo\n");
        exit(1);
    }
    raise_nofile();
    for (int i = 0; i < nsteps; i++) {
        const struct step *st = &steps[i];
        long amount = resolve(st, mt);
        step_no = i + 1;
        switch (st->op) {
        case OP_ANON: case OP_THP: case OP_PIPE: case OP_SOCKET: case OP_CACHE:
            printf("@@lab step %d %s %ld %s\n", step_no, opname(st->op), amount, st->tag);
            break;
        case OP_FREE:
            if (st->every)
                printf("@@lab step %d free %s every %ld\n", step_no, st->tag, st->every);
            else
                printf("@@lab step %d free %s all\n", step_no, st->tag);
            break;
        case OP_HUGEPAGES:
            printf("@@lab step %d hugepages %ld %ld%s\n", step_no, st->kb, amount, st->keep ? " keep" : "");
            break;
        case OP_SNAPSHOT:
            printf("@@lab step %d snapshot %s\n", step_no, st->tag);
            break;
        default:
            printf("@@lab step %d %s\n", step_no, opname(st->op));
        }
        fflush(stdout);
        if (amount <= 0 && st->op <= OP_CACHE) {
            error_event("%s resolves to %ld pages", st->op == OP_THP ? "thp PAGES" : "PAGES", amount);
            continue;
        }
        switch (st->op) {
        case OP_ANON: do_map(st, amount, 0); break;
        case OP_THP: do_map(st, amount, 1); break;
        case OP_PIPE: do_pipe(st, amount); break;
        case OP_SOCKET: do_socket(st, amount); break;
        case OP_CACHE: do_cache(st, amount); break;
        case OP_FREE: do_free(st); break;
        case OP_HUGEPAGES: do_hugepages(st, amount); break;
        case OP_COMPACT:
            if (write_str("/proc/sys/vm/compact_memory", "1\n") != 0)
                error_event("compact_memory: %s", strerror(errno));
            break;
        case OP_DROP_CACHES:
            sync();
            if (write_str("/proc/sys/vm/drop_caches", "3\n") != 0)
                error_event("drop_caches: %s", strerror(errno));
            break;
        case OP_SNAPSHOT: snapshot(st->tag); break;
        }
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: labrun STEPFILE | labrun --check STEPFILE | labrun --snapshot NAME\n");
    exit(2);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (getenv("LABRUN_DATA_FILE"))
        data_file = getenv("LABRUN_DATA_FILE");
    if (argc == 3 && !strcmp(argv[1], "--snapshot")) {
        snapshot(argv[2]);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "--check")) {
        parse_file(argv[2]);
        return 0;
    }
    if (argc != 2 || argv[1][0] == '-')
        usage();
    parse_file(argv[1]);
    run();
    return runtime_errors ? 1 : 0;
}
