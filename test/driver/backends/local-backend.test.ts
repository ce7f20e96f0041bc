/**
 * The local[N] backend without the public API module: it asks core/local-executor.ts for its
 * in-process executor, fails with INTERNAL saying what to import when none is registered, and
 * otherwise drives whatever the registered factory made (here a fake that records its calls),
 * decoding the end reasons it reports. This file must not import api/index.js: that would register
 * the real Executor.
 */
import test from "ava";
import type { EngineError } from "../../../core/engine-error.js";
import { type LocalExecutor, type LocalExecutorOptions, registerLocalExecutorFactory } from "../../../core/local-executor.js";
import type { TaskDescription } from "../../../core/task/task-description.js";
import type { TaskEndReason } from "../../../core/task/task-end-reason.js";
import { encodeValue } from "../../../core/wire/value-codec.js";
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
  launch(task: TaskDescription): void {
    this.calls.push(`launch ${task.taskId}`);
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

  backend.launch(LOCAL_EXECUTOR_ID, { taskId: 5 } as TaskDescription);
  backend.kill(LOCAL_EXECUTOR_ID, 5);
  backend.removeShuffle(1);
  backend.removeRdd(2);
  backend.dropBroadcast(3);
  await backend.stop();
  t.deepEqual(fake.calls, ["ready", "launch 5", "kill 5", "removeShuffle 1", "removeRdd 2", "dropBroadcast 3", "stop"]);

  fake.options.onTaskEnded(5, encodeValue({ kind: "killed", reason: "asked to" }, "test"), 12);
  fake.options.onTaskEnded(6, new Uint8Array([0xff, 0x00]), 1);
  t.deepEqual(heard.ended[0], [5, { kind: "killed", reason: "asked to" }, 12]);
  const [taskId, reason] = heard.ended[1]!;
  t.is(taskId, 6);
  t.like(reason, { kind: "exception", code: "CORRUPT_DATA", retriable: true });
});
