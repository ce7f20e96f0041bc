// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface RegisterWorkerParams {
  'workerId'?: (string);
  'host'?: (string);
  'port'?: (number);
  'cores'?: (number);
  'memoryBytes'?: (number | string | Long);
  'publicKey'?: (Buffer | Uint8Array | string);
}

export interface RegisterWorkerParams__Output {
  'workerId': (string);
  'host': (string);
  'port': (number);
  'cores': (number);
  'memoryBytes': (number);
  'publicKey': (Buffer);
}
