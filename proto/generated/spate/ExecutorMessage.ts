// Original file: proto/spate.proto

import type { RegisterExecutor as _spate_RegisterExecutor, RegisterExecutor__Output as _spate_RegisterExecutor__Output } from '../spate/RegisterExecutor';
import type { StatusUpdates as _spate_StatusUpdates, StatusUpdates__Output as _spate_StatusUpdates__Output } from '../spate/StatusUpdates';
import type { Heartbeat as _spate_Heartbeat, Heartbeat__Output as _spate_Heartbeat__Output } from '../spate/Heartbeat';

export interface ExecutorMessage {
  'register'?: (_spate_RegisterExecutor | null);
  'status'?: (_spate_StatusUpdates | null);
  'heartbeat'?: (_spate_Heartbeat | null);
  'body'?: "register"|"status"|"heartbeat";
}

export interface ExecutorMessage__Output {
  'register'?: (_spate_RegisterExecutor__Output | null);
  'status'?: (_spate_StatusUpdates__Output | null);
  'heartbeat'?: (_spate_Heartbeat__Output | null);
  'body'?: "register"|"status"|"heartbeat";
}
