// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface KillTask {
  'taskId'?: (number | string | Long);
}

export interface KillTask__Output {
  'taskId': (number);
}
