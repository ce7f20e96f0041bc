// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface DropBroadcast {
  'broadcastId'?: (number | string | Long);
}

export interface DropBroadcast__Output {
  'broadcastId': (number);
}
