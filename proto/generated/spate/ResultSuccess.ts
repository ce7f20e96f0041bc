// Original file: proto/spate.proto

import type { AccumulatorUpdate as _spate_AccumulatorUpdate, AccumulatorUpdate__Output as _spate_AccumulatorUpdate__Output } from '../spate/AccumulatorUpdate';

export interface ResultSuccess {
  'result'?: (Buffer | Uint8Array | string);
  'accumulators'?: (_spate_AccumulatorUpdate)[];
  'cached'?: (string)[];
}

export interface ResultSuccess__Output {
  'result': (Buffer);
  'accumulators': (_spate_AccumulatorUpdate__Output)[];
  'cached': (string)[];
}
