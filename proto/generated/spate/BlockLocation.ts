// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface BlockLocation {
  'mapIndex'?: (number | string | Long);
  'executorId'?: (string);
  'address'?: (string);
  'size'?: (number | string | Long);
}

export interface BlockLocation__Output {
  'mapIndex': (number);
  'executorId': (string);
  'address': (string);
  'size': (number);
}
