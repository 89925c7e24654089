#!/usr/bin/env python3
"""Layering check: no cycle of calls between the object files of the
engine and the UI (read with nm: each undefined symbol to the object that
defines it) and no cycle of includes among the headers. Prints each cycle
found; exit status 1 when there is one.  usage: cycles.py BUILD_DIR"""
import collections, glob, os, re, subprocess, sys


def strongly_connected(nodes, edges):
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in index:
            visit(v)
    return out


def object_edges(build):
    objs = [o for o in sorted(glob.glob(build + '/src/*/*.o') + glob.glob(build + '/ui/*.o'))
            if os.path.exists(o[len(build) + 1:-2] + '.c')]  # stale objects left out
    defs, undef = {}, collections.defaultdict(set)
    for o in objs:
        for line in subprocess.run(['nm', o], capture_output=True, text=True).stdout.splitlines():
            f = line.split()
            if len(f) == 3 and f[1] in 'TDBR':
                defs[f[2]] = o
            elif len(f) == 2 and f[0] == 'U':
                undef[o].add(f[1])
    edges = collections.defaultdict(set)
    for o, syms in undef.items():
        for s in syms:
            if s in defs and defs[s] != o:
                edges[o].add(defs[s])
    return objs, edges


def header_edges():
    heads = sorted(glob.glob('src/*/*.h') + glob.glob('ui/*.h'))
    by_name = {os.path.basename(h): h for h in heads}
    edges = collections.defaultdict(set)
    for h in heads:
        for inc in re.findall(r'#include "([^"]+)"', open(h).read()):
            if inc in by_name:
                edges[h].add(by_name[inc])
    return heads, edges


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else 'build'
    found = 0
    for what, (nodes, edges) in (('calls', object_edges(build)), ('includes', header_edges())):
        for comp in strongly_connected(nodes, edges):
            found += 1
            print('%s cycle: %s' % (what, ' '.join(comp)))
        print('%s: %d files, %d cycles' % (what, len(nodes), found))
    return 1 if found else 0


sys.exit(main())
