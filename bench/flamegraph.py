#!/usr/bin/env python3
"""Turns the jdk.ExecutionSample events of a JFR recording into collapsed stacks, an SVG flame graph, and a table
of the top frames by self time. Python 3 standard library only; reads the recording with the JDK's `jfr` tool.

    python3 bench/flamegraph.py recording.jfr --out target/bench/flamegraph [--title TEXT] [--top 20]

Writes <out>.collapsed (one "thread;frame;frame;... count" line per distinct stack, root first, as Brendan Gregg's
flamegraph.pl reads them) and <out>.svg, and prints markdown tables: the top frames by self time, self time by
library (Hibernate, the JDBC driver, Jackson, Drools, ...), and the io.claimpilot frames by total time. The SVG and the tables leave out Quarkus' generated proxies and invokers
(ClaimIntake_Subclass, ..._ClientProxy, ...): they only forward to the method next to them and double the depth. The
collapsed file keeps every frame.

jdk.ExecutionSample samples threads while they run Java code: time spent waiting (a lock, a socket, fsync in
PostgreSQL) does not appear here, only CPU.
"""
import argparse
import collections
import html
import re
import subprocess
import sys

FRAME_LINE = re.compile(r"^\s+(?P<frame>\S.*?)(?:\s+line:\s*-?\d+)?(?:\s+bci:\s*-?\d+)?\s*$")
THREAD_LINE = re.compile(r'^\s+sampledThread = "(?P<name>.*)" \(javaThreadId')
OWN_PACKAGE = "io.claimpilot."
# Quarkus' generated proxies, interceptor subclasses and invokers: the same time as the method they forward to.
GENERATED = re.compile(r"_Subclass|_ClientProxy|_ScheduledInvoker|_Observer_|_Bean\.|\$quarkusrestinvoker\$|\$\$")


# Libraries, by package prefix, for the "self time by library" table. A sample counts for the library of the
# innermost frame that belongs to one of these; JDK frames (collections, strings, reflection) count for their caller.
LIBRARIES = [
    ("Hibernate ORM", ("org.hibernate.",)),
    ("PostgreSQL JDBC driver", ("org.postgresql.",)),
    ("Jackson (JSON)", ("com.fasterxml.jackson.",)),
    ("Drools (rule evaluation)", ("org.drools.", "org.kie.", "org.mvel2.")),
    ("Narayana (transactions)", ("com.arjuna.", "io.quarkus.narayana.")),
    ("Agroal (connection pool)", ("io.agroal.",)),
    ("Vert.x, Netty (HTTP)", ("io.vertx.", "io.netty.")),
    ("RESTEasy Reactive", ("org.jboss.resteasy.reactive.", "io.quarkus.resteasy.reactive.")),
    ("ArC (CDI)", ("io.quarkus.arc.",)),
    ("ClaimPilot (io.claimpilot)", (OWN_PACKAGE,)),
    ("Quarkus and SmallRye, other", ("io.quarkus.", "io.smallrye.")),
    ("JFR (the recording itself)", ("jdk.jfr.",)),
]


def library_of(stack):
    for frame in reversed(stack[1:]):
        for name, prefixes in LIBRARIES:
            if frame.startswith(prefixes):
                return name
    return "JDK and others"


def thread_group(name):
    """executor-thread-12 and executor-thread-3 are one pool: digits at the end are dropped."""
    return re.sub(r"[-_ #]*\d+$", "", name) or name


def method_name(frame):
    """java.lang.String.hashCode() -> java.lang.String.hashCode: the parameter list makes names too long to read."""
    return frame.split("(", 1)[0]


def read_samples(recording, stack_depth):
    """Yields (thread group, [frames, leaf first]) for each jdk.ExecutionSample, streaming `jfr print`'s text."""
    command = ["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", str(stack_depth), recording]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, encoding="utf-8", errors="replace") as jfr:
        thread, frames, in_stack = "?", [], False
        for line in jfr.stdout:
            if line.startswith("jdk.ExecutionSample"):
                thread, frames, in_stack = "?", [], False
            elif in_stack:
                stripped = line.strip()
                if stripped == "]":
                    in_stack = False
                    yield thread, frames
                elif stripped == "...":
                    frames.append("[truncated]")
                else:
                    match = FRAME_LINE.match(line)
                    if match:
                        frames.append(method_name(match.group("frame")))
            elif line.strip() == "stackTrace = [":
                in_stack = True
            else:
                match = THREAD_LINE.match(line)
                if match:
                    thread = thread_group(match.group("name"))
        if jfr.wait() != 0:
            sys.exit("jfr print failed on " + recording)


class Node:
    __slots__ = ("name", "total", "children")

    def __init__(self, name):
        self.name = name
        self.total = 0
        self.children = {}

    def child(self, name):
        node = self.children.get(name)
        if node is None:
            node = self.children[name] = Node(name)
        return node


def color(name, depth):
    """Own code green, the JDK orange, everything else (Quarkus, Vert.x, Hibernate, Drools, the driver) red-yellow."""
    h = sum(ord(c) for c in name) % 60
    if name.startswith(OWN_PACKAGE):
        return "rgb(%d,%d,%d)" % (60 + h, 190 + h // 2, 90 + h)
    if name.startswith(("java.", "javax.", "jdk.", "sun.", "com.sun.")):
        return "rgb(%d,%d,%d)" % (235, 140 + h, 40 + h // 2)
    if depth == 0 or name.startswith("["):
        return "rgb(190,190,200)"
    return "rgb(%d,%d,%d)" % (220 + h // 2, 70 + 2 * h, 55 + h // 3)


def write_svg(root, path, title, width=1600, frame_height=16):
    depth_of = {}

    def max_depth(node, depth):
        deepest = depth
        for child in node.children.values():
            deepest = max(deepest, max_depth(child, depth + 1))
        return deepest

    levels = max_depth(root, 0) + 1
    top_margin, bottom_margin = 44, 24
    height = top_margin + levels * frame_height + bottom_margin
    per_sample = (width - 20) / max(root.total, 1)
    out = [
        '<?xml version="1.0" standalone="no"?>',
        '<svg version="1.1" width="%d" height="%d" viewBox="0 0 %d %d" xmlns="http://www.w3.org/2000/svg" '
        'font-family="Verdana, sans-serif" font-size="11">' % (width, height, width, height),
        '<rect x="0" y="0" width="100%%" height="100%%" fill="rgb(250,250,245)"/>',
        '<text x="%d" y="20" text-anchor="middle" font-size="15">%s</text>' % (width // 2, html.escape(title)),
        '<text x="10" y="36" fill="rgb(90,90,90)">%d samples of jdk.ExecutionSample (CPU only). Hover a frame for its '
        'name and share. Green: io.claimpilot; orange: the JDK; red/yellow: libraries; grey: thread pools.</text>'
        % root.total,
    ]

    def draw(node, depth, x):
        w = node.total * per_sample
        if w < 0.3:
            return
        y = height - bottom_margin - (depth + 1) * frame_height
        share = 100.0 * node.total / max(root.total, 1)
        label = "%s (%d samples, %.2f%%)" % (node.name, node.total, share)
        out.append('<g><title>%s</title><rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s" rx="2" ry="2"/>'
                   % (html.escape(label), x, y, w, frame_height - 1, color(node.name, depth)))
        fits = int((w - 6) / 6.5)
        if fits >= 3:
            text = node.name if len(node.name) <= fits else node.name[: fits - 2] + ".."
            out.append('<text x="%.2f" y="%d">%s</text>' % (x + 3, y + frame_height - 4, html.escape(text)))
        out.append("</g>")
        child_x = x
        for name in sorted(node.children):
            child = node.children[name]
            draw(child, depth + 1, child_x)
            child_x += child.total * per_sample

    draw(root, 0, 10)
    out.append("</svg>")
    with open(path, "w", encoding="utf-8") as svg:
        svg.write("\n".join(out) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("recording")
    parser.add_argument("--out", required=True, help="path without extension for .collapsed and .svg")
    parser.add_argument("--title", default="Flame graph")
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--stack-depth", type=int, default=256)
    args = parser.parse_args()

    stacks = collections.Counter()
    for thread, frames in read_samples(args.recording, args.stack_depth):
        if frames:
            stacks[(thread,) + tuple(reversed(frames))] += 1
    total = sum(stacks.values())
    if total == 0:
        sys.exit("No jdk.ExecutionSample in " + args.recording)

    with open(args.out + ".collapsed", "w", encoding="utf-8") as collapsed:
        for stack, count in sorted(stacks.items()):
            collapsed.write(";".join(f.replace(";", ":") for f in stack) + " %d\n" % count)

    root = Node("all")
    self_time = collections.Counter()
    drawn_stacks = collections.Counter()
    for stack, count in stacks.items():
        drawn_stacks[tuple(f for f in stack if not GENERATED.search(f)) or stack] += count
    total_time = collections.Counter()
    truncated = 0
    for stack, count in drawn_stacks.items():
        root.total += count
        node = root
        for frame in stack:
            node = node.child(frame)
            node.total += count
        self_time[stack[-1]] += count
        for frame in set(stack[1:]):   # a recursive method counts once per sample
            if frame.startswith(OWN_PACKAGE) and not GENERATED.search(frame):
                total_time[frame] += count
        if "[truncated]" in stack:
            truncated += count
    write_svg(root, args.out + ".svg", args.title)

    print("%d samples; %s.svg; %s.collapsed%s" % (total, args.out, args.out,
          "; %d stacks deeper than %d frames were cut" % (truncated, args.stack_depth) if truncated else ""))
    print()
    print("Top %d frames by self time (the method running when sampled):" % args.top)
    print()
    print("| # | Frame | Samples | Share |")
    print("| ---: | --- | ---: | ---: |")
    for rank, (frame, count) in enumerate(self_time.most_common(args.top), 1):
        print("| %d | `%s` | %d | %.1f %% |" % (rank, frame, count, 100.0 * count / total))
    print()
    threads = collections.Counter()
    for stack, count in stacks.items():
        threads[stack[0]] += count
    print("Samples by thread pool: " + ", ".join("%s %.0f %%" % (name, 100.0 * count / total)
                                                 for name, count in threads.most_common(8)))
    print()
    by_library = collections.Counter()
    for stack, count in stacks.items():
        by_library[library_of(stack)] += count
    print("Self time by library (a JDK frame counts for the library that called it):")
    print()
    print("| Library | Samples | Share |")
    print("| --- | ---: | ---: |")
    for name, count in by_library.most_common():
        print("| %s | %d | %.1f %% |" % (name, count, 100.0 * count / total))
    print()
    print("io.claimpilot frames by total time (the method or what it called was running):")
    print()
    print("| # | Frame | Samples | Share |")
    print("| ---: | --- | ---: | ---: |")
    for rank, (frame, count) in enumerate(total_time.most_common(15), 1):
        print("| %d | `%s` | %d | %.1f %% |" % (rank, frame, count, 100.0 * count / total))


if __name__ == "__main__":
    main()
