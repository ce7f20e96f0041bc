// Original file: proto/spate.proto

import type { BlockStats as _spate_BlockStats, BlockStats__Output as _spate_BlockStats__Output } from '../spate/BlockStats';
import type { Long } from '@grpc/proto-loader';

export interface Heartbeat {
  'sentAtMs'?: (number | string | Long);
  'memoryUsedBytes'?: (number | string | Long);
  'blocks'?: (_spate_BlockStats | null);
}

export interface Heartbeat__Output {
  'sentAtMs': (number);
  'memoryUsedBytes': (number);
  'blocks': (_spate_BlockStats__Output | null);
}
