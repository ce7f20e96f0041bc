/**
 * The driver's side of a cluster (ClusterBackend) against executors played by this test over real
 * gRPC on 127.0.0.1, with a launcher that starts nothing: who may join an application (only the
 * executors launched for it, with its key, under their own id, once), whose task status counts
 * (only the executor's the task was sent to), and an idle application giving its executors back
 * and asking for new ones at its next job.
 */
import test from "ava";
import type { DriverMessage__Output } from "../../../proto/generated/spate/DriverMessage.js";
import type { EngineError } from "../../../core/engine-error.js";
import type { Credential } from "../../../core/rpc/call-auth.js";
import { type ClientBidi, RpcClient } from "../../../core/rpc/rpc-client.js";
import { reasonToProto } from "../../../core/rpc/task-wire.js";
import type { TaskDescription } from "../../../core/task/task-description.js";
import type { TaskEndReason } from "../../../core/task/task-end-reason.js";
import { ClusterBackend } from "../../../driver/backends/cluster-backend.js";
import type { ExecutorLauncher, LaunchedApp } from "../../../driver/backends/executor-launcher.js";
import type { BackendListener } from "../../../driver/backends/scheduler-backend.js";

const APP_KEY = "a".repeat(64);
const OTHER_KEY = "b".repeat(64);

/** Launches nothing: says which executors it "started", and counts launches and releases. */
class PaperLauncher implements ExecutorLauncher {
  launches = 0;
  releases = 0;
  driverUrl = "";
  private launched: ((url: string) => void) | undefined;
  readonly firstLaunch = new Promise<string>((resolve) => (this.launched = resolve));

  constructor(readonly releasable: boolean, private readonly app: (n: number) => LaunchedApp) {}

  driverHost(): Promise<string> {
    return Promise.resolve("127.0.0.1");
  }

  launch(driverUrl: string): Promise<LaunchedApp> {
    this.driverUrl = driverUrl;
    const app = this.app(this.launches++);
    this.launched?.(driverUrl);
    return Promise.resolve(app);
  }

  release(): Promise<void> {
    this.releases++;
    return Promise.resolve();
  }

  diagnostics(): string {
    return "";
  }

  exitOf(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }
}

class Recorder implements BackendListener {
  readonly ended: Array<{ taskId: number; reason: TaskEndReason }> = [];
  readonly added: string[] = [];
  readonly lost: string[] = [];
  taskEnded(taskId: number, reason: TaskEndReason): void {
    this.ended.push({ taskId, reason });
  }
  executorAdded(executorId: string): void {
    this.added.push(executorId);
  }
  executorLost(executorId: string): void {
    this.lost.push(executorId);
  }
}

async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An executor played by the test: one Connect stream, what it received, and how it closed. */
class PlayedExecutor {
  readonly received: DriverMessage__Output[] = [];
  readonly closed: Promise<EngineError | null>;
  private readonly client: RpcClient;
  private stream!: ClientBidi<unknown, DriverMessage__Output>;
  private closedWith!: (e: EngineError | null) => void;

  constructor(driverUrl: string, credential: Credential) {
    this.client = new RpcClient(driverUrl, "Driver", { credential });
    this.closed = new Promise((resolve) => (this.closedWith = resolve));
  }

  async connect(): Promise<this> {
    this.stream = await this.client.bidi<unknown, DriverMessage__Output>("Connect", 10_000);
    this.stream.onMessage((m) => this.received.push(m));
    this.stream.onClose((e) => this.closedWith(e));
    return this;
  }

  send(msg: unknown): void {
    this.stream.send(msg);
  }

  register(executorId: string, cores = 1): void {
    this.send({ register: { executorId, host: "127.0.0.1", port: 1, cores } });
  }

  async registered(): Promise<string> {
    await until("the driver's answer", () => this.received.some((m) => m.body === "registered"));
    return this.received.find((m) => m.body === "registered")!.registered!.appId;
  }

  status(taskId: number, reason: TaskEndReason): void {
    this.send({ status: { tasks: [{ taskId, runMs: 1, reason: reasonToProto(reason) }] } });
  }

  launchedTaskIds(): number[] {
    return this.received.filter((m) => m.body === "launch").flatMap((m) => m.launch!.tasks.map((t) => Number(t.taskId)));
  }

  close(): void {
    this.stream?.end();
    this.client.close();
  }
}

function task(taskId: number): TaskDescription {
  return { taskId, jobId: 0, stageId: 0, stageAttempt: 0, partition: taskId, attempt: 0, planKey: "p", plan: new Uint8Array(1), inputs: [], shuffleReads: [], cacheKeys: [], baseDir: "/" };
}

function result(value: number): TaskEndReason {
  return { kind: "resultSuccess", result: new Uint8Array([value]), accumulators: [], cached: [] };
}

const app = (appId: string, executorIds: string[]) => (): LaunchedApp => ({ appId, appKey: APP_KEY, executorIds });
const as = (scope: string, key = APP_KEY): Credential => ({ kind: "app", scope, key });

test("only the executors launched for the application join it: with its key, under the id their key names, once", async (t) => {
  const launcher = new PaperLauncher(false, app("app-1", ["exec-0", "exec-1"]));
  const backend = new ClusterBackend(launcher, { registrationTimeoutMs: 10_000, executorTimeoutMs: 30_000 });
  const listener = new Recorder();
  const started = backend.start(listener, { broadcastBytes: () => Promise.reject(new Error("none")) });
  const played: PlayedExecutor[] = [];
  t.teardown(async () => {
    for (const p of played) p.close();
    await backend.stop();
  });
  const url = await launcher.firstLaunch;
  const join = async (cred: Credential): Promise<PlayedExecutor> => {
    const p = new PlayedExecutor(url, cred);
    played.push(p);
    return p.connect();
  };

  const refusals: Array<[string, Credential, string, RegExp]> = [
    ["the cluster's secret", { kind: "cluster", scope: "", key: APP_KEY }, "exec-0", /AUTH_FAILED|no cluster key/],
    ["another key", as("app-1/exec-0", OTHER_KEY), "exec-0", /wrong app key/],
    ["another application's scope", as("app-2/exec-0"), "exec-0", /no app key here/],
    ["an executor never launched", as("app-1/evil"), "evil", /no app key here for 'app-1\/evil'/],
    ["the application's key without an executor", as("app-1"), "exec-0", /no app key here/],
  ];
  for (const [what, cred, id, message] of refusals) {
    const p = await join(cred);
    p.register(id);
    const err = await p.closed;
    t.is(err?.code, "AUTH_FAILED", what);
    t.regex(err?.message ?? "", message, what);
  }
  const liar = await join(as("app-1/exec-0"));
  liar.register("exec-1");
  const lie = await liar.closed;
  t.is(lie?.code, "INVALID_ARGUMENT");
  t.regex(lie?.message ?? "", /'exec-1' is not the one its key speaks for \('exec-0'\)/);
  t.deepEqual(listener.added, [], "nobody joined yet");

  const e0 = await join(as("app-1/exec-0"));
  e0.register("exec-0", 2);
  t.is(await e0.registered(), "app-1");
  const again = await join(as("app-1/exec-0"));
  again.register("exec-0");
  t.is((await again.closed)?.code, "AUTH_FAILED", "an executor joins once");
  const e1 = await join(as("app-1/exec-1"));
  e1.register("exec-1");
  await e1.registered();
  await started;
  t.deepEqual(listener.added, ["exec-0", "exec-1"]);
  t.is(backend.totalSlots, 3);
});

test("a task's status counts only from the executor it was sent to, and only once", async (t) => {
  const launcher = new PaperLauncher(false, app("app-1", ["exec-0", "exec-1"]));
  const backend = new ClusterBackend(launcher, { registrationTimeoutMs: 10_000, executorTimeoutMs: 30_000 });
  const listener = new Recorder();
  const started = backend.start(listener, { broadcastBytes: () => Promise.reject(new Error("none")) });
  const url = await launcher.firstLaunch;
  const [e0, e1] = [new PlayedExecutor(url, as("app-1/exec-0")), new PlayedExecutor(url, as("app-1/exec-1"))];
  t.teardown(async () => {
    e0.close();
    e1.close();
    await backend.stop();
  });
  for (const [p, id] of [[e0, "exec-0"], [e1, "exec-1"]] as const) {
    await p.connect();
    p.register(id);
  }
  await started;

  backend.launch("exec-0", task(7));
  backend.launch("exec-1", task(8));
  await until("both tasks to arrive", () => e0.launchedTaskIds().includes(7) && e1.launchedTaskIds().includes(8));
  t.deepEqual(e1.launchedTaskIds(), [8], "each executor gets only its own tasks");
  // exec-1 answers for exec-0's task first, then for its own (one stream: the driver reads them in order)
  e1.status(7, result(99));
  e1.status(8, result(8));
  await until("task 8's status", () => listener.ended.some((e) => e.taskId === 8));
  t.deepEqual(listener.ended.map((e) => e.taskId), [8], "the status exec-1 sent for exec-0's task is ignored");
  e0.status(7, result(7));
  e0.status(7, result(77));
  e0.status(12345, result(1));
  e0.status(8, result(1));
  e0.send({ heartbeat: { sentAtMs: 1, memoryUsedBytes: 0 } });
  await until("task 7's status", () => listener.ended.some((e) => e.taskId === 7));
  // a round trip on exec-0's stream: everything it sent before has been read
  backend.launch("exec-0", task(9));
  await until("task 9 to arrive", () => e0.launchedTaskIds().includes(9));
  e0.status(9, result(9));
  await until("task 9's status", () => listener.ended.some((e) => e.taskId === 9));
  t.deepEqual(
    listener.ended.map((e) => [e.taskId, e.reason.kind === "resultSuccess" ? [...e.reason.result] : e.reason.kind]),
    [[8, [8]], [7, [7]], [9, [9]]],
    "exec-0's own answer counts once; unknown tasks and other executors' tasks are ignored",
  );
});

test("an application idle past idleReleaseMs gives its executors back, and asks for new ones at its next job", async (t) => {
  const launcher = new PaperLauncher(true, (n) => ({ appId: `app-${n}`, appKey: APP_KEY, executorIds: ["exec-0"] }));
  const backend = new ClusterBackend(launcher, { registrationTimeoutMs: 10_000, executorTimeoutMs: 30_000, idleReleaseMs: 300 });
  const listener = new Recorder();
  const started = backend.start(listener, { broadcastBytes: () => Promise.reject(new Error("none")) });
  const url = await launcher.firstLaunch;
  const first = await new PlayedExecutor(url, as("app-0/exec-0")).connect();
  t.teardown(async () => {
    first.close();
    await backend.stop();
  });
  first.register("exec-0");
  await started;
  await until("the idle release", () => launcher.releases === 1, 15_000);
  t.deepEqual(listener.lost, ["exec-0"]);
  t.is((await first.closed), null, "the executor's stream was ended by the driver");
  t.deepEqual(backend.executors(), []);

  backend.wake?.();
  await until("a second launch", () => launcher.launches === 2);
  t.is((await new PlayedExecutor(url, as("app-0/exec-0")).connect().then(async (p) => {
    p.register("exec-0");
    const e = await p.closed;
    p.close();
    return e?.code;
  })), "AUTH_FAILED", "the released application's executors cannot come back");
  const second = await new PlayedExecutor(url, as("app-1/exec-0")).connect();
  t.teardown(() => second.close());
  second.register("exec-0");
  t.is(await second.registered(), "app-1");
  t.deepEqual(listener.added, ["exec-0", "exec-0"]);
});
