// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface FetchBroadcastParams {
  'broadcastId'?: (number | string | Long);
}

export interface FetchBroadcastParams__Output {
  'broadcastId': (number);
}
