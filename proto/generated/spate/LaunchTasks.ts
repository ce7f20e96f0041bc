// Original file: proto/spate.proto

import type { TaskDescription as _spate_TaskDescription, TaskDescription__Output as _spate_TaskDescription__Output } from '../spate/TaskDescription';

export interface LaunchTasks {
  'tasks'?: (_spate_TaskDescription)[];
}

export interface LaunchTasks__Output {
  'tasks': (_spate_TaskDescription__Output)[];
}
