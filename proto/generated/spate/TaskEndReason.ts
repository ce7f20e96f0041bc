// Original file: proto/spate.proto

import type { MapSuccess as _spate_MapSuccess, MapSuccess__Output as _spate_MapSuccess__Output } from '../spate/MapSuccess';
import type { ResultSuccess as _spate_ResultSuccess, ResultSuccess__Output as _spate_ResultSuccess__Output } from '../spate/ResultSuccess';
import type { TaskException as _spate_TaskException, TaskException__Output as _spate_TaskException__Output } from '../spate/TaskException';
import type { FetchFailed as _spate_FetchFailed, FetchFailed__Output as _spate_FetchFailed__Output } from '../spate/FetchFailed';
import type { ExecutorLost as _spate_ExecutorLost, ExecutorLost__Output as _spate_ExecutorLost__Output } from '../spate/ExecutorLost';
import type { TaskKilled as _spate_TaskKilled, TaskKilled__Output as _spate_TaskKilled__Output } from '../spate/TaskKilled';

export interface TaskEndReason {
  'mapSuccess'?: (_spate_MapSuccess | null);
  'resultSuccess'?: (_spate_ResultSuccess | null);
  'exception'?: (_spate_TaskException | null);
  'fetchFailed'?: (_spate_FetchFailed | null);
  'executorLost'?: (_spate_ExecutorLost | null);
  'killed'?: (_spate_TaskKilled | null);
  'end'?: "mapSuccess"|"resultSuccess"|"exception"|"fetchFailed"|"executorLost"|"killed";
}

export interface TaskEndReason__Output {
  'mapSuccess'?: (_spate_MapSuccess__Output | null);
  'resultSuccess'?: (_spate_ResultSuccess__Output | null);
  'exception'?: (_spate_TaskException__Output | null);
  'fetchFailed'?: (_spate_FetchFailed__Output | null);
  'executorLost'?: (_spate_ExecutorLost__Output | null);
  'killed'?: (_spate_TaskKilled__Output | null);
  'end'?: "mapSuccess"|"resultSuccess"|"exception"|"fetchFailed"|"executorLost"|"killed";
}
