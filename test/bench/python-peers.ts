/**
 * The peers our users would otherwise pick (pandas, multiprocessing, Dask), run as Python
 * scripts when python3 has them (Debian: python3-pandas python3-distributed). Each script times
 * its own work and prints one JSON line; a missing module means the row is left out.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

/** Interpreters tried, in order: SPATE_BENCH_PYTHON, Debian's python3 (where apt installs pandas and Dask), then PATH's. */
const INTERPRETERS = [process.env.SPATE_BENCH_PYTHON, "/usr/bin/python3", "python3"].filter((p): p is string => !!p);

/** The first interpreter that imports every module, or null. */
export function pythonWith(modules: string[]): string | null {
  for (const python of INTERPRETERS) {
    const r = spawnSync(python, ["-c", `import ${modules.join(", ")}`], { stdio: "ignore", timeout: 30_000 });
    if (r.status === 0) return python;
  }
  return null;
}

/** Runs a script that prints {"seconds": s, ...}; returns the parsed line, or null on failure. */
export function runPython(python: string, dir: string, name: string, source: string, args: string[], timeoutMs = 600_000): Record<string, number> | null {
  const file = path.join(dir, `${name}.py`);
  writeFileSync(file, source);
  const r = spawnSync(python, [file, ...args], { encoding: "utf8", timeout: timeoutMs, env: { ...process.env } });
  if (r.status !== 0) {
    process.stderr.write(`python peer ${name} failed: ${r.stderr?.slice(-500)}\n`);
    return null;
  }
  const line = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as Record<string, number>;
  } catch {
    return null;
  }
}

export const W1_PANDAS = `
import glob, json, os, sys, time
import pandas as pd
from multiprocessing import Pool

def processing_file(f):
    df = pd.read_csv(f, sep=";")
    return (os.path.basename(f), df["c1"].mean())

if __name__ == "__main__":
    files = sorted(glob.glob(os.path.join(sys.argv[1], "data_*.csv")))
    mode = sys.argv[2]
    t = time.time()
    if mode == "serial":
        out = [processing_file(f) for f in files]
    elif mode == "pool":
        with Pool(2) as p:
            out = p.map(processing_file, files)
    else:
        from dask.distributed import Client, LocalCluster
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        out = client.gather(client.map(processing_file, files))
        client.close(); cluster.close()
    print(json.dumps({"seconds": time.time() - t, "files": len(out)}))
`;

export const W2_TASKS = `
import json, sys, time
from multiprocessing import Pool

def ident(x):
    return x

if __name__ == "__main__":
    n = int(sys.argv[1]); mode = sys.argv[2]
    if mode == "pool":
        with Pool(2) as p:
            p.map(ident, range(10))
            t = time.time(); out = p.map(ident, range(n), chunksize=1); s = time.time() - t
    else:
        from dask.distributed import Client, LocalCluster
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        t = time.time(); out = client.gather(client.map(ident, range(n), pure=False)); s = time.time() - t
        client.close(); cluster.close()
    print(json.dumps({"seconds": s, "tasks": len(out)}))
`;

export const W3_SHUFFLE = `
import json, sys, time
from collections import Counter
from multiprocessing import Pool

N = int(sys.argv[1]); KEYS = int(sys.argv[2])

def part(bounds):
    lo, hi = bounds
    c = Counter()
    for i in range(lo, hi):
        c["k%d" % (i % KEYS)] += 1
    return c

if __name__ == "__main__":
    mode = sys.argv[3]
    t = time.time()
    if mode == "pool":
        chunks = [(i * N // 8, (i + 1) * N // 8) for i in range(8)]
        with Pool(2) as p:
            total = Counter()
            for c in p.map(part, chunks):
                total.update(c)
        keys = len(total)
    elif mode == "bag":
        import dask.bag as db
        from dask.distributed import Client, LocalCluster
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        t = time.time()
        b = db.range(N, npartitions=8).map(lambda i: ("k%d" % (i % KEYS), 1))
        keys = len(b.foldby(lambda kv: kv[0], lambda acc, kv: acc + kv[1], 0, lambda a, b: a + b, 0).compute())
        client.close(); cluster.close()
    else:
        import dask.dataframe as dd, pandas as pd, numpy as np
        from dask.distributed import Client, LocalCluster
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        t = time.time()
        def make(i):
            idx = np.arange(i * N // 8, (i + 1) * N // 8)
            return pd.DataFrame({"k": np.char.add("k", (idx % KEYS).astype(str)), "v": np.ones(len(idx), dtype=np.int64)})
        df = dd.from_delayed([__import__("dask").delayed(make)(i) for i in range(8)])
        keys = len(df.groupby("k").v.sum().compute())
        client.close(); cluster.close()
    print(json.dumps({"seconds": time.time() - t, "keys": keys}))
`;

export const W5_DASK = `
import json, time
from dask.distributed import Client, LocalCluster
if __name__ == "__main__":
    t = time.time()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    client.submit(lambda x: x + 1, 1).result()
    client.close(); cluster.close()
    print(json.dumps({"seconds": time.time() - t}))
`;
