// Original file: proto/spate.proto

import type { ExecutorRef as _spate_ExecutorRef, ExecutorRef__Output as _spate_ExecutorRef__Output } from '../spate/ExecutorRef';

export interface RegisterApplicationResult {
  'appId'?: (string);
  'executors'?: (_spate_ExecutorRef)[];
  'sealedAppKey'?: (Buffer | Uint8Array | string);
}

export interface RegisterApplicationResult__Output {
  'appId': (string);
  'executors': (_spate_ExecutorRef__Output)[];
  'sealedAppKey': (Buffer);
}
