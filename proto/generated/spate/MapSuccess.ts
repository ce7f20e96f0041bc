// Original file: proto/spate.proto

import type { AccumulatorUpdate as _spate_AccumulatorUpdate, AccumulatorUpdate__Output as _spate_AccumulatorUpdate__Output } from '../spate/AccumulatorUpdate';
import type { Long } from '@grpc/proto-loader';

export interface MapSuccess {
  'executorId'?: (string);
  'sizes'?: (number | string | Long)[];
  'accumulators'?: (_spate_AccumulatorUpdate)[];
  'cached'?: (string)[];
}

export interface MapSuccess__Output {
  'executorId': (string);
  'sizes': (number)[];
  'accumulators': (_spate_AccumulatorUpdate__Output)[];
  'cached': (string)[];
}
