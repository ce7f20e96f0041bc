import test from "ava";
import { DAGScheduler, MAX_CONSECUTIVE_STAGE_ATTEMPTS } from "../../../driver/scheduler/dag-scheduler.js";
import type { DagCommand, StageGraphSpec, TaskLaunch } from "../../../driver/scheduler/dag-events.js";
import type { TaskEndReason } from "../../../core/task/task-end-reason.js";

const bytes = (n: number) => new Uint8Array([n]);
const mapOk = (executorId = "e1", sizes = [1, 1]): TaskEndReason => ({ kind: "mapSuccess", status: { executorId, sizes }, accumulators: [], cached: [] });
const resultOk = (n: number, accumulators: Array<[number, number]> = []): TaskEndReason => ({ kind: "resultSuccess", result: bytes(n), accumulators, cached: [] });
const boom: TaskEndReason = { kind: "exception", code: "TASK_FAILED", message: "boom", cause: { name: "Error", message: "boom" }, fnSource: "(x) => x", retriable: true };

function launched(cmds: DagCommand[]): TaskLaunch[] {
  return cmds.flatMap((c) => (c.kind === "launchTasks" ? c.tasks : []));
}

function kinds(cmds: DagCommand[]): string[] {
  return cmds.map((c) => c.kind);
}

/** result stage (2 partitions) reading shuffle 0, whose map stage has 2 partitions */
const twoStage: StageGraphSpec = {
  result: { rddId: 5, numPartitions: 2, partitions: [0, 1], parents: [0] },
  shuffles: [{ shuffleId: 0, rddId: 2, numMapPartitions: 2, parents: [] }],
};

test("a job without shuffles launches one task per partition and succeeds when all return", (t) => {
  const dag = new DAGScheduler(4);
  const cmds = dag.handle({ kind: "jobSubmitted", jobId: 0, graph: { result: { rddId: 1, numPartitions: 3, partitions: [0, 1, 2], parents: [] }, shuffles: [] } });
  const tasks = launched(cmds);
  t.deepEqual(tasks.map((x) => x.partition), [0, 1, 2]);
  t.true(tasks.every((x) => x.target.kind === "result" && x.attempt === 0));
  t.deepEqual(kinds(dag.handle({ kind: "taskEnded", taskId: tasks[1]!.taskId, reason: resultOk(1) })), ["partitionResult"]);
  dag.handle({ kind: "taskEnded", taskId: tasks[0]!.taskId, reason: resultOk(0) });
  const last = dag.handle({ kind: "taskEnded", taskId: tasks[2]!.taskId, reason: resultOk(2) });
  t.deepEqual(kinds(last), ["partitionResult", "jobSucceeded"]);
  t.is(dag.activeJobs, 0);
});

test("stages are cut at shuffles: the map stage runs first, then the result stage", (t) => {
  const dag = new DAGScheduler(4);
  const first = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: twoStage }));
  t.deepEqual(first.map((x) => x.target), [{ kind: "shuffleMap", shuffleId: 0 }, { kind: "shuffleMap", shuffleId: 0 }]);
  const firstEnd = dag.handle({ kind: "taskEnded", taskId: first[0]!.taskId, reason: mapOk() });
  t.deepEqual(launched(firstEnd), []);
  const cmds = dag.handle({ kind: "taskEnded", taskId: first[1]!.taskId, reason: mapOk("e2") });
  t.true(kinds(cmds).includes("stageCompleted"));
  const second = launched(cmds);
  t.deepEqual(second.map((x) => x.target.kind), ["result", "result"]);
  const outputs = [...firstEnd, ...cmds].flatMap((c) => (c.kind === "mapOutput" ? [[c.shuffleId, c.mapIndex, c.status.executorId]] : []));
  t.deepEqual(outputs, [[0, 0, "e1"], [0, 1, "e2"]], "each map output is told to the shell once, where it lives");
});

test("a lost executor's map outputs are lost: told once, and the next job that needs them recomputes only those", (t) => {
  const dag = new DAGScheduler(4);
  const maps = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: twoStage }));
  let results: TaskLaunch[] = [];
  results = results.concat(launched(dag.handle({ kind: "taskEnded", taskId: maps[0]!.taskId, reason: mapOk("e1") })));
  results = results.concat(launched(dag.handle({ kind: "taskEnded", taskId: maps[1]!.taskId, reason: mapOk("e2") })));
  for (const r of results) dag.handle({ kind: "taskEnded", taskId: r.taskId, reason: resultOk(r.partition) });
  t.deepEqual(dag.handle({ kind: "executorLost", executorId: "e2" }), [{ kind: "mapOutputsLost", lost: { executorId: "e2" } }]);
  t.deepEqual(dag.handle({ kind: "executorLost", executorId: "e2" }), [], "nothing more to lose");
  t.deepEqual(dag.handle({ kind: "executorLost", executorId: "e9" }), [], "an executor that held nothing");
  const again = launched(dag.handle({ kind: "jobSubmitted", jobId: 1, graph: twoStage }));
  t.deepEqual(again.map((x) => [x.target.kind, x.partition]), [["shuffleMap", 1]], "only the lost map partition runs again");
});

test("a shuffle no program can reach is forgotten with its stage and bookkeeping, unless a running job reads it", (t) => {
  const dag = new DAGScheduler(4);
  const maps = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: twoStage }));
  t.deepEqual(dag.handle({ kind: "shuffleRemoved", shuffleId: 0 }), []);
  t.is(dag.stateSize.shuffles, 1, "job 0 still needs it");
  let results: TaskLaunch[] = [];
  for (const m of maps) results = results.concat(launched(dag.handle({ kind: "taskEnded", taskId: m.taskId, reason: mapOk() })));
  for (const r of results) dag.handle({ kind: "taskEnded", taskId: r.taskId, reason: resultOk(r.partition) });
  t.is(dag.activeJobs, 0);
  dag.handle({ kind: "shuffleRemoved", shuffleId: 0 });
  t.deepEqual(dag.stateSize, { stages: 0, shuffles: 0, tasks: 0, keys: 0 });
});

test("a shuffle whose outputs exist is not run again by a later job", (t) => {
  const dag = new DAGScheduler(4);
  const maps = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: twoStage }));
  let results: TaskLaunch[] = [];
  for (const m of maps) results = results.concat(launched(dag.handle({ kind: "taskEnded", taskId: m.taskId, reason: mapOk() })));
  for (const r of results) dag.handle({ kind: "taskEnded", taskId: r.taskId, reason: resultOk(r.partition) });
  const again = launched(dag.handle({ kind: "jobSubmitted", jobId: 1, graph: twoStage }));
  t.deepEqual(again.map((x) => x.target.kind), ["result", "result"]);
});

test("a failed task is retried until maxFailures, each retry said, then its job fails with the last error", (t) => {
  const dag = new DAGScheduler(3);
  let task = launched(dag.handle({ kind: "jobSubmitted", jobId: 7, graph: { result: { rddId: 1, numPartitions: 1, partitions: [0], parents: [] }, shuffles: [] } }))[0]!;
  for (let attempt = 1; attempt < 3; attempt++) {
    const cmds = dag.handle({ kind: "taskEnded", taskId: task.taskId, reason: boom });
    t.deepEqual(cmds.filter((c) => c.kind === "taskRetried"), [{ kind: "taskRetried", stageId: task.stageId, partition: 0, failures: attempt, maxFailures: 3, message: "boom" }], "the user is told");
    const retry = launched(cmds);
    t.is(retry.length, 1);
    t.is(retry[0]!.attempt, attempt);
    t.is(retry[0]!.partition, 0);
    task = retry[0]!;
  }
  const end = dag.handle({ kind: "taskEnded", taskId: task.taskId, reason: boom });
  const failed = end.find((c) => c.kind === "jobFailed");
  t.truthy(failed);
  if (failed?.kind === "jobFailed") {
    t.is(failed.jobId, 7);
    t.is(failed.failure.code, "TASK_FAILED");
    t.is(failed.failure.attempts, 3);
    t.is(failed.failure.message, "boom");
    t.is(failed.failure.fnSource, "(x) => x");
    t.is(failed.failure.partition, 0);
  }
  t.is(dag.activeJobs, 0);
});

test("a failing job's other running tasks are killed and later reports are ignored", (t) => {
  const dag = new DAGScheduler(1);
  const tasks = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: { result: { rddId: 1, numPartitions: 2, partitions: [0, 1], parents: [] }, shuffles: [] } }));
  const end = dag.handle({ kind: "taskEnded", taskId: tasks[0]!.taskId, reason: boom });
  const kill = end.find((c) => c.kind === "killTasks");
  t.deepEqual(kill?.kind === "killTasks" ? kill.taskIds : [], [tasks[1]!.taskId]);
  t.deepEqual(dag.handle({ kind: "taskEnded", taskId: tasks[1]!.taskId, reason: resultOk(1) }), []);
});

test("an unserializable result fails the job at once, without retries", (t) => {
  const dag = new DAGScheduler(4);
  const task = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: { result: { rddId: 1, numPartitions: 1, partitions: [0], parents: [] }, shuffles: [] } }))[0]!;
  const end = dag.handle({ kind: "taskEnded", taskId: task.taskId, reason: { kind: "exception", code: "UNSERIALIZABLE", message: "a function", cause: { name: "EngineError", message: "a function" }, retriable: false } });
  const failed = end.find((c) => c.kind === "jobFailed");
  t.is(failed?.kind === "jobFailed" ? failed.failure.code : undefined, "UNSERIALIZABLE");
});

test("a lost executor's task is relaunched without counting as a failure", (t) => {
  const dag = new DAGScheduler(1);
  const task = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: { result: { rddId: 1, numPartitions: 1, partitions: [0], parents: [] }, shuffles: [] } }))[0]!;
  const retry = launched(dag.handle({ kind: "taskEnded", taskId: task.taskId, reason: { kind: "executorLost", executorId: "e1", message: "gone" } }));
  t.is(retry.length, 1);
  t.is(retry[0]!.attempt, 0);
  t.deepEqual(kinds(dag.handle({ kind: "taskEnded", taskId: retry[0]!.taskId, reason: resultOk(0) })), ["partitionResult", "jobSucceeded"]);
});

test("a fetch failure resubmits only the missing map partitions, then the failed stage", (t) => {
  const dag = new DAGScheduler(4);
  const maps = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: twoStage }));
  dag.handle({ kind: "taskEnded", taskId: maps[0]!.taskId, reason: mapOk("e1") });
  const reduces = launched(dag.handle({ kind: "taskEnded", taskId: maps[1]!.taskId, reason: mapOk("e2") }));
  dag.handle({ kind: "taskEnded", taskId: reduces[0]!.taskId, reason: resultOk(0) });
  const resubmitted = launched(dag.handle({ kind: "taskEnded", taskId: reduces[1]!.taskId, reason: { kind: "fetchFailed", shuffleId: 0, mapIndex: 1, executorId: "e2", message: "lost" } }));
  t.deepEqual(resubmitted.map((x) => [x.target.kind, x.partition]), [["shuffleMap", 1]]);
  const rerun = launched(dag.handle({ kind: "taskEnded", taskId: resubmitted[0]!.taskId, reason: mapOk("e1") }));
  t.deepEqual(rerun.map((x) => [x.target.kind, x.partition, x.attempt]), [["result", 1, 0]]);
  t.deepEqual(kinds(dag.handle({ kind: "taskEnded", taskId: rerun[0]!.taskId, reason: resultOk(1) })), ["partitionResult", "jobSucceeded"]);
});

test("a stage that keeps failing to fetch is aborted after the resubmission limit", (t) => {
  const dag = new DAGScheduler(4);
  let maps = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: twoStage }));
  let failure: DagCommand | undefined;
  for (let round = 0; round <= MAX_CONSECUTIVE_STAGE_ATTEMPTS && !failure; round++) {
    let reduces: TaskLaunch[] = [];
    for (const m of maps) reduces = reduces.concat(launched(dag.handle({ kind: "taskEnded", taskId: m.taskId, reason: mapOk("e1") })));
    const cmds = dag.handle({ kind: "taskEnded", taskId: reduces[0]!.taskId, reason: { kind: "fetchFailed", shuffleId: 0, mapIndex: 0, executorId: "e1", message: "lost" } });
    failure = cmds.find((c) => c.kind === "jobFailed");
    maps = launched(cmds);
  }
  t.is(failure?.kind === "jobFailed" ? failure.failure.code : undefined, "JOB_ABORTED");
  t.regex(failure?.kind === "jobFailed" ? failure.failure.message : "", /resubmitted 4 times/);
});

test("accumulator updates count once per partition, not for failed or duplicate attempts", (t) => {
  const dag = new DAGScheduler(4);
  const task = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: { result: { rddId: 1, numPartitions: 1, partitions: [0], parents: [] }, shuffles: [] } }))[0]!;
  const retry = launched(dag.handle({ kind: "taskEnded", taskId: task.taskId, reason: boom }))[0]!;
  const cmds = dag.handle({ kind: "taskEnded", taskId: retry.taskId, reason: resultOk(0, [[3, 5]]) });
  t.deepEqual(cmds.filter((c) => c.kind === "applyAccumulators"), [{ kind: "applyAccumulators", updates: [[3, 5]] }]);
});

test("a cancelled job fails with JOB_CANCELLED and kills its tasks", (t) => {
  const dag = new DAGScheduler(4);
  const tasks = launched(dag.handle({ kind: "jobSubmitted", jobId: 3, graph: twoStage }));
  const cmds = dag.handle({ kind: "jobCancelled", jobId: 3, reason: "user pressed Ctrl-C" });
  t.deepEqual(kinds(cmds), ["jobFailed", "killTasks"]);
  t.deepEqual(cmds[1]!.kind === "killTasks" ? cmds[1]!.taskIds : [], tasks.map((x) => x.taskId));
});

test("two jobs share a running map stage; each gets its own result stage", (t) => {
  const dag = new DAGScheduler(4);
  const maps = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: twoStage }));
  t.deepEqual(launched(dag.handle({ kind: "jobSubmitted", jobId: 1, graph: twoStage })), []);
  dag.handle({ kind: "taskEnded", taskId: maps[0]!.taskId, reason: mapOk() });
  const results = launched(dag.handle({ kind: "taskEnded", taskId: maps[1]!.taskId, reason: mapOk() }));
  t.deepEqual(results.map((r) => r.target.kind === "result" && r.target.jobId).sort(), [0, 0, 1, 1]);
});

test("a job over zero partitions succeeds at once", (t) => {
  const dag = new DAGScheduler(4);
  t.deepEqual(kinds(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: { result: { rddId: 1, numPartitions: 0, partitions: [], parents: [] }, shuffles: [] } })), ["jobSucceeded"]);
});

test("a speculative copy runs beside the original; the first success wins and the other is killed", (t) => {
  const dag = new DAGScheduler(4);
  const tasks = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: { result: { rddId: 1, numPartitions: 2, partitions: [0, 1], parents: [] }, shuffles: [] } }));
  dag.handle({ kind: "taskEnded", taskId: tasks[0]!.taskId, reason: resultOk(0, [[1, 1]]) });
  const copy = launched(dag.handle({ kind: "speculate", stageId: tasks[1]!.stageId, partition: 1 }));
  t.deepEqual(copy.map((c) => c.partition), [1]);
  t.not(copy[0]!.taskId, tasks[1]!.taskId);
  t.deepEqual(launched(dag.handle({ kind: "speculate", stageId: tasks[1]!.stageId, partition: 1 })), [], "one copy per partition");
  const cmds = dag.handle({ kind: "taskEnded", taskId: copy[0]!.taskId, reason: resultOk(1, [[1, 1]]) });
  const kill = cmds.find((c) => c.kind === "killTasks");
  t.deepEqual(kill?.kind === "killTasks" ? kill.taskIds : [], [tasks[1]!.taskId]);
  t.deepEqual(cmds.filter((c) => c.kind === "applyAccumulators").length, 1);
  t.true(kinds(cmds).includes("jobSucceeded"));
  t.deepEqual(dag.handle({ kind: "taskEnded", taskId: tasks[1]!.taskId, reason: resultOk(1, [[1, 1]]) }), [], "the original's late success counts for nothing");
});

test("fetch failures of many tasks of one stage attempt count as one resubmission", (t) => {
  const dag = new DAGScheduler(4);
  const wide: StageGraphSpec = {
    result: { rddId: 5, numPartitions: 6, partitions: [0, 1, 2, 3, 4, 5], parents: [0] },
    shuffles: [{ shuffleId: 0, rddId: 2, numMapPartitions: 2, parents: [] }],
  };
  const maps = launched(dag.handle({ kind: "jobSubmitted", jobId: 0, graph: wide }));
  dag.handle({ kind: "taskEnded", taskId: maps[0]!.taskId, reason: mapOk("e1") });
  const reduces = launched(dag.handle({ kind: "taskEnded", taskId: maps[1]!.taskId, reason: mapOk("e2") }));
  let failure: DagCommand | undefined;
  let relaunchedMaps = 0;
  for (const r of reduces) {
    const cmds = dag.handle({ kind: "taskEnded", taskId: r.taskId, reason: { kind: "fetchFailed", shuffleId: 0, mapIndex: 1, executorId: "e2", message: "lost" } });
    failure ??= cmds.find((c) => c.kind === "jobFailed");
    relaunchedMaps += launched(cmds).filter((x) => x.target.kind === "shuffleMap").length;
  }
  t.is(failure, undefined);
  t.is(relaunchedMaps, 1);
});
