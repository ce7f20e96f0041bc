// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface LaunchExecutorParams {
  'appId'?: (string);
  'executorId'?: (string);
  'driverUrl'?: (string);
  'cores'?: (number);
  'memoryBytes'?: (number | string | Long);
  'sealedAppKey'?: (Buffer | Uint8Array | string);
}

export interface LaunchExecutorParams__Output {
  'appId': (string);
  'executorId': (string);
  'driverUrl': (string);
  'cores': (number);
  'memoryBytes': (number);
  'sealedAppKey': (Buffer);
}
