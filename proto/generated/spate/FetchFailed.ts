// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface FetchFailed {
  'shuffleId'?: (number | string | Long);
  'mapIndex'?: (number | string | Long);
  'executorId'?: (string);
  'message'?: (string);
}

export interface FetchFailed__Output {
  'shuffleId': (number);
  'mapIndex': (number);
  'executorId': (string);
  'message': (string);
}
