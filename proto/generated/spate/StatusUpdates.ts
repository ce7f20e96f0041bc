// Original file: proto/spate.proto

import type { TaskStatus as _spate_TaskStatus, TaskStatus__Output as _spate_TaskStatus__Output } from '../spate/TaskStatus';

export interface StatusUpdates {
  'tasks'?: (_spate_TaskStatus)[];
}

export interface StatusUpdates__Output {
  'tasks': (_spate_TaskStatus__Output)[];
}
