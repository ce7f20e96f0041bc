// Original file: proto/spate.proto

import type { WorkerState as _spate_WorkerState, WorkerState__Output as _spate_WorkerState__Output } from '../spate/WorkerState';

export interface ClusterStateResult {
  'workers'?: (_spate_WorkerState)[];
  'appIds'?: (string)[];
}

export interface ClusterStateResult__Output {
  'workers': (_spate_WorkerState__Output)[];
  'appIds': (string)[];
}
