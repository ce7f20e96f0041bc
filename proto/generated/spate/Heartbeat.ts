// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface Heartbeat {
  'sentAtMs'?: (number | string | Long);
  'memoryUsedBytes'?: (number | string | Long);
}

export interface Heartbeat__Output {
  'sentAtMs': (number);
  'memoryUsedBytes': (number);
}
