// Original file: proto/spate.proto

import type { Registered as _spate_Registered, Registered__Output as _spate_Registered__Output } from '../spate/Registered';
import type { LaunchTasks as _spate_LaunchTasks, LaunchTasks__Output as _spate_LaunchTasks__Output } from '../spate/LaunchTasks';
import type { KillTask as _spate_KillTask, KillTask__Output as _spate_KillTask__Output } from '../spate/KillTask';
import type { RemoveShuffle as _spate_RemoveShuffle, RemoveShuffle__Output as _spate_RemoveShuffle__Output } from '../spate/RemoveShuffle';
import type { RemoveRdd as _spate_RemoveRdd, RemoveRdd__Output as _spate_RemoveRdd__Output } from '../spate/RemoveRdd';
import type { DropBroadcast as _spate_DropBroadcast, DropBroadcast__Output as _spate_DropBroadcast__Output } from '../spate/DropBroadcast';
import type { Shutdown as _spate_Shutdown, Shutdown__Output as _spate_Shutdown__Output } from '../spate/Shutdown';

export interface DriverMessage {
  'registered'?: (_spate_Registered | null);
  'launch'?: (_spate_LaunchTasks | null);
  'kill'?: (_spate_KillTask | null);
  'removeShuffle'?: (_spate_RemoveShuffle | null);
  'removeRdd'?: (_spate_RemoveRdd | null);
  'dropBroadcast'?: (_spate_DropBroadcast | null);
  'shutdown'?: (_spate_Shutdown | null);
  'body'?: "registered"|"launch"|"kill"|"removeShuffle"|"removeRdd"|"dropBroadcast"|"shutdown";
}

export interface DriverMessage__Output {
  'registered'?: (_spate_Registered__Output | null);
  'launch'?: (_spate_LaunchTasks__Output | null);
  'kill'?: (_spate_KillTask__Output | null);
  'removeShuffle'?: (_spate_RemoveShuffle__Output | null);
  'removeRdd'?: (_spate_RemoveRdd__Output | null);
  'dropBroadcast'?: (_spate_DropBroadcast__Output | null);
  'shutdown'?: (_spate_Shutdown__Output | null);
  'body'?: "registered"|"launch"|"kill"|"removeShuffle"|"removeRdd"|"dropBroadcast"|"shutdown";
}
