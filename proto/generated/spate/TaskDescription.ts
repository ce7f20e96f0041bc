// Original file: proto/spate.proto

import type { TaskInput as _spate_TaskInput, TaskInput__Output as _spate_TaskInput__Output } from '../spate/TaskInput';
import type { ShuffleRead as _spate_ShuffleRead, ShuffleRead__Output as _spate_ShuffleRead__Output } from '../spate/ShuffleRead';
import type { Long } from '@grpc/proto-loader';

export interface TaskDescription {
  'taskId'?: (number | string | Long);
  'jobId'?: (number | string | Long);
  'stageId'?: (number | string | Long);
  'stageAttempt'?: (number | string | Long);
  'partition'?: (number | string | Long);
  'attempt'?: (number | string | Long);
  'planKey'?: (string);
  'plan'?: (Buffer | Uint8Array | string);
  'inputs'?: (_spate_TaskInput)[];
  'shuffleReads'?: (_spate_ShuffleRead)[];
  'cacheKeys'?: (string)[];
  'baseDir'?: (string);
}

export interface TaskDescription__Output {
  'taskId': (number);
  'jobId': (number);
  'stageId': (number);
  'stageAttempt': (number);
  'partition': (number);
  'attempt': (number);
  'planKey': (string);
  'plan': (Buffer);
  'inputs': (_spate_TaskInput__Output)[];
  'shuffleReads': (_spate_ShuffleRead__Output)[];
  'cacheKeys': (string)[];
  'baseDir': (string);
}
