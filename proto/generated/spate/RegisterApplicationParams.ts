// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface RegisterApplicationParams {
  'appName'?: (string);
  'driverUrl'?: (string);
  'maxCores'?: (number);
  'coresPerExecutor'?: (number);
  'executorMemoryBytes'?: (number | string | Long);
}

export interface RegisterApplicationParams__Output {
  'appName': (string);
  'driverUrl': (string);
  'maxCores': (number);
  'coresPerExecutor': (number);
  'executorMemoryBytes': (number);
}
