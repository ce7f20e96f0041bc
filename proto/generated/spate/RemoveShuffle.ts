// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface RemoveShuffle {
  'shuffleId'?: (number | string | Long);
}

export interface RemoveShuffle__Output {
  'shuffleId': (number);
}
