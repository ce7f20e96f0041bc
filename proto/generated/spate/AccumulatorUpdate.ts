// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface AccumulatorUpdate {
  'id'?: (number | string | Long);
  'amount'?: (number | string);
}

export interface AccumulatorUpdate__Output {
  'id': (number);
  'amount': (number);
}
