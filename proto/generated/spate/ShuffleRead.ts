// Original file: proto/spate.proto

import type { BlockLocation as _spate_BlockLocation, BlockLocation__Output as _spate_BlockLocation__Output } from '../spate/BlockLocation';
import type { Long } from '@grpc/proto-loader';

export interface ShuffleRead {
  'shuffleId'?: (number | string | Long);
  'reducePartition'?: (number | string | Long);
  'locations'?: (_spate_BlockLocation)[];
}

export interface ShuffleRead__Output {
  'shuffleId': (number);
  'reducePartition': (number);
  'locations': (_spate_BlockLocation__Output)[];
}
