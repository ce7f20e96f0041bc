// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface FetchBlockParams {
  'shuffleId'?: (number | string | Long);
  'mapIndex'?: (number | string | Long);
  'reducePartition'?: (number | string | Long);
}

export interface FetchBlockParams__Output {
  'shuffleId': (number);
  'mapIndex': (number);
  'reducePartition': (number);
}
