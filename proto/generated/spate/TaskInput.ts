// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface TaskInput {
  'rddId'?: (number | string | Long);
  'partition'?: (number | string | Long);
  'data'?: (Buffer | Uint8Array | string);
}

export interface TaskInput__Output {
  'rddId': (number);
  'partition': (number);
  'data': (Buffer);
}
