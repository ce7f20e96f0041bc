/**
 * The local[N] backend without the public API module: it asks core/local-executor.ts for its
 * in-process executor, fails with INTERNAL saying what to import when none is registered, and
 * otherwise drives whatever the registered factory made (here a fake that records its calls):
 * tasks and end reasons cross the same protobuf messages a cluster uses. This file must not
 * import api/index.js: that would register the real Executor.
 */
import test from "ava";
import type { EngineError } from "../../../core/engine-error.js";
import { type LocalExecutor, type LocalExecutorOptions, registerLocalExecutorFactory } from "../../../core/local-executor.js";
import type { TaskDescription } from "../../../core/task/task-description.js";
import type { TaskEndReason } from "../../../core/task/task-end-reason.js";
import { LOCAL_EXECUTOR_ID, LocalBackend } from "../../../driver/backends/local-backend.js";
import type { BackendListener } from "../../../driver/backends/scheduler-backend.js";

interface Heard {
  ended: Array<[number, TaskEndReason, number]>;
  added: Array<[string, number]>;
}

function listener(): BackendListener & Heard {
  const heard: Heard = { ended: [], added: [] };
  return Object.assign(heard, {
    taskEnded: (taskId: number, reason: TaskEndReason, runMs: number) => void heard.ended.push([taskId, reason, runMs]),
    executorAdded: (id: string, slots: number) => void heard.added.push([id, slots]),
    executorLost: () => {
      throw new Error("an in-process executor is never lost");
    },
  });
}

class FakeExecutor implements LocalExecutor {
  readonly calls: string[] = [];
  constructor(readonly options: LocalExecutorOptions) {}
  async ready(): Promise<void> {
    this.calls.push("ready");
  }
  readonly launched: TaskDescription[] = [];
  launch(task: TaskDescription): void {
    this.calls.push(`launch ${task.taskId}`);
    this.launched.push(task);
  }
  blockStats() {
    return { shuffles: 1, shuffleBlocks: 2, spilledFiles: 0, cachedPartitions: 3, memoryBytes: 4 };
  }
  kill(taskId: number): void {
    this.calls.push(`kill ${taskId}`);
  }
  removeShuffle(shuffleId: number): void {
    this.calls.push(`removeShuffle ${shuffleId}`);
  }
  removeRdd(rddId: number): void {
    this.calls.push(`removeRdd ${rddId}`);
  }
  dropBroadcast(id: number): void {
    this.calls.push(`dropBroadcast ${id}`);
  }
  async stop(): Promise<void> {
    this.calls.push("stop");
  }
}

const services = { broadcastBytes: async (id: number) => new Uint8Array([id]) };

test.serial("with no executor factory registered, start fails with INTERNAL naming the public module", async (t) => {
  const err = (await t.throwsAsync(new LocalBackend(2).start(listener(), services))) as EngineError;
  t.is(err.code, "INTERNAL");
  t.regex(err.message, /no(ne is)? registered[\s\S]*api\/index\.js/);
});

test.serial("the backend drives the executor the registered factory makes, and decodes what it reports", async (t) => {
  const made: FakeExecutor[] = [];
  registerLocalExecutorFactory((options) => {
    const e = new FakeExecutor(options);
    made.push(e);
    return e;
  });
  const heard = listener();
  const backend = new LocalBackend(3);
  await backend.start(heard, services);
  t.is(made.length, 1);
  const fake = made[0]!;
  t.is(fake.options.executorId, LOCAL_EXECUTOR_ID);
  t.is(fake.options.slots, 3);
  t.deepEqual(await fake.options.fetchBroadcast(7), new Uint8Array([7]));
  t.deepEqual(heard.added, [[LOCAL_EXECUTOR_ID, 3]]);
  t.deepEqual(backend.executors(), [{ executorId: LOCAL_EXECUTOR_ID, slots: 3 }]);

  const task: TaskDescription = {
    taskId: 5, jobId: 0, stageId: 1, stageAttempt: 0, partition: 2, attempt: 0, planKey: "r0", plan: new Uint8Array([1, 2, 3]),
    inputs: [{ rddId: 4, partition: 2, data: new Uint8Array([9]) }], shuffleReads: [{ shuffleId: 0, reducePartition: 2, locations: [{ mapIndex: 0, executorId: "driver", address: "", size: 10 }] }],
    cacheKeys: ["4:2"], baseDir: "/tmp",
  };
  backend.launch(LOCAL_EXECUTOR_ID, task);
  await Promise.resolve(); // tasks launched in one turn cross together, in a microtask
  t.deepEqual(fake.launched, [task], "the task crossed the wire form whole");
  t.not(fake.launched[0], task, "as a decoded copy");
  backend.kill(LOCAL_EXECUTOR_ID, 5);
  backend.removeShuffle(1);
  backend.removeRdd(2);
  backend.dropBroadcast(3);
  t.deepEqual(backend.blockStats().get(LOCAL_EXECUTOR_ID), fake.blockStats());
  await backend.stop();
  t.deepEqual(fake.calls, ["ready", "launch 5", "kill 5", "removeShuffle 1", "removeRdd 2", "dropBroadcast 3", "stop"]);

  fake.options.onTaskEnded(5, { kind: "killed", reason: "asked to" }, 12);
  const result: TaskEndReason = { kind: "resultSuccess", result: new Uint8Array([7, 8]), accumulators: [[1, 2.5]], cached: ["4:2"] };
  fake.options.onTaskEnded(6, result, 1);
  t.deepEqual(heard.ended, [[5, { kind: "killed", reason: "asked to" }, 12], [6, result, 1]]);
});
