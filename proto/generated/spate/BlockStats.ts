// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface BlockStats {
  'shuffles'?: (number);
  'shuffleBlocks'?: (number);
  'spilledFiles'?: (number);
  'cachedPartitions'?: (number);
  'memoryBytes'?: (number | string | Long);
}

export interface BlockStats__Output {
  'shuffles': (number);
  'shuffleBlocks': (number);
  'spilledFiles': (number);
  'cachedPartitions': (number);
  'memoryBytes': (number);
}
