// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface RemoveRdd {
  'rddId'?: (number | string | Long);
}

export interface RemoveRdd__Output {
  'rddId': (number);
}
