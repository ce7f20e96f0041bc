// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface RegisterWorkerParams {
  'workerId'?: (string);
  'host'?: (string);
  'port'?: (number);
  'cores'?: (number);
  'memoryBytes'?: (number | string | Long);
}

export interface RegisterWorkerParams__Output {
  'workerId': (string);
  'host': (string);
  'port': (number);
  'cores': (number);
  'memoryBytes': (number);
}
