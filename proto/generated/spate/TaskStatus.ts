// Original file: proto/spate.proto

import type { TaskEndReason as _spate_TaskEndReason, TaskEndReason__Output as _spate_TaskEndReason__Output } from '../spate/TaskEndReason';
import type { Long } from '@grpc/proto-loader';

export interface TaskStatus {
  'taskId'?: (number | string | Long);
  'runMs'?: (number | string);
  'reason'?: (_spate_TaskEndReason | null);
}

export interface TaskStatus__Output {
  'taskId': (number);
  'runMs': (number);
  'reason': (_spate_TaskEndReason__Output | null);
}
