// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface RegisterApplicationParams {
  'appName'?: (string);
  'driverUrl'?: (string);
  'maxCores'?: (number);
  'coresPerExecutor'?: (number);
  'executorMemoryBytes'?: (number | string | Long);
  'driverPublicKey'?: (Buffer | Uint8Array | string);
  'waitMs'?: (number);
}

export interface RegisterApplicationParams__Output {
  'appName': (string);
  'driverUrl': (string);
  'maxCores': (number);
  'coresPerExecutor': (number);
  'executorMemoryBytes': (number);
  'driverPublicKey': (Buffer);
  'waitMs': (number);
}
