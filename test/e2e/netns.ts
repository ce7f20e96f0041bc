/**
 * Test hosts made with Linux network namespaces (needs root and iproute2, as in CI): a private
 * "switch" namespace holding a bridge, and one namespace per host joined to it by a veth pair,
 * each with its own address on a /24 that exists only inside these namespaces. Processes run in
 * a host with `ip netns exec`. `destroy()` kills them and removes every namespace it made.
 */
import { type ChildProcess, execFileSync, spawn, type SpawnOptions } from "node:child_process";

export interface TestHost {
  name: string;
  ns: string;
  address: string;
  /** the switch-side end of the host's link (cut it with `ip link set … down` in the switch) */
  switchPort: string;
}

function ip(...args: string[]): void {
  execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"], timeout: 10_000 });
}

export class TestNetwork {
  readonly hosts = new Map<string, TestHost>();
  private readonly processes = new Set<ChildProcess>();
  private readonly switchNs: string;
  private readonly namespaces: string[] = [];

  /** `tag` keeps names unique per run; `subnet` is the first three octets, e.g. "10.231.7". */
  constructor(private readonly tag: string, private readonly subnet: string) {
    this.switchNs = `spsw-${tag}`;
  }

  create(names: string[]): void {
    ip("netns", "add", this.switchNs);
    this.namespaces.push(this.switchNs);
    ip("-n", this.switchNs, "link", "add", "br0", "type", "bridge");
    ip("-n", this.switchNs, "link", "set", "br0", "up");
    ip("-n", this.switchNs, "link", "set", "lo", "up");
    names.forEach((name, i) => {
      const ns = `sp${name}-${this.tag}`;
      const address = `${this.subnet}.${i + 1}`;
      const port = `p${i}-${this.tag}`.slice(0, 15);
      ip("netns", "add", ns);
      this.namespaces.push(ns);
      ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns", this.switchNs);
      ip("-n", ns, "addr", "add", `${address}/24`, "dev", "eth0");
      ip("-n", ns, "link", "set", "eth0", "up");
      ip("-n", ns, "link", "set", "lo", "up");
      ip("-n", this.switchNs, "link", "set", port, "master", "br0");
      ip("-n", this.switchNs, "link", "set", port, "up");
      this.hosts.set(name, { name, ns, address, switchPort: port });
    });
  }

  host(name: string): TestHost {
    const h = this.hosts.get(name);
    if (!h) throw new Error(`no test host ${name}`);
    return h;
  }

  /** Starts `command` in a host; its output is kept (last 20 kB) for diagnostics. */
  run(host: string, command: string[], options: SpawnOptions = {}): ChildProcess & { output: () => string } {
    const child = spawn("ip", ["netns", "exec", this.host(host).ns, ...command], { stdio: ["ignore", "pipe", "pipe"], ...options }) as ChildProcess & { output: () => string };
    let out = "";
    const keep = (d: Buffer): void => {
      out = (out + d.toString()).slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.output = () => out;
    this.processes.add(child);
    child.on("exit", () => this.processes.delete(child));
    return child;
  }

  /** Cuts (or restores) a host's link to the switch. */
  setLink(host: string, up: boolean): void {
    ip("-n", this.switchNs, "link", "set", this.host(host).switchPort, up ? "up" : "down");
  }

  /** Kills every process started here (and what they started in their namespaces) and removes the namespaces. */
  destroy(): void {
    for (const p of this.processes) p.kill("SIGKILL");
    for (const ns of this.namespaces) {
      try {
        const pids = execFileSync("ip", ["netns", "pids", ns], { encoding: "utf8", timeout: 10_000 }).trim().split(/\s+/).filter(Boolean);
        for (const pid of pids) {
          try {
            process.kill(Number(pid), "SIGKILL");
          } catch {
            // gone
          }
        }
      } catch {
        // namespace already gone
      }
    }
    for (const ns of this.namespaces.reverse()) {
      try {
        ip("netns", "del", ns);
      } catch {
        // already removed
      }
    }
  }
}

/** Resolves when `predicate(output)` holds for the process's output, or rejects after `timeoutMs`. */
export function waitForOutput(child: ChildProcess & { output: () => string }, predicate: (out: string) => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (predicate(child.output())) {
        clearInterval(timer);
        clearTimeout(deadline);
        resolve();
      }
    };
    const timer = setInterval(check, 100);
    const deadline = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`timed out waiting for ${what}; output so far:\n${child.output()}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      check();
      setTimeout(() => {
        clearInterval(timer);
        clearTimeout(deadline);
        reject(new Error(`${what}: the process exited (code ${code}) first; output:\n${child.output()}`));
      }, 200);
    });
  });
}
