// Original file: proto/spate.proto

import type { ExecutorRef as _spate_ExecutorRef, ExecutorRef__Output as _spate_ExecutorRef__Output } from '../spate/ExecutorRef';

export interface WorkerHeartbeatParams {
  'workerId'?: (string);
  'executors'?: (_spate_ExecutorRef)[];
}

export interface WorkerHeartbeatParams__Output {
  'workerId': (string);
  'executors': (_spate_ExecutorRef__Output)[];
}
